package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.CaptureRulesUseCase;
import io.leadsync.application.port.in.ChangeSettingsCommand;
import io.leadsync.application.port.in.ChangeSettingsUseCase;
import io.leadsync.application.port.in.ChangeSalesforceOptionsUseCase;
import io.leadsync.application.port.in.ConnectionNotSyncingException;
import io.leadsync.application.port.in.CrmCallFailedException;
import io.leadsync.application.port.in.DisconnectCommand;
import io.leadsync.application.port.in.DisconnectUseCase;
import io.leadsync.application.port.in.InvalidSettingsException;
import io.leadsync.application.port.in.ProvisionConnectionCommand;
import io.leadsync.application.port.in.ProvisionConnectionUseCase;
import io.leadsync.application.port.in.SyncNowCommand;
import io.leadsync.application.port.in.SyncNowUseCase;
import io.leadsync.application.port.in.SyncReport;
import io.leadsync.domain.crm.ConflictPolicy;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.Suppressions;
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.crm.SyncFrequency;
import io.leadsync.domain.lead.EmailAddress;
import io.leadsync.domain.lead.InvalidLeadException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
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

/**
 * One connection: its readiness problems with their fixes, "Provision again", sync settings, the suppression list,
 * "Sync now" and Disconnect (the field mapping editor is {@link ConnectionMappingController}). A connection of another workspace is not
 * found, whatever its id.
 */
@Controller("/app/connections/{connectionId}")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ConnectionPageController {
    /** As the admin API checks domains (CaptureRulesController). */
    private final ConnectionViews views;
    private final ProvisionConnectionUseCase provisioning;
    private final ChangeSettingsUseCase settings;
    private final SyncNowUseCase syncNow;
    private final DisconnectUseCase disconnect;
    private final CaptureRulesUseCase captureRules;
    private final ChangeSalesforceOptionsUseCase salesforceOptions;
    private final ConnectionPage page;

    ConnectionPageController(ConnectionPage page, ConnectionViews views, ProvisionConnectionUseCase provisioning,
                             ChangeSettingsUseCase settings, SyncNowUseCase syncNow, DisconnectUseCase disconnect,
                             CaptureRulesUseCase captureRules, ChangeSalesforceOptionsUseCase salesforceOptions) {
        this.page = page;
        this.views = views;
        this.provisioning = provisioning;
        this.settings = settings;
        this.syncNow = syncNow;
        this.disconnect = disconnect;
        this.captureRules = captureRules;
        this.salesforceOptions = salesforceOptions;
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
        return page.withConnection(context, connectionId, connection -> {
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
                if (io.leadsync.domain.crm.Suppressions.isDomain(domain)) {
                    domains.add(domain);
                } else {
                    problems.add("Domains: " + text + " must be a domain name such as competitor.example");
                }
            }
            if (!problems.isEmpty()) {
                return page.problem(context, connection, "The suppression list was not saved.", problems);
            }
            captureRules.replaceSuppressions(context.workspaceId(), context.actor(), connection.id(),
                    new Suppressions(emails, domains));
            return Pages.redirect(ConnectionPage.path(connection) + "?notice=suppressions");
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
            return page.notFound(context);
        }
        Map<String, Object> model = page.model(context, connection.get());
        model.put("notice", notice == null ? null : Notices.text(notice));
        return Pages.render("connection", model);
    }

    @Post("/provision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> provision(HttpRequest<?> request, @PathVariable String connectionId) {
        WebContext context = WebContext.of(request);
        return page.withConnection(context, connectionId, connection -> {
            try {
                provisioning.provision(new ProvisionConnectionCommand(context.workspaceId(), connection.id(),
                        context.actor()));
            } catch (CrmCallFailedException | ConnectionNotSyncingException e) {
                return page.problem(context, connection, "Provisioning did not finish: " + e.getMessage(), List.of());
            }
            return Pages.redirect(ConnectionPage.path(connection) + "?notice=provisioned");
        });
    }

    @Post("/settings")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> saveSettings(HttpRequest<?> request, @PathVariable String connectionId,
                                 @Body Map<String, Object> form) {
        WebContext context = WebContext.of(request);
        return page.withConnection(context, connectionId, connection -> {
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
                return page.problem(context, connection, "The settings were not saved.", problems);
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
                return page.problem(context, connection, "The settings were not saved.", violations(e));
            }
            return Pages.redirect(ConnectionPage.path(connection) + "?notice=settings");
        });
    }

    /** "Sync now": with htmx only the result panel is answered, without it the whole page. */
    @Post("/sync")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> sync(HttpRequest<?> request, @PathVariable String connectionId) {
        WebContext context = WebContext.of(request);
        return page.withConnection(context, connectionId, connection -> {
            Map<String, Object> result = new LinkedHashMap<>();
            try {
                SyncReport report = syncNow.syncNow(new SyncNowCommand(context.workspaceId(), connection.id(),
                        context.actor()));
                result.put("created", report.created());
                result.put("updated", report.updated());
                result.put("skipped", report.skipped().size());
                result.put("failed", report.failed().size());
                result.put("waiting", report.waiting().size());
                result.put("crmCalls", report.crmCalls());
                result.put("summary", syncSummary(report.created(), report.updated(), report.skipped().size(),
                        report.failed().size(), report.waiting().size(), report.crmCalls()));
                // Amber when some leads did not get there (or not yet): "finished" is not "all fine".
                result.put("tone", report.failed().isEmpty() && report.skipped().isEmpty()
                        && report.waiting().isEmpty() ? "notice" : "warning");
                List<String> reasons = new ArrayList<>();
                report.failed().stream().limit(10).forEach(p -> reasons.add(p.leadId() + ": " + p.reason()));
                report.skipped().stream().limit(10).forEach(p -> reasons.add(p.leadId() + ": " + p.reason()));
                report.waiting().stream().limit(10).forEach(p -> reasons.add(p.leadId() + ": " + p.reason()));
                result.put("reasons", reasons);
                result.put("error", null);
            } catch (ConnectionNotSyncingException | CrmCallFailedException e) {
                result.put("error", e.getMessage());
            }
            // Read again after the run: the status card beside the result shows its last sync and counts.
            Map<String, Object> model = page.model(context, views.find(context.workspaceId(), connectionId)
                    .orElse(connection));
            model.put("sync", result);
            boolean htmx = request.getHeaders().contains("HX-Request");
            model.put("oob", htmx);
            return Pages.render(htmx ? "sync-result" : "connection", model);
        });
    }

    @Post("/disconnect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> disconnect(HttpRequest<?> request, @PathVariable String connectionId) {
        WebContext context = WebContext.of(request);
        return page.withConnection(context, connectionId, connection -> {
            long waiting = (Long) views.summary(connection).get("waitingLeads");
            disconnect.disconnect(new DisconnectCommand(context.workspaceId(), connection.id(), context.actor()));
            return Pages.redirect("/app/integrations?notice=disconnected&cancelled=" + waiting);
        });
    }

    /**
     * "3 leads: 2 created, 1 updated, 0 skipped, 0 failed, in 1 CRM call.": counts that read as a sentence; the leads
     * a limit held back are named only when there are some.
     */
    static String syncSummary(int created, int updated, int skipped, int failed, int waiting, int calls) {
        int leads = created + updated + skipped + failed + waiting;
        return leads + (leads == 1 ? " lead: " : " leads: ") + created + " created, " + updated + " updated, "
                + skipped + " skipped, " + failed + " failed"
                + (waiting > 0 ? ", " + waiting + " still waiting" : "") + ", in " + calls
                + (calls == 1 ? " CRM call." : " CRM calls.");
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

    private static List<String> violations(InvalidSettingsException e) {
        return e.violations().stream().map(violation -> violation.path() + ": " + violation.rule()).toList();
    }
}
