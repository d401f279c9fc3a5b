package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.configure.CaptureRulesUseCase;
import io.leadsync.application.port.in.configure.ListTargetObjectsUseCase;
import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.domain.crm.ConflictPolicy;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.Readiness;
import io.leadsync.domain.crm.Suppressions;
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.crm.SyncFrequency;
import io.leadsync.domain.lead.LeadField;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The connection page's model, shared by the controllers of its forms, and how they find their connection. */
@Singleton
final class ConnectionPage {
    private final ConnectionViews views;
    private final CaptureRulesUseCase captureRules;
    private final MappingEditor editor;
    private final ListTargetObjectsUseCase targetObjects;

    ConnectionPage(ConnectionViews views, CaptureRulesUseCase captureRules, MappingEditor editor,
                   ListTargetObjectsUseCase targetObjects) {
        this.targetObjects = targetObjects;
        this.views = views;
        this.captureRules = captureRules;
        this.editor = editor;
    }

    MappingEditor editor() {
        return editor;
    }

    HttpResponse<?> withConnection(WebContext context, String connectionId,
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

    Map<String, Object> model(WebContext context, CrmConnection connection) {
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
        if (connection.kind() == io.leadsync.domain.crm.CrmKind.SALESFORCE) {
            // Person Account only where the org has them (ADR 0082); the note says when Salesforce could not be asked.
            ListTargetObjectsUseCase.Offered offered = targetObjects.targetObjects(context.workspaceId(),
                    connection.id());
            model.put("targetObjects", offered.offered().stream().map(target -> Map.of("value", target.name(),
                    "label", ListTargetObjectsUseCase.label(target))).toList());
            model.put("targetObjectsNote", offered.why().orElse(null));
        }
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
            rows.add(MappingEditor.row(mapping.appField().apiName(), mapping.crmField(), mapping.direction().name(),
                    mapping.conflictOverride().map(Enum::name).orElse("")));
        }
        model.put("mappings", rows);
        editor.offer(model, context.workspaceId(), connection);
        model.put("appFields", Arrays.stream(LeadField.values()).map(field -> Map.of("value", field.apiName(),
                "label", Pages.fieldLabel(field.apiName()))).toList());
        model.put("backfillFields", null);
        model.put("sync", null);
        model.put("oob", false);
        Suppressions suppressions = captureRules.suppressions(context.workspaceId(), connection.id());
        model.put("suppressedEmails", String.join("\n", suppressions.emails()));
        model.put("suppressedDomains", String.join("\n", suppressions.domains()));
        return model;
    }

    HttpResponse<?> problem(WebContext context, CrmConnection connection, String message,
                                    List<String> problems) {
        Map<String, Object> model = model(context, connection);
        model.put("problem", message);
        model.put("problems", problems.isEmpty() ? null : problems);
        return Pages.render(HttpStatus.UNPROCESSABLE_ENTITY, "connection", model);
    }

    static HttpResponse<?> notFound(WebContext context) {
        return ErrorPages.page(HttpStatus.NOT_FOUND, "No such connection",
                "This workspace (" + context.access().workspaceName() + ") has no such connection.",
                "/app/integrations", "Back to Integrations");
    }

    static String path(CrmConnection connection) {
        return "/app/connections/" + connection.id().value();
    }

    private static List<Map<String, String>> options(Enum<?>[] values) {
        return Arrays.stream(values).map(value -> Map.of("value", value.name(), "label", Pages.label(value.name())))
                .toList();
    }

}
