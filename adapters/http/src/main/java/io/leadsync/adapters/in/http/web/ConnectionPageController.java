package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.BackfillCommand;
import io.leadsync.application.port.in.BackfillUseCase;
import io.leadsync.application.port.in.CaptureRulesUseCase;
import io.leadsync.application.port.in.ChangeSettingsCommand;
import io.leadsync.application.port.in.ChangeSettingsUseCase;
import io.leadsync.application.port.in.ChangeSalesforceOptionsUseCase;
import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.in.ConnectionNotSyncingException;
import io.leadsync.application.port.in.CrmCallFailedException;
import io.leadsync.application.port.in.DisconnectCommand;
import io.leadsync.application.port.in.DisconnectUseCase;
import io.leadsync.application.port.in.InvalidSettingsException;
import io.leadsync.application.port.in.MappingInput;
import io.leadsync.application.port.in.ProvisionConnectionCommand;
import io.leadsync.application.port.in.ProvisionConnectionUseCase;
import io.leadsync.application.port.in.ReplaceMappingsCommand;
import io.leadsync.application.port.in.ReplaceMappingsUseCase;
import io.leadsync.application.port.in.SyncNowCommand;
import io.leadsync.application.port.in.SyncNowUseCase;
import io.leadsync.application.port.in.SyncReport;
import io.leadsync.domain.crm.ConflictPolicy;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.Readiness;
import io.leadsync.domain.crm.Suppressions;
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.crm.SyncFrequency;
import io.leadsync.domain.lead.EmailAddress;
import io.leadsync.domain.lead.InvalidLeadException;
import io.leadsync.domain.lead.LeadField;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One connection: its readiness problems with their fixes, "Provision again", sync settings, the field mapping editor
 * (with the backfill offer after a change), "Sync now" and Disconnect. A connection of another workspace is not
 * found, whatever its id.
 */
@Controller("/app/connections/{connectionId}")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ConnectionPageController {
    /** As the admin API checks domains (CaptureRulesController). */
    private static final Pattern DOMAIN = Pattern.compile("(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
            + "(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");

    private final ConnectionViews views;
    private final ProvisionConnectionUseCase provisioning;
    private final ChangeSettingsUseCase settings;
    private final ReplaceMappingsUseCase mappings;
    private final BackfillUseCase backfill;
    private final SyncNowUseCase syncNow;
    private final DisconnectUseCase disconnect;
    private final CaptureRulesUseCase captureRules;
    private final ChangeSalesforceOptionsUseCase salesforceOptions;

    ConnectionPageController(ConnectionViews views, ProvisionConnectionUseCase provisioning,
                             ChangeSettingsUseCase settings, ReplaceMappingsUseCase mappings, BackfillUseCase backfill,
                             SyncNowUseCase syncNow, DisconnectUseCase disconnect, CaptureRulesUseCase captureRules,
                             ChangeSalesforceOptionsUseCase salesforceOptions) {
        this.salesforceOptions = salesforceOptions;
        this.views = views;
        this.provisioning = provisioning;
        this.settings = settings;
        this.mappings = mappings;
        this.backfill = backfill;
        this.syncNow = syncNow;
        this.disconnect = disconnect;
        this.captureRules = captureRules;
    }

    /**
     * Replaces the connection's suppression list as {@code PUT .../suppressions} does: emails and domains (one per line
     * or comma-separated) whose leads are never sent to this connection.
     */
    @Post("/suppressions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> saveSuppressions(HttpRequest<?> request, @PathVariable String connectionId,
                                     @Body Map<String, Object> form) {
        WebContext context = WebContext.of(request);
        return withConnection(context, connectionId, connection -> {
            List<String> problems = new ArrayList<>();
            Set<String> emails = new LinkedHashSet<>();
            for (String text : entries(Forms.one(form, "emails"))) {
                try {
                    emails.add(new EmailAddress(text).value());
                } catch (InvalidLeadException e) {
                    problems.add("Emails: " + text + " must be an email address");
                }
            }
            Set<String> domains = new LinkedHashSet<>();
            for (String text : entries(Forms.one(form, "domains"))) {
                String domain = text.startsWith("@") ? text.substring(1) : text;
                if (DOMAIN.matcher(domain).matches() && domain.length() <= 253) {
                    domains.add(domain);
                } else {
                    problems.add("Domains: " + text + " must be a domain name such as competitor.example");
                }
            }
            if (!problems.isEmpty()) {
                return problem(context, connection, "The suppression list was not saved.", problems);
            }
            captureRules.replaceSuppressions(context.workspaceId(), context.actor(), connection.id(),
                    new Suppressions(emails, domains));
            return Pages.redirect(path(connection) + "?notice=suppressions");
        });
    }

    private static List<String> entries(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[,\\s]+")).map(String::strip)
                .filter(entry -> !entry.isEmpty()).toList();
    }

    @Get
    HttpResponse<?> page(HttpRequest<?> request, @PathVariable String connectionId, @Nullable @QueryValue String notice) {
        WebContext context = WebContext.of(request);
        Optional<CrmConnection> connection = views.find(context.workspaceId(), connectionId);
        if (connection.isEmpty()) {
            return notFound(context);
        }
        Map<String, Object> model = model(context, connection.get());
        model.put("notice", notice == null ? null : Notices.text(notice));
        return Pages.render("connection", model);
    }

    @Post("/provision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> provision(HttpRequest<?> request, @PathVariable String connectionId) {
        WebContext context = WebContext.of(request);
        return withConnection(context, connectionId, connection -> {
            try {
                provisioning.provision(new ProvisionConnectionCommand(context.workspaceId(), connection.id(),
                        context.actor()));
            } catch (CrmCallFailedException | ConnectionNotSyncingException e) {
                return problem(context, connection, "Provisioning did not finish: " + e.getMessage(), List.of());
            }
            return Pages.redirect(path(connection) + "?notice=provisioned");
        });
    }

    @Post("/settings")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> saveSettings(HttpRequest<?> request, @PathVariable String connectionId,
                                 @Body Map<String, Object> form) {
        WebContext context = WebContext.of(request);
        return withConnection(context, connectionId, connection -> {
            List<String> problems = new ArrayList<>();
            Optional<SyncFrequency> frequency = choice(SyncFrequency.class, Forms.one(form, "frequency"), "frequency",
                    problems);
            Optional<SyncDirection> direction = choice(SyncDirection.class, Forms.one(form, "direction"), "direction",
                    problems);
            Optional<ConflictPolicy> policy = choice(ConflictPolicy.class, Forms.one(form, "conflictPolicy"),
                    "conflict rule", problems);
            boolean salesforce = connection.kind() == io.leadsync.domain.crm.CrmKind.SALESFORCE;
            Optional<io.leadsync.domain.crm.TargetObject> targetObject = Forms.one(form, "targetObject") == null
                    ? Optional.empty() : choice(io.leadsync.domain.crm.TargetObject.class,
                    Forms.one(form, "targetObject"), "target object", problems);
            if (!problems.isEmpty()) {
                return problem(context, connection, "The settings were not saved.", problems);
            }
            try {
                settings.changeSettings(new ChangeSettingsCommand(context.workspaceId(), connection.id(),
                        context.actor(), frequency, direction, policy,
                        Optional.of(Forms.checked(form, "createRecordsInCrm")),
                        Optional.of(Forms.checked(form, "createLeadsFromCrm")),
                        salesforce ? targetObject : Optional.empty(),
                        salesforce ? Optional.of(Forms.checked(form, "createAccountsInCrm")) : Optional.empty()));
                if (connection.kind() == io.leadsync.domain.crm.CrmKind.SALESFORCE) {
                    salesforceOptions.changeSalesforceOptions(new ChangeSalesforceOptionsUseCase
                            .ChangeSalesforceOptionsCommand(context.workspaceId(), connection.id(), context.actor(),
                            Optional.of(Forms.checked(form, "addFieldsToPageLayouts")),
                            Optional.of(Forms.checked(form, "assignNewLeadsByRules"))));
                }
            } catch (InvalidSettingsException e) {
                return problem(context, connection, "The settings were not saved.", violations(e));
            }
            return Pages.redirect(path(connection) + "?notice=settings");
        });
    }

    /** Replaces the whole mapping with the rows of the form; rows without a CRM field are left out. */
    @Post("/mappings")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> saveMappings(HttpRequest<?> request, @PathVariable String connectionId,
                                 @Body Map<String, Object> form) {
        WebContext context = WebContext.of(request);
        return withConnection(context, connectionId, connection -> {
            List<String> appFields = Forms.all(form, "appField");
            List<String> crmFields = Forms.all(form, "crmField");
            List<String> directions = Forms.all(form, "direction");
            List<String> policies = Forms.all(form, "conflictPolicy");
            List<MappingInput> rows = new ArrayList<>();
            for (int i = 0; i < appFields.size(); i++) {
                String appField = appFields.get(i).strip();
                String crmField = i < crmFields.size() ? crmFields.get(i).strip() : "";
                if (appField.isEmpty() || crmField.isEmpty()) {
                    continue;
                }
                String direction = i < directions.size() && !directions.get(i).isBlank() ? directions.get(i) : null;
                String policy = i < policies.size() && !policies.get(i).isBlank() ? policies.get(i) : null;
                rows.add(new MappingInput(appField, crmField, direction, policy));
            }
            ReplaceMappingsUseCase.MappingsChanged changed;
            try {
                changed = mappings.replaceMappings(new ReplaceMappingsCommand(context.workspaceId(), connection.id(),
                        context.actor(), rows));
            } catch (InvalidSettingsException e) {
                Map<String, Object> model = model(context, connection);
                model.put("problem", "The field mapping was not saved: " + e.getMessage());
                model.put("problems", e.violations().stream().map(v -> rowViolation(v, rows)).toList());
                return Pages.render(HttpStatus.UNPROCESSABLE_ENTITY, "connection", model);
            }
            Map<String, Object> model = model(context, changed.connection());
            model.put("notice", Notices.text("mappings"));
            if (!changed.changedFields().isEmpty() && changed.connection().settings().direction().allowsPush()) {
                model.put("backfillFields", changed.changedFields().stream().map(LeadField::apiName).toList());
            }
            return Pages.render("connection", model);
        });
    }

    @Post("/backfill")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> backfill(HttpRequest<?> request, @PathVariable String connectionId,
                             @Body Map<String, Object> form) {
        WebContext context = WebContext.of(request);
        return withConnection(context, connectionId, connection -> {
            Set<LeadField> fields = new LinkedHashSet<>();
            for (String name : Forms.all(form, "fields")) {
                LeadField.byApiName(name).ifPresent(fields::add);
            }
            try {
                backfill.backfill(new BackfillCommand(context.workspaceId(), connection.id(), context.actor(), fields));
            } catch (ConnectionNotSyncingException e) {
                return problem(context, connection, "Nothing was queued: " + e.getMessage(), List.of());
            }
            return Pages.redirect(path(connection) + "?notice=backfill");
        });
    }

    /** "Sync now": with htmx only the result panel is answered, without it the whole page. */
    @Post("/sync")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> sync(HttpRequest<?> request, @PathVariable String connectionId) {
        WebContext context = WebContext.of(request);
        return withConnection(context, connectionId, connection -> {
            Map<String, Object> result = new LinkedHashMap<>();
            try {
                SyncReport report = syncNow.syncNow(new SyncNowCommand(context.workspaceId(), connection.id(),
                        context.actor()));
                result.put("created", report.created());
                result.put("updated", report.updated());
                result.put("skipped", report.skipped().size());
                result.put("failed", report.failed().size());
                result.put("crmCalls", report.crmCalls());
                List<String> reasons = new ArrayList<>();
                report.failed().stream().limit(10).forEach(p -> reasons.add(p.leadId() + ": " + p.reason()));
                report.skipped().stream().limit(10).forEach(p -> reasons.add(p.leadId() + ": " + p.reason()));
                result.put("reasons", reasons);
                result.put("error", null);
            } catch (ConnectionNotSyncingException | CrmCallFailedException e) {
                result.put("error", e.getMessage());
            }
            Map<String, Object> model = model(context, connection);
            model.put("sync", result);
            boolean htmx = request.getHeaders().contains("HX-Request");
            return Pages.render(htmx ? "sync-result" : "connection", model);
        });
    }

    @Post("/disconnect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> disconnect(HttpRequest<?> request, @PathVariable String connectionId) {
        WebContext context = WebContext.of(request);
        return withConnection(context, connectionId, connection -> {
            disconnect.disconnect(new DisconnectCommand(context.workspaceId(), connection.id(), context.actor()));
            return Pages.redirect("/app/integrations?notice=disconnected");
        });
    }

    private HttpResponse<?> withConnection(WebContext context, String connectionId,
                                           java.util.function.Function<CrmConnection, HttpResponse<?>> action) {
        Optional<CrmConnection> connection = views.find(context.workspaceId(), connectionId);
        if (connection.isEmpty()) {
            return notFound(context);
        }
        try {
            return action.apply(connection.get());
        } catch (ConnectionNotFoundException e) {
            return notFound(context);
        }
    }

    private Map<String, Object> model(WebContext context, CrmConnection connection) {
        Map<String, Object> model = Pages.model(context, "integrations", ConnectionViews.kindName(connection.kind()));
        model.put("c", views.summary(connection));
        model.put("path", path(connection));
        Optional<Readiness> readiness = connection.readiness();
        model.put("checked", readiness.isPresent());
        model.put("ready", readiness.map(Readiness::isReady).orElse(false));
        List<Map<String, Object>> problems = new ArrayList<>();
        readiness.ifPresent(found -> found.problems().forEach(problem -> problems.add(Map.of(
                "kind", Pages.label(problem.kind().name()),
                "crmField", problem.crmField() == null ? "" : problem.crmField(),
                "detail", problem.detail(), "fix", problem.fix()))));
        model.put("readinessProblems", problems);
        model.put("frequency", connection.settings().frequency().name());
        model.put("direction", connection.settings().direction().name());
        model.put("conflictPolicy", connection.settings().conflictPolicy().name());
        model.put("createRecordsInCrm", connection.settings().createRecordsInCrm());
        model.put("createLeadsFromCrm", connection.settings().createLeadsFromCrm());
        model.put("salesforce", connection.kind() == io.leadsync.domain.crm.CrmKind.SALESFORCE);
        model.put("targetObject", connection.settings().targetObject().name());
        model.put("createAccountsInCrm", connection.settings().createAccountsInCrm());
        model.put("addFieldsToPageLayouts", connection.salesforce().addFieldsToPageLayouts());
        model.put("assignNewLeadsByRules", connection.salesforce().assignNewLeadsByRules());
        model.put("loginHost", connection.salesforce().loginHost().myDomain().map(Object::toString)
                .orElse(Pages.label(connection.salesforce().loginHost().kind().name())));
        // Which org, and where it lives now (the instance follows Salesforce's moves of the org).
        model.put("orgId", connection.identity().map(io.leadsync.domain.crm.CrmIdentity::orgId).orElse(null));
        model.put("instanceUrl", connection.identity().flatMap(io.leadsync.domain.crm.CrmIdentity::instanceUrl)
                .orElse(null));
        model.put("frequencies", options(SyncFrequency.values()));
        model.put("directions", options(SyncDirection.values()));
        model.put("policies", options(ConflictPolicy.values()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (FieldMapping mapping : connection.mappings()) {
            rows.add(Map.of("appField", mapping.appField().apiName(), "crmField", mapping.crmField(),
                    "direction", mapping.direction().name(),
                    "conflictPolicy", mapping.conflictOverride().map(Enum::name).orElse("")));
        }
        model.put("mappings", rows);
        model.put("appFields", Arrays.stream(LeadField.values()).map(LeadField::apiName).toList());
        model.put("backfillFields", null);
        model.put("sync", null);
        Suppressions suppressions = captureRules.suppressions(context.workspaceId(), connection.id());
        model.put("suppressedEmails", String.join("\n", suppressions.emails()));
        model.put("suppressedDomains", String.join("\n", suppressions.domains()));
        return model;
    }

    private HttpResponse<?> problem(WebContext context, CrmConnection connection, String message,
                                    List<String> problems) {
        Map<String, Object> model = model(context, connection);
        model.put("problem", message);
        model.put("problems", problems.isEmpty() ? null : problems);
        return Pages.render(HttpStatus.UNPROCESSABLE_ENTITY, "connection", model);
    }

    private static HttpResponse<?> notFound(WebContext context) {
        return ErrorPages.page(HttpStatus.NOT_FOUND, "No such connection",
                "This workspace (" + context.access().workspaceName() + ") has no such connection.",
                "/app/integrations", "Back to Integrations");
    }

    private static String path(CrmConnection connection) {
        return "/app/connections/" + connection.id().value();
    }

    private static List<Map<String, String>> options(Enum<?>[] values) {
        return Arrays.stream(values).map(value -> Map.of("value", value.name(), "label", Pages.label(value.name())))
                .toList();
    }

    private static <E extends Enum<E>> Optional<E> choice(Class<E> type, String value, String what,
                                                          List<String> problems) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, value));
        } catch (IllegalArgumentException e) {
            problems.add(what + ": choose one of the listed options");
            return Optional.empty();
        }
    }

    /** {@code mappings/19/crmField} as the admin saw it: the row's LeadSync field and the column. */
    static String rowViolation(InvalidSettingsException.Violation violation, List<MappingInput> rows) {
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("mappings/(\\d+)(?:/(\\w+))?")
                .matcher(violation.path());
        if (!row.matches() || Integer.parseInt(row.group(1)) >= rows.size()) {
            return violation.path() + ": " + violation.rule();
        }
        String column = row.group(2) == null ? "" : switch (row.group(2)) {
            case "crmField" -> ", CRM field";
            case "direction" -> ", direction";
            case "conflictPolicy" -> ", conflict rule";
            default -> ", " + row.group(2);
        };
        return rows.get(Integer.parseInt(row.group(1))).appField() + column + ": " + violation.rule();
    }

    private static List<String> violations(InvalidSettingsException e) {
        return e.violations().stream().map(violation -> violation.path() + ": " + violation.rule()).toList();
    }
}
