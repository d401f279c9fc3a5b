package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.administer.ReadAuditUseCase;
import io.leadsync.domain.crm.CrmConnection;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Activity: the workspace's audit, newest first, in the admin's words (see {@link EventViews}): sync runs with their
 * counts and CRM calls, each record pulled with its field changes and the rule that settled a conflict, failures,
 * settings changes; filtered, and as CSV.
 */
@Controller("/app")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ActivityController {
    private static final int LIMIT = 200;
    private static final int CSV_LIMIT = 1_000;
    /** One field of a pulled record: {@code jobTitle: 'CTO' -> 'CEO'} and what follows (the rule). */
    private static final Pattern DIFF = Pattern.compile("^(\\w+): ('.*?'|\\(empty\\)) -> ('.*?'|\\(empty\\))(.*)$");
    private static final Map<String, String> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("", "Everything");
        KINDS.put("sync.", "Sync runs");
        KINDS.put("lead.", "Record operations");
        KINDS.put("lead.delivery-failed", "Failed deliveries");
        KINDS.put("connection.", "Connections and settings");
    }

    private final ReadAuditUseCase audit;
    private final ConnectionViews views;

    ActivityController(ReadAuditUseCase audit, ConnectionViews views) {
        this.audit = audit;
        this.views = views;
    }

    @Get("/activity")
    HttpResponse<?> activity(HttpRequest<?> request, @Nullable @QueryValue String connection,
                             @Nullable @QueryValue String lead, @Nullable @QueryValue String action,
                             @Nullable @QueryValue String since) {
        WebContext context = WebContext.of(request);
        Map<String, Object> model = Pages.model(context, "activity", "Activity");
        List<CrmConnection> connections = views.authorised(context.workspaceId());
        Map<UUID, String> names = names(connections);
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<UUID, CrmConnection> byId = new LinkedHashMap<>();
        connections.forEach(c -> byId.put(c.id().value(), c));
        for (ReadAuditUseCase.Entry entry : audit.read(query(context, connection, lead, action, since, LIMIT))) {
            Map<String, Object> row = EventViews.view(entry, byId);
            row.put("lead", entry.leadId().orElse(null));
            row.put("connection", entry.connectionId().map(id -> names.getOrDefault(id, "Earlier connection"))
                    .orElse(null));
            rows.add(row);
        }
        model.put("entries", rows);
        model.put("connections", connections.stream().map(c -> Map.of("id", c.id().value().toString(),
                "name", names.get(c.id().value()))).toList());
        model.put("kinds", KINDS.entrySet().stream().map(e -> Map.of("value", e.getKey(), "label", e.getValue()))
                .toList());
        model.put("fConnection", connection == null ? "" : connection);
        model.put("fLead", lead == null ? "" : lead);
        model.put("fAction", action == null ? "" : action);
        model.put("fSince", since == null ? "" : since);
        model.put("csv", "/app/activity.csv" + (request.getUri().getRawQuery() == null ? ""
                : "?" + request.getUri().getRawQuery()));
        return Pages.render("activity", model);
    }

    @Get(value = "/activity.csv", produces = "text/csv")
    HttpResponse<String> csv(HttpRequest<?> request, @Nullable @QueryValue String connection,
                             @Nullable @QueryValue String lead, @Nullable @QueryValue String action,
                             @Nullable @QueryValue String since) {
        WebContext context = WebContext.of(request);
        StringBuilder csv = new StringBuilder("occurred_at,action,actor,lead_id,connection_id,detail\r\n");
        for (ReadAuditUseCase.Entry entry : audit.read(query(context, connection, lead, action, since, CSV_LIMIT))) {
            csv.append(cell(entry.occurredAt().toString())).append(',').append(cell(entry.action())).append(',')
                    .append(cell(entry.actor())).append(',').append(cell(entry.leadId().orElse(""))).append(',')
                    .append(cell(entry.connectionId().map(UUID::toString).orElse(""))).append(',')
                    .append(cell(entry.detail())).append("\r\n");
        }
        return HttpResponse.ok(csv.toString()).contentType(MediaType.of("text/csv; charset=utf-8"))
                .header("Content-Disposition", "attachment; filename=\"leadsync-activity.csv\"");
    }

    private static ReadAuditUseCase.Query query(WebContext context, String connection, String lead, String action,
                                                String since, int limit) {
        Optional<UUID> connectionId;
        try {
            connectionId = connection == null || connection.isBlank() ? Optional.empty()
                    : Optional.of(UUID.fromString(connection));
        } catch (IllegalArgumentException e) {
            connectionId = Optional.empty();
        }
        Optional<Instant> from;
        try {
            from = since == null || since.isBlank() ? Optional.empty()
                    : Optional.of(LocalDate.parse(since).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            from = Optional.empty();
        }
        return new ReadAuditUseCase.Query(context.workspaceId(), connectionId,
                lead == null || lead.isBlank() ? Optional.empty() : Optional.of(lead.strip()), from, Optional.empty(),
                action == null || action.isBlank() ? Optional.empty() : Optional.of(action), limit);
    }

    private static Map<UUID, String> names(List<CrmConnection> connections) {
        Map<UUID, String> names = new LinkedHashMap<>();
        for (CrmConnection c : connections) {
            names.put(c.id().value(), ConnectionViews.kindName(c.kind())
                    + c.identity().map(identity -> " (" + identity.orgName() + ")").orElse(""));
        }
        return names;
    }

    /**
     * A prose detail (an entry written before the typed events, ADR 0063, or not typed), line by line; a field diff
     * split into field, before and after so the page can mark them as it always did.
     */
    static List<Map<String, Object>> lines(String detail) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String line : detail.split("\n")) {
            Matcher diff = DIFF.matcher(line.strip());
            Map<String, Object> view = new LinkedHashMap<>();
            if (diff.matches()) {
                view.put("field", diff.group(1));
                view.put("before", diff.group(2));
                view.put("after", diff.group(3));
                view.put("rest", diff.group(4));
            } else {
                view.put("field", null);
                view.put("text", line);
            }
            lines.add(view);
        }
        return lines;
    }

    /** RFC 4180, and a leading =, +, - or @ neutralised so a spreadsheet never runs a cell as a formula. */
    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
