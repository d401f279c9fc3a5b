package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.salesforce.HttpCall.Response;
import java.util.Optional;

/**
 * The control API of the org's own endpoints: {@code POST /__sandbox/salesforce/flows}
 * {@code {"apiName":..,"label":..,"reject":{"field":..,"equals":..,"message":..}}} and
 * {@code POST /__sandbox/salesforce/apex-rest} {@code {"className":..,"urlMapping":"/leads/*","reject":{..}}}; a GET
 * lists what is registered.
 */
final class OrgEndpointControl {
    private OrgEndpointControl() {
    }

    static Response handle(SalesforceSandbox sandbox, String what, String method, JsonNode body) {
        OrgEndpoints endpoints = sandbox.endpoints();
        if ("POST".equals(method)) {
            JsonNode reject = body.path("reject");
            Optional<OrgEndpoints.Rejection> rejection = reject.isObject()
                    ? OrgEndpoints.Rejection.of(text(reject, "field"), text(reject, "equals"),
                    text(reject, "message"))
                    : Optional.empty();
            if (what.equals("flows")) {
                endpoints.registerFlow(text(body, "apiName"), text(body, "label"), rejection);
            } else {
                endpoints.registerApexRest(text(body, "className"), text(body, "urlMapping"), rejection);
            }
        } else if (!"GET".equals(method)) {
            throw new IllegalArgumentException(what + " takes GET or POST");
        }
        ArrayNode list = Json.array();
        if (what.equals("flows")) {
            endpoints.flows().forEach(flow -> {
                ObjectNode row = list.addObject();
                row.put("apiName", flow.apiName());
                row.put("label", flow.label());
                row.put("rejects", flow.rejection().isPresent());
                row.put("created", endpoints.createdBy("flow:" + flow.apiName()).size());
            });
        } else {
            endpoints.resources().forEach(resource -> {
                ObjectNode row = list.addObject();
                row.put("className", resource.className());
                row.put("urlMapping", resource.urlMapping());
                row.put("rejects", resource.rejection().isPresent());
                row.put("created", endpoints.createdBy("apex:" + resource.className()).size());
            });
        }
        return Response.json("POST".equals(method) ? 201 : 200, list);
    }

    private static String text(JsonNode body, String name) {
        JsonNode value = body.path(name);
        return value.isTextual() ? value.textValue() : null;
    }
}
