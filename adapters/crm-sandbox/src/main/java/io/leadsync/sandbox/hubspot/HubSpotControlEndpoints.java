package io.leadsync.sandbox.hubspot;

import io.leadsync.sandbox.faults.FaultRequests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.hubspot.HubSpotCall.Reply;
import java.time.Duration;
import java.util.List;

/**
 * The sandbox's own JSON API under {@code /__sandbox/hubspot/} (and {@code POST /__sandbox/reset} when the HubSpot
 * sandbox has its own server), for tests and demo mode. It needs no token and never counts against the limits.
 * Its errors are {@code {"error": "..."}}, deliberately unlike HubSpot's, so nobody mistakes them for the real thing;
 * only a rep edit's invalid values come back in HubSpot's shape.
 */
final class HubSpotControlEndpoints {

    private final HubSpotSandbox sandbox;

    HubSpotControlEndpoints(HubSpotSandbox sandbox) {
        this.sandbox = sandbox;
    }

    Reply handle(HubSpotCall call) {
        List<String> s = call.segments();
        String method = call.method();
        try {
            if (s.size() == 2 && s.get(1).equals("reset") && "POST".equals(method)) {
                sandbox.reset();
                return Reply.empty(204);
            }
            if (s.size() < 3 || !s.get(1).equals("hubspot")) {
                return error(404, "no such control endpoint: " + method + " " + call.path());
            }
            String what = s.get(2);
            if (what.equals("reset") && s.size() == 3 && "POST".equals(method)) {
                sandbox.reset();
                return Reply.empty(204);
            }
            if (what.equals("faults") && s.size() == 3) {
                switch (method) {
                    case "POST":
                        FaultRequests.addFault(sandbox.faults(), call.json(), HubSpotFaults::kind);
                        return Reply.json(200, FaultRequests.describe(sandbox.faults().rules()));
                    case "GET":
                        return Reply.json(200, FaultRequests.describe(sandbox.faults().rules()));
                    case "DELETE":
                        sandbox.faults().clear();
                        return Reply.empty(204);
                    default:
                        return error(405, "faults takes GET, POST or DELETE");
                }
            }
            if (what.equals("latency") && s.size() == 3 && "POST".equals(method)) {
                FaultRequests.setLatency(sandbox.faults(), call.json());
                return Reply.json(200, FaultRequests.describe(sandbox.faults().rules()));
            }
            if (what.equals("tokens") && s.size() == 3 && "POST".equals(method)) {
                return Reply.json(200, sandbox.mintTokens(text(call.json(), "username")));
            }
            if (what.equals("notes") && s.size() == 3 && "GET".equals(method)) {
                ArrayNode notes = HubSpotJson.array();
                sandbox.store().notes().forEach(notes::add);
                ObjectNode body = HubSpotJson.object();
                body.put("total", notes.size());
                body.set("results", notes);
                return Reply.json(200, body);
            }
            if (what.equals("records") && s.size() == 4 && "GET".equals(method)) {
                ObjectType type = HubSpotSandbox.objectType(s.get(3));
                ArrayNode records = HubSpotJson.array();
                sandbox.store().all(type).forEach(r -> records.add(sandbox.store().toJson(type, r, null, true)));
                ObjectNode body = HubSpotJson.object();
                body.put("total", records.size());
                body.set("results", records);
                return Reply.json(200, body);
            }
            if (what.equals("records") && s.size() == 4 && "POST".equals(method)) {
                JsonNode body = call.json();
                JsonNode properties = body.has("properties") ? body.get("properties") : body;
                return Reply.json(201, sandbox.crmObjects().createAsRep(HubSpotSandbox.objectType(s.get(3)),
                        properties));
            }
            if (what.equals("records") && s.size() == 5 && "DELETE".equals(method)) {
                sandbox.crmObjects().archiveAsRep(HubSpotSandbox.objectType(s.get(3)), s.get(4));
                return Reply.empty(204);
            }
            if (what.equals("records") && s.size() == 5 && s.get(4).equals("merge") && "POST".equals(method)) {
                JsonNode body = call.json();
                return Reply.json(200, sandbox.crmObjects().merge(HubSpotSandbox.objectType(s.get(3)),
                        text(body, "primaryObjectId"), text(body, "objectIdToMerge")));
            }
            if (what.equals("records") && s.size() == 5 && "PATCH".equals(method)) {
                JsonNode body = call.json();
                JsonNode properties = body.has("properties") ? body.get("properties") : body;
                return Reply.json(200, sandbox.editAsRep(HubSpotSandbox.objectType(s.get(3)), s.get(4), properties));
            }
            if (what.equals("limits") && s.size() == 3 && "POST".equals(method)) {
                JsonNode body = call.json();
                sandbox.limits(integer(body, "tenSecondly"), integer(body, "daily"), integer(body, "searchPerSecond"),
                        body.path("dailyHeaders").isBoolean() ? body.get("dailyHeaders").booleanValue() : null);
                return Reply.json(200, sandbox.rateLimits().describe());
            }
            if (what.equals("limits") && s.size() == 3 && "GET".equals(method)) {
                return Reply.json(200, sandbox.rateLimits().describe());
            }
            if (what.equals("token-lifetime") && s.size() == 3 && "POST".equals(method)) {
                sandbox.accessTokenLifetime(Duration.ofSeconds(number(call.json(), "seconds")));
                return Reply.empty(204);
            }
            if (what.equals("refresh-token-rotation") && s.size() == 3 && "POST".equals(method)) {
                sandbox.refreshTokenRotation(call.json().path("enabled").asBoolean(false));
                return Reply.empty(204);
            }
            if (what.equals("automatic-companies") && s.size() == 3 && "POST".equals(method)) {
                JsonNode enabled = call.json().path("enabled");
                if (!enabled.isBoolean()) {
                    throw new IllegalArgumentException("\"enabled\" is required (true or false)");
                }
                sandbox.automaticCompanies(enabled.booleanValue());
                return Reply.empty(204);
            }
            if (what.equals("automatic-companies") && s.size() == 3 && "GET".equals(method)) {
                ObjectNode body = HubSpotJson.object();
                body.put("enabled", sandbox.store().automaticCompanies());
                return Reply.json(200, body);
            }
            if (what.equals("oauth-v1") && s.size() == 3 && "POST".equals(method)) {
                JsonNode enabled = call.json().path("enabled");
                if (!enabled.isBoolean()) {
                    throw new IllegalArgumentException("\"enabled\" is required (true or false)");
                }
                sandbox.oauthV1(enabled.booleanValue());
                return Reply.empty(204);
            }
            if (what.equals("app-scopes") && s.size() == 3 && "POST".equals(method)) {
                JsonNode body = call.json();
                List<String> required = new java.util.ArrayList<>();
                List<String> optional = new java.util.ArrayList<>();
                body.path("required").forEach(v -> required.add(v.asText()));
                body.path("optional").forEach(v -> optional.add(v.asText()));
                sandbox.appScopes(required, optional);
                return Reply.empty(204);
            }
            if (what.equals("search-lag") && s.size() == 3 && "POST".equals(method)) {
                sandbox.searchLag(Duration.ofMillis(number(call.json(), "millis")));
                return Reply.empty(204);
            }
            if (what.equals("calls") && s.size() == 3 && "GET".equals(method)) {
                ObjectNode body = HubSpotJson.object();
                sandbox.callCounts().forEach(body::put);
                return Reply.json(200, body);
            }
            return error(404, "no such control endpoint: " + method + " " + call.path());
        } catch (HubSpotError e) {
            if (e.httpStatus() == 404) {
                return error(404, "no such record");
            }
            if (e.httpStatus() == 400 && e.getMessage().startsWith("Invalid input JSON")) {
                return error(400, e.getMessage());
            }
            return Reply.error(e);
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
    }

    private static String text(JsonNode body, String name) {
        JsonNode value = body.path(name);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("\"" + name + "\" is required");
        }
        return value.textValue();
    }

    private static long number(JsonNode body, String name) {
        JsonNode value = body.path(name);
        if (!value.canConvertToLong()) {
            throw new IllegalArgumentException("\"" + name + "\" is required (a whole number)");
        }
        return value.asLong();
    }

    private static Integer integer(JsonNode body, String name) {
        JsonNode value = body.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt()) {
            throw new IllegalArgumentException("\"" + name + "\" must be a whole number");
        }
        return value.asInt();
    }

    private static Reply error(int status, String message) {
        ObjectNode body = HubSpotJson.object();
        body.put("error", message);
        return Reply.json(status, body);
    }
}
