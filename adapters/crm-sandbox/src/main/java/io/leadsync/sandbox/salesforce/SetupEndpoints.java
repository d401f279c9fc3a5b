package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.salesforce.HttpCall.Response;
import java.util.Arrays;
import java.util.List;

/** The setup objects of field-level security and the Tooling API's CustomField, over HTTP (digest sections 9, 10). */
final class SetupEndpoints {

    private final SalesforceOrg org;

    SetupEndpoints(SalesforceOrg org) {
        this.org = org;
    }

    /** PermissionSet, FieldPermissions and PermissionSetAssignment: create, read, update and delete by id. */
    Response handle(HttpCall call, SandboxUser user, String version, String type, List<String> rest) {
        String method = call.method();
        if (rest.isEmpty()) {
            if (!"POST".equals(method)) {
                return DataEndpoints.methodNotAllowed(call, "POST");
            }
            return DataEndpoints.created(org.createSetupObject(user, type, call.json()));
        }
        if (rest.size() != 1) {
            throw ApiException.notFound();
        }
        String id = rest.get(0);
        return switch (method) {
            case "GET" -> Response.json(200, org.readSetupObject(user, type, id, call.query("fields") == null ? null
                    : Arrays.asList(call.query("fields").split(",")), version));
            case "PATCH" -> {
                org.updateSetupObject(user, type, id, call.json());
                yield Response.empty(204);
            }
            case "DELETE" -> {
                org.deleteSetupObject(user, type, id);
                yield Response.empty(204);
            }
            default -> DataEndpoints.methodNotAllowed(call, "GET,PATCH,DELETE");
        };
    }

    /** Tooling API CustomField: create, and read one by id. */
    Response customField(HttpCall call, SandboxUser user, String version, List<String> rest) {
        String method = call.method();
        if (rest.isEmpty()) {
            if (!"POST".equals(method)) {
                return DataEndpoints.methodNotAllowed(call, "POST");
            }
            ObjectNode body = DataEndpoints.createdBody(org.createCustomField(user, call.json()));
            body.putArray("warnings");
            body.putArray("infos");
            return Response.json(201, body);
        }
        if (rest.size() == 1) {
            return "GET".equals(method) ? Response.json(200, org.customField(user, rest.get(0), version))
                    : DataEndpoints.methodNotAllowed(call, "GET");
        }
        throw ApiException.notFound();
    }
}
