package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.connect.ConnectFailedException;
import io.leadsync.application.port.in.connect.CreateEndpointConnectionCommand;
import io.leadsync.application.port.in.connect.CreateEndpointConnectionUseCase;
import io.leadsync.application.port.in.configure.InvalidSettingsException;
import io.leadsync.application.port.in.CrmNotConfiguredException;
import io.leadsync.application.port.in.connect.StartConnectCommand;
import io.leadsync.application.port.in.connect.StartConnectUseCase;
import io.leadsync.application.port.in.connect.StartedConnect;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
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

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Settings → Integrations: one card per kind of CRM, with its state, and Connect. */
@Controller("/app/integrations")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class IntegrationsController {
    private static final Map<CrmKind, String> DESCRIPTIONS = Map.of(
            CrmKind.SALESFORCE, "Leads both ways with Salesforce Lead records, through OAuth and the REST API.",
            CrmKind.HUBSPOT, "Leads both ways with HubSpot contacts and their companies.",
            CrmKind.SALESFORCE_WEB_TO_LEAD, "Leads into Salesforce through its Web-to-Lead form, no login needed.",
            CrmKind.WEBHOOK, "Every lead change posted, signed, to an HTTPS endpoint of yours.");
    /** The kinds this installation can connect from the UI; the others show as coming. */
    private static final List<CrmKind> CONNECTABLE = List.of(CrmKind.SALESFORCE, CrmKind.HUBSPOT);

    private final ConnectionViews views;
    private final StartConnectUseCase start;
    private final CreateEndpointConnectionUseCase endpoints;

    IntegrationsController(ConnectionViews views, StartConnectUseCase start,
                           CreateEndpointConnectionUseCase endpoints) {
        this.views = views;
        this.start = start;
        this.endpoints = endpoints;
    }

    @Get
    HttpResponse<?> integrations(HttpRequest<?> request, @Nullable @QueryValue String notice,
                                 @Nullable @QueryValue Integer cancelled) {
        Map<String, Object> model = integrationsModel(WebContext.of(request), notice);
        if ("disconnected".equals(notice) && cancelled != null) {
            // Said so: what the disconnect did to the leads that were still waiting for that CRM.
            model.put("notice", Notices.text(notice) + " " + (cancelled == 0 ? "No lead was waiting for it."
                    : cancelled == 1 ? "1 lead waiting for it was cancelled; it stays in LeadSync."
                    : cancelled + " leads waiting for it were cancelled; they stay in LeadSync."));
        }
        return Pages.render("integrations", model);
    }

    private Map<String, Object> integrationsModel(WebContext context, String notice) {
        Map<String, Object> model = Pages.model(context, "integrations", "Integrations");
        List<Map<String, Object>> cards = new ArrayList<>();
        for (CrmKind kind : CrmKind.values()) {
            Map<String, Object> card = new LinkedHashMap<>();
            card.put("kind", kind.name());
            card.put("name", ConnectionViews.kindName(kind));
            card.put("description", DESCRIPTIONS.get(kind));
            card.put("available", CONNECTABLE.contains(kind));
            // Push-only kinds take a URL and secrets, not an OAuth login: a form (or the admin API) makes them.
            card.put("apiOnly", !kind.canPull());
            card.put("formPath", kind == CrmKind.WEBHOOK ? "/app/integrations/new/webhook"
                    : kind == CrmKind.SALESFORCE_WEB_TO_LEAD ? "/app/integrations/new/web-to-lead" : null);
            Optional<CrmConnection> current = views.current(context.workspaceId(), kind);
            card.put("connection", current.map(views::summary).orElse(null));
            cards.add(card);
        }
        model.put("cards", cards);
        model.put("notice", notice == null ? null : Notices.text(notice));
        return model;
    }

    /** The settings form of a push-only kind (webhook, Web-to-Lead); viewers get no form. */
    @Get("/new/{kind}")
    HttpResponse<?> endpointForm(HttpRequest<?> request, @PathVariable String kind) {
        WebContext context = WebContext.of(request);
        Optional<CrmKind> endpointKind = endpointKind(kind);
        if (endpointKind.isEmpty()) {
            return unknownKind();
        }
        if (!context.mayChange()) {
            return ErrorPages.page(HttpStatus.FORBIDDEN, "View only",
                    "Your role in this workspace can see connections but not create them.", "/app/integrations",
                    "Back to Integrations");
        }
        return Pages.render("endpoint-connect", endpointModel(context, endpointKind.get(), Map.of(), Map.of()));
    }

    /**
     * Creates a webhook or Web-to-Lead connection as the admin API does. A webhook's signing secret is on this answer
     * only (it is kept encrypted and never shown again), so success renders the page rather than redirecting.
     */
    @Post("/new/{kind}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> createEndpoint(HttpRequest<?> request, @PathVariable String kind,
                                   @Body Map<String, Object> form) {
        WebContext context = WebContext.of(request);
        Optional<CrmKind> endpointKind = endpointKind(kind);
        if (endpointKind.isEmpty()) {
            return unknownKind();
        }
        CrmKind crmKind = endpointKind.get();
        boolean webhook = crmKind == CrmKind.WEBHOOK;
        Map<String, String> headers = new LinkedHashMap<>();
        String headerName = blankless(Forms.one(form, "headerName")).orElse(null);
        Map<String, String> formErrors = new LinkedHashMap<>();
        if (webhook && headerName != null) {
            headers.put(headerName, Forms.one(form, "headerValue") == null ? "" : Forms.one(form, "headerValue"));
        } else if (webhook && blankless(Forms.one(form, "headerValue")).isPresent()) {
            formErrors.put("headers", "needs a header name for the value");
        }
        CreateEndpointConnectionCommand command = new CreateEndpointConnectionCommand(context.workspaceId(), crmKind,
                context.actor(),
                webhook ? blankless(Forms.one(form, "url")) : Optional.empty(),
                webhook ? blankless(Forms.one(form, "bodyFormat")) : Optional.empty(),
                webhook ? blankless(Forms.one(form, "bearerToken")) : Optional.empty(), headers,
                webhook ? blankless(Forms.one(form, "signingSecret")) : Optional.empty(),
                webhook ? Optional.empty() : blankless(Forms.one(form, "orgId")),
                webhook ? Optional.empty() : blankless(Forms.one(form, "leadSource")),
                Optional.empty(), Optional.empty(),
                webhook ? Optional.empty() : blankless(Forms.one(form, "loginHost")),
                // The My Domain box counts only when that choice was made: it may hold a leftover from before.
                webhook || !"MY_DOMAIN".equals(Forms.one(form, "loginHost")) ? Optional.empty()
                        : blankless(Forms.one(form, "myDomainUrl")));
        if (!formErrors.isEmpty()) {
            return invalidForm(context, crmKind, form, formErrors);
        }
        CreateEndpointConnectionUseCase.Created created;
        try {
            created = endpoints.create(command);
        } catch (InvalidSettingsException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            for (InvalidSettingsException.Violation violation : e.violations()) {
                // A header's own path (headers/X-Name) belongs to the one header row of the form.
                String field = violation.path().startsWith("headers") ? "headers" : violation.path();
                errors.merge(field, violation.rule(), (a, b) -> a + "; " + b);
            }
            return invalidForm(context, crmKind, form, errors);
        }
        Map<String, Object> model = integrationsModel(context, null);
        model.put("notice", ConnectionViews.kindName(crmKind) + " connected.");
        model.put("newSecret", created.signingSecret().orElse(null));
        return Pages.render("integrations", model);
    }

    private HttpResponse<?> invalidForm(WebContext context, CrmKind kind, Map<String, Object> form,
                                        Map<String, String> errors) {
        Map<String, String> values = new LinkedHashMap<>();
        // Secrets are not echoed back into the page: the admin types them again.
        for (String name : List.of("url", "bodyFormat", "headerName", "orgId", "leadSource", "loginHost",
                "myDomainUrl")) {
            values.put(name, Forms.one(form, name) == null ? "" : Forms.one(form, name));
        }
        Map<String, Object> model = endpointModel(context, kind, values, errors);
        model.put("problem", "The connection was not created; fix the fields below.");
        return Pages.render(HttpStatus.UNPROCESSABLE_ENTITY, "endpoint-connect", model);
    }

    private static Map<String, Object> endpointModel(WebContext context, CrmKind kind, Map<String, String> values,
                                                     Map<String, String> errors) {
        Map<String, Object> model = Pages.model(context, "integrations", "Connect " + ConnectionViews.kindName(kind));
        model.put("kind", kind.name());
        model.put("kindName", ConnectionViews.kindName(kind));
        model.put("webhook", kind == CrmKind.WEBHOOK);
        model.put("values", values);
        model.put("errors", errors);
        return model;
    }

    private static Optional<CrmKind> endpointKind(String kind) {
        return switch (kind) {
            case "webhook" -> Optional.of(CrmKind.WEBHOOK);
            case "web-to-lead" -> Optional.of(CrmKind.SALESFORCE_WEB_TO_LEAD);
            default -> Optional.empty();
        };
    }

    private static HttpResponse<?> unknownKind() {
        return ErrorPages.page(HttpStatus.NOT_FOUND, "Unknown connection kind",
                "Webhook and Salesforce Web-to-Lead are set up here; pick one from the Integrations page.",
                "/app/integrations", "Back to Integrations");
    }

    private static Optional<String> blankless(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** Starts connecting: the browser goes on to the CRM's login and consent page. */
    @Post("/connect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> connect(HttpRequest<?> request, @Body Map<String, String> form) {
        WebContext context = WebContext.of(request);
        CrmKind kind;
        try {
            kind = CrmKind.valueOf(form.getOrDefault("kind", ""));
        } catch (IllegalArgumentException e) {
            return ErrorPages.page(HttpStatus.BAD_REQUEST, "Unknown CRM", "Pick a CRM from the Integrations page.",
                    "/app/integrations", "Back to Integrations");
        }
        try {
            // Salesforce only: where the org logs in (production, a sandbox org, or its My Domain).
            boolean myDomain = "MY_DOMAIN".equals(form.get("loginHost"));
            StartedConnect started = start.start(new StartConnectCommand(context.workspaceId(), kind,
                    context.actor(), blankless(form.get("loginHost")),
                    myDomain ? Optional.of(form.getOrDefault("myDomainUrl", "")) : Optional.empty())
                    // Bound to this session: the CRM's callback in this browser connects at once (ADR 0045).
                    .inSession(Optional.of(context.session().id())));
            return HttpResponse.seeOther(URI.create(started.authorizeUrl().toString()));
        } catch (InvalidSettingsException e) {
            Map<String, Object> model = integrationsModel(context, null);
            model.put("notice", "Not connected: " + e.violations().stream()
                    .map(violation -> (violation.path().equals("myDomainUrl") ? "the My Domain URL " : "the login host ")
                            + violation.rule()).collect(java.util.stream.Collectors.joining("; ")) + ".");
            return Pages.render(HttpStatus.UNPROCESSABLE_ENTITY, "integrations", model);
        } catch (CrmNotConfiguredException | ConnectFailedException e) {
            return ErrorPages.page(HttpStatus.CONFLICT, "Cannot connect " + ConnectionViews.kindName(kind),
                    e.getMessage(), "/app/integrations", "Back to Integrations");
        }
    }
}
