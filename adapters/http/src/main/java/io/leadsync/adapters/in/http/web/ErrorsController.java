package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.connect.ConnectionErrorsUseCase;
import io.leadsync.application.port.in.connect.ErrorGroup;
import io.leadsync.application.port.in.delivery.ResyncCommand;
import io.leadsync.domain.crm.ConnectionState;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmErrorCode;
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

/**
 * Errors: every connection's error ledger at once, grouped by the CRM's own error code with advice per code, and
 * resync of one lead, a group or all, offered only where sending again can help.
 */
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
        boolean one = connection != null && !connection.isBlank();
        Optional<CrmConnection> chosen = one ? views.find(context.workspaceId(), connection) : Optional.empty();
        if (one && chosen.isEmpty()) {
            return ErrorPages.page(HttpStatus.NOT_FOUND, "No such connection",
                    "This workspace has no such connection.", "/app/errors", "Back to Errors");
        }
        model.put("connections", connections.stream().map(c -> Map.of("id", c.id().value().toString(),
                "name", name(c), "selected", chosen.map(x -> x.id().equals(c.id())).orElse(false))).toList());
        // Every connection at once (issue 16), or the one asked for; a disconnected one only while it has errors.
        List<Map<String, Object>> sections = new ArrayList<>();
        int total = 0;
        for (CrmConnection c : chosen.map(List::of).orElse(connections)) {
            List<Map<String, Object>> groups = groups(context, c);
            boolean disconnected = c.state() == ConnectionState.DISCONNECTED;
            if (disconnected && groups.isEmpty()) {
                continue;
            }
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("c", views.summary(c));
            section.put("name", name(c));
            section.put("disconnected", disconnected);
            section.put("groups", groups);
            section.put("resyncable", !disconnected && groups.stream().anyMatch(g -> (Boolean) g.get("resync")));
            total += groups.stream().mapToInt(g -> (Integer) g.get("count")).sum();
            sections.add(section);
        }
        model.put("sections", sections);
        model.put("total", total);
        model.put("notice", notice == null ? null : Notices.text(notice));
        return Pages.render("errors", model);
    }

    private List<Map<String, Object>> groups(WebContext context, CrmConnection connection) {
        boolean disconnected = connection.state() == ConnectionState.DISCONNECTED;
        List<Map<String, Object>> groups = new ArrayList<>();
        for (ErrorGroup group : errors.errors(context.workspaceId(), connection.id())) {
            Map<String, Object> view = new LinkedHashMap<>();
            CrmErrorCode code = new CrmErrorCode(group.errorType());
            view.put("type", group.errorType());
            view.put("state", Pages.label(group.state()));
            view.put("count", group.count());
            view.put("sample", group.sampleMessage());
            view.put("fix", fix(group.errorType()));
            // Resync only where sending the same lead again can succeed, and never to a disconnected CRM.
            view.put("resync", !disconnected && code.resyncCanHelp());
            view.put("leads", group.leadIds().stream().limit(LEADS_SHOWN).toList());
            view.put("more", Math.max(0, group.leadIds().size() - LEADS_SHOWN));
            groups.add(view);
        }
        return groups;
    }

    private static String name(CrmConnection c) {
        return ConnectionViews.kindName(c.kind()) + c.identity().map(i -> " (" + i.orgName() + ")").orElse("")
                + (c.state() == ConnectionState.DISCONNECTED ? ", disconnected" : "");
    }

    /** What an admin does about a CRM's error code, in the CRM or here. */
    static String fix(String errorType) {
        String type = errorType.toUpperCase(java.util.Locale.ROOT);
        if (type.equals(CrmErrorCode.NO_WORK_EMAIL)) {
            return "Leads without a work email are not sent: CRMs match and route leads by email. They go by "
                    + "themselves once the agent adds one; sending them again now cannot help.";
        }
        if (type.equals("SUPPRESSED")) {
            return "These leads are on this connection's suppression list. Take them off the list on the "
                    + "connection's page if they should go.";
        }
        if (type.startsWith("INVALID_FIELD") || type.contains("NO SUCH COLUMN") || type.startsWith("PROPERTY_DOESNT_EXIST")
                || type.equals("INVALID_FIELD_FOR_INSERT_UPDATE") || type.equals("INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY")) {
            return "A mapped field is missing in the CRM or hidden from the connected user. Open the connection and "
                    + "click Provision again: LeadSync creates its fields again and grants them to that user. Then resync.";
        }
        if (type.startsWith("REQUIRED_FIELD_MISSING")) {
            return "The CRM requires a field these leads have no value for: map a field that fills it, or have the "
                    + "agent send the value. Then resync.";
        }
        if (type.equals("DUPLICATES_DETECTED")) {
            return "A duplicate rule in Salesforce blocked these leads and LeadSync found no single record to adopt. "
                    + "Merge the duplicates in Salesforce, or let the rule allow saves, then resync.";
        }
        if (type.equals("LINK_CONFLICT")) {
            return "Another lead of this workspace is already linked to the same CRM record. Merge the two leads "
                    + "or the two records, then resync.";
        }
        if (type.equals("CANNOT_UPDATE_CONVERTED_LEAD")) {
            return "A rep converted the lead in Salesforce; LeadSync follows it to the Contact at the next pull. "
                    + "Resync after that.";
        }
        if (type.equals("STRING_TOO_LONG") || type.equals("INVALID_EMAIL_ADDRESS")
                || type.equals("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST") || type.equals("FIELD_CUSTOM_VALIDATION_EXCEPTION")
                || type.equals("VALIDATION_ERROR") || type.equals("INVALID_OPTION")) {
            return "The CRM refused a value (too long, not an allowed choice, or a validation rule). Correct the "
                    + "lead, widen the field or the rule in the CRM, or map the field elsewhere; then resync.";
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
        return Pages.redirect("/app/errors?notice=resynced");
    }
}
