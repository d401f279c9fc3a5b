package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The setup objects behind field-level security (contract digest section 10): PermissionSet, FieldPermissions and
 * PermissionSetAssignment rows, and the access they add up to. Every profile owns one permission set
 * ({@code IsOwnedByProfile}), implicitly in force for its users, as in Salesforce; the embedding
 * {@code fieldAccess(...)} writes its rows there. Not thread-safe: {@link SalesforceOrg} calls it under its lock.
 */
final class SetupObjects {

    static final String PERMISSION_SET = "PermissionSet";
    static final String FIELD_PERMISSIONS = "FieldPermissions";
    static final String ASSIGNMENT = "PermissionSetAssignment";
    static final Map<String, String> KEY_PREFIXES = Map.of(PERMISSION_SET, "0PS", FIELD_PERMISSIONS, "01k",
            ASSIGNMENT, "0Pa");
    private static final String PROFILE_PREFIX = "00e";

    /** Salesforce's own wording for a bad API name, which it uses for every Name/DeveloperName with these rules. */
    static final String API_NAME_RULES = "The API Name can only contain underscores and alphanumeric characters."
            + " It must be unique, begin with a letter, not include spaces, not end with an underscore, and not"
            + " contain two consecutive underscores.";
    private static final Pattern API_NAME = Pattern.compile("[A-Za-z](?:[A-Za-z0-9]|_(?!_))*(?<!_)");

    /** Salesforce answers an assignment it already has with placeholders instead of names (observed). */
    private static final String UNKNOWN_DUPLICATE = "duplicate value found: <unknown> duplicates value on record"
            + " with id: <unknown>";

    record Access(boolean read, boolean edit) {
        static final Access NONE = new Access(false, false);
    }

    private record Column(String name, String kind, boolean createable, boolean updateable, int length) {
    }

    private static final Map<String, List<Column>> COLUMNS = Map.of(
            PERMISSION_SET, List.of(
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
            FIELD_PERMISSIONS, List.of(
                    new Column("Id", "id", false, false, 18),
                    new Column("ParentId", "id", true, false, 18),
                    new Column("SobjectType", "string", true, false, 40),
                    new Column("Field", "string", true, false, 255),
                    new Column("PermissionsRead", "boolean", true, true, 0),
                    new Column("PermissionsEdit", "boolean", true, true, 0),
                    new Column("SystemModstamp", "datetime", false, false, 0)),
            ASSIGNMENT, List.of(
                    new Column("Id", "id", false, false, 18),
                    new Column("AssigneeId", "id", true, false, 18),
                    new Column("PermissionSetId", "id", true, false, 18),
                    new Column("PermissionSetGroupId", "id", false, false, 18),
                    new Column("ExpirationDate", "date", true, true, 0),
                    new Column("IsActive", "boolean", false, false, 0),
                    new Column("SystemModstamp", "datetime", false, false, 0)));

    private final Function<String, String> nextId;
    private final Supplier<String> now;
    private final Map<String, Map<String, ObjectNode>> rows = new LinkedHashMap<>();
    /** Profile name to the id of the permission set it owns. */
    private final Map<String, String> profilePermissionSets = new LinkedHashMap<>();

    SetupObjects(Function<String, String> nextId, Supplier<String> now) {
        this.nextId = nextId;
        this.now = now;
    }

    /** The canonical name of a setup object type, or empty when {@code type} is not one (names are case-blind). */
    static Optional<String> type(String type) {
        return COLUMNS.keySet().stream().filter(t -> t.equalsIgnoreCase(type)).findFirst();
    }

    void reset(Collection<SandboxUser> users) {
        rows.clear();
        profilePermissionSets.clear();
        COLUMNS.keySet().forEach(t -> rows.put(t, new LinkedHashMap<>()));
        for (SandboxUser user : users) {
            profilePermissionSets.computeIfAbsent(user.profile(), profile -> {
                String profileId = nextId.apply(PROFILE_PREFIX);
                ObjectNode row = newRow(PERMISSION_SET, user);
                row.put("Name", "X" + profileId.substring(0, 15));
                row.put("Label", "X" + profileId.substring(0, 15));
                row.put("Description", "Owned by the profile " + profile);
                row.put("IsOwnedByProfile", true);
                row.put("ProfileId", profileId);
                return row.get("Id").textValue();
            });
        }
    }

    /** The id of the profile's ({@code 00e...}), as its own permission set names it; null for an unknown profile. */
    String profileId(String profile) {
        String permissionSet = profilePermissionSets.get(profile);
        ObjectNode row = permissionSet == null ? null : rows.get(PERMISSION_SET).get(permissionSet);
        return row == null ? null : row.get("ProfileId").textValue();
    }

    // ---- the REST operations (the caller has checked the user may make them) ---------------------------------

    String create(SandboxUser actor, String type, JsonNode body, FieldCatalog fields,
            Function<String, Optional<SandboxUser>> users) {
        Map<String, JsonNode> values = columns(type, body, true);
        ObjectNode row = switch (type) {
            case PERMISSION_SET -> {
                List<ApiError> errors = new ArrayList<>();
                required(values, errors, "Name", "Label");
                checkPermissionSet(values, null, errors);
                fail(errors);
                ObjectNode created = newRow(type, actor);
                created.put("IsOwnedByProfile", false);
                created.putNull("ProfileId");
                created.putNull("Description");
                yield created;
            }
            case FIELD_PERMISSIONS -> {
                List<ApiError> errors = new ArrayList<>();
                required(values, errors, "ParentId", "SobjectType", "Field");
                fail(errors);
                checkFieldPermissions(values, fields);
                if (!values.containsKey("PermissionsRead")) {
                    values.put("PermissionsRead", BooleanNode.FALSE);
                }
                if (!values.containsKey("PermissionsEdit")) {
                    values.put("PermissionsEdit", BooleanNode.FALSE);
                }
                checkEditNeedsRead(values, null);
                yield newRow(type, actor);
            }
            default -> {
                List<ApiError> errors = new ArrayList<>();
                required(values, errors, "AssigneeId", "PermissionSetId");
                fail(errors);
                checkAssignment(values, users);
                ObjectNode created = newRow(type, actor);
                created.put("IsActive", true);
                created.putNull("PermissionSetGroupId");
                created.putNull("ExpirationDate");
                yield created;
            }
        };
        values.forEach(row::set);
        if (FIELD_PERMISSIONS.equals(type) && !row.path("PermissionsRead").asBoolean()) {
            // Salesforce keeps no row that grants nothing: the insert succeeds and the row is gone.
            rows.get(type).remove(row.get("Id").textValue());
        }
        return row.get("Id").textValue();
    }

    ObjectNode read(String type, String id, List<String> fieldNames, String version) {
        ObjectNode row = existing(type, id);
        List<String> names = new ArrayList<>();
        if (fieldNames == null) {
            COLUMNS.get(type).forEach(c -> names.add(c.name()));
        } else {
            names.add("Id");
            for (String name : fieldNames) {
                Column column = column(type, name.trim()).orElseThrow(() -> new ApiException(400,
                        ApiError.of("INVALID_FIELD", "No such column '" + name.trim() + "' on entity '" + type
                                + "'. If you are attempting to use a custom field, be sure to append the '__c'"
                                + " after the custom field name. Please reference your WSDL or the describe call"
                                + " for the appropriate names.")));
                if (!names.contains(column.name())) {
                    names.add(column.name());
                }
            }
        }
        return render(type, row, names, version);
    }

    void update(SandboxUser actor, String type, String id, JsonNode body) {
        ObjectNode row = existing(type, id);
        Map<String, JsonNode> values = columns(type, body, false);
        if (PERMISSION_SET.equals(type)) {
            if (row.path("IsOwnedByProfile").asBoolean() && !values.isEmpty()) {
                throw new ApiException(400, ApiError.of("FIELD_INTEGRITY_EXCEPTION",
                        "A permission set owned by a profile is changed through its profile", List.of()));
            }
            List<ApiError> errors = new ArrayList<>();
            checkPermissionSet(values, row.get("Id").textValue(), errors);
            fail(errors);
        }
        if (FIELD_PERMISSIONS.equals(type)) {
            checkEditNeedsRead(values, row);
        }
        values.forEach(row::set);
        row.put("SystemModstamp", now.get());
        if (PERMISSION_SET.equals(type)) {
            row.put("LastModifiedDate", now.get());
            row.put("LastModifiedById", actor.id());
        }
        if (FIELD_PERMISSIONS.equals(type) && !row.path("PermissionsRead").asBoolean()) {
            rows.get(FIELD_PERMISSIONS).remove(row.get("Id").textValue());
        }
    }

    /** Deleting a permission set takes its field permissions and assignments with it. */
    void delete(String type, String id) {
        ObjectNode row = existing(type, id);
        String rowId = row.get("Id").textValue();
        if (PERMISSION_SET.equals(type)) {
            if (row.path("IsOwnedByProfile").asBoolean()) {
                throw new ApiException(400, ApiError.of("FIELD_INTEGRITY_EXCEPTION",
                        "A permission set owned by a profile cannot be deleted", List.of()));
            }
            rows.get(FIELD_PERMISSIONS).values().removeIf(r -> rowId.equals(r.path("ParentId").asText()));
            rows.get(ASSIGNMENT).values().removeIf(r -> rowId.equals(r.path("PermissionSetId").asText()));
        }
        rows.get(type).remove(rowId);
    }

    // ---- field-level security --------------------------------------------------------------------------------

    /** What the user's profile and assigned permission sets grant on a field ({@code Lead.X__c}) together. */
    Access access(SandboxUser user, String fieldFullName) {
        List<String> sets = permissionSetsOf(user);
        boolean read = false;
        boolean edit = false;
        for (ObjectNode row : rows.get(FIELD_PERMISSIONS).values()) {
            if (sets.contains(row.path("ParentId").asText())
                    && row.path("Field").asText().equalsIgnoreCase(fieldFullName)) {
                read |= row.path("PermissionsRead").asBoolean();
                edit |= row.path("PermissionsEdit").asBoolean();
            }
        }
        return new Access(read, edit);
    }

    /** Sets the field permission of the user's profile, as an admin editing the profile's FLS would. */
    void grantToProfile(SandboxUser user, String sobjectType, String fieldFullName, boolean read, boolean edit) {
        String parentId = profilePermissionSets.get(user.profile());
        Optional<ObjectNode> existing = fieldPermission(parentId, fieldFullName);
        if (!read) {
            existing.ifPresent(r -> rows.get(FIELD_PERMISSIONS).remove(r.get("Id").textValue()));
            return;
        }
        ObjectNode row = existing.orElseGet(() -> {
            ObjectNode created = newRow(FIELD_PERMISSIONS, user);
            created.put("ParentId", parentId);
            created.put("SobjectType", sobjectType);
            created.put("Field", fieldFullName);
            return created;
        });
        row.put("PermissionsRead", true);
        row.put("PermissionsEdit", edit);
        row.put("SystemModstamp", now.get());
    }

    /** Deletes every FieldPermissions row that gives the user access to the field; answers how many went. */
    int revoke(SandboxUser user, String fieldFullName) {
        List<String> sets = permissionSetsOf(user);
        int before = rows.get(FIELD_PERMISSIONS).size();
        rows.get(FIELD_PERMISSIONS).values().removeIf(r -> sets.contains(r.path("ParentId").asText())
                && r.path("Field").asText().equalsIgnoreCase(fieldFullName));
        return before - rows.get(FIELD_PERMISSIONS).size();
    }

    /** Every row of the three objects, for the control API. */
    ObjectNode snapshot(String version) {
        ObjectNode body = Json.object();
        body.set("permissionSets", all(PERMISSION_SET, version));
        body.set("fieldPermissions", all(FIELD_PERMISSIONS, version));
        body.set("assignments", all(ASSIGNMENT, version));
        return body;
    }

    /** Rows of one type as stored, for readers such as a query engine. */
    List<ObjectNode> rows(String type) {
        return rows.get(type).values().stream().map(ObjectNode::deepCopy).toList();
    }

    /** A SOQL query over one setup object's rows: its columns only, typed as stored; LIMIT and OFFSET applied. */
    List<ObjectNode> query(String type, io.leadsync.sandbox.salesforce.soql.SoqlQuery query, String version) {
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
        List<ObjectNode> matching = rows.get(type).values().stream()
                .filter(row -> query.matches(name -> value.apply(row, name)))
                .sorted(query.ordering(value)).toList();
        int from = Math.min(matching.size(), query.offset().orElse(0));
        int to = query.limit().isPresent() ? Math.min(matching.size(), from + query.limit().getAsInt()) : matching.size();
        List<String> names = query.fields().stream()
                .map(name -> canonical.get(name.toLowerCase(java.util.Locale.ROOT))).toList();
        return matching.subList(from, to).stream().map(row -> render(type, row, names, version)).toList();
    }

    private ArrayNode all(String type, String version) {
        ArrayNode array = Json.array();
        List<String> names = COLUMNS.get(type).stream().map(Column::name).toList();
        rows.get(type).values().forEach(r -> array.add(render(type, r, names, version)));
        return array;
    }

    private List<String> permissionSetsOf(SandboxUser user) {
        List<String> sets = new ArrayList<>();
        String own = profilePermissionSets.get(user.profile());
        if (own != null) {
            sets.add(own);
        }
        rows.get(ASSIGNMENT).values().stream()
                .filter(r -> user.id().equals(r.path("AssigneeId").asText()))
                .forEach(r -> sets.add(r.path("PermissionSetId").asText()));
        return sets;
    }

    private Optional<ObjectNode> fieldPermission(String parentId, String fieldFullName) {
        return rows.get(FIELD_PERMISSIONS).values().stream()
                .filter(r -> parentId.equals(r.path("ParentId").asText())
                        && r.path("Field").asText().equalsIgnoreCase(fieldFullName))
                .findFirst();
    }

    // ---- checks ----------------------------------------------------------------------------------------------

    private void checkPermissionSet(Map<String, JsonNode> values, String selfId, List<ApiError> errors) {
        JsonNode name = values.get("Name");
        if (values.containsKey("Name") && name.isNull()) {
            errors.add(ApiError.of("REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]",
                    List.of("Name")));
        } else if (name != null && !API_NAME.matcher(name.textValue()).matches()) {
            errors.add(ApiError.of("FIELD_INTEGRITY_EXCEPTION", API_NAME_RULES, List.of("Name")));
        } else if (name != null) {
            rows.get(PERMISSION_SET).values().stream()
                    .filter(r -> r.path("Name").asText().equalsIgnoreCase(name.textValue()))
                    .map(r -> r.get("Id").textValue())
                    .filter(id -> !id.equals(selfId))
                    .findFirst()
                    .ifPresent(id -> errors.add(ApiError.of("DUPLICATE_VALUE",
                            "duplicate value found: Name duplicates value on record with id: " + id, List.of())));
        }
        if (values.containsKey("Label") && values.get("Label").isNull()) {
            errors.add(ApiError.of("REQUIRED_FIELD_MISSING", "Required fields are missing: [Label]",
                    List.of("Label")));
        }
    }

    private void checkFieldPermissions(Map<String, JsonNode> values, FieldCatalog fields) {
        String parentId = SalesforceIds.normalise(values.get("ParentId").textValue());
        if (parentId == null || !rows.get(PERMISSION_SET).containsKey(parentId)) {
            throw new ApiException(400, ApiError.of("INVALID_CROSS_REFERENCE_KEY",
                    "invalid cross reference id", List.of("ParentId")));
        }
        values.put("ParentId", TextNode.valueOf(parentId));
        String sobjectType = values.get("SobjectType").textValue();
        String field = values.get("Field").textValue();
        Optional<String> canonical = fields.permissionable(field);
        int dot = field.indexOf('.');
        if (canonical.isEmpty() || dot < 0 || !field.substring(0, dot).equalsIgnoreCase(sobjectType)) {
            // Field is a restricted picklist of the permissionable fields only, so LastName is as unknown as Foo__c.
            throw new ApiException(400, ApiError.of("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                    "Field Name: bad value for restricted picklist field: " + field, List.of("Field")));
        }
        values.put("Field", TextNode.valueOf(canonical.get()));
        values.put("SobjectType", TextNode.valueOf(canonical.get().substring(0, canonical.get().indexOf('.'))));
        fieldPermission(parentId, canonical.get()).ifPresent(existing -> {
            throw new ApiException(400, ApiError.of("DUPLICATE_VALUE", "duplicate value found: Field duplicates"
                    + " value on record with id: " + existing.get("Id").textValue(), List.of()));
        });
    }

    private static void checkEditNeedsRead(Map<String, JsonNode> values, ObjectNode stored) {
        boolean read = values.containsKey("PermissionsRead") ? values.get("PermissionsRead").asBoolean()
                : stored != null && stored.path("PermissionsRead").asBoolean();
        boolean edit = values.containsKey("PermissionsEdit") ? values.get("PermissionsEdit").asBoolean()
                : stored != null && stored.path("PermissionsEdit").asBoolean();
        if (edit && !read) {
            String field = stored != null ? stored.path("Field").asText() : values.get("Field").asText();
            throw new ApiException(400, ApiError.of("FIELD_INTEGRITY_EXCEPTION", "Permission Edit " + field
                    + " depends on permission(s): Read " + field, List.of("PermissionsEdit")));
        }
    }

    private void checkAssignment(Map<String, JsonNode> values, Function<String, Optional<SandboxUser>> users) {
        String assignee = SalesforceIds.normalise(values.get("AssigneeId").textValue());
        if (assignee == null || users.apply(assignee).isEmpty()) {
            throw new ApiException(400, ApiError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id",
                    List.of("AssigneeId")));
        }
        String set = SalesforceIds.normalise(values.get("PermissionSetId").textValue());
        ObjectNode permissionSet = set == null ? null : rows.get(PERMISSION_SET).get(set);
        if (permissionSet == null) {
            throw new ApiException(400, ApiError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id",
                    List.of("PermissionSetId")));
        }
        if (permissionSet.path("IsOwnedByProfile").asBoolean()) {
            throw new ApiException(400, ApiError.of("FIELD_INTEGRITY_EXCEPTION",
                    "You can't assign a permission set that is owned by a profile", List.of("PermissionSetId")));
        }
        values.put("AssigneeId", TextNode.valueOf(assignee));
        values.put("PermissionSetId", TextNode.valueOf(set));
        boolean duplicate = rows.get(ASSIGNMENT).values().stream().anyMatch(r ->
                assignee.equals(r.path("AssigneeId").asText()) && set.equals(r.path("PermissionSetId").asText()));
        if (duplicate) {
            throw new ApiException(400, ApiError.of("DUPLICATE_VALUE", UNKNOWN_DUPLICATE, List.of()));
        }
    }

    private static void required(Map<String, JsonNode> values, List<ApiError> errors, String... names) {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (!values.containsKey(name) || values.get(name).isNull()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            errors.add(ApiError.of("REQUIRED_FIELD_MISSING",
                    "Required fields are missing: [" + String.join(", ", missing) + "]", missing));
        }
    }

    private static void fail(List<ApiError> errors) {
        if (!errors.isEmpty()) {
            throw new ApiException(400, errors);
        }
    }

    // ---- rows ------------------------------------------------------------------------------------------------

    private ObjectNode newRow(String type, SandboxUser actor) {
        ObjectNode row = Json.object();
        String id = nextId.apply(KEY_PREFIXES.get(type));
        row.put("Id", id);
        String stamp = now.get();
        if (PERMISSION_SET.equals(type)) {
            row.putNull("NamespacePrefix");
            row.put("CreatedDate", stamp);
            row.put("CreatedById", actor.id());
            row.put("LastModifiedDate", stamp);
            row.put("LastModifiedById", actor.id());
        }
        row.put("SystemModstamp", stamp);
        rows.get(type).put(id, row);
        return row;
    }

    private ObjectNode existing(String type, String id) {
        String normalised = SalesforceIds.normalise(id);
        ObjectNode row = normalised == null ? null : rows.get(type).get(normalised);
        if (row == null) {
            throw ApiException.notFound();
        }
        return row;
    }

    private static ObjectNode render(String type, ObjectNode row, List<String> names, String version) {
        ObjectNode body = Json.object();
        ObjectNode attributes = body.putObject("attributes");
        attributes.put("type", type);
        attributes.put("url", "/services/data/v" + version + "/sobjects/" + type + "/" + row.get("Id").textValue());
        for (String name : names) {
            body.set(name, row.has(name) ? row.get(name) : NullNode.instance);
        }
        return body;
    }

    private static Optional<Column> column(String type, String name) {
        return COLUMNS.get(type).stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The body's members as canonical column names and typed values, with Salesforce's column errors. */
    private static Map<String, JsonNode> columns(String type, JsonNode body, boolean insert) {
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

    private static JsonNode typed(Column column, JsonNode value) {
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

    /** What FieldPermissions needs to know of the schema. */
    interface FieldCatalog {
        /** The canonical {@code Object.Field} name when that field exists and takes field-level security. */
        Optional<String> permissionable(String fieldFullName);
    }
}
