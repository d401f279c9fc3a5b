package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.in.delivery.ConnectionNotSyncingException;
import io.leadsync.application.port.in.CrmCallFailedException;
import io.leadsync.application.port.in.configure.InvalidSettingsException;
import io.leadsync.application.port.in.LeadNotFoundException;
import io.leadsync.application.port.in.connect.SalesforceEndpointsUseCase;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Salesforce connection's "Send leads to a Flow or Apex REST endpoint" page (issue 18): the endpoints its org offers,
 * one picked or typed, and the delivery created; and a delivery's "Test send", whose answer is shown in place.
 */
@Controller("/app/connections/{connectionId}")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class SalesforceEndpointPageController {
    private final ConnectionViews views;
    private final SalesforceEndpointsUseCase endpoints;

    SalesforceEndpointPageController(ConnectionViews views, SalesforceEndpointsUseCase endpoints) {
        this.views = views;
        this.endpoints = endpoints;
    }

    @Get("/salesforce-endpoints")
    HttpResponse<?> page(HttpRequest<?> request, @PathVariable String connectionId) {
        WebContext context = WebContext.of(request);
        Optional<CrmConnection> connection = salesforce(context, connectionId);
        if (connection.isEmpty()) {
            return notFound(context);
        }
        return Pages.render("salesforce-endpoints", model(context, connection.get(), Map.of("type", "", "name", "")));
    }

    @Post("/salesforce-endpoints")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> create(HttpRequest<?> request, @PathVariable String connectionId,
                           @Body Map<String, Object> form) {
        WebContext context = WebContext.of(request);
        Optional<CrmConnection> connection = salesforce(context, connectionId);
        if (connection.isEmpty()) {
            return notFound(context);
        }
        // "FLOW|Name" from the list, or the type and a typed name.
        String picked = Forms.one(form, "endpoint");
        String type = Forms.one(form, "type");
        String name = Forms.one(form, "name");
        if (picked != null && picked.contains("|") && (name == null || name.isBlank())) {
            type = picked.substring(0, picked.indexOf('|'));
            name = picked.substring(picked.indexOf('|') + 1);
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("type", type == null ? "" : type);
        values.put("name", name == null ? "" : name);
        try {
            CrmConnection created = endpoints.create(context.workspaceId(), connection.get().id(), context.actor(),
                    Optional.ofNullable(type).filter(t -> !t.isBlank()),
                    Optional.ofNullable(name).filter(n -> !n.isBlank()), Optional.empty());
            return Pages.redirect("/app/connections/" + created.id().value() + "?notice=endpoint");
        } catch (InvalidSettingsException e) {
            Map<String, Object> model = model(context, connection.get(), values);
            model.put("problem", e.getMessage());
            model.put("problems", e.violations().stream().map(v -> v.path() + " " + v.rule()).toList());
            return Pages.render(HttpStatus.UNPROCESSABLE_ENTITY, "salesforce-endpoints", model);
        }
    }

    @Post("/test-send")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> testSend(HttpRequest<?> request, @PathVariable String connectionId,
                             @Body Map<String, Object> form) {
        WebContext context = WebContext.of(request);
        Optional<CrmConnection> connection = views.find(context.workspaceId(), connectionId)
                .filter(found -> found.kind() == CrmKind.SALESFORCE_ENDPOINT);
        if (connection.isEmpty()) {
            return notFound(context);
        }
        String leadId = Forms.one(form, "leadId");
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            SalesforceEndpointsUseCase.TestSend sent = endpoints.testSend(context.workspaceId(),
                    connection.get().id(), context.actor(), Optional.ofNullable(leadId).filter(l -> !l.isBlank()));
            result.put("status", sent.status());
            result.put("accepted", sent.accepted());
            result.put("answer", sent.answer());
            result.put("error", null);
        } catch (CrmCallFailedException | LeadNotFoundException e) {
            result.put("error", e.getMessage());
        }
        Map<String, Object> model = Pages.model(context, "integrations", "Test send");
        model.put("test", result);
        return Pages.render("test-send-result", model);
    }

    private Map<String, Object> model(WebContext context, CrmConnection salesforce, Map<String, String> values) {
        Map<String, Object> model = Pages.model(context, "integrations", "Salesforce endpoints");
        model.put("path", "/app/connections/" + salesforce.id().value());
        model.put("org", salesforce.identity().map(identity -> identity.orgName()).orElse("Salesforce"));
        model.put("values", values);
        model.put("selected", values.getOrDefault("type", "") + "|" + values.getOrDefault("name", ""));
        List<Map<String, String>> options = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String listError = null;
        try {
            SalesforceEndpointsUseCase.Choices choices = endpoints.list(context.workspaceId(), salesforce.id());
            for (SalesforceEndpointsUseCase.Choice choice : choices.endpoints()) {
                options.add(Map.of("value", choice.type() + "|" + choice.name(),
                        "label", (choice.type().equals("FLOW") ? "Flow: " : "Apex REST: ") + choice.label()
                                + " (" + choice.name() + ")"));
            }
            notes.addAll(choices.notes());
        } catch (ConnectionNotSyncingException | CrmCallFailedException | ConnectionNotFoundException e) {
            listError = e.getMessage();
        }
        model.put("options", options);
        model.put("notes", notes);
        model.put("listError", listError);
        return model;
    }

    private Optional<CrmConnection> salesforce(WebContext context, String connectionId) {
        return views.find(context.workspaceId(), connectionId).filter(found -> found.kind() == CrmKind.SALESFORCE);
    }

    private static HttpResponse<?> notFound(WebContext context) {
        return ErrorPages.page(HttpStatus.NOT_FOUND, "No such connection",
                "This workspace (" + context.access().workspaceName() + ") has no such Salesforce connection.",
                "/app/integrations", "Back to Integrations");
    }
}
