package io.leadsync.adapters.in.http.admin;

import io.leadsync.adapters.in.http.agent.JsonBodies;
import io.leadsync.adapters.in.http.problem.BadRequestException;
import io.leadsync.adapters.in.http.problem.ProblemError;
import io.leadsync.adapters.in.http.problem.ProblemType;
import io.leadsync.application.port.in.delivery.BackfillCommand;
import io.leadsync.application.port.in.delivery.BackfillUseCase;
import io.leadsync.application.port.in.configure.ChangeSettingsCommand;
import io.leadsync.application.port.in.configure.ChangeSettingsUseCase;
import io.leadsync.application.port.in.configure.ChangeSalesforceOptionsUseCase;
import io.leadsync.application.port.in.connect.ConnectionErrorsUseCase;
import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.in.connect.ErrorGroup;
import io.leadsync.application.port.in.configure.InvalidSettingsException;
import io.leadsync.application.port.in.connect.ListConnectionsQuery;
import io.leadsync.application.port.in.connect.ListConnectionsUseCase;
import io.leadsync.application.port.in.configure.MappingInput;
import io.leadsync.application.port.in.configure.ReplaceMappingsCommand;
import io.leadsync.application.port.in.configure.ReplaceMappingsUseCase;
import io.leadsync.application.port.in.configure.ReplaceMappingsUseCase.MappingsChanged;
import io.leadsync.application.port.in.delivery.ResyncCommand;
import io.leadsync.domain.crm.ConflictPolicy;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.crm.SyncFrequency;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * A connection's settings, field mapping, backfill and error ledger (issue 5). Its own controller beside
 * {@link ConnectionController} so that it needs only its own use cases. Bad input is one 422 problem naming every bad
 * member and its rule, and nothing is written: the adapter checks the JSON shapes, the use cases the rules.
 */
@Controller("/api/admin/v1/connections")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ConnectionSettingsController {
    static final String MERGE_PATCH_JSON = "application/merge-patch+json";
    /** What the mapping checks here cannot know, and where the admin finds out. */
    static final String CRM_CHECK = "Names, duplicates, the lead id and the types of the fields LeadSync provisions "
            + "were checked here. Whether each CRM field exists, is visible and writable and has the right type is "
            + "checked in the CRM by \"Provision again\" (POST /api/admin/v1/connections/{id}/provision).";
    private static final Set<String> SETTINGS = Set.of("frequency", "direction", "conflictPolicy", "createRecordsInCrm",
            "createLeadsFromCrm", "targetObject", "createAccountsInCrm", "addFieldsToPageLayouts",
            "assignNewLeadsByRules");
    private static final Set<String> MAPPING_MEMBERS = Set.of("appField", "crmField", "direction", "conflictPolicy");

    private final ListConnectionsUseCase list;
    private final ChangeSettingsUseCase settings;
    private final ReplaceMappingsUseCase mappings;
    private final BackfillUseCase backfill;
    private final ConnectionErrorsUseCase errors;
    private final JsonMapper json;
    private final ChangeSalesforceOptionsUseCase salesforceOptions;

    ConnectionSettingsController(ListConnectionsUseCase list, ChangeSettingsUseCase settings,
                                 ReplaceMappingsUseCase mappings, BackfillUseCase backfill,
                                 ConnectionErrorsUseCase errors, JsonMapper json,
                                 ChangeSalesforceOptionsUseCase salesforceOptions) {
        this.salesforceOptions = salesforceOptions;
        this.list = list;
        this.settings = settings;
        this.mappings = mappings;
        this.backfill = backfill;
        this.errors = errors;
        this.json = json;
    }

    /** Merge-patch of the sync settings: members left out keep their value; answers the connection. */
    @Patch("/{connectionId}")
    @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH_JSON})
    HttpResponse<JsonNode> changeSettings(@PathVariable String connectionId, @Nullable @Body String body,
                                          Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        ConnectionId id = connectionId(connectionId);
        JsonNode patch = JsonBodies.readObject(json, body);
        List<ProblemError> bad = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : patch.entries()) {
            if (!SETTINGS.contains(member.getKey())) {
                bad.add(ProblemError.ofField(member.getKey(), "is not a connection setting; the settings are "
                        + "frequency, direction, conflictPolicy, createRecordsInCrm, createLeadsFromCrm and (Salesforce) "
                        + "targetObject, createAccountsInCrm, addFieldsToPageLayouts and assignNewLeadsByRules"));
            }
        }
        ChangeSettingsCommand command = new ChangeSettingsCommand(caller.workspaceId(), id, caller.actor(),
                choice(patch, "frequency", SyncFrequency.values(), SyncFrequency::valueOf, bad),
                choice(patch, "direction", SyncDirection.values(), SyncDirection::valueOf, bad),
                choice(patch, "conflictPolicy", ConflictPolicy.values(), ConflictPolicy::valueOf, bad),
                flag(patch, "createRecordsInCrm", bad), flag(patch, "createLeadsFromCrm", bad),
                choice(patch, "targetObject", io.leadsync.domain.crm.TargetObject.values(),
                        io.leadsync.domain.crm.TargetObject::valueOf, bad),
                flag(patch, "createAccountsInCrm", bad));
        Optional<Boolean> pageLayouts = flag(patch, "addFieldsToPageLayouts", bad);
        Optional<Boolean> assignmentRules = flag(patch, "assignNewLeadsByRules", bad);
        if (!bad.isEmpty()) {
            throw invalid("The settings have invalid fields; nothing was changed.", bad);
        }
        if (pageLayouts.isPresent() || assignmentRules.isPresent()) {
            try {
                salesforceOptions.changeSalesforceOptions(new ChangeSalesforceOptionsUseCase
                        .ChangeSalesforceOptionsCommand(caller.workspaceId(), id, caller.actor(), pageLayouts,
                        assignmentRules));
            } catch (InvalidSettingsException e) {
                throw invalid(e.getMessage(), e.violations().stream().map(violation -> ProblemError.ofField(
                        violation.path(), violation.rule())).toList());
            }
        }
        try {
            return HttpResponse.ok(ConnectionJson.toJson(settings.changeSettings(command)));
        } catch (InvalidSettingsException e) {
            // A rule only the use case knows (Person Account where the org has none): 422 naming the member.
            throw invalid(e.getMessage(), e.violations().stream().map(violation -> ProblemError.ofField(
                    violation.path(), violation.rule())).toList());
        }
    }

    @Get("/{connectionId}/mappings")
    HttpResponse<JsonNode> mappings(@PathVariable String connectionId, Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        ConnectionId id = connectionId(connectionId);
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
        ConnectionId id = connectionId(connectionId);
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
                throw invalid("The field mapping is invalid; nothing was changed.", bad);
            }
        } else {
            throw BadRequestException.malformed("The request body must be a JSON object or array.");
        }
        List<MappingInput> inputs = new ArrayList<>();
        for (int row = 0; row < rows.size(); row++) {
            JsonNode item = rows.get(row);
            String at = base + row;
            if (!item.isObject()) {
                bad.add(at(at, null, "must be an object {appField, crmField, direction, conflictPolicy}"));
                continue;
            }
            for (Map.Entry<String, JsonNode> member : item.entries()) {
                if (!MAPPING_MEMBERS.contains(member.getKey())) {
                    bad.add(at(at, member.getKey(), "is not a mapping member; they are appField, crmField, direction "
                            + "and conflictPolicy"));
                }
            }
            inputs.add(new MappingInput(text(item, at, "appField", bad), text(item, at, "crmField", bad),
                    text(item, at, "direction", bad), text(item, at, "conflictPolicy", bad)));
        }
        if (!bad.isEmpty()) {
            throw invalid("The field mapping is invalid; nothing was changed.", bad);
        }
        MappingsChanged changed;
        try {
            changed = mappings.replaceMappings(new ReplaceMappingsCommand(caller.workspaceId(), id, caller.actor(),
                    inputs));
        } catch (InvalidSettingsException e) {
            throw invalid(e.getMessage(), e.violations().stream().map(violation -> {
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

    /** Queues every lead for this connection; the background push sends them. {@code {"fields":[...]}} is optional. */
    @Post("/{connectionId}/backfill")
    HttpResponse<JsonNode> backfill(@PathVariable String connectionId, @Nullable @Body String body,
                                    Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        ConnectionId id = connectionId(connectionId);
        Set<LeadField> fields = EnumSet.noneOf(LeadField.class);
        if (body != null && !body.isBlank()) {
            JsonNode request = JsonBodies.readObject(json, body);
            List<ProblemError> bad = new ArrayList<>();
            for (Map.Entry<String, JsonNode> member : request.entries()) {
                if (!member.getKey().equals("fields")) {
                    bad.add(ProblemError.ofField(member.getKey(), "is not a backfill option; the only one is fields"));
                }
            }
            JsonNode names = request.get("fields");
            if (names != null && !names.isNull()) {
                String allowed = Arrays.toString(Arrays.stream(LeadField.values()).map(LeadField::apiName).toArray());
                if (!names.isArray()) {
                    bad.add(ProblemError.ofField("fields", "must be an array of app field names: " + allowed));
                } else {
                    for (int i = 0; i < names.size(); i++) {
                        JsonNode name = names.get(i);
                        Optional<LeadField> field = name.isString() ? LeadField.byApiName(name.getStringValue())
                                : Optional.empty();
                        if (field.isEmpty()) {
                            bad.add(at("fields/" + i, null, "must be one of " + allowed));
                        } else {
                            fields.add(field.get());
                        }
                    }
                }
            }
            if (!bad.isEmpty()) {
                throw invalid("The backfill request has invalid fields; nothing was queued.", bad);
            }
        }
        int queued = backfill.backfill(new BackfillCommand(caller.workspaceId(), id, caller.actor(), fields));
        Map<String, JsonNode> members = new LinkedHashMap<>();
        members.put("connectionId", JsonNode.createStringNode(connectionId));
        members.put("queued", JsonNode.createNumberNode(queued));
        return HttpResponse.accepted().body(JsonNode.createObjectNode(members));
    }

    /** The error ledger: failed and skipped deliveries grouped by the CRM's error code. */
    @Get("/{connectionId}/errors")
    HttpResponse<JsonNode> errors(@PathVariable String connectionId, Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        List<ErrorGroup> groups = errors.errors(caller.workspaceId(), connectionId(connectionId));
        Map<String, JsonNode> members = new LinkedHashMap<>();
        members.put("connectionId", JsonNode.createStringNode(connectionId));
        members.put("total", JsonNode.createNumberNode(groups.stream().mapToInt(ErrorGroup::count).sum()));
        members.put("groups", JsonNode.createArrayNode(groups.stream().map(group -> {
            Map<String, JsonNode> item = new LinkedHashMap<>();
            item.put("errorType", JsonNode.createStringNode(group.errorType()));
            item.put("state", JsonNode.createStringNode(group.state()));
            item.put("count", JsonNode.createNumberNode(group.count()));
            item.put("sampleMessage", JsonNode.createStringNode(group.sampleMessage()));
            item.put("leadIds", JsonNode.createArrayNode(group.leadIds().stream().map(JsonNode::createStringNode)
                    .toList()));
            return JsonNode.createObjectNode(item);
        }).toList()));
        return HttpResponse.ok(JsonNode.createObjectNode(members));
    }

    /** Resyncs {@code {"leadIds":[...]}}, or {@code {"errorType":"..."}}, or (no body) every error. */
    @Post("/{connectionId}/errors/resync")
    HttpResponse<JsonNode> resync(@PathVariable String connectionId, @Nullable @Body String body,
                                  Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        ConnectionId id = connectionId(connectionId);
        Optional<Set<LeadId>> leadIds = Optional.empty();
        Optional<String> errorType = Optional.empty();
        if (body != null && !body.isBlank()) {
            JsonNode request = JsonBodies.readObject(json, body);
            List<ProblemError> bad = new ArrayList<>();
            for (Map.Entry<String, JsonNode> member : request.entries()) {
                if (!member.getKey().equals("leadIds") && !member.getKey().equals("errorType")) {
                    bad.add(ProblemError.ofField(member.getKey(), "is not a resync option; send leadIds or errorType"));
                }
            }
            leadIds = leadIds(request.get("leadIds"), bad);
            JsonNode type = request.get("errorType");
            if (type != null && !type.isNull()) {
                if (!type.isString() || type.getStringValue().isBlank()) {
                    bad.add(ProblemError.ofField("errorType", "must be an error type as GET .../errors lists it, "
                            + "like REQUIRED_FIELD_MISSING"));
                } else {
                    errorType = Optional.of(type.getStringValue());
                }
            }
            if (leadIds.isPresent() && errorType.isPresent()) {
                bad.add(ProblemError.ofField("errorType", "cannot be combined with leadIds: resync some leads or one "
                        + "error type (or, with neither, every error)"));
            }
            if (!bad.isEmpty()) {
                throw invalid("The resync request has invalid fields; nothing was resynced.", bad);
            }
        }
        int resynced = errors.resync(new ResyncCommand(caller.workspaceId(), id, caller.actor(), leadIds, errorType));
        Map<String, JsonNode> members = new LinkedHashMap<>();
        members.put("connectionId", JsonNode.createStringNode(connectionId));
        members.put("resynced", JsonNode.createNumberNode(resynced));
        return HttpResponse.ok(JsonNode.createObjectNode(members));
    }

    private static Optional<Set<LeadId>> leadIds(JsonNode node, List<ProblemError> bad) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray() || node.size() == 0) {
            bad.add(ProblemError.ofField("leadIds", "must be a non-empty array of lead ids"));
            return Optional.empty();
        }
        Set<LeadId> ids = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            try {
                if (!item.isString()) {
                    throw new IllegalArgumentException("not a string");
                }
                ids.add(new LeadId(item.getStringValue()));
            } catch (RuntimeException e) {
                // LeadId refuses with the domain's exception; the admin needs only the rule.
                bad.add(at("leadIds/" + i, null, LeadField.LEAD_ID.rule()));
            }
        }
        return Optional.of(ids);
    }

    private static <E extends Enum<E>> Optional<E> choice(JsonNode patch, String name, E[] values,
                                                          Function<String, E> parse, List<ProblemError> bad) {
        JsonNode value = patch.get(name);
        if (value == null) {
            return Optional.empty();
        }
        // In a merge-patch null removes a member; a setting cannot be removed, only changed.
        if (value.isString()) {
            try {
                return Optional.of(parse.apply(value.getStringValue()));
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        bad.add(ProblemError.ofField(name, "must be one of " + Arrays.toString(values)));
        return Optional.empty();
    }

    private static Optional<Boolean> flag(JsonNode patch, String name, List<ProblemError> bad) {
        JsonNode value = patch.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            bad.add(ProblemError.ofField(name, "must be true or false"));
            return Optional.empty();
        }
        return Optional.of(value.getBooleanValue());
    }

    private static String text(JsonNode item, String at, String member, List<ProblemError> bad) {
        JsonNode value = item.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            bad.add(at(at, member, "must be a string"));
            return null;
        }
        return value.getStringValue();
    }

    /** A problem error at a nested path; member names here never need RFC 6901 escaping. */
    private static ProblemError at(String path, @Nullable String member, String rule) {
        String full = member == null ? path : path + "/" + member;
        return new ProblemError("/" + full, full, null, rule);
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

    private static BadRequestException invalid(String detail, List<ProblemError> errors) {
        return new BadRequestException(ProblemType.INVALID_REQUEST, detail, errors);
    }

    /** An id that is not a UUID names no connection of this workspace: the same 404 as an unknown one. */
    private static ConnectionId connectionId(String raw) {
        try {
            return new ConnectionId(UUID.fromString(raw));
        } catch (IllegalArgumentException e) {
            throw new ConnectionNotFoundException(raw);
        }
    }
}
