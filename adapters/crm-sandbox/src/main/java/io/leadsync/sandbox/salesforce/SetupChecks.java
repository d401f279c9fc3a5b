package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The rules a setup object row keeps before {@link SetupObjects} stores it: required columns, API names, unique
 * names, FieldPermissions on permissionable fields, Edit only with Read, one assignment per user and permission set.
 * Reads the rows it checks against; never writes them.
 */
final class SetupChecks {

    private static final Pattern API_NAME = Pattern.compile("[A-Za-z](?:[A-Za-z0-9]|_(?!_))*(?<!_)");

    /** Salesforce answers an assignment it already has with placeholders instead of names (observed). */
    private static final String UNKNOWN_DUPLICATE = "duplicate value found: <unknown> duplicates value on record"
            + " with id: <unknown>";

    private final Map<String, Map<String, ObjectNode>> rows;

    SetupChecks(Map<String, Map<String, ObjectNode>> rows) {
        this.rows = rows;
    }

    void checkPermissionSet(Map<String, JsonNode> values, String selfId, List<ApiError> errors) {
        JsonNode name = values.get("Name");
        if (values.containsKey("Name") && name.isNull()) {
            errors.add(ApiError.of("REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]",
                    List.of("Name")));
        } else if (name != null && !API_NAME.matcher(name.textValue()).matches()) {
            errors.add(ApiError.of("FIELD_INTEGRITY_EXCEPTION", SetupObjects.API_NAME_RULES, List.of("Name")));
        } else if (name != null) {
            rows.get(SetupObjects.PERMISSION_SET).values().stream()
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

    void checkFieldPermissions(Map<String, JsonNode> values, SetupObjects.FieldCatalog fields) {
        String parentId = SalesforceIds.normalise(values.get("ParentId").textValue());
        if (parentId == null || !rows.get(SetupObjects.PERMISSION_SET).containsKey(parentId)) {
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

    static void checkEditNeedsRead(Map<String, JsonNode> values, ObjectNode stored) {
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

    void checkAssignment(Map<String, JsonNode> values, Function<String, Optional<SandboxUser>> users) {
        String assignee = SalesforceIds.normalise(values.get("AssigneeId").textValue());
        if (assignee == null || users.apply(assignee).isEmpty()) {
            throw new ApiException(400, ApiError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id",
                    List.of("AssigneeId")));
        }
        String set = SalesforceIds.normalise(values.get("PermissionSetId").textValue());
        ObjectNode permissionSet = set == null ? null : rows.get(SetupObjects.PERMISSION_SET).get(set);
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
        boolean duplicate = rows.get(SetupObjects.ASSIGNMENT).values().stream().anyMatch(r ->
                assignee.equals(r.path("AssigneeId").asText()) && set.equals(r.path("PermissionSetId").asText()));
        if (duplicate) {
            throw new ApiException(400, ApiError.of("DUPLICATE_VALUE", UNKNOWN_DUPLICATE, List.of()));
        }
    }

    static void required(Map<String, JsonNode> values, List<ApiError> errors, String... names) {
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

    static void fail(List<ApiError> errors) {
        if (!errors.isEmpty()) {
            throw new ApiException(400, errors);
        }
    }


    Optional<ObjectNode> fieldPermission(String parentId, String fieldFullName) {
        return rows.get(SetupObjects.FIELD_PERMISSIONS).values().stream()
                .filter(r -> parentId.equals(r.path("ParentId").asText())
                        && r.path("Field").asText().equalsIgnoreCase(fieldFullName))
                .findFirst();
    }
}
