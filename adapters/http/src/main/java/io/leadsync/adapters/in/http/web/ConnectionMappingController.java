package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.delivery.BackfillCommand;
import io.leadsync.application.port.in.delivery.BackfillUseCase;
import io.leadsync.application.port.in.delivery.ConnectionNotSyncingException;
import io.leadsync.application.port.in.configure.InvalidSettingsException;
import io.leadsync.application.port.in.configure.MappingInput;
import io.leadsync.application.port.in.configure.ReplaceMappingsCommand;
import io.leadsync.application.port.in.configure.ReplaceMappingsUseCase;
import io.leadsync.domain.lead.LeadField;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A connection's field mapping: saving the editor's rows, and the backfill offered after a change. */
@Controller("/app/connections/{connectionId}")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ConnectionMappingController {
    private final ConnectionPage page;
    private final ReplaceMappingsUseCase mappings;
    private final BackfillUseCase backfill;

    ConnectionMappingController(ConnectionPage page, ReplaceMappingsUseCase mappings, BackfillUseCase backfill) {
        this.page = page;
        this.mappings = mappings;
        this.backfill = backfill;
    }

    /** Replaces the whole mapping with the rows of the form; rows without a CRM field are left out. */
    @Post("/mappings")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> saveMappings(HttpRequest<?> request, @PathVariable String connectionId,
                                 @Body Map<String, Object> form) {
        WebContext context = WebContext.of(request);
        return page.withConnection(context, connectionId, connection -> {
            List<String> appFields = Forms.all(form, "appField");
            List<String> crmFields = Forms.all(form, "crmField");
            List<String> directions = Forms.all(form, "direction");
            List<String> policies = Forms.all(form, "conflictPolicy");
            List<MappingInput> rows = new ArrayList<>();
            // What the admin typed, row by row as the form showed them, to give back when the save is refused.
            List<Map<String, Object>> typed = new ArrayList<>();
            List<Integer> formRowOf = new ArrayList<>();
            for (int i = 0; i < appFields.size(); i++) {
                String appField = appFields.get(i).strip();
                String crmField = i < crmFields.size() ? crmFields.get(i).strip() : "";
                String direction = i < directions.size() && !directions.get(i).isBlank() ? directions.get(i) : null;
                String policy = i < policies.size() && !policies.get(i).isBlank() ? policies.get(i) : null;
                if (!appField.isEmpty()) {
                    typed.add(MappingEditor.row(appField, crmField, direction == null ? "BIDIRECTIONAL" : direction,
                            policy == null ? "" : policy));
                }
                if (appField.isEmpty() || crmField.isEmpty()) {
                    continue;
                }
                rows.add(new MappingInput(appField, crmField, direction, policy));
                formRowOf.add(typed.size() - 1);
            }
            ReplaceMappingsUseCase.MappingsChanged changed;
            try {
                changed = mappings.replaceMappings(new ReplaceMappingsCommand(context.workspaceId(), connection.id(),
                        context.actor(), rows));
            } catch (InvalidSettingsException e) {
                Map<String, Object> model = page.model(context, connection);
                List<String> general = new ArrayList<>();
                for (InvalidSettingsException.Violation violation : e.violations()) {
                    java.util.regex.Matcher row = java.util.regex.Pattern.compile("mappings/(\\d+)(?:/\\w+)?")
                            .matcher(violation.path());
                    if (row.matches() && Integer.parseInt(row.group(1)) < formRowOf.size()) {
                        // The reason goes beside the row it is about, in the admin's words.
                        typed.get(formRowOf.get(Integer.parseInt(row.group(1)))).merge("error",
                                MappingEditor.rowViolation(violation, rows), (a, b) -> a + "; " + b);
                    } else {
                        general.add(MappingEditor.rowViolation(violation, rows));
                    }
                }
                model.put("mappings", typed);
                page.editor().annotate(model, connection);
                model.put("problem", "The field mapping was not saved: fix the rows marked below. What you typed is kept.");
                model.put("problems", general.isEmpty() ? null : general);
                return Pages.render(HttpStatus.UNPROCESSABLE_ENTITY, "connection", model);
            }
            Map<String, Object> model = page.model(context, changed.connection());
            model.put("notice", Notices.text("mappings"));
            if (!changed.changedFields().isEmpty() && changed.connection().settings().direction().allowsPush()) {
                model.put("backfillFields", changed.changedFields().stream().map(LeadField::apiName).toList());
                model.put("backfillLabels", changed.changedFields().stream()
                        .map(field -> Pages.fieldLabel(field.apiName())).toList());
            }
            return Pages.render("connection", model);
        });
    }

    @Post("/backfill")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> backfill(HttpRequest<?> request, @PathVariable String connectionId,
                             @Body Map<String, Object> form) {
        WebContext context = WebContext.of(request);
        return page.withConnection(context, connectionId, connection -> {
            Set<LeadField> fields = new LinkedHashSet<>();
            for (String name : Forms.all(form, "fields")) {
                LeadField.byApiName(name).ifPresent(fields::add);
            }
            try {
                backfill.backfill(new BackfillCommand(context.workspaceId(), connection.id(), context.actor(), fields));
            } catch (ConnectionNotSyncingException e) {
                return page.problem(context, connection, "Nothing was queued: " + e.getMessage(), List.of());
            }
            return Pages.redirect(ConnectionPage.path(connection) + "?notice=backfill");
        });
    }

}
