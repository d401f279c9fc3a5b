package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The org's sObject schemas and who may see and edit their fields: field-level security through the setup objects
 * (PermissionSet, FieldPermissions, PermissionSetAssignment), the describe call, and the administrator checks on
 * setup changes. Not thread-safe: {@link SalesforceOrg} calls it under its lock.
 */
final class OrgSchema {

    /**
     * Which error refuses a non-administrator a setup change. The digest leaves it UNCONFIRMED; Salesforce's
     * errorcodes page gives 403 for "no permission", and INSUFFICIENT_ACCESS_OR_READONLY is the StatusCode a DML
     * denial carries, so both are chosen here, in one place, to be easy to change.
     */
    static final int INSUFFICIENT_ACCESS_STATUS = 403;
    static final String INSUFFICIENT_ACCESS_CODE = "INSUFFICIENT_ACCESS_OR_READONLY";
    static final String CUSTOMIZE_APPLICATION = "Customize Application";
    static final String MANAGE_USERS = "Manage Users";
    static final String VIEW_SETUP = "View Setup and Configuration";

    private final OrgAuth auth;
    private final Map<String, SObjectSchema> schemas = new LinkedHashMap<>();
    /** Permission sets, field permissions and assignments: where custom-field FLS comes from. */
    private final SetupObjects setup;

    OrgSchema(OrgAuth auth, Function<String, String> nextId, Supplier<String> now) {
        this.auth = auth;
        this.setup = new SetupObjects(nextId, now);
    }

    /** Back to the standard objects (Lead, Account, Contact, Task) and the profiles' own permission sets. */
    void reset(Collection<SandboxUser> users) {
        schemas.clear();
        setup.reset(users);
        for (SObjectSchema schema : List.of(SObjectSchema.lead(), SObjectSchema.account(), SObjectSchema.contact(),
                SObjectSchema.task(), SObjectSchema.leadStatus(), PersonAccounts.recordTypeSchema())) {
            schemas.put(schema.name(), schema);
        }
    }

    String profileId(SandboxUser user) {
        return setup.profileId(user.profile());
    }

    Collection<SObjectSchema> all() {
        return schemas.values();
    }

    /** The schema stored under exactly this name (as a lookup's referenceTo names it), or null. */
    SObjectSchema exactly(String name) {
        return schemas.get(name);
    }

    /** Setup rows of a setup type (PermissionSet...) as a SOQL query selects them. */
    List<ObjectNode> querySetup(String type, io.leadsync.sandbox.salesforce.soql.SoqlQuery query, String version) {
        return setup.query(type, query, version);
    }

    SObjectSchema schema(String object) {
        SObjectSchema schema = schemas.get(object);
        if (schema == null) {
            schema = schemas.values().stream().filter(s -> s.name().equalsIgnoreCase(object)).findFirst()
                    .orElseThrow(ApiException::notFound);
        }
        return schema;
    }

    /** The embedding's shortcut: the user's profile gets (or loses) a FieldPermissions row for the field. */
    void fieldAccess(String object, String fieldName, String username, boolean read, boolean edit) {
        SObjectSchema schema = schema(object);
        FieldDefinition field = schema.field(fieldName)
                .orElseThrow(() -> new IllegalArgumentException("no field " + object + "." + fieldName));
        if (!field.permissionable()) {
            throw new IllegalArgumentException(object + "." + fieldName + " does not take field-level security");
        }
        SandboxUser user = auth.userByUsername(username)
                .orElseThrow(() -> new IllegalArgumentException("no user " + username));
        setup.grantToProfile(user, schema.name(), schema.name() + "." + field.name(), read, edit && read);
    }

    /** Deletes the FieldPermissions rows that let the user see {@code Object.Field}; answers how many. */
    int revokeFieldAccess(String username, String fieldFullName) {
        SandboxUser user = auth.userByUsername(username)
                .orElseThrow(() -> new IllegalArgumentException("no user " + username));
        return setup.revoke(user, fieldFullName);
    }

    ObjectNode permissions(String version) {
        return setup.snapshot(version);
    }

    String createSetupObject(SandboxUser user, String type, JsonNode body) {
        requireAdministrator(user, MANAGE_USERS);
        return setup.create(user, type, body, this::permissionableField, auth::userById);
    }

    ObjectNode readSetupObject(SandboxUser user, String type, String id, List<String> fields,
            String version) {
        requireAdministrator(user, VIEW_SETUP);
        return setup.read(type, id, fields, version);
    }

    void updateSetupObject(SandboxUser user, String type, String id, JsonNode body) {
        requireAdministrator(user, MANAGE_USERS);
        setup.update(user, type, id, body);
    }

    void deleteSetupObject(SandboxUser user, String type, String id) {
        requireAdministrator(user, MANAGE_USERS);
        setup.delete(type, id);
    }

    /** Setup rows as stored, for readers such as a query engine. */
    List<ObjectNode> setupRows(String type) {
        return setup.rows(type);
    }

    private Optional<String> permissionableField(String fullName) {
        int dot = fullName.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String object = fullName.substring(0, dot);
        return schemas.values().stream().filter(s -> s.name().equalsIgnoreCase(object)).findFirst()
                .flatMap(s -> s.field(fullName.substring(dot + 1))
                        .filter(FieldDefinition::permissionable)
                        .map(f -> s.name() + "." + f.name()));
    }

    static void requireAdministrator(SandboxUser user, String permission) {
        if (!user.isAdministrator()) {
            throw new ApiException(INSUFFICIENT_ACCESS_STATUS, ApiError.of(INSUFFICIENT_ACCESS_CODE,
                    "insufficient access rights on object id: you need the \"" + permission + "\" permission",
                    List.of()));
        }
    }

    Predicate<FieldDefinition> readable(SObjectSchema schema, SandboxUser user) {
        return field -> !field.permissionable() || access(schema, field, user).read();
    }

    Predicate<FieldDefinition> editable(SObjectSchema schema, SandboxUser user) {
        return field -> !field.permissionable() || access(schema, field, user).edit();
    }

    private SetupObjects.Access access(SObjectSchema schema, FieldDefinition field, SandboxUser user) {
        return setup.access(user, schema.name() + "." + field.name());
    }

    ObjectNode describe(SandboxUser user, String object, String version) {
        SObjectSchema schema = schema(object);
        String base = "/services/data/v" + version + "/sobjects/" + schema.name();
        ObjectNode body = Json.object();
        body.putArray("actionOverrides");
        body.put("activateable", false);
        body.putArray("childRelationships");
        body.put("createable", true);
        body.put("custom", false);
        body.put("customSetting", false);
        body.put("deletable", true);
        body.put("deprecatedAndHidden", false);
        body.put("feedEnabled", true);
        ArrayNode fields = body.putArray("fields");
        Predicate<FieldDefinition> readable = readable(schema, user);
        Predicate<FieldDefinition> editable = editable(schema, user);
        for (FieldDefinition field : schema.fields()) {
            if (readable.test(field)) {
                ObjectNode described = field.describe();
                if (!editable.test(field)) {
                    described.put("createable", false);
                    described.put("updateable", false);
                }
                fields.add(described);
            }
        }
        body.put("keyPrefix", schema.keyPrefix());
        body.put("label", schema.label());
        body.put("labelPlural", schema.label() + "s");
        body.put("layoutable", true);
        body.put("mergeable", true);
        body.put("name", schema.name());
        body.put("queryable", true);
        ArrayNode recordTypes = body.putArray("recordTypeInfos");
        ObjectNode master = recordTypes.addObject();
        master.put("active", true);
        master.put("available", true);
        master.put("defaultRecordTypeMapping", true);
        master.put("developerName", "Master");
        master.put("master", true);
        master.put("name", "Master");
        master.put("recordTypeId", "012000000000000AAA");
        master.putObject("urls").put("layout", base + "/describe/layouts/012000000000000AAA");
        body.put("replicateable", true);
        body.put("retrieveable", true);
        body.put("searchable", true);
        body.put("triggerable", true);
        body.put("undeletable", true);
        body.put("updateable", true);
        ObjectNode urls = body.putObject("urls");
        urls.put("rowTemplate", base + "/{ID}");
        urls.put("describe", base + "/describe");
        urls.put("sobject", base);
        return body;
    }
}
