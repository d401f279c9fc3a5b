package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import io.leadsync.sandbox.salesforce.SetupColumns.Column;

import static io.leadsync.sandbox.salesforce.SetupColumns.COLUMNS;
import static io.leadsync.sandbox.salesforce.SetupColumns.column;
import static io.leadsync.sandbox.salesforce.SetupColumns.columns;
import static io.leadsync.sandbox.salesforce.SetupColumns.render;

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


    record Access(boolean read, boolean edit) {
        static final Access NONE = new Access(false, false);
    }

    private final Function<String, String> nextId;
    private final Supplier<String> now;
    private final Map<String, Map<String, ObjectNode>> rows = new LinkedHashMap<>();
    /** Profile name to the id of the permission set it owns. */
    private final Map<String, String> profilePermissionSets = new LinkedHashMap<>();
    private final SetupChecks checks = new SetupChecks(rows);

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
                SetupChecks.required(values, errors, "Name", "Label");
                checks.checkPermissionSet(values, null, errors);
                SetupChecks.fail(errors);
                ObjectNode created = newRow(type, actor);
                created.put("IsOwnedByProfile", false);
                created.putNull("ProfileId");
                created.putNull("Description");
                yield created;
            }
            case FIELD_PERMISSIONS -> {
                List<ApiError> errors = new ArrayList<>();
                SetupChecks.required(values, errors, "ParentId", "SobjectType", "Field");
                SetupChecks.fail(errors);
                checks.checkFieldPermissions(values, fields);
                if (!values.containsKey("PermissionsRead")) {
                    values.put("PermissionsRead", BooleanNode.FALSE);
                }
                if (!values.containsKey("PermissionsEdit")) {
                    values.put("PermissionsEdit", BooleanNode.FALSE);
                }
                SetupChecks.checkEditNeedsRead(values, null);
                yield newRow(type, actor);
            }
            default -> {
                List<ApiError> errors = new ArrayList<>();
                SetupChecks.required(values, errors, "AssigneeId", "PermissionSetId");
                SetupChecks.fail(errors);
                checks.checkAssignment(values, users);
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
            checks.checkPermissionSet(values, row.get("Id").textValue(), errors);
            SetupChecks.fail(errors);
        }
        if (FIELD_PERMISSIONS.equals(type)) {
            SetupChecks.checkEditNeedsRead(values, row);
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
        return SetupColumns.query(type, rows.get(type).values(), query, version);
    }

    private ArrayNode all(String type, String version) {
        ArrayNode array = Json.array();
        List<String> names = SetupColumns.names(type);
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
        return checks.fieldPermission(parentId, fieldFullName);
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

    /** What FieldPermissions needs to know of the schema. */
    interface FieldCatalog {
        /** The canonical {@code Object.Field} name when that field exists and takes field-level security. */
        Optional<String> permissionable(String fieldFullName);
    }
}
