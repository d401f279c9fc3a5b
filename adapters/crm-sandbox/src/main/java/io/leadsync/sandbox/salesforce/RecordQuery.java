package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.salesforce.soql.SoqlException;
import io.leadsync.sandbox.salesforce.soql.SoqlQuery;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * SOQL over the org: records as the user may see them, the setup objects, and the Organization row. Not
 * thread-safe: {@link SalesforceOrg} calls it under its lock.
 */
final class RecordQuery {

    private final OrgSchema schemas;
    private final RecordStore store;
    private final RecordFeed feed;

    RecordQuery(OrgSchema schemas, RecordStore store, RecordFeed feed) {
        this.schemas = schemas;
        this.store = store;
        this.feed = feed;
    }

    /**
     * The records a SOQL query selects, as the user may see them: every field the query names must exist and be
     * readable by the user, exactly as a field without field-level security does not exist in Salesforce. Deleted
     * records only with {@code queryAll}. LIMIT and OFFSET are applied here.
     */
    List<ObjectNode> query(SandboxUser user, SoqlQuery query,
            boolean includeDeleted, String version) {
        feed.purgeDeleted();
        if (query.objectName().equalsIgnoreCase("Organization")) {
            return organization(query, version);
        }
        Optional<String> setupType = SetupObjects.type(query.objectName());
        if (setupType.isPresent()) {
            OrgSchema.requireAdministrator(user, OrgSchema.VIEW_SETUP);
            return schemas.querySetup(setupType.get(), query, version);
        }
        SObjectSchema schema;
        try {
            schema = schemas.schema(query.objectName());
        } catch (ApiException e) {
            throw new SoqlException("INVALID_TYPE", "sObject type '"
                    + query.objectName() + "' is not supported. If you are attempting to use a custom object, be sure "
                    + "to append the '__c' after the entity name. Please reference your WSDL or the describe call for "
                    + "the appropriate names.");
        }
        Predicate<FieldDefinition> visible = schemas.readable(schema, user);
        Map<String, FieldDefinition> byName = new HashMap<>();
        for (String name : query.referencedFields()) {
            FieldDefinition field = schema.field(name).filter(visible).orElseThrow(() ->
                    new SoqlException("INVALID_FIELD", "No such column '" + name
                            + "' on entity '" + schema.name() + "'. If you are attempting to use a custom field, be "
                            + "sure to append the '__c' after the custom field name. Please reference your WSDL or "
                            + "the describe call for the appropriate names."));
            byName.put(name.toLowerCase(Locale.ROOT), field);
        }
        List<FieldDefinition> selected = query.fields().stream()
                .map(name -> byName.get(name.toLowerCase(Locale.ROOT))).toList();
        BiFunction<ObjectNode, String, Object> value = (record, name) -> {
            FieldDefinition field = byName.get(name.toLowerCase(Locale.ROOT));
            return field == null ? null : typed(field, record.get(field.name()));
        };
        List<ObjectNode> matching = store.table(schema.name()).values().stream()
                .filter(record -> includeDeleted || !record.path("IsDeleted").asBoolean())
                .filter(record -> query.matches(name -> value.apply(record, name)))
                .sorted(query.ordering(value))
                .toList();
        int from = Math.min(matching.size(), query.offset().orElse(0));
        int to = query.limit().isPresent() ? Math.min(matching.size(), from + query.limit().getAsInt()) : matching.size();
        return matching.subList(from, to).stream().map(record -> store.render(schema, record, selected, version)).toList();
    }

    private List<ObjectNode> organization(SoqlQuery query, String version) {
        ObjectNode org = Json.object();
        ObjectNode attributes = org.putObject("attributes");
        attributes.put("type", "Organization");
        attributes.put("url", "/services/data/v" + version + "/sobjects/Organization/" + SalesforceOrg.ORG_ID);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Id", SalesforceOrg.ORG_ID);
        fields.put("Name", SalesforceOrg.ORG_NAME);
        fields.put("InstanceName", "SANDBOX1");
        fields.put("IsSandbox", true);
        fields.put("OrganizationType", "Developer Edition");
        for (String name : query.fields()) {
            String key = fields.keySet().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst().orElseThrow(() ->
                    new SoqlException("INVALID_FIELD", "No such column '" + name
                            + "' on entity 'Organization'."));
            Object v = fields.get(key);
            if (v instanceof Boolean b) {
                org.put(key, b);
            } else {
                org.put(key, String.valueOf(v));
            }
        }
        return query.matches(name -> fields.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null)) ? List.of(org) : List.of();
    }

    /** A stored JSON value as the SOQL engine compares it, by the field's describe type. */
    private static Object typed(FieldDefinition field, JsonNode stored) {
        if (stored == null || stored.isNull()) {
            return null;
        }
        return switch (field.type()) {
            case "datetime" -> SalesforceTime.parse(stored.asText());
            case "date" -> java.time.LocalDate.parse(stored.asText());
            case "double", "int", "currency", "percent" -> stored.isNumber() ? stored.decimalValue()
                    : new java.math.BigDecimal(stored.asText());
            case "boolean" -> stored.asBoolean();
            default -> stored.asText();
        };
    }
}
