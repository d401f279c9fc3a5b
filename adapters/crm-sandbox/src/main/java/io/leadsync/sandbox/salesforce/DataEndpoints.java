package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.faults.Fault;
import io.leadsync.sandbox.salesforce.HttpCall.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The REST API under {@code /services/data/}: versions, resources, limits, describe and sObject rows; it routes
 * Collections ({@link CollectionEndpoints}), setup objects ({@link SetupEndpoints}), SOQL, Tooling and Bulk.
 */
final class DataEndpoints {

    /**
     * Every version Salesforce still serves, from v31.0 (Summer '14, the first entry of the digest's example) to
     * the newest; ascending, newest last. The old ones matter because behaviour depends on the version (upsert,
     * Collections), and a client pinned to one must see that version's behaviour.
     */
    static final Map<String, String> VERSIONS = new LinkedHashMap<>();

    /** sObject Collections exist from v42.0; their upsert by external id from v46.0 (digest section 5). */
    static final double COLLECTIONS_SINCE = 42.0;
    static final double COLLECTIONS_UPSERT_SINCE = 46.0;
    /** An upsert that updates answers 200 with a body from v46.0, 204 without one up to v45.0 (digest section 4). */
    static final double UPSERT_UPDATE_BODY_SINCE = 46.0;
    /** {@code POST sobjects/X/Id} inserts from v37.0 (REST resources_sobject_upsert.htm). */
    static final double POST_BY_ID_SINCE = 37.0;

    static {
        String[] seasons = {"Spring", "Summer", "Winter"};
        for (int v = 31; v < 58; v++) {
            // v31 was Summer '14; each release moves one season on, and Winter carries the next year's number.
            int index = (v - 31 + 1) % 3;
            int year = 14 + (v - 31 + 1) / 3 + (index == 2 ? 1 : 0);
            VERSIONS.put(v + ".0", seasons[index] + " '" + year);
        }
        VERSIONS.put("58.0", "Summer '23");
        VERSIONS.put("59.0", "Winter '24");
        VERSIONS.put("60.0", "Spring '24");
        VERSIONS.put("61.0", "Summer '24");
        VERSIONS.put("62.0", "Winter '25");
        VERSIONS.put("63.0", "Spring '25");
        VERSIONS.put("64.0", "Summer '25");
        VERSIONS.put("65.0", "Winter '26");
        VERSIONS.put("66.0", "Spring '26");
    }

    static final int COLLECTION_LIMIT = 200;

    private final SalesforceOrg org;
    private final QueryEndpoints queries;
    private final PageLayouts layouts;
    private final BulkIngest bulk;
    private final CollectionEndpoints collections;
    private final SetupEndpoints setup;

    DataEndpoints(SalesforceOrg org, BulkIngest bulk, PageLayouts layouts) {
        this.org = org;
        this.queries = new QueryEndpoints(org, layouts);
        this.layouts = layouts;
        this.bulk = bulk;
        this.collections = new CollectionEndpoints(org);
        this.setup = new SetupEndpoints(org);
    }

    /** The name a call is counted under: ids and external id values replaced by placeholders. */
    static String endpointName(HttpCall call) {
        List<String> segments = call.segments();
        if (segments.size() == 2) {
            return "GET /services/data/";
        }
        return call.method() + " /services/data/vXX.X" + template(segments.subList(3, segments.size()));
    }

    /**
     * Serves one call; {@code fault}, when not null, is what the fault plan injects into it. A lock fault lets the
     * request be read first, because Salesforce only finds the lock when it saves.
     */
    Response handle(HttpCall call, Fault fault) {
        List<String> segments = call.segments();
        org.usage().countCall(endpointName(call));
        if (segments.size() == 2) {
            if (fault != null) {
                return Response.errors(SalesforceFaults.exception(fault));
            }
            return "GET".equals(call.method()) ? versions() : methodNotAllowed(call, "GET");
        }
        String versionSegment = segments.get(2);
        String version = "latest".equals(versionSegment) ? latest()
                : versionSegment.startsWith("v") ? versionSegment.substring(1) : versionSegment;
        List<String> rest = segments.subList(3, segments.size());
        Response response;
        try {
            if (fault != null && !SalesforceFaults.isLock(fault)) {
                throw SalesforceFaults.exception(fault);
            }
            if (!VERSIONS.containsKey(version)) {
                throw ApiException.notFound();
            }
            SandboxUser user = org.auth().authenticate(call.header("Authorization"));
            org.usage().consumeApiCall();
            org.webToLead().process();
            // Sforce-Auto-Assign holds for every record the request saves; absent means TRUE.
            AutoAssign assign = AutoAssign.parse(call.header("Sforce-Auto-Assign"));
            response = AutoAssign.during(assign,
                    () -> route(call, user, version, rest, SalesforceFaults.isLock(fault)));
        } catch (ApiException e) {
            response = Response.errors(e);
        }
        response.headers().put("Sforce-Limit-Info", org.usage().limitInfo());
        return response;
    }

    private static double number(String version) {
        return Double.parseDouble(version);
    }

    private static String latest() {
        List<String> versions = new ArrayList<>(VERSIONS.keySet());
        return versions.get(versions.size() - 1);
    }

    /** The endpoint name used for call counts: ids and external id values replaced by placeholders. */
    static String template(List<String> rest) {
        if (rest.isEmpty()) {
            return "/";
        }
        List<String> parts = new ArrayList<>(rest);
        if (parts.get(0).equals("sobjects") && parts.size() == 3
                && !List.of("describe", "updated", "deleted").contains(parts.get(2))) {
            parts.set(2, "{id}");
        } else if (parts.get(0).equals("sobjects") && parts.size() == 4) {
            parts.set(2, "{externalIdField}");
            parts.set(3, "{value}");
        } else if ((parts.get(0).equals("query") || parts.get(0).equals("queryAll")) && parts.size() == 2) {
            parts.set(1, "{locator}");
        } else if (parts.get(0).equals("tooling") && parts.size() == 4 && parts.get(1).equals("sobjects")) {
            parts.set(3, "{id}");
        } else if (parts.get(0).equals("composite") && parts.size() == 4) {
            parts.set(3, "{externalIdField}");
        } else if (parts.get(0).equals("jobs") && parts.size() >= 3) {
            parts.set(2, "{jobId}");
        }
        return "/" + String.join("/", parts);
    }

    private Response route(HttpCall call, SandboxUser user, String version, List<String> rest, boolean locked) {
        String method = call.method();
        boolean collection = rest.size() >= 2 && rest.get(0).equals("composite") && rest.get(1).equals("sobjects");
        if (rest.size() >= 2 && rest.get(0).equals("jobs") && rest.get(1).equals("ingest")) {
            if (number(version) < BulkIngest.SINCE) {
                throw ApiException.notFound();
            }
            // A lock fault on the close fails every row of the job; on any other Bulk call it is the usual 400.
            return bulk.handle(call, user, version, rest.subList(2, rest.size()), locked);
        }
        if (locked && !collection) {
            throw new ApiException(SalesforceFaults.LOCK_STATUS, SalesforceFaults.lockError());
        }
        if (rest.isEmpty()) {
            return "GET".equals(method) ? resources(version, user) : methodNotAllowed(call, "GET");
        }
        String head = rest.get(0);
        if (head.equals("limits") && rest.size() == 1) {
            return "GET".equals(method) ? Response.json(200, org.usage().limits()) : methodNotAllowed(call, "GET");
        }
        if (head.equals("sobjects") && rest.size() >= 2) {
            var setupType = SetupObjects.type(rest.get(1));
            if (setupType.isPresent()) {
                return setup.handle(call, user, version, setupType.get(), rest.subList(2, rest.size()));
            }
            return sobjects(call, user, version, rest.get(1), rest.subList(2, rest.size()));
        }
        if ((head.equals("query") || head.equals("queryAll")) && rest.size() <= 2) {
            return queries.handle(call, user, version, rest);
        }
        if (head.equals("tooling") && rest.size() == 2 && rest.get(1).equals("query")) {
            return queries.tooling(call, user, version);
        }
        if (head.equals("tooling") && rest.size() >= 3 && rest.get(1).equals("sobjects")
                && rest.get(2).equalsIgnoreCase("Layout")) {
            return layouts.handle(call, user, version, rest.subList(3, rest.size()));
        }
        if (head.equals("tooling") && rest.size() >= 3 && rest.get(1).equals("sobjects")
                && rest.get(2).equalsIgnoreCase("CustomField")) {
            return setup.customField(call, user, version, rest.subList(3, rest.size()));
        }
        if (head.equals("composite") && (rest.size() == 2 || rest.size() == 3) && rest.get(1).equals("sobjects")) {
            if (number(version) < COLLECTIONS_SINCE) {
                throw ApiException.notFound();
            }
            return collections.handle(call, user, version, rest.size() == 3 ? rest.get(2) : null, locked);
        }
        if (head.equals("composite") && rest.size() == 4 && rest.get(1).equals("sobjects")) {
            if (number(version) < COLLECTIONS_UPSERT_SINCE) {
                throw ApiException.notFound();
            }
            if (!"PATCH".equals(method)) {
                return methodNotAllowed(call, "PATCH");
            }
            return collections.upsert(call, user, rest.get(2), rest.get(3), locked);
        }
        throw ApiException.notFound();
    }

    private Response sobjects(HttpCall call, SandboxUser user, String version, String type, List<String> rest) {
        SObjectSchema schema = org.schema(type);
        String method = call.method();
        if (rest.size() == 1 && (rest.get(0).equals("updated") || rest.get(0).equals("deleted"))) {
            if (!"GET".equals(method)) {
                return methodNotAllowed(call, "GET");
            }
            boolean updated = rest.get(0).equals("updated");
            Replication window = Replication.parse(call.query("start"), call.query("end"), org.now(),
                    updated ? Replication.UPDATED_LOOK_BACK : Replication.DELETED_LOOK_BACK);
            return Response.json(200, updated ? org.updated(user, schema.name(), window)
                    : org.deleted(user, schema.name(), window));
        }
        if (rest.isEmpty()) {
            if ("POST".equals(method)) {
                SaveResult result = org.create(user, schema.name(), call.json());
                if (!result.success()) {
                    throw new ApiException(400, result.errors());
                }
                ObjectNode body = Json.object();
                body.put("id", result.id());
                body.put("success", true);
                body.putArray("errors");
                return Response.json(201, body);
            }
            return methodNotAllowed(call, "POST");
        }
        if (rest.size() == 1 && rest.get(0).equals("describe")) {
            return "GET".equals(method) ? Response.json(200, org.describe(user, schema.name(), version))
                    : methodNotAllowed(call, "GET");
        }
        if (rest.size() == 1 && rest.get(0).equals("Id") && "POST".equals(method)
                && number(version) >= POST_BY_ID_SINCE) {
            // Upsert with Id as the external id and no value: always an insert.
            JsonNode body = call.json();
            if (body.isObject() && body.has("Id")) {
                throw new ApiException(400, ApiError.of("INVALID_FIELD",
                        "The Id field should not be specified in the sobject data."));
            }
            SaveResult result = org.create(user, schema.name(), body);
            if (!result.success()) {
                throw new ApiException(400, result.errors());
            }
            ObjectNode created = createdBody(result.id());
            created.put("created", true);
            return Response.json(201, created);
        }
        if (rest.size() == 1) {
            String id = rest.get(0);
            switch (method) {
                case "GET" -> {
                    List<String> fields = call.query("fields") == null ? null
                            : Arrays.asList(call.query("fields").split(","));
                    if (SalesforceIds.normalise(id) == null) {
                        throw new ApiException(404, ApiError.of("NOT_FOUND",
                                "Provided external ID field does not exist or is not accessible: " + id));
                    }
                    return Response.json(200, org.read(user, schema.name(), id, fields, version));
                }
                case "PATCH" -> {
                    org.update(user, schema.name(), id, call.json());
                    return Response.empty(204);
                }
                case "DELETE" -> {
                    org.delete(user, schema.name(), id);
                    return Response.empty(204);
                }
                default -> {
                    return methodNotAllowed(call, "GET,PATCH,DELETE");
                }
            }
        }
        if (rest.size() == 2) {
            if (!"PATCH".equals(method)) {
                return methodNotAllowed(call, "PATCH");
            }
            boolean updateOnly = "true".equalsIgnoreCase(call.query("updateOnly"));
            UpsertResult outcome = org.upsert(user, schema.name(), rest.get(0), rest.get(1),
                    call.json(), updateOnly);
            if (!outcome.ambiguousIds().isEmpty()) {
                ArrayNode urls = Json.array();
                outcome.ambiguousIds().forEach(id -> urls.add(
                        "/services/data/v" + version + "/sobjects/" + schema.name() + "/" + id));
                return Response.json(300, urls);
            }
            SaveResult result = outcome.result();
            if (!result.success()) {
                throw new ApiException(400, result.errors());
            }
            ObjectNode body = Json.object();
            body.put("id", result.id());
            body.put("success", true);
            body.putArray("errors");
            body.put("created", result.created());
            if (!result.created() && number(version) < UPSERT_UPDATE_BODY_SINCE) {
                return Response.empty(204);
            }
            return Response.json(result.created() ? 201 : 200, body);
        }
        throw ApiException.notFound();
    }

    static Response created(String id) {
        return Response.json(201, createdBody(id));
    }

    static ObjectNode createdBody(String id) {
        ObjectNode body = Json.object();
        body.put("id", id);
        body.put("success", true);
        body.putArray("errors");
        return body;
    }

    private Response versions() {
        ArrayNode body = Json.array();
        VERSIONS.forEach((version, label) -> {
            ObjectNode entry = body.addObject();
            entry.put("label", label);
            entry.put("url", "/services/data/v" + version);
            entry.put("version", version);
        });
        return Response.json(200, body);
    }

    /** Resources by version (digest section 16): with {@code identity}, the caller's identity URL, as jsforce reads it. */
    private Response resources(String version, SandboxUser user) {
        String base = "/services/data/v" + version + "/";
        ObjectNode body = Json.object();
        for (String resource : List.of("sobjects", "query", "queryAll", "limits", "composite", "tooling",
                "jobs")) {
            body.put(resource, base + resource);
        }
        body.put("identity", org.auth().identityUrl(user));
        return Response.json(200, body);
    }

    static Response methodNotAllowed(HttpCall call, String allowed) {
        Response response = Response.errors(new ApiException(405, ApiError.of("METHOD_NOT_ALLOWED",
                "HTTP Method '" + call.method() + "' not allowed. Allowed are " + allowed)));
        response.headers().put("Allow", allowed);
        return response;
    }
}
