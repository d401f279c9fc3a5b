package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.salesforce.HttpCall.Response;
import java.util.List;

/**
 * The control API of an admin's data rules in Setup: validation rules ({@code /__sandbox/salesforce/validation-rules})
 * and picklist value sets ({@code /__sandbox/salesforce/picklists}). Bad input is an IllegalArgumentException,
 * which {@link ControlEndpoints} answers with 400.
 */
final class DataRulesControl {

    private DataRulesControl() {
    }

    static Response handle(SalesforceOrg org, HttpCall call, List<String> s) {
        String method = call.method();
        if (s.get(2).equals("validation-rules")) {
            if (s.size() == 3 && "GET".equals(method)) {
                ObjectNode body = Json.object();
                body.set("rules", org.validationRules(ValidationRules::rulesJson));
                return Response.json(200, body);
            }
            if (s.size() == 3 && "POST".equals(method)) {
                JsonNode body = call.json();
                SObjectSchema schema = schema(org, body);
                return Response.json(201, org.validationRules(rules -> rules.put(schema, body)).toJson());
            }
            if (s.size() == 5 && "DELETE".equals(method)) {
                String object = org.schema(s.get(3)).name();
                return org.validationRules(rules -> rules.remove(object, s.get(4))) ? Response.empty(204)
                        : Response.json(404, Json.object().put("error", "no validation rule " + s.get(4)));
            }
        }
        if (s.get(2).equals("picklists") && s.size() == 3 && "POST".equals(method)) {
            JsonNode body = call.json();
            SObjectSchema schema = schema(org, body);
            ValidationRules.Picklist picklist = org.validationRules(rules -> rules.picklist(schema, body));
            ObjectNode answer = Json.object();
            answer.put("object", schema.name());
            answer.put("field", schema.field(body.path("field").asText()).orElseThrow().name());
            answer.set("values", Json.strings(picklist.values()));
            answer.put("restricted", picklist.restricted());
            return Response.json(200, answer);
        }
        return Response.json(404, Json.object().put("error", "no such control endpoint: " + method + " "
                + call.path()));
    }

    private static SObjectSchema schema(SalesforceOrg org, JsonNode body) {
        String object = body.path("object").asText("");
        try {
            return org.schema(object);
        } catch (ApiException e) {
            throw new IllegalArgumentException("object must name an sObject of the org: " + object);
        }
    }
}
