package io.leadsync.adapters.in.http.admin;

import io.leadsync.adapters.in.http.problem.BadRequestException;
import io.leadsync.adapters.in.http.problem.ProblemError;
import io.leadsync.adapters.in.http.problem.ProblemType;
import io.leadsync.application.port.in.connect.CreateEndpointConnectionCommand;
import io.leadsync.application.port.in.configure.InvalidSettingsException;
import io.leadsync.application.port.in.configure.MappingInput;
import io.leadsync.domain.crm.CrmKind;
import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The body of {@code POST /api/admin/v1/connections} for a push-only kind: {@code {"kind":"WEBHOOK","url":..,
 * "bodyFormat":"JSON","bearerToken":..,"headers":{..},"signingSecret":..,"mappings":[..],"frequency":..}} or
 * {@code {"kind":"SALESFORCE_WEB_TO_LEAD","orgId":..,"leadSource":..,"loginHost":"SANDBOX","mappings":[..]}} (a
 * My Domain form: {@code "loginHost":"MY_DOMAIN","myDomainUrl":..}). Shapes are checked here (every
 * bad member named at once), values by the use case.
 */
final class EndpointConnectionRequest {
    private static final Set<String> MEMBERS = Set.of("kind", "url", "bodyFormat", "bearerToken", "headers",
            "signingSecret", "orgId", "leadSource", "mappings", "frequency", "loginHost", "myDomainUrl");
    private static final Set<String> MAPPING_MEMBERS = Set.of("appField", "crmField", "direction", "conflictPolicy");

    private EndpointConnectionRequest() {
    }

    static CreateEndpointConnectionCommand parse(JsonNode body, CrmKind kind, AdminCaller caller) {
        List<ProblemError> bad = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : body.entries()) {
            if (!MEMBERS.contains(member.getKey())) {
                bad.add(ProblemError.ofField(member.getKey(), "is not a connection setting; they are " + MEMBERS));
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode headerNode = body.get("headers");
        if (headerNode != null && !headerNode.isNull()) {
            if (!headerNode.isObject()) {
                bad.add(ProblemError.ofField("headers", "must be an object of header names to string values"));
            } else {
                for (Map.Entry<String, JsonNode> header : headerNode.entries()) {
                    if (!header.getValue().isString()) {
                        bad.add(new ProblemError("/headers/" + pointer(header.getKey()), "headers/" + header.getKey(),
                                null, "must be a string"));
                    } else {
                        headers.put(header.getKey(), header.getValue().getStringValue());
                    }
                }
            }
        }
        Optional<List<MappingInput>> mappings = mappings(body.get("mappings"), bad);
        CreateEndpointConnectionCommand command = new CreateEndpointConnectionCommand(caller.workspaceId(), kind,
                caller.actor(), text(body, "url", bad), text(body, "bodyFormat", bad),
                text(body, "bearerToken", bad), headers, text(body, "signingSecret", bad), text(body, "orgId", bad),
                text(body, "leadSource", bad), mappings, text(body, "frequency", bad), text(body, "loginHost", bad),
                text(body, "myDomainUrl", bad));
        if (!bad.isEmpty()) {
            throw invalid("The connection request has invalid fields; nothing was created.", bad);
        }
        return command;
    }

    /** The use case's violations as problem errors, each with its JSON pointer. */
    static BadRequestException invalid(InvalidSettingsException e) {
        return invalid(e.getMessage(), e.violations().stream().map(violation -> new ProblemError(
                "/" + violation.path().replace("~", "~0"), violation.path(), null, violation.rule())).toList());
    }

    static Optional<List<MappingInput>> mappings(JsonNode node, List<ProblemError> bad) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            bad.add(ProblemError.ofField("mappings", "must be an array of {appField, crmField}"));
            return Optional.empty();
        }
        List<MappingInput> inputs = new ArrayList<>();
        for (int row = 0; row < node.size(); row++) {
            JsonNode item = node.get(row);
            String at = "mappings/" + row + "/";
            if (!item.isObject()) {
                bad.add(new ProblemError("/mappings/" + row, "mappings/" + row, null, "must be an object"));
                continue;
            }
            for (Map.Entry<String, JsonNode> member : item.entries()) {
                if (!MAPPING_MEMBERS.contains(member.getKey())) {
                    bad.add(new ProblemError("/" + at + pointer(member.getKey()), at + member.getKey(), null,
                            "is not a mapping member; they are appField, crmField, direction and conflictPolicy"));
                }
            }
            inputs.add(new MappingInput(mappingText(item, at, "appField", bad), mappingText(item, at, "crmField", bad),
                    mappingText(item, at, "direction", bad), mappingText(item, at, "conflictPolicy", bad)));
        }
        return Optional.of(inputs);
    }

    private static String mappingText(JsonNode item, String at, String name, List<ProblemError> bad) {
        JsonNode value = item.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            bad.add(new ProblemError("/" + at + name, at + name, null, "must be a string"));
            return null;
        }
        return value.getStringValue();
    }

    private static Optional<String> text(JsonNode body, String name, List<ProblemError> bad) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            bad.add(ProblemError.ofField(name, "must be a string"));
            return Optional.empty();
        }
        return Optional.of(value.getStringValue());
    }

    private static String pointer(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static BadRequestException invalid(String title, List<ProblemError> errors) {
        return new BadRequestException(ProblemType.INVALID_REQUEST, title, errors);
    }
}
