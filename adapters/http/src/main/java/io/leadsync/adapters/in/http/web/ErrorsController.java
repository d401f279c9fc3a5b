package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.ConnectionErrorsUseCase;
import io.leadsync.application.port.in.ErrorGroup;
import io.leadsync.application.port.in.ResyncCommand;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.lead.LeadId;
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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Errors: a connection's error ledger grouped by the CRM's error type, and resync of one lead, a group or all. */
@Controller("/app/errors")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ErrorsController {
    private static final int LEADS_SHOWN = 25;

    private final ConnectionErrorsUseCase errors;
    private final ConnectionViews views;

    ErrorsController(ConnectionErrorsUseCase errors, ConnectionViews views) {
        this.errors = errors;
        this.views = views;
    }

    @Get
    HttpResponse<?> errors(HttpRequest<?> request, @Nullable @QueryValue String connection,
                           @Nullable @QueryValue String notice) {
        WebContext context = WebContext.of(request);
        Map<String, Object> model = Pages.model(context, "errors", "Errors");
        List<CrmConnection> connections = views.authorised(context.workspaceId());
        Optional<CrmConnection> chosen = connection == null || connection.isBlank()
                ? connections.stream().findFirst() : views.find(context.workspaceId(), connection);
        if (connection != null && !connection.isBlank() && chosen.isEmpty()) {
            return ErrorPages.page(HttpStatus.NOT_FOUND, "No such connection",
                    "This workspace has no such connection.", "/app/errors", "Back to Errors");
        }
        model.put("connections", connections.stream().map(c -> Map.of("id", c.id().value().toString(),
                "name", ConnectionViews.kindName(c.kind()) + c.identity().map(i -> " (" + i.orgName() + ")").orElse(""),
                "selected", chosen.map(x -> x.id().equals(c.id())).orElse(false))).toList());
        model.put("connection", chosen.map(views::summary).orElse(null));
        List<Map<String, Object>> groups = new ArrayList<>();
        chosen.ifPresent(c -> {
            for (ErrorGroup group : errors.errors(context.workspaceId(), c.id())) {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("type", group.errorType());
                view.put("state", Pages.label(group.state()));
                view.put("count", group.count());
                view.put("sample", group.sampleMessage());
                view.put("fix", fix(group.errorType()));
                view.put("leads", group.leadIds().stream().limit(LEADS_SHOWN).toList());
                view.put("more", Math.max(0, group.leadIds().size() - LEADS_SHOWN));
                groups.add(view);
            }
        });
        model.put("groups", groups);
        model.put("notice", notice == null ? null : Notices.text(notice));
        return Pages.render("errors", model);
    }

    /** What an admin does about an error type, in the CRM or here. */
    static String fix(String errorType) {
        String type = errorType.toUpperCase(java.util.Locale.ROOT);
        if (type.startsWith("INVALID_FIELD") || type.contains("NO SUCH COLUMN") || type.startsWith("PROPERTY_DOESNT_EXIST")) {
            return "A mapped field is missing in the CRM or hidden from the connected user. Open the connection and "
                    + "click Provision again: LeadSync creates its fields again and grants them to that user. Then resync.";
        }
        if (type.startsWith("REQUIRED_FIELD_MISSING")) {
            return "The CRM requires a field these leads have no value for: map a field that fills it, or have the "
                    + "agent send the value. Then resync.";
        }
        if (type.contains("WORK EMAIL")) {
            return "Leads without a work email are not sent. They go once the agent adds one.";
        }
        if (type.startsWith("REQUEST_LIMIT") || type.startsWith("RATE_LIMIT")) {
            return "The CRM's API limit was reached. Resync once the limit resets, or lower the sync frequency.";
        }
        return "Fix the cause in the CRM or on the connection's page (mapping, Provision again), then resync.";
    }

    /** {@code leadId}: that lead; {@code errorType}: that group; neither: every failed or skipped delivery. */
    @Post("/resync")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> resync(HttpRequest<?> request, @Body Map<String, Object> form) {
        WebContext context = WebContext.of(request);
        Optional<CrmConnection> connection = views.find(context.workspaceId(),
                String.valueOf(Forms.one(form, "connection")));
        if (connection.isEmpty()) {
            return ErrorPages.page(HttpStatus.NOT_FOUND, "No such connection",
                    "This workspace has no such connection.", "/app/errors", "Back to Errors");
        }
        String lead = Forms.one(form, "leadId");
        String type = Forms.one(form, "errorType");
        Optional<Set<LeadId>> leads;
        try {
            leads = lead == null || lead.isBlank() ? Optional.empty() : Optional.of(Set.of(new LeadId(lead)));
        } catch (IllegalArgumentException e) {
            return ErrorPages.page(HttpStatus.NOT_FOUND, "No such lead", "There is no lead with that id.",
                    "/app/errors", "Back to Errors");
        }
        errors.resync(new ResyncCommand(context.workspaceId(), connection.get().id(), context.actor(), leads,
                leads.isPresent() || type == null || type.isBlank() ? Optional.empty() : Optional.of(type)));
        return Pages.redirect("/app/errors?connection=" + connection.get().id().value() + "&notice=resynced");
    }
}
