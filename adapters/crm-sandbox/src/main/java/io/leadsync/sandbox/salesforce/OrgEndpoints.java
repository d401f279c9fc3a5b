package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.salesforce.HttpCall.Response;
import io.leadsync.sandbox.salesforce.soql.SoqlQuery;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The org's own endpoints an integration may post leads to, registered through the control API: autolaunched Flows
 * invoked through the REST API's custom actions ({@code /services/data/vXX.X/actions/custom/flow/{apiName}}, listed at
 * {@code .../actions/custom/flow}) and Apex REST resources ({@code /services/apexrest/{urlMapping}}), each creating a
 * Lead from what it is sent, as the admin's Flow's "Create Records" element or Apex class's {@code insert} would.
 *
 * <p>Shapes (Actions Developer Guide {@code actions_obj_flow.htm}, REST API {@code resources_actions_invocable_custom};
 * Apex Developer Guide {@code apex_rest_methods.htm}): a Flow takes {@code {"inputs":[{var: value}, ...]}} and answers
 * an array of {@code {actionName, errors, isSuccess, outputValues}}, one per input, 200 when every one succeeded and
 * 400 otherwise (the 400 is observed, not documented); a failed Flow's {@code errors} are
 * {@code [{statusCode, message, fields}]}. An Apex REST method answers what it returns, serialised, with 200; an
 * exception it does not catch answers 500 {@code [{"errorCode":"APEX_ERROR","message":"System.DmlException: ..."}]}
 * (observed); a class that checks its input answers 400 with Salesforce's own error array, as well-written classes do.
 * Both need the session like every REST call and count against the daily API allocation.
 *
 * <p>A registration may carry a rejection: the Flow's Custom Error element, or the class's own check, refuses a
 * record whose {@code field} equals {@code equals} with the admin's {@code message}, as a validation rule would
 * ({@code FIELD_CUSTOM_VALIDATION_EXCEPTION}).
 */
final class OrgEndpoints {
    /** A record refused by the endpoint's own check: {@code field} equal to {@code equals}. */
    record Rejection(String field, String equals, String message) {
        /** None without a field; with one, the value and message are required. */
        static Optional<Rejection> of(String field, String value, String message) {
            if (field == null) {
                return Optional.empty();
            }
            if (value == null || message == null || message.isBlank()) {
                throw new IllegalArgumentException("a rejection needs \"field\", \"equals\" and \"message\"");
            }
            return Optional.of(new Rejection(field, value, message));
        }

        boolean refuses(JsonNode record) {
            JsonNode value = record.path(field);
            return value.isValueNode() && !value.isNull() && value.asText().equals(equals);
        }
    }

    record Flow(String apiName, String label, Optional<Rejection> rejection) {
    }

    record ApexRest(String id, String className, String urlMapping, Optional<Rejection> rejection) {
        /** {@code /leads/*} matches {@code /leads} and anything under it; otherwise the path itself. */
        boolean matches(String path) {
            String mapping = urlMapping.startsWith("/") ? urlMapping : "/" + urlMapping;
            if (mapping.endsWith("/*")) {
                String base = mapping.substring(0, mapping.length() - 2);
                return path.equalsIgnoreCase(base) || path.toLowerCase(Locale.ROOT)
                        .startsWith(base.toLowerCase(Locale.ROOT) + "/");
            }
            return path.equalsIgnoreCase(mapping);
        }
    }

    static final String APEX_PATH = "/services/apexrest";

    private final SalesforceOrg org;
    private final Map<String, Flow> flows = new LinkedHashMap<>();
    private final Map<String, ApexRest> classes = new LinkedHashMap<>();
    /** The ids of the records each Flow ({@code flow:Name}) or class ({@code apex:Name}) created, in order. */
    private final Map<String, List<String>> created = new LinkedHashMap<>();

    OrgEndpoints(SalesforceOrg org) {
        this.org = org;
    }

    synchronized void reset() {
        flows.clear();
        classes.clear();
        created.clear();
    }

    synchronized Flow registerFlow(String apiName, String label, Optional<Rejection> rejection) {
        if (apiName == null || !apiName.matches("[A-Za-z][A-Za-z0-9_]{0,79}")) {
            throw new IllegalArgumentException("\"apiName\" must be a Flow API name: a letter, then letters, digits "
                    + "or underscores");
        }
        Flow flow = new Flow(apiName, label == null ? apiName.replace('_', ' ') : label, rejection);
        flows.put(apiName, flow);
        return flow;
    }

    synchronized ApexRest registerApexRest(String className, String urlMapping, Optional<Rejection> rejection) {
        if (className == null || !className.matches("[A-Za-z][A-Za-z0-9_]{0,39}")) {
            throw new IllegalArgumentException("\"className\" must be an Apex class name");
        }
        if (urlMapping == null || !urlMapping.matches("/?[A-Za-z0-9_\\-/]+(/\\*)?")) {
            throw new IllegalArgumentException("\"urlMapping\" must be a path such as /leads/*");
        }
        String id = "01p" + String.format("%012d", classes.size() + 1) + "AAA";
        ApexRest resource = new ApexRest(id, className, urlMapping, rejection);
        classes.put(className, resource);
        return resource;
    }

    /** {@code actions/custom/flow[/{apiName}]} under a version: the list, a describe, or an invocation. */
    Response flowAction(HttpCall call, SandboxUser user, String version, List<String> rest) {
        String base = "/services/data/v" + version + "/actions/custom/flow";
        if (rest.isEmpty()) {
            if (!"GET".equals(call.method())) {
                throw methodNotAllowed(call, "GET, HEAD");
            }
            ObjectNode body = Json.object();
            ArrayNode actions = body.putArray("actions");
            for (Flow flow : flows()) {
                ObjectNode action = actions.addObject();
                action.put("label", flow.label());
                action.put("name", flow.apiName());
                action.put("type", "FLOW");
                action.put("url", base + "/" + flow.apiName());
            }
            return Response.json(200, body);
        }
        Flow flow = flow(rest.get(0)).orElseThrow(ApiException::notFound);
        if (rest.size() > 1) {
            throw ApiException.notFound();
        }
        if ("GET".equals(call.method())) {
            return Response.json(200, describe(flow));
        }
        if (!"POST".equals(call.method())) {
            throw methodNotAllowed(call, "GET, HEAD, POST");
        }
        JsonNode body = call.json();
        if (!body.isObject() || !body.path("inputs").isArray()) {
            throw new ApiException(400, ApiError.of("JSON_PARSER_ERROR",
                    "Missing required 'inputs' parameter."));
        }
        ArrayNode results = Json.array();
        boolean allSucceeded = true;
        for (JsonNode input : body.get("inputs")) {
            ObjectNode result = results.addObject();
            result.put("actionName", flow.apiName());
            Saved saved = input.isObject() ? create(user, flow.rejection(), (ObjectNode) input,
                    "flow:" + flow.apiName())
                    : new Saved(null, List.of(ApiError.of("INVALID_INPUT", "Each input must be an object")));
            List<ApiError> errors = saved.errors();
            if (errors.isEmpty()) {
                result.putNull("errors");
                result.put("isSuccess", true);
                ObjectNode outputs = result.putObject("outputValues");
                outputs.put("Flow__InterviewGuid", UUID.randomUUID().toString().replace("-", "").substring(0, 18));
                outputs.put("Flow__InterviewStatus", "Finished");
                // The created record's id as the Flow's output variable, the way admins expose "recordId".
                outputs.put("recordId", saved.id());
            } else {
                allSucceeded = false;
                ArrayNode array = result.putArray("errors");
                errors.forEach(error -> array.add(error.toRecordJson()));
                result.put("isSuccess", false);
                result.putNull("outputValues");
            }
        }
        return Response.json(allSucceeded ? 200 : 400, results);
    }

    private record Saved(String id, List<ApiError> errors) {
    }

    /** {@code /services/apexrest/...}: the class whose urlMapping matches, called with the body. */
    Response apexRest(HttpCall call, SandboxUser user) {
        String path = call.path().substring(APEX_PATH.length());
        ApexRest resource = resources().stream().filter(r -> r.matches(path)).findFirst()
                .orElseThrow(() -> new ApiException(404, ApiError.of("NOT_FOUND",
                        "Could not find a match for URL " + path)));
        if (!"POST".equals(call.method())) {
            throw methodNotAllowed(call, "POST");
        }
        JsonNode body = call.json();
        if (!body.isObject()) {
            throw new ApiException(400, ApiError.of("JSON_PARSER_ERROR",
                    "Unexpected parameter encountered during deserialization: the body must be a JSON object"));
        }
        Optional<Rejection> rejection = resource.rejection();
        if (rejection.isPresent() && rejection.get().refuses(body)) {
            // The class checks first and answers 400 with Salesforce's error shape, as well-written classes do.
            throw new ApiException(400, ApiError.of("FIELD_CUSTOM_VALIDATION_EXCEPTION", rejection.get().message(),
                    List.of(rejection.get().field())));
        }
        Saved saved = create(user, Optional.empty(), (ObjectNode) body, "apex:" + resource.className());
        List<ApiError> errors = saved.errors();
        if (!errors.isEmpty()) {
            ApiError first = errors.get(0);
            throw new ApiException(500, ApiError.of("APEX_ERROR", "System.DmlException: Insert failed. First "
                    + "exception on row 0; first error: " + first.code() + ", " + first.message() + ": "
                    + (first.fields() == null ? List.of() : first.fields()) + "\n\nClass." + resource.className()
                    + ".doPost: line 12, column 1"));
        }
        ObjectNode answer = Json.object();
        answer.put("id", saved.id());
        answer.put("success", true);
        return Response.json(200, answer);
    }

    /**
     * Tooling API {@code SELECT ... FROM ApexClass}: Id, Name, NamespacePrefix, Status, ApiVersion and Body, the
     * class's source, in which a client finds {@code @RestResource(urlMapping='...')}.
     */
    List<ObjectNode> apexClasses(SoqlQuery query) {
        List<ObjectNode> rows = new ArrayList<>();
        for (ApexRest resource : resources()) {
            ObjectNode row = Json.object();
            ObjectNode attributes = row.putObject("attributes");
            attributes.put("type", "ApexClass");
            attributes.put("url", "/services/data/v62.0/tooling/sobjects/ApexClass/" + resource.id());
            row.put("Id", resource.id());
            row.put("Name", resource.className());
            row.putNull("NamespacePrefix");
            row.put("Status", "Active");
            row.put("ApiVersion", 62.0);
            row.put("Body", source(resource));
            rows.add(row);
        }
        List<ObjectNode> matching = rows.stream()
                .filter(row -> query.matches(name -> column(row, name))).toList();
        List<ObjectNode> selected = new ArrayList<>();
        for (ObjectNode row : matching) {
            ObjectNode out = Json.object();
            out.set("attributes", row.get("attributes"));
            for (String field : query.fields()) {
                String column = canonical(row, field);
                out.set(column, row.get(column));
            }
            selected.add(out);
        }
        return selected;
    }

    private static Object column(ObjectNode row, String name) {
        JsonNode value = row.get(canonical(row, name));
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String canonical(ObjectNode row, String name) {
        Iterator<String> names = row.fieldNames();
        while (names.hasNext()) {
            String column = names.next();
            if (column.equalsIgnoreCase(name) && !column.equals("attributes")) {
                return column;
            }
        }
        throw new io.leadsync.sandbox.salesforce.soql.SoqlException("INVALID_FIELD", "No such column '" + name
                + "' on entity 'ApexClass'. If you are attempting to use a custom field, be sure to append the '__c' "
                + "after the custom field name. Please reference your WSDL or the describe call for the appropriate "
                + "names.");
    }

    private static String source(ApexRest resource) {
        return "@RestResource(urlMapping='" + resource.urlMapping() + "')\n"
                + "global with sharing class " + resource.className() + " {\n"
                + "    @HttpPost\n"
                + "    global static Map<String, Object> doPost() {\n"
                + "        Map<String, Object> fields = (Map<String, Object>) JSON.deserializeUntyped(\n"
                + "                RestContext.request.requestBody.toString());\n"
                + "        Lead lead = new Lead();\n"
                + "        for (String name : fields.keySet()) {\n"
                + "            lead.put(name, fields.get(name));\n"
                + "        }\n"
                + "        insert lead;\n"
                + "        return new Map<String, Object>{'id' => lead.Id, 'success' => true};\n"
                + "    }\n"
                + "}\n";
    }

    /**
     * Creates the Lead (or Person Account) the input describes; the errors are Salesforce's, the rejection first (a Flow's Custom Error
     * element runs before its Create Records element).
     */
    private Saved create(SandboxUser user, Optional<Rejection> rejection, ObjectNode input, String by) {
        if (rejection.isPresent() && rejection.get().refuses(input)) {
            return new Saved(null, List.of(ApiError.of("FIELD_CUSTOM_VALIDATION_EXCEPTION",
                    rejection.get().message(), List.of())));
        }
        // The org's class or flow creates a Person Account where the org has them (B2C), a Lead otherwise.
        String personType = org.personRecordTypeId();
        SaveResult result = personType == null ? org.create(user, "Lead", input)
                : org.create(user, "Account", PersonAccounts.fromLeadInput(input, personType));
        if (result.success()) {
            synchronized (this) {
                created.computeIfAbsent(by, key -> new ArrayList<>()).add(result.id());
            }
        }
        return new Saved(result.id(), result.success() ? List.of() : result.errors());
    }

    private ObjectNode describe(Flow flow) {
        ObjectNode body = Json.object();
        body.put("description", flow.label() + " (autolaunched flow: creates a Lead from its inputs)");
        body.put("label", flow.label());
        body.put("name", flow.apiName());
        body.put("standard", false);
        body.putNull("targetEntityName");
        body.put("type", "FLOW");
        ArrayNode inputs = body.putArray("inputs");
        for (String field : List.of("FirstName", "LastName", "Email", "Company", "Title", "Phone", "LeadSource")) {
            ObjectNode input = inputs.addObject();
            input.put("name", field);
            input.put("label", field);
            input.put("type", "STRING");
            input.put("required", field.equals("LastName") || field.equals("Company"));
        }
        ArrayNode outputs = body.putArray("outputs");
        ObjectNode status = outputs.addObject();
        status.put("name", "Flow__InterviewStatus");
        status.put("type", "PICKLIST");
        return body;
    }

    /** The records {@code by} ({@code flow:Name} or {@code apex:ClassName}) created, in order. */
    synchronized List<String> createdBy(String by) {
        return List.copyOf(created.getOrDefault(by, List.of()));
    }

    synchronized List<Flow> flows() {
        return List.copyOf(flows.values());
    }

    synchronized List<ApexRest> resources() {
        return List.copyOf(classes.values());
    }

    private synchronized Optional<Flow> flow(String apiName) {
        return flows.values().stream().filter(f -> f.apiName().equalsIgnoreCase(apiName)).findFirst();
    }

    private static ApiException methodNotAllowed(HttpCall call, String allowed) {
        return new ApiException(405, ApiError.of("METHOD_NOT_ALLOWED", "HTTP Method '" + call.method()
                + "' not allowed. Allowed are " + allowed));
    }
}
