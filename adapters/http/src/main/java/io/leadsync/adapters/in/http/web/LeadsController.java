package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.GetLeadQuery;
import io.leadsync.application.port.in.GetLeadUseCase;
import io.leadsync.application.port.in.LeadDeliveryStatesUseCase;
import io.leadsync.application.port.in.LeadLinksUseCase;
import io.leadsync.application.port.in.LeadNotFoundException;
import io.leadsync.application.port.in.LeadPage;
import io.leadsync.application.port.in.ListLeadsQuery;
import io.leadsync.application.port.in.ListLeadsUseCase;
import io.leadsync.application.port.in.ReadAuditUseCase;
import io.leadsync.application.port.in.SearchLeadsUseCase;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.lead.LeadStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Leads: the workspace's leads, newest change first, by status or found by part of their id, email, name or company, each with its state in every
 * connected CRM; and one lead with its fields, its records and its history across the CRMs.
 */
@Controller("/app/leads")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class LeadsController {
    private static final int PAGE_SIZE = 50;

    private final ListLeadsUseCase list;
    private final SearchLeadsUseCase search;
    private final GetLeadUseCase get;
    private final LeadLinksUseCase links;
    private final LeadDeliveryStatesUseCase deliveries;
    private final ReadAuditUseCase audit;
    private final ConnectionViews views;

    LeadsController(ListLeadsUseCase list, SearchLeadsUseCase search, GetLeadUseCase get, LeadLinksUseCase links,
                    LeadDeliveryStatesUseCase deliveries,
                    ReadAuditUseCase audit, ConnectionViews views) {
        this.list = list;
        this.search = search;
        this.get = get;
        this.links = links;
        this.deliveries = deliveries;
        this.audit = audit;
        this.views = views;
    }

    @Get
    HttpResponse<?> leads(HttpRequest<?> request, @Nullable @QueryValue String q, @Nullable @QueryValue String status,
                          @Nullable @QueryValue Integer page) {
        WebContext context = WebContext.of(request);
        Optional<LeadStatus> wanted;
        try {
            wanted = status == null || status.isBlank() ? Optional.empty() : Optional.of(LeadStatus.valueOf(status));
        } catch (IllegalArgumentException e) {
            wanted = Optional.empty();
        }
        int pageNumber = page == null || page < 0 ? 0 : page;
        boolean searching = q != null && !q.isBlank();
        LeadPage leads;
        if (searching) {
            List<Lead> found = search.search(context.workspaceId(), q);
            leads = new LeadPage(found, 0, SearchLeadsUseCase.MAX_RESULTS, found.size());
        } else {
            leads = list.list(new ListLeadsQuery(context.workspaceId(), wanted, Optional.empty(),
                    Optional.empty(), pageNumber, PAGE_SIZE));
        }
        // A column per CRM connected now; a disconnected one has no column (its leads wait for nothing).
        List<CrmConnection> connections = views.authorised(context.workspaceId()).stream()
                .filter(c -> c.state() != io.leadsync.domain.crm.ConnectionState.DISCONNECTED).toList();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Lead lead : leads.leads()) {
            List<Map<String, Object>> states = states(context, lead, connections);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", lead.id().value());
            row.put("name", (lead.value(LeadField.FIRST_NAME).map(n -> n + " ").orElse("")) + lead.lastName());
            row.put("email", lead.workEmail().map(Object::toString).orElse(""));
            row.put("company", lead.value(LeadField.COMPANY_NAME).orElse(""));
            row.put("status", Pages.label(lead.status().name()));
            row.put("updated", Pages.when(lead.updatedAt()));
            row.put("updatedIso", lead.updatedAt().toString());
            row.put("states", states);
            rows.add(row);
        }
        Map<String, Object> model = Pages.model(context, "leads", "Leads");
        model.put("leads", rows);
        model.put("crms", connections.stream().map(c -> ConnectionViews.kindName(c.kind())).toList());
        model.put("total", leads.total());
        model.put("page", pageNumber);
        model.put("hasNext", leads.hasNext());
        model.put("statuses", Arrays.stream(LeadStatus.values()).map(s -> Map.of("value", s.name(),
                "label", Pages.label(s.name()))).toList());
        model.put("fStatus", wanted.map(Enum::name).orElse(""));
        model.put("q", searching ? q.strip() : null);
        return Pages.render("leads", model);
    }

    @Get("/{leadId}")
    HttpResponse<?> lead(HttpRequest<?> request, @PathVariable String leadId) {
        WebContext context = WebContext.of(request);
        Lead lead;
        try {
            lead = get.get(new GetLeadQuery(context.workspaceId(), new LeadId(leadId)));
        } catch (LeadNotFoundException | IllegalArgumentException e) {
            return ErrorPages.page(HttpStatus.NOT_FOUND, "No such lead",
                    "This workspace has no lead with the id \"" + leadId + "\". Lead ids are the ones your agents send.",
                    "/app/leads", "Back to Leads");
        }
        Map<String, Object> model = Pages.model(context, "leads", "Lead " + lead.id().value());
        List<Map<String, String>> fields = new ArrayList<>();
        for (LeadField field : LeadField.values()) {
            // Words, not code names: "Job title", and a status as "New" rather than NEW.
            lead.value(field).ifPresent(value -> fields.add(Map.of("name", Pages.fieldLabel(field.apiName()),
                    "value", field == LeadField.STATUS && !value.isBlank() ? Pages.label(value) : value)));
        }
        model.put("leadId", lead.id().value());
        model.put("name", (lead.value(LeadField.FIRST_NAME).map(n -> n + " ").orElse("")) + lead.lastName());
        model.put("fields", fields);
        List<CrmConnection> connections = views.authorised(context.workspaceId());
        List<Map<String, Object>> states = states(context, lead, connections);
        model.put("states", states);
        List<Map<String, Object>> history = new ArrayList<>();
        Map<java.util.UUID, CrmConnection> byId = new HashMap<>();
        connections.forEach(c -> byId.put(c.id().value(), c));
        for (ReadAuditUseCase.Entry entry : audit.read(new ReadAuditUseCase.Query(context.workspaceId(),
                Optional.empty(), Optional.of(lead.id().value()), Optional.empty(), Optional.empty(),
                Optional.empty(), 100))) {
            Map<String, Object> row = EventViews.view(entry, byId);
            row.put("crm", entry.connectionId().map(byId::get).map(c -> ConnectionViews.kindName(c.kind()))
                    .orElse(null));
            history.add(row);
        }
        model.put("history", history);
        return Pages.render("lead", model);
    }

    /** The lead's state in each connection, as the delivery queue, the outbox and the links say (not guessed). */
    private List<Map<String, Object>> states(WebContext context, Lead lead, List<CrmConnection> connections) {
        Map<ConnectionId, LeadLinksUseCase.LeadLink> linked = new HashMap<>();
        links.links(context.workspaceId(), lead.id()).forEach(link -> linked.put(link.connectionId(), link));
        List<LeadDeliveryStatesUseCase.LeadDeliveryState> delivery = deliveries.states(context.workspaceId(), lead.id(),
                connections);
        List<Map<String, Object>> states = new ArrayList<>();
        for (int i = 0; i < connections.size(); i++) {
            CrmConnection connection = connections.get(i);
            LeadLinksUseCase.LeadLink link = linked.get(connection.id());
            Map<String, Object> state = state(delivery.get(i), link);
            if (connection.state() == io.leadsync.domain.crm.ConnectionState.DISCONNECTED) {
                // Nothing goes to a disconnected CRM: its waiting deliveries were cancelled with the disconnect.
                put(state, "none", "Disconnected", link == null ? "Nothing was sent before the disconnect"
                        : "The record stays in the CRM; LeadSync no longer syncs it");
            }
            state.put("crm", ConnectionViews.kindName(connection.kind()));
            state.put("record", link == null ? null : link.crmRecordId());
            state.put("recordLink", link == null || link.deletedInCrm() ? null
                    : EventViews.link(Optional.of(connection), link.crmRecordId()).orElse(null));
            // A rep converted the lead in the CRM: it lives on in this Contact (and Account).
            state.put("converted", link == null ? null : link.conversion().map(c -> "Converted by a rep into Contact "
                    + c.contactId() + c.accountId().map(a -> " of Account " + a).orElse("")
                    + c.convertedOn().map(d -> " on " + d).orElse("") + " (was " + c.convertedRecordId() + ")")
                    .orElse(null));
            state.put("connection", connection.id().value().toString());
            states.add(state);
        }
        return states;
    }

    private static Map<String, Object> state(LeadDeliveryStatesUseCase.LeadDeliveryState delivery,
                                             LeadLinksUseCase.LeadLink link) {
        Map<String, Object> state = new LinkedHashMap<>();
        String reason = delivery.reason().orElse(null);
        switch (delivery.status()) {
            case FAILED -> put(state, "bad", "Failed", reason);
            case SKIPPED -> put(state, "warn", reason == null ? "Skipped"
                    // "no work email: CRMs match ... by email" reads "Skipped: no work email", the rest on hover.
                    : "Skipped: " + (reason.contains(":") ? reason.substring(0, reason.indexOf(':')) : reason), reason);
            case WAITING -> put(state, "info", "Waiting", reason == null ? null : "Retrying: " + reason);
            case NOT_SENT -> put(state, "none", "Not sent", null);
            case DELIVERED -> {
                if (link != null && link.deletedInCrm()) {
                    put(state, "warn", "Deleted in CRM", null);
                } else if (link != null) {
                    put(state, "ok", "Synced", Pages.when(link.lastSyncedAt()));
                } else {
                    put(state, "ok", "Delivered", null);
                }
            }
            default -> throw new IllegalStateException(delivery.status().name());
        }
        return state;
    }

    private static void put(Map<String, Object> state, String badge, String label, String detail) {
        state.put("badge", badge);
        state.put("label", label);
        state.put("detail", detail);
    }
}
