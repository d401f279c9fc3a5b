package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadsync.sandbox.salesforce.HttpCall.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** sObject Collections under {@code composite/sobjects} (digest section 5): the HTTP side; the org does the writes. */
final class CollectionEndpoints {

    private final SalesforceOrg org;

    CollectionEndpoints(SalesforceOrg org) {
        this.org = org;
    }

    /**
     * sObject Collections without an external id: create (POST), update (PATCH), delete (DELETE {@code ?ids=}) on
     * {@code composite/sobjects}, and retrieve ({@code GET ?ids=&fields=}, or POST with them in the body) on
     * {@code composite/sobjects/{type}}; the PM skeleton also deletes there.
     */
    Response handle(HttpCall call, SandboxUser user, String version, String type, boolean locked) {
        String method = call.method();
        if ("DELETE".equals(method)) {
            List<String> ids = ids(call.query("ids"), DataEndpoints.COLLECTION_LIMIT);
            return Response.json(200, org.deleteCollection(user, ids,
                    "true".equalsIgnoreCase(call.query("allOrNone")), locked));
        }
        if (type != null) {
            List<String> ids;
            String fields;
            if ("GET".equals(method)) {
                ids = ids(call.query("ids"), 800);
                fields = call.query("fields");
            } else if ("POST".equals(method)) {
                JsonNode body = call.json();
                ids = new ArrayList<>();
                body.path("ids").forEach(id -> ids.add(id.asText()));
                ids(String.join(",", ids), 2000);
                List<String> names = new ArrayList<>();
                body.path("fields").forEach(f -> names.add(f.asText()));
                fields = names.isEmpty() ? null : String.join(",", names);
            } else {
                return DataEndpoints.methodNotAllowed(call, "GET,POST,DELETE");
            }
            if (fields == null || fields.isBlank()) {
                throw new ApiException(400, ApiError.of("MISSING_ARGUMENT", "fields not specified"));
            }
            return Response.json(200, org.retrieveCollection(user, org.schema(type).name(), ids,
                    Arrays.asList(fields.split(",")), version));
        }
        if (!"POST".equals(method) && !"PATCH".equals(method)) {
            return DataEndpoints.methodNotAllowed(call, "POST,PATCH,DELETE");
        }
        JsonNode body = call.json();
        List<JsonNode> rows = records(body);
        return Response.json(200, org.saveCollection(user, rows, "PATCH".equals(method),
                body.path("allOrNone").asBoolean(false), locked));
    }

    private static List<String> ids(String ids, int limit) {
        if (ids == null || ids.isBlank()) {
            throw new ApiException(400, ApiError.of("MISSING_ARGUMENT", "ids not specified"));
        }
        List<String> list = Arrays.stream(ids.split(",")).map(String::trim).filter(id -> !id.isEmpty()).toList();
        if (list.size() > limit) {
            throw new ApiException(400, ApiError.of("EXCEEDED_ID_LIMIT",
                    "record limit reached. cannot submit more than " + limit + " records into this call"));
        }
        return list;
    }

    private static List<JsonNode> records(JsonNode body) {
        JsonNode records = body.path("records");
        if (!records.isArray()) {
            throw new ApiException(400, ApiError.of("JSON_PARSER_ERROR",
                    "Cannot deserialize instance of List from " + (records.isMissingNode() ? "missing" : "non-array")
                            + " value records"));
        }
        if (records.size() > DataEndpoints.COLLECTION_LIMIT) {
            throw new ApiException(400, ApiError.of("EXCEEDED_ID_LIMIT",
                    "record limit reached. cannot submit more than 200 records into this call"));
        }
        List<JsonNode> rows = new ArrayList<>();
        records.forEach(rows::add);
        return rows;
    }

    Response upsert(HttpCall call, SandboxUser user, String type, String field, boolean locked) {
        JsonNode body = call.json();
        List<JsonNode> rows = records(body);
        boolean allOrNone = body.path("allOrNone").asBoolean(false);
        return Response.json(200, org.upsertCollection(user, org.schema(type).name(), field, rows, allOrNone,
                locked));
    }
}
