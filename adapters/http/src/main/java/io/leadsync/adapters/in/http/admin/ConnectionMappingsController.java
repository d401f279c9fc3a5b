package io.leadsync.adapters.in.http.admin;

import io.leadsync.adapters.in.http.problem.BadRequestException;
import io.leadsync.adapters.in.http.problem.ProblemError;
import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.in.configure.InvalidSettingsException;
import io.leadsync.application.port.in.connect.ListConnectionsQuery;
import io.leadsync.application.port.in.connect.ListConnectionsUseCase;
import io.leadsync.application.port.in.configure.MappingInput;
import io.leadsync.application.port.in.configure.ReplaceMappingsCommand;
import io.leadsync.application.port.in.configure.ReplaceMappingsUseCase;
import io.leadsync.application.port.in.configure.ReplaceMappingsUseCase.MappingsChanged;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A connection's field mapping (issue 5): read it, or replace it whole and learn what a backfill would refresh. */
@Controller("/api/admin/v1/connections")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ConnectionMappingsController {
    /** What the mapping checks here cannot know, and where the admin finds out. */
    static final String CRM_CHECK = "Names, duplicates, the lead id and the types of the fields LeadSync provisions "
            + "were checked here. Whether each CRM field exists, is visible and writable and has the right type is "
            + "checked in the CRM by \"Provision again\" (POST /api/admin/v1/connections/{id}/provision).";
    private static final Set<String> MAPPING_MEMBERS = Set.of("appField", "crmField", "direction", "conflictPolicy");

    private final ListConnectionsUseCase list;
    private final ReplaceMappingsUseCase mappings;
    private final JsonMapper json;

    ConnectionMappingsController(ListConnectionsUseCase list, ReplaceMappingsUseCase mappings, JsonMapper json) {
        this.list = list;
        this.mappings = mappings;
        this.json = json;
    }

    @Get("/{connectionId}/mappings")
    HttpResponse<JsonNode> mappings(@PathVariable String connectionId, Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        ConnectionId id = AdminRequests.connectionId(connectionId);
        CrmConnection connection = list.list(new ListConnectionsQuery(caller.workspaceId())).stream()
                .filter(candidate -> candidate.id().equals(id)).findFirst()
                .orElseThrow(() -> new ConnectionNotFoundException(connectionId));
        Map<String, JsonNode> members = new LinkedHashMap<>();
        members.put("connectionId", JsonNode.createStringNode(connectionId));
        members.put("mappings", ConnectionJson.mappings(connection.mappings()));
        return HttpResponse.ok(JsonNode.createObjectNode(members));
    }

    /**
     * Replaces the whole mapping: {@code {"mappings":[{appField, crmField, direction, conflictPolicy}]}} or the bare
     * array. Answers the new mapping and which app fields a backfill would refresh in the CRM.
     */
    @Put("/{connectionId}/mappings")
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<JsonNode> replaceMappings(@PathVariable String connectionId, @Nullable @Body String body,
                                           Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        ConnectionId id = AdminRequests.connectionId(connectionId);
        JsonNode tree = readJson(body);
        // Pointers name where the admin sent the row: "/mappings/2/crmField", or "/2/crmField" in a bare array.
        String base;
        JsonNode rows;
        List<ProblemError> bad = new ArrayList<>();
        if (tree.isArray()) {
            base = "";
            rows = tree;
        } else if (tree.isObject()) {
            base = "mappings/";
            rows = tree.get("mappings");
            for (Map.Entry<String, JsonNode> member : tree.entries()) {
                // connectionId is let through so that what GET .../mappings answered can be edited and sent back.
                if (!member.getKey().equals("mappings") && !member.getKey().equals("connectionId")) {
                    bad.add(ProblemError.ofField(member.getKey(), "is not part of a mapping; send {\"mappings\":[...]}"));
                }
            }
            if (rows == null || !rows.isArray()) {
                bad.add(ProblemError.ofField("mappings", "is required: an array of {appField, crmField, direction, "
                        + "conflictPolicy}"));
                throw AdminRequests.invalid("The field mapping is invalid; nothing was changed.", bad);
            }
        } else {
            throw BadRequestException.malformed("The request body must be a JSON object or array.");
        }
        List<MappingInput> inputs = new ArrayList<>();
        for (int row = 0; row < rows.size(); row++) {
            JsonNode item = rows.get(row);
            String at = base + row;
            if (!item.isObject()) {
                bad.add(AdminRequests.at(at, null, "must be an object {appField, crmField, direction, conflictPolicy}"));
                continue;
            }
            for (Map.Entry<String, JsonNode> member : item.entries()) {
                if (!MAPPING_MEMBERS.contains(member.getKey())) {
                    bad.add(AdminRequests.at(at, member.getKey(), "is not a mapping member; they are appField, crmField, direction "
                            + "and conflictPolicy"));
                }
            }
            inputs.add(new MappingInput(text(item, at, "appField", bad), text(item, at, "crmField", bad),
                    text(item, at, "direction", bad), text(item, at, "conflictPolicy", bad)));
        }
        if (!bad.isEmpty()) {
            throw AdminRequests.invalid("The field mapping is invalid; nothing was changed.", bad);
        }
        MappingsChanged changed;
        try {
            changed = mappings.replaceMappings(new ReplaceMappingsCommand(caller.workspaceId(), id, caller.actor(),
                    inputs));
        } catch (InvalidSettingsException e) {
            throw AdminRequests.invalid(e.getMessage(), e.violations().stream().map(violation -> {
                String path = base.isEmpty() && violation.path().startsWith("mappings/")
                        ? violation.path().substring("mappings/".length()) : violation.path();
                return new ProblemError("/" + path, path, null, violation.rule());
            }).toList());
        }
        boolean pushes = changed.connection().settings().direction().allowsPush();
        Map<String, JsonNode> backfill = new LinkedHashMap<>();
        backfill.put("available", JsonNode.createBooleanNode(pushes && !changed.changedFields().isEmpty()));
        backfill.put("fields", JsonNode.createArrayNode(changed.changedFields().stream()
                .map(field -> JsonNode.createStringNode(field.apiName())).toList()));
        Map<String, JsonNode> members = new LinkedHashMap<>();
        members.put("connectionId", JsonNode.createStringNode(connectionId));
        members.put("mappings", ConnectionJson.mappings(changed.connection().mappings()));
        members.put("backfill", JsonNode.createObjectNode(backfill));
        members.put("crmCheck", JsonNode.createStringNode(CRM_CHECK));
        return HttpResponse.ok(JsonNode.createObjectNode(members));
    }

    private static String text(JsonNode item, String at, String member, List<ProblemError> bad) {
        JsonNode value = item.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            bad.add(AdminRequests.at(at, member, "must be a string"));
            return null;
        }
        return value.getStringValue();
    }

    private JsonNode readJson(String body) {
        if (body == null || body.isBlank()) {
            throw BadRequestException.malformed("The request body is empty; send {\"mappings\":[...]}.");
        }
        try {
            JsonNode tree = json.readValue(body, JsonNode.class);
            if (tree == null) {
                throw BadRequestException.malformed("The request body is not valid JSON.");
            }
            return tree;
        } catch (java.io.IOException | RuntimeException e) {
            if (e instanceof BadRequestException) {
                throw (BadRequestException) e;
            }
            // The parser's message quotes the body back; say only that it is not JSON.
            throw BadRequestException.malformed("The request body is not valid JSON.");
        }
    }
}
