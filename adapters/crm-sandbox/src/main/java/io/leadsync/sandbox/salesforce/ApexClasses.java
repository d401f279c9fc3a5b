package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.salesforce.HttpCall.Response;
import io.leadsync.sandbox.salesforce.soql.Soql;
import io.leadsync.sandbox.salesforce.soql.SoqlException;
import io.leadsync.sandbox.salesforce.soql.SoqlQuery;
import java.time.Clock;
import java.util.List;

/** Tooling API queries of {@code ApexClass}: the classes the org's {@link OrgEndpoints} registered. */
final class ApexClasses {
    private ApexClasses() {
    }

    /** Whether a tooling query asks for ApexClass rows (any other entity goes to the tooling query of fields). */
    static boolean asks(String soql) {
        return soql != null && soql.matches("(?is).*\\bfrom\\s+ApexClass\\b.*");
    }

    static Response query(HttpCall call, OrgEndpoints endpoints, Clock clock) {
        List<ObjectNode> records;
        try {
            SoqlQuery query = Soql.parse(call.query("q"), clock);
            records = endpoints.apexClasses(query);
        } catch (SoqlException e) {
            throw new ApiException(400, ApiError.of(e.errorCode(), e.getMessage()));
        }
        ObjectNode body = Json.object();
        body.put("size", records.size());
        body.put("totalSize", records.size());
        body.put("done", true);
        body.putNull("queryLocator");
        body.put("entityTypeName", "ApexClass");
        ArrayNode array = body.putArray("records");
        records.forEach(array::add);
        return Response.json(200, body);
    }
}
