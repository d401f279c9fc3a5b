package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Custom fields as the Tooling API sees them: {@code CustomField} rows ({@code 00N...}) created, read and queried,
 * each adding its field to an object's schema with no field-level security yet. Not thread-safe:
 * {@link SalesforceOrg} calls it under its lock.
 */
final class ToolingFields {

    /** Creating a field that exists; UNCONFIRMED, the digest's first candidate (the other: DUPLICATE_DEVELOPER_NAME). */
    static final String DUPLICATE_FIELD_CODE = "DUPLICATE_VALUE";

    private final OrgSchema schemas;
    private final Function<String, String> nextId;
    private final Supplier<String> now;
    /** Tooling API CustomField rows by id ({@code 00N...}). */
    private final Map<String, ObjectNode> customFields = new LinkedHashMap<>();

    ToolingFields(OrgSchema schemas, Function<String, String> nextId, Supplier<String> now) {
        this.schemas = schemas;
        this.nextId = nextId;
        this.now = now;
    }

    void reset() {
        customFields.clear();
    }

    String addCustomField(String object, FieldDefinition field) {
        if (!field.custom() || !field.name().endsWith("__c")) {
            throw new IllegalArgumentException("a custom field's name ends in __c: " + field.name());
        }
        SObjectSchema schema = schemas.schema(object);
        schema.add(field);
        return registerCustomField(schema, field, null);
    }

    private String registerCustomField(SObjectSchema schema, FieldDefinition field, ObjectNode metadata) {
        String id = nextId.apply("00N");
        String developerName = field.name().substring(0, field.name().length() - "__c".length());
        ObjectNode row = Json.object();
        row.put("Id", id);
        row.put("DeveloperName", developerName);
        row.put("TableEnumOrId", schema.name());
        row.put("FullName", schema.name() + "." + field.name());
        row.putNull("NamespacePrefix");
        row.put("CreatedDate", now.get());
        row.set("Metadata", metadata != null ? metadata : Json.object().put("label", field.label()));
        customFields.put(id, row);
        return id;
    }

    /** Tooling API {@code POST tooling/sobjects/CustomField}: the new field exists, but nobody has FLS on it. */
    String createCustomField(SandboxUser user, JsonNode body) {
        OrgSchema.requireAdministrator(user, OrgSchema.CUSTOMIZE_APPLICATION);
        CustomFieldRequest request = CustomFieldRequest.parse(body);
        SObjectSchema schema = schemas.all().stream()
                .filter(s -> s.name().equalsIgnoreCase(request.object())).findFirst()
                .orElseThrow(() -> new ApiException(400, ApiError.of("INVALID_TYPE", "sObject type '"
                        + request.object() + "' is not supported.", List.of("FullName"))));
        if (schema.field(request.field().name()).isPresent()) {
            throw new ApiException(400, ApiError.of(DUPLICATE_FIELD_CODE, "duplicate value found: <unknown>"
                    + " duplicates value on record with id: <unknown>", List.of()));
        }
        schema.add(request.field());
        return registerCustomField(schema, request.field(), request.metadata());
    }

    /** Tooling API {@code GET tooling/sobjects/CustomField/{id}}. */
    ObjectNode customField(SandboxUser user, String id, String version) {
        OrgSchema.requireAdministrator(user, OrgSchema.VIEW_SETUP);
        String normalised = SalesforceIds.normalise(id);
        ObjectNode row = normalised == null ? null : customFields.get(normalised);
        if (row == null) {
            throw ApiException.notFound();
        }
        ObjectNode body = Json.object();
        body.putObject("attributes").put("type", "CustomField")
                .put("url", "/services/data/v" + version + "/tooling/sobjects/CustomField/" + normalised);
        body.setAll(row.deepCopy());
        return body;
    }

    /** The columns of a Tooling CustomField row, in the order Salesforce lists them. */
    private static final List<String> CUSTOM_FIELD_COLUMNS = List.of("Id", "DeveloperName", "TableEnumOrId",
            "NamespacePrefix", "FullName", "Metadata", "CreatedDate");

    /**
     * Tooling API {@code GET tooling/query?q=...} over CustomField. As in Salesforce, FullName and Metadata may only
     * be selected by a query that returns at most one row.
     */
    List<ObjectNode> toolingQuery(SandboxUser user, io.leadsync.sandbox.salesforce.soql.SoqlQuery query,
            String version) {
        OrgSchema.requireAdministrator(user, OrgSchema.VIEW_SETUP);
        if (!query.objectName().equalsIgnoreCase("CustomField")) {
            throw new io.leadsync.sandbox.salesforce.soql.SoqlException("INVALID_TYPE", "sObject type '"
                    + query.objectName() + "' is not supported. If you are attempting to use a custom object, be sure "
                    + "to append the '__c' after the entity name. Please reference your WSDL or the describe call for "
                    + "the appropriate names.");
        }
        Map<String, String> canonical = new HashMap<>();
        for (String name : query.referencedFields()) {
            String column = CUSTOM_FIELD_COLUMNS.stream().filter(c -> c.equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new io.leadsync.sandbox.salesforce.soql.SoqlException("INVALID_FIELD",
                            "No such column '" + name + "' on entity 'CustomField'. If you are attempting to use a"
                            + " custom field, be sure to append the '__c' after the custom field name. Please"
                            + " reference your WSDL or the describe call for the appropriate names."));
            canonical.put(name.toLowerCase(Locale.ROOT), column);
        }
        java.util.function.BiFunction<ObjectNode, String, Object> value = (row, name) -> {
            String column = canonical.getOrDefault(name.toLowerCase(Locale.ROOT), name);
            JsonNode stored = row.get(column);
            if (stored == null || stored.isNull() || stored.isObject()) {
                return null;
            }
            return "CreatedDate".equals(column) ? SalesforceTime.parse(row.get(column).textValue()) : stored.asText();
        };
        List<ObjectNode> matching = customFields.values().stream()
                .filter(row -> query.matches(name -> value.apply(row, name)))
                .sorted(query.ordering(value))
                .toList();
        int from = Math.min(matching.size(), query.offset().orElse(0));
        int to = query.limit().isPresent() ? Math.min(matching.size(), from + query.limit().getAsInt())
                : matching.size();
        List<String> columns = query.fields().stream().map(f -> canonical.get(f.toLowerCase(Locale.ROOT))).toList();
        if (to - from > 1 && (columns.contains("FullName") || columns.contains("Metadata"))) {
            // Wording as reported by Tooling API users; the digest does not quote it (UNCONFIRMED).
            throw new io.leadsync.sandbox.salesforce.soql.SoqlException("MALFORMED_QUERY", "When retrieving results"
                    + " with Metadata or FullName fields, the query qualifications must specify no more than one row"
                    + " for retrieval. Result size: " + (to - from));
        }
        return matching.subList(from, to).stream().map(row -> {
            ObjectNode record = Json.object();
            String id = row.get("Id").textValue();
            record.putObject("attributes").put("type", "CustomField")
                    .put("url", "/services/data/v" + version + "/tooling/sobjects/CustomField/" + id);
            columns.forEach(column -> record.set(column, row.has(column) ? row.get(column).deepCopy()
                    : NullNode.instance));
            return record;
        }).toList();
    }

    /** Tooling CustomField rows as stored, for readers such as a query engine. */
    List<ObjectNode> customFieldRows() {
        return customFields.values().stream().map(ObjectNode::deepCopy).toList();
    }

    Optional<String> customFieldName(String id) {
        String normalised = SalesforceIds.normalise(id);
        return Optional.ofNullable(normalised == null ? null : customFields.get(normalised))
                .map(row -> row.get("FullName").textValue())
                .map(fullName -> fullName.substring(fullName.indexOf('.') + 1));
    }
}
