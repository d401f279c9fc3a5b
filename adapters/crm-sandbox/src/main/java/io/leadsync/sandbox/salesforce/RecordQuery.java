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
 * SOQL over the org: records as the user may see them, the setup objects, and the fixed rows of Organization,
 * User and AssignmentRule. Not
 * thread-safe: {@link SalesforceOrg} calls it under its lock.
 */
final class RecordQuery {

    private final OrgSchema schemas;
    private final RecordStore store;
    private final RecordFeed feed;
    private final OrgAuth auth;
    private final AssignmentRules assignment;

    private final OrgProfile profile;

    RecordQuery(OrgSchema schemas, RecordStore store, RecordFeed feed, OrgAuth auth, AssignmentRules assignment,
            OrgProfile profile) {
        this.auth = auth;
        this.assignment = assignment;
        this.profile = profile;
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
        if (query.objectName().equalsIgnoreCase("User")) {
            return users(query, version);
        }
        if (query.objectName().equalsIgnoreCase("AssignmentRule")) {
            return fixedRows("AssignmentRule", List.of(assignment.row()), query, version);
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
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Id", profile.id());
        fields.put("Name", profile.name());
        fields.put("InstanceName", "SANDBOX1");
        fields.put("IsSandbox", true);
        fields.put("OrganizationType", "Developer Edition");
        return fixedRows("Organization", List.of(fields), query, version);
    }

    /** Users, readable by any API user (digest section 16): integrations read owner ids for routing. */
    private List<ObjectNode> users(SoqlQuery query, String version) {
        List<Map<String, Object>> rows = auth.users().stream().map(user -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("Id", user.id());
            row.put("Username", user.username());
            row.put("Email", user.email());
            row.put("Name", user.displayName());
            row.put("FirstName", user.firstName());
            row.put("LastName", user.lastName());
            row.put("IsActive", true);
            row.put("ProfileId", schemas.profileId(user));
            return row;
        }).toList();
        return fixedRows("User", rows, query, version);
    }

    /**
     * Read-only objects with fixed columns (Organization, User, AssignmentRule): every selected or filtered column
     * must exist; WHERE, ORDER BY, LIMIT and OFFSET apply as to records.
     */
    private static List<ObjectNode> fixedRows(String object, List<Map<String, Object>> rows, SoqlQuery query,
            String version) {
        Map<String, Object> columns = rows.isEmpty() ? Map.of() : rows.get(0);
        for (String name : query.referencedFields()) {
            if (columns.keySet().stream().noneMatch(k -> k.equalsIgnoreCase(name))) {
                throw new SoqlException("INVALID_FIELD", "No such column '" + name + "' on entity '" + object
                        + "'. If you are attempting to use a custom field, be sure to append the '__c' after the"
                        + " custom field name. Please reference your WSDL or the describe call for the appropriate"
                        + " names.");
            }
        }
        BiFunction<Map<String, Object>, String, Object> value = (row, name) -> row.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst().orElse(null);
        List<Map<String, Object>> matching = rows.stream()
                .filter(row -> query.matches(name -> value.apply(row, name)))
                .sorted(query.ordering(value))
                .toList();
        int from = Math.min(matching.size(), query.offset().orElse(0));
        int to = query.limit().isPresent() ? Math.min(matching.size(), from + query.limit().getAsInt())
                : matching.size();
        return matching.subList(from, to).stream().map(row -> {
            ObjectNode record = Json.object();
            record.putObject("attributes").put("type", object)
                    .put("url", "/services/data/v" + version + "/sobjects/" + object + "/" + row.get("Id"));
            for (String name : query.fields()) {
                String key = columns.keySet().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst()
                        .orElseThrow();
                Object v = row.get(key);
                if (v instanceof Boolean b) {
                    record.put(key, b);
                } else if (v == null) {
                    record.putNull(key);
                } else {
                    record.put(key, String.valueOf(v));
                }
            }
            return record;
        }).toList();
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
