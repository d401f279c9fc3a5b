package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.salesforce.HttpCall.Response;
import io.leadsync.sandbox.salesforce.soql.Soql;
import io.leadsync.sandbox.salesforce.soql.SoqlException;
import io.leadsync.sandbox.salesforce.soql.SoqlQuery;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code query} and {@code queryAll} (SALESFORCE.md section 6): SOQL over the org's records as the calling user may see
 * them, 2,000 records a page (or the {@code Sforce-Query-Options: batchSize} asked for, 200 to 2,000) with a
 * {@code nextRecordsUrl} locator ending in {@code -<offset>}.
 */
final class QueryEndpoints {
    static final int DEFAULT_BATCH = 2000;

    private final SalesforceOrg org;
    private final PageLayouts layouts;
    /** Query locators: the full result of a query, paged out on request. */
    private final Map<String, List<ObjectNode>> locators = new ConcurrentHashMap<>();

    QueryEndpoints(SalesforceOrg org, PageLayouts layouts) {
        this.layouts = layouts;
        this.org = org;
    }

    /** Handles {@code rest} = [query|queryAll] or [query|queryAll, locator-offset]. */
    Response handle(HttpCall call, SandboxUser user, String version, List<String> rest) {
        if (!"GET".equals(call.method())) {
            throw new ApiException(405, ApiError.of("METHOD_NOT_ALLOWED",
                    "HTTP Method '" + call.method() + "' not allowed. Allowed are GET"));
        }
        boolean all = rest.get(0).equals("queryAll");
        int batch = batchSize(call.header("Sforce-Query-Options"));
        if (rest.size() == 2) {
            return page(version, rest.get(0), rest.get(1), batch);
        }
        String soql = call.query("q");
        if (soql == null || soql.isBlank()) {
            throw new ApiException(400, ApiError.of("MALFORMED_QUERY", "A query string has to be specified"));
        }
        SoqlQuery query;
        try {
            query = Soql.parse(soql, org.clock());
        } catch (SoqlException e) {
            throw new ApiException(400, ApiError.of(e.errorCode(), e.getMessage()));
        }
        List<ObjectNode> records;
        try {
            records = org.query(user, query, all, version);
        } catch (SoqlException e) {
            throw new ApiException(400, ApiError.of(e.errorCode(), e.getMessage()));
        }
        if (query.count()) {
            ObjectNode body = Json.object();
            body.put("totalSize", records.size());
            body.put("done", true);
            body.putArray("records");
            return Response.json(200, body);
        }
        String locator = "01g" + UUID.randomUUID().toString().replace("-", "").substring(0, 15);
        locators.put(locator, records);
        return page(version, rest.get(0), locator + "-0", batch);
    }

    /**
     * {@code tooling/query?q=...}: the Tooling API's own result shape, which adds {@code size},
     * {@code queryLocator} and {@code entityTypeName} to the data API's.
     */
    Response tooling(HttpCall call, SandboxUser user, String version) {
        if (!"GET".equals(call.method())) {
            throw new ApiException(405, ApiError.of("METHOD_NOT_ALLOWED",
                    "HTTP Method '" + call.method() + "' not allowed. Allowed are GET"));
        }
        String soql = call.query("q");
        if (soql == null || soql.isBlank()) {
            throw new ApiException(400, ApiError.of("MALFORMED_QUERY", "A query string has to be specified"));
        }
        List<ObjectNode> records;
        String entity;
        try {
            var query = Soql.parse(soql, org.clock());
            entity = query.objectName().equalsIgnoreCase("Layout") ? "Layout" : "CustomField";
            records = entity.equals("Layout") ? layouts.query(user, query, version)
                    : org.toolingQuery(user, query, version);
        } catch (SoqlException e) {
            throw new ApiException(400, ApiError.of(e.errorCode(), e.getMessage()));
        }
        ObjectNode body = Json.object();
        body.put("size", records.size());
        body.put("totalSize", records.size());
        body.put("done", true);
        body.putNull("queryLocator");
        body.put("entityTypeName", entity);
        ArrayNode array = body.putArray("records");
        records.forEach(array::add);
        return Response.json(200, body);
    }

    private Response page(String version, String resource, String locatorAndOffset, int batch) {
        int dash = locatorAndOffset.lastIndexOf('-');
        List<ObjectNode> records = dash < 0 ? null : locators.get(locatorAndOffset.substring(0, dash));
        int offset;
        try {
            offset = dash < 0 ? -1 : Integer.parseInt(locatorAndOffset.substring(dash + 1));
        } catch (NumberFormatException e) {
            offset = -1;
        }
        if (records == null || offset < 0 || offset > records.size()) {
            throw new ApiException(400, ApiError.of("INVALID_QUERY_LOCATOR", "invalid query locator"));
        }
        int end = Math.min(records.size(), offset + batch);
        ObjectNode body = Json.object();
        body.put("totalSize", records.size());
        body.put("done", end >= records.size());
        if (end < records.size()) {
            body.put("nextRecordsUrl", "/services/data/v" + version + "/" + resource + "/"
                    + locatorAndOffset.substring(0, dash) + "-" + end);
        }
        ArrayNode page = body.putArray("records");
        records.subList(offset, end).forEach(page::add);
        return Response.json(200, body);
    }

    private static int batchSize(String options) {
        if (options == null) {
            return DEFAULT_BATCH;
        }
        for (String option : options.split(",")) {
            String[] parts = option.trim().split("=", 2);
            if (parts.length == 2 && parts[0].trim().equalsIgnoreCase("batchSize")) {
                try {
                    return Math.max(200, Math.min(DEFAULT_BATCH, Integer.parseInt(parts[1].trim())));
                } catch (NumberFormatException e) {
                    return DEFAULT_BATCH;
                }
            }
        }
        return DEFAULT_BATCH;
    }
}
