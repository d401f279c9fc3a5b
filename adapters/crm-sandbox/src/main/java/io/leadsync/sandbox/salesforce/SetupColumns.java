package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The columns of the setup objects ({@link SetupObjects}): their names, kinds and edit rights, how a request body
 * becomes typed values (with Salesforce's column errors), how a row is rendered, and SOQL over the rows.
 */
final class SetupColumns {

    private SetupColumns() {
    }
    record Column(String name, String kind, boolean createable, boolean updateable, int length) {
    }

    static final Map<String, List<Column>> COLUMNS = Map.of(
            SetupObjects.PERMISSION_SET, List.of(
                    new Column("Id", "id", false, false, 18),
                    new Column("Name", "string", true, true, 80),
                    new Column("Label", "string", true, true, 80),
                    new Column("Description", "string", true, true, 255),
                    new Column("IsOwnedByProfile", "boolean", false, false, 0),
                    new Column("ProfileId", "id", false, false, 18),
                    new Column("NamespacePrefix", "string", false, false, 15),
                    new Column("CreatedDate", "datetime", false, false, 0),
                    new Column("CreatedById", "id", false, false, 18),
                    new Column("LastModifiedDate", "datetime", false, false, 0),
                    new Column("LastModifiedById", "id", false, false, 18),
                    new Column("SystemModstamp", "datetime", false, false, 0)),
            SetupObjects.FIELD_PERMISSIONS, List.of(
                    new Column("Id", "id", false, false, 18),
                    new Column("ParentId", "id", true, false, 18),
                    new Column("SobjectType", "string", true, false, 40),
                    new Column("Field", "string", true, false, 255),
                    new Column("PermissionsRead", "boolean", true, true, 0),
                    new Column("PermissionsEdit", "boolean", true, true, 0),
                    new Column("SystemModstamp", "datetime", false, false, 0)),
            SetupObjects.ASSIGNMENT, List.of(
                    new Column("Id", "id", false, false, 18),
                    new Column("AssigneeId", "id", true, false, 18),
                    new Column("PermissionSetId", "id", true, false, 18),
                    new Column("PermissionSetGroupId", "id", false, false, 18),
                    new Column("ExpirationDate", "date", true, true, 0),
                    new Column("IsActive", "boolean", false, false, 0),
                    new Column("SystemModstamp", "datetime", false, false, 0)));

    /** The column names of a type, in order. */
    static List<String> names(String type) {
        return COLUMNS.get(type).stream().map(Column::name).toList();
    }

    /** A SOQL query over one setup object's rows: its columns only, typed as stored; LIMIT and OFFSET applied. */
    static List<ObjectNode> query(String type, Collection<ObjectNode> rows, io.leadsync.sandbox.salesforce.soql.SoqlQuery query, String version) {
        Map<String, String> canonical = new java.util.HashMap<>();
        for (String name : query.referencedFields()) {
            Column column = column(type, name).orElseThrow(() -> new io.leadsync.sandbox.salesforce.soql.SoqlException(
                    "INVALID_FIELD", "No such column '" + name + "' on entity '" + type + "'. If you are attempting "
                    + "to use a custom field, be sure to append the '__c' after the custom field name. Please "
                    + "reference your WSDL or the describe call for the appropriate names."));
            canonical.put(name.toLowerCase(java.util.Locale.ROOT), column.name());
        }
        java.util.function.BiFunction<ObjectNode, String, Object> value = (row, name) -> {
            JsonNode stored = row.get(canonical.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), name));
            if (stored == null || stored.isNull()) {
                return null;
            }
            return stored.isBoolean() ? (Object) stored.booleanValue()
                    : stored.isNumber() ? stored.decimalValue() : stored.asText();
        };
        List<ObjectNode> matching = rows.stream()
                .filter(row -> query.matches(name -> value.apply(row, name)))
                .sorted(query.ordering(value)).toList();
        int from = Math.min(matching.size(), query.offset().orElse(0));
        int to = query.limit().isPresent() ? Math.min(matching.size(), from + query.limit().getAsInt()) : matching.size();
        List<String> names = query.fields().stream()
                .map(name -> canonical.get(name.toLowerCase(java.util.Locale.ROOT))).toList();
        return matching.subList(from, to).stream().map(row -> render(type, row, names, version)).toList();
    }

    static ObjectNode render(String type, ObjectNode row, List<String> names, String version) {
        ObjectNode body = Json.object();
        ObjectNode attributes = body.putObject("attributes");
        attributes.put("type", type);
        attributes.put("url", "/services/data/v" + version + "/sobjects/" + type + "/" + row.get("Id").textValue());
        for (String name : names) {
            body.set(name, row.has(name) ? row.get(name) : NullNode.instance);
        }
        return body;
    }

    static Optional<Column> column(String type, String name) {
        return COLUMNS.get(type).stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The body's members as canonical column names and typed values, with Salesforce's column errors. */
    static Map<String, JsonNode> columns(String type, JsonNode body, boolean insert) {
        if (!body.isObject()) {
            throw new ApiException(400, ApiError.of("JSON_PARSER_ERROR",
                    "Cannot deserialize instance of " + type + " from non-object value"));
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        List<String> readOnly = new ArrayList<>();
        List<ApiError> tooLong = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> members = body.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            String name = member.getKey();
            if ("attributes".equals(name) || (!insert && "Id".equalsIgnoreCase(name))) {
                continue;
            }
            Column column = column(type, name).orElseThrow(() -> new ApiException(400, ApiError.of(
                    "INVALID_FIELD", "No such column '" + name + "' on sobject of type " + type, List.of(name))));
            if (insert ? !column.createable() : !column.updateable()) {
                readOnly.add(column.name());
                continue;
            }
            JsonNode value = typed(column, member.getValue());
            if (value.isTextual() && column.length() > 0 && value.textValue().length() > column.length()) {
                tooLong.add(ApiError.of("STRING_TOO_LONG", column.name() + ": data value too large: "
                        + value.textValue() + " (max length=" + column.length() + ")", List.of(column.name())));
            }
            values.put(column.name(), value);
        }
        if (!readOnly.isEmpty()) {
            throw new ApiException(400, ApiError.of("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update"
                    + " fields: " + String.join(", ", readOnly) + ". Please check the security settings of this"
                    + " field and verify that it is read/write for your profile or permission set.", readOnly));
        }
        fail(tooLong);
        return values;
    }

    static JsonNode typed(Column column, JsonNode value) {
        if (value.isNull()) {
            return NullNode.instance;
        }
        if ("boolean".equals(column.kind())) {
            if (value.isBoolean()) {
                return value;
            }
            if (value.isTextual() && List.of("true", "false").contains(value.textValue().toLowerCase(Locale.ROOT))) {
                return BooleanNode.valueOf(Boolean.parseBoolean(value.textValue()));
            }
        } else if (value.isValueNode()) {
            String text = value.asText();
            return text.isEmpty() ? NullNode.instance : TextNode.valueOf(text);
        }
        throw new ApiException(400, ApiError.of("JSON_PARSER_ERROR", "Cannot deserialize instance of "
                + ("boolean".equals(column.kind()) ? "boolean" : "String") + " from " + value.getNodeType()
                + " value " + value + " or request may be missing a required field"));
    }

    private static void fail(List<ApiError> errors) {
        if (!errors.isEmpty()) {
            throw new ApiException(400, errors);
        }
    }
}
