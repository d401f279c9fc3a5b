package io.leadsync.adapters.in.http.agent;

import io.leadsync.adapters.in.http.problem.BadRequestException;
import io.leadsync.adapters.in.http.problem.ProblemError;
import io.leadsync.adapters.in.http.problem.ProblemType;
import io.leadsync.application.port.in.capture.LeadPage;
import io.leadsync.application.port.in.capture.ListLeadsQuery;
import io.leadsync.domain.lead.AgentId;
import io.leadsync.domain.lead.InvalidLeadException;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadStatus;
import io.leadsync.domain.workspace.WorkspaceId;
import io.micronaut.http.HttpParameters;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The query of {@code GET /api/v1/leads}: {@code status}, {@code agentId}, {@code updatedSince}, {@code page} (from 0)
 * and {@code size} (1 to {@value ListLeadsQuery#MAX_PAGE_SIZE}). Unknown or repeated parameters are refused by
 * name, so a misspelt filter never silently lists everything.
 */
final class ListLeadsParameters {
    static final String PATH = "/api/v1/leads";
    private static final Set<String> KNOWN = Set.of("status", "agentId", "updatedSince", "page", "size");

    private ListLeadsParameters() {
    }

    /** @throws BadRequestException naming every bad parameter */
    static ListLeadsQuery toQuery(WorkspaceId workspaceId, HttpParameters parameters) {
        List<ProblemError> errors = new ArrayList<>();
        for (String name : parameters.names()) {
            if (!KNOWN.contains(name)) {
                errors.add(ProblemError.ofParameter(name, "is not a parameter; use one of " + KNOWN.stream().sorted()
                        .collect(Collectors.joining(", "))));
            } else if (parameters.getAll(name).size() > 1) {
                errors.add(ProblemError.ofParameter(name, "must be given at most once"));
            }
        }
        Optional<LeadStatus> status = single(parameters, "status").flatMap(text -> {
            try {
                return Optional.of(LeadStatus.valueOf(text.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                errors.add(ProblemError.ofParameter("status", LeadField.STATUS.rule()));
                return Optional.empty();
            }
        });
        Optional<AgentId> agentId = single(parameters, "agentId").flatMap(text -> {
            try {
                return Optional.of(new AgentId(text.strip()));
            } catch (InvalidLeadException e) {
                errors.add(ProblemError.ofParameter("agentId", LeadField.AGENT_ID.rule()));
                return Optional.empty();
            }
        });
        Optional<Instant> updatedSince = single(parameters, "updatedSince").flatMap(text -> {
            try {
                return Optional.of(OffsetDateTime.parse(text.strip()).toInstant());
            } catch (DateTimeParseException e) {
                errors.add(ProblemError.ofParameter("updatedSince", LeadField.LAST_VISIT.rule()));
                return Optional.empty();
            }
        });
        int page = number(parameters, "page", 0, 0, Integer.MAX_VALUE, errors);
        int size = number(parameters, "size", ListLeadsQuery.DEFAULT_PAGE_SIZE, 1, ListLeadsQuery.MAX_PAGE_SIZE,
                errors);
        if (!errors.isEmpty()) {
            throw new BadRequestException(ProblemType.INVALID_PARAMETERS,
                    errors.size() == 1 ? "1 query parameter is invalid." : errors.size() + " query parameters are invalid.",
                    errors);
        }
        return new ListLeadsQuery(workspaceId, status, agentId, updatedSince, page, size);
    }

    /** The link to the page after this one with the same filters, or empty on the last page. */
    static Optional<String> next(ListLeadsQuery query, LeadPage page) {
        if (!page.hasNext()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        query.status().ifPresent(status -> parameters.put("status", status.name()));
        query.agentId().ifPresent(agent -> parameters.put("agentId", agent.value()));
        query.updatedSince().ifPresent(since -> parameters.put("updatedSince", LeadField.canonicalInstant(since)));
        parameters.put("page", Integer.toString(query.page() + 1));
        parameters.put("size", Integer.toString(query.size()));
        return Optional.of(PATH + "?" + parameters.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
    }

    private static Optional<String> single(HttpParameters parameters, String name) {
        List<String> values = parameters.getAll(name);
        return values.isEmpty() || values.get(0).isBlank() ? Optional.empty() : Optional.of(values.get(0));
    }

    private static int number(HttpParameters parameters, String name, int fallback, int min, int max,
                              List<ProblemError> errors) {
        Optional<String> text = single(parameters, name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.get().strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        errors.add(ProblemError.ofParameter(name, "must be a whole number from " + min + " to " + max));
        return fallback;
    }
}
