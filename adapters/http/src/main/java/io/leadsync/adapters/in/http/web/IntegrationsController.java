package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.ConnectFailedException;
import io.leadsync.application.port.in.CrmNotConfiguredException;
import io.leadsync.application.port.in.StartConnectCommand;
import io.leadsync.application.port.in.StartConnectUseCase;
import io.leadsync.application.port.in.StartedConnect;
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

    IntegrationsController(ConnectionViews views, StartConnectUseCase start) {
        this.views = views;
        this.start = start;
    }

    @Get
    HttpResponse<?> integrations(HttpRequest<?> request, @Nullable @QueryValue String notice) {
        WebContext context = WebContext.of(request);
        Map<String, Object> model = Pages.model(context, "integrations", "Integrations");
        List<Map<String, Object>> cards = new ArrayList<>();
        for (CrmKind kind : CrmKind.values()) {
            Map<String, Object> card = new LinkedHashMap<>();
            card.put("kind", kind.name());
            card.put("name", ConnectionViews.kindName(kind));
            card.put("description", DESCRIPTIONS.get(kind));
            card.put("available", CONNECTABLE.contains(kind));
            // Push-only kinds take a URL and secrets, not an OAuth login: the admin API creates them (README).
            card.put("apiOnly", !kind.canPull());
            Optional<CrmConnection> current = views.current(context.workspaceId(), kind);
            card.put("connection", current.map(views::summary).orElse(null));
            cards.add(card);
        }
        model.put("cards", cards);
        model.put("notice", notice == null ? null : Notices.text(notice));
        return Pages.render("integrations", model);
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
            StartedConnect started = start.start(new StartConnectCommand(context.workspaceId(), kind,
                    context.actor()));
            return HttpResponse.seeOther(URI.create(started.authorizeUrl().toString()));
        } catch (CrmNotConfiguredException | ConnectFailedException e) {
            return ErrorPages.page(HttpStatus.CONFLICT, "Cannot connect " + ConnectionViews.kindName(kind),
                    e.getMessage(), "/app/integrations", "Back to Integrations");
        }
    }
}
