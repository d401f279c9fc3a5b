package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.faults.FaultRequests;
import io.leadsync.sandbox.faults.FaultRule;
import io.leadsync.sandbox.salesforce.HttpCall.Response;
import java.time.Duration;
import java.util.List;

/**
 * The sandbox's own JSON API under {@code /__sandbox/}, for tests and demo mode. It never counts against the
 * daily API limit and ignores field-level security. Its errors are {@code {"error": "..."}}, deliberately unlike
 * Salesforce's, so nobody mistakes them for the real thing.
 */
final class ControlEndpoints {

    private static final String VERSION = "62.0";

    private final SalesforceSandbox sandbox;

    ControlEndpoints(SalesforceSandbox sandbox) {
        this.sandbox = sandbox;
    }

    Response handle(HttpCall call) {
        List<String> s = call.segments();
        String method = call.method();
        try {
            if (s.size() == 2 && s.get(1).equals("reset") && "POST".equals(method)) {
                sandbox.reset();
                return Response.empty(204);
            }
            if (s.size() < 3 || !s.get(1).equals("salesforce")) {
                return error(404, "no such control endpoint: " + method + " " + call.path());
            }
            String what = s.get(2);
            if (what.equals("faults") && s.size() == 3) {
                switch (method) {
                    case "POST" -> {
                        FaultRule rule = FaultRequests.addFault(sandbox.faults(), call.json(), SalesforceFaults::kind);
                        return Response.json(201, FaultRequests.describe(List.of(rule)).get(0));
                    }
                    case "GET" -> {
                        return Response.json(200, FaultRequests.describe(sandbox.faults().rules()));
                    }
                    case "DELETE" -> {
                        sandbox.clearFaults();
                        return Response.empty(204);
                    }
                    default -> {
                        return error(405, "faults takes GET, POST or DELETE");
                    }
                }
            }
            if (what.equals("latency") && s.size() == 3 && "POST".equals(method)) {
                FaultRequests.setLatency(sandbox.faults(), call.json());
                return Response.json(200, FaultRequests.describe(sandbox.faults().rules()));
            }
            if (what.equals("recycle-bin") && s.size() == 3 && "DELETE".equals(method)) {
                sandbox.emptyRecycleBin();
                return Response.empty(204);
            }
            if (what.equals("web-to-lead") && s.size() == 3 && "GET".equals(method)) {
                return Response.json(200, sandbox.org().webToLead().stats());
            }
            if (what.equals("web-to-lead") && s.size() == 3 && "POST".equals(method)) {
                JsonNode body = call.json();
                ObjectNode current = sandbox.org().webToLead().stats();
                sandbox.webToLeadLimits(limit(body, "dailyLimit", current), limit(body, "pendingLimit", current));
                return Response.json(200, sandbox.org().webToLead().stats());
            }
            if (what.equals("validation-rules") || what.equals("picklists")) {
                return DataRulesControl.handle(sandbox.org(), call, s);
            }
            // "duplicate-rule" with "leadEmail" is the older spelling of the same switch; both stay served.
            if ((what.equals("duplicate-rules") || what.equals("duplicate-rule")) && s.size() == 3) {
                if ("POST".equals(method)) {
                    JsonNode body = call.json();
                    JsonNode active = body.has("active") ? body.path("active") : body.path("leadEmail");
                    if (!active.isBoolean()) {
                        throw new IllegalArgumentException("active must be true or false");
                    }
                    sandbox.duplicateRules(active.booleanValue());
                }
                ObjectNode rules = Json.object();
                boolean active = sandbox.org().duplicateRules();
                rules.put("active", active);
                rules.put("leadEmail", active);
                rules.set("rules", Json.strings(List.of("Standard_Lead_Duplicate_Rule",
                        "Standard_Contact_Duplicate_Rule", "Standard_Account_Duplicate_Rule")));
                return Response.json(200, rules);
            }
            if (what.equals("person-accounts") && s.size() == 3) {
                return PersonAccountsControl.handle(sandbox.org(), method, call);
            }
            if (what.equals("assignment-rule") && s.size() == 3) {
                if ("POST".equals(method)) {
                    JsonNode active = call.json().path("active");
                    if (!active.isBoolean()) {
                        throw new IllegalArgumentException("active must be true or false");
                    }
                    sandbox.leadAssignmentRule(active.booleanValue());
                }
                return Response.json(200, sandbox.org().leadAssignmentRule());
            }
            if (what.equals("layouts") && s.size() == 4 && "GET".equals(method)) {
                return Response.json(200, sandbox.layouts().fieldsOn(s.get(3)));
            }
            if (what.equals("hosts") && s.size() == 3 && "GET".equals(method)) {
                return Response.json(200, hosts());
            }
            if (what.equals("instance") && s.size() == 3 && "POST".equals(method)) {
                String previous = sandbox.instanceUrl();
                sandbox.moveInstance();
                ObjectNode body = hosts();
                body.put("previousInstanceUrl", previous);
                return Response.json(200, body);
            }
            if (what.equals("tokens") && s.size() == 3 && "POST".equals(method)) {
                return Response.json(200, sandbox.mintTokens(text(call.json(), "username")));
            }
            if (what.equals("records") && s.size() == 4 && "GET".equals(method)) {
                ArrayNode records = Json.array();
                sandbox.org().allRecords(s.get(3), VERSION).forEach(records::add);
                ObjectNode body = Json.object();
                body.put("totalSize", records.size());
                body.set("records", records);
                return Response.json(200, body);
            }
            if (what.equals("leads") && s.size() == 5 && s.get(4).equals("convert") && "POST".equals(method)) {
                JsonNode body = call.body().length == 0 ? Json.object() : call.json();
                return converted(() -> sandbox.convertAsRep(s.get(3), body.path("convertedStatus").asText(null),
                        body.path("accountId").asText(null)));
            }
            if (what.equals("merge") && s.size() == 3 && "POST".equals(method)) {
                JsonNode body = call.json();
                List<String> ids = new java.util.ArrayList<>();
                body.path("mergeIds").forEach(id -> ids.add(id.asText()));
                return converted(() -> sandbox.mergeAsRep(body.path("type").asText("Lead"),
                        body.path("masterId").asText(), ids));
            }
            if (what.equals("records") && s.size() == 5 && "PATCH".equals(method)) {
                return Response.json(200, sandbox.org().editAsRep(s.get(3), s.get(4), call.json(), VERSION));
            }
            if (what.equals("limits") && s.size() == 3 && "POST".equals(method)) {
                sandbox.dailyApiRequests(call.json().path("dailyApiRequests").asInt(-1));
                return Response.json(200, sandbox.org().usage().limits());
            }
            if (what.equals("token-lifetime") && s.size() == 3 && "POST".equals(method)) {
                sandbox.tokenLifetime(Duration.ofSeconds(call.json().path("seconds").asLong(-1)));
                return Response.empty(204);
            }
            if (what.equals("refresh-token-rotation") && s.size() == 3 && "POST".equals(method)) {
                sandbox.refreshTokenRotation(call.json().path("enabled").asBoolean(false));
                return Response.empty(204);
            }
            if (what.equals("permissions") && s.size() == 3 && "GET".equals(method)) {
                return Response.json(200, sandbox.org().permissions(VERSION));
            }
            if (what.equals("field-permissions") && s.size() == 3 && "DELETE".equals(method)) {
                String user = required(call.query("user"), "user");
                String field = required(call.query("field"), "field");
                ObjectNode body = Json.object();
                body.put("deleted", sandbox.revokeFieldAccess(user, field));
                return Response.json(200, body);
            }
            if (what.equals("users") && s.size() == 3 && "GET".equals(method)) {
                ObjectNode body = Json.object();
                sandbox.userIds().forEach(body::put);
                return Response.json(200, body);
            }
            if (what.equals("bulk") && s.size() == 3 && ("GET".equals(method) || "POST".equals(method))) {
                if ("POST".equals(method)) {
                    JsonNode body = call.json();
                    if (body.has("processingDelayMillis")) {
                        if (!body.get("processingDelayMillis").canConvertToLong()
                                || body.get("processingDelayMillis").asLong() < 0) {
                            throw new IllegalArgumentException("\"processingDelayMillis\" must be 0 or more");
                        }
                        sandbox.bulkProcessingDelay(Duration.ofMillis(body.get("processingDelayMillis").asLong()));
                    }
                    if (body.has("multipleUploads")) {
                        sandbox.bulkMultipleUploads(body.get("multipleUploads").asBoolean());
                    }
                }
                ObjectNode body = Json.object();
                body.put("processingDelayMillis", sandbox.bulk().processingDelay().toMillis());
                body.put("multipleUploads", sandbox.bulk().multipleUploads());
                ArrayNode jobs = body.putArray("jobs");
                sandbox.bulk().jobs().forEach(jobs::add);
                return Response.json(200, body);
            }
            if ((what.equals("flows") || what.equals("apex-rest")) && s.size() == 3) {
                return OrgEndpointControl.handle(sandbox, what, method, method.equals("POST") ? call.json() : null);
            }
            if (what.equals("calls") && s.size() == 3 && "GET".equals(method)) {
                ObjectNode body = Json.object();
                sandbox.callCounts().forEach(body::put);
                return Response.json(200, body);
            }
            return error(404, "no such control endpoint: " + method + " " + call.path());
        } catch (ApiException e) {
            if (e.status() == 400 && !e.errors().isEmpty() && e.errors().get(0).code().equals("JSON_PARSER_ERROR")) {
                return error(400, e.errors().get(0).message());
            }
            return Response.errors(e);
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
    }

    /** The org's hosts: where each login is served and where its REST API lives now. */
    private ObjectNode hosts() {
        ObjectNode body = Json.object();
        body.put("productionLoginUrl", sandbox.baseUrl());
        body.put("sandboxLoginUrl", sandbox.sandboxLoginUrl());
        body.put("myDomainUrl", sandbox.myDomainUrl());
        body.put("instanceUrl", sandbox.instanceUrl());
        return body;
    }

    private static String text(JsonNode body, String name) {
        JsonNode value = body.path(name);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("\"" + name + "\" is required");
        }
        return value.textValue();
    }

    private static int limit(JsonNode body, String name, ObjectNode current) {
        if (!body.has(name)) {
            return current.get(name).intValue();
        }
        if (!body.get(name).isInt() || body.get(name).intValue() < 0) {
            throw new IllegalArgumentException("\"" + name + "\" must be a whole number, 0 or more");
        }
        return body.get(name).intValue();
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("query parameter \"" + name + "\" is required");
        }
        return value;
    }

    private static Response error(int status, String message) {
        ObjectNode body = Json.object();
        body.put("error", message);
        return Response.json(status, body);
    }

    /** A rep's conversion or merge: 200 with the result, or 400 with Salesforce's reason. */
    private static Response converted(java.util.function.Supplier<? extends java.util.Map<String, ?>> action) {
        try {
            return Response.json(200, Json.MAPPER.valueToTree(action.get()));
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
    }
}
