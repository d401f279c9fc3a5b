package io.leadsync.sandbox.salesforce;

import static io.leadsync.sandbox.salesforce.SandboxHttp.V;
import static io.leadsync.sandbox.salesforce.SandboxHttp.json;
import static io.leadsync.sandbox.salesforce.SandboxHttp.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What LeadSync's provisioning does: Tooling API field creation, then FLS through permission-set rows. */
class ProvisioningIT {

    private static final String FIELD = "{\"FullName\":\"Lead.Ext_Lead_Id__c\",\"Metadata\":{\"label\":\"Ext Lead Id\","
            + "\"type\":\"Text\",\"length\":255,\"externalId\":true,\"unique\":true,\"caseSensitive\":false,"
            + "\"required\":false,\"description\":\"Sync key\"}}";
    private static SalesforceSandbox sandbox;
    private static SandboxHttp http;
    private String admin;
    private String rep;

    @BeforeAll
    static void start() {
        sandbox = SalesforceSandbox.start(0);
        http = new SandboxHttp(sandbox.baseUrl());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
        admin = http.adminToken();
        rep = http.mint("rep@acme.example").get("access_token").asText();
    }

    private HttpResponse<String> createField(String token, String body) {
        return http.send("POST", V + "/tooling/sobjects/CustomField", token, body);
    }

    private String post(String type, String body) {
        HttpResponse<String> response = http.send("POST", V + "/sobjects/" + type, admin, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).get("id").asText();
    }

    private Optional<JsonNode> described(String token, String field) {
        for (JsonNode f : json(http.get(V + "/sobjects/Lead/describe", token)).get("fields")) {
            if (f.get("name").asText().equals(field)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private HttpResponse<String> upsert(String token, String value) {
        return http.send("PATCH", V + "/sobjects/Lead/Ext_Lead_Id__c/" + value, token,
                "{\"LastName\":\"Doe\",\"Company\":\"Acme\"}");
    }

    /** The documented three calls, granting the admin user. */
    private String grant(boolean edit) {
        String set = post("PermissionSet", "{\"Name\":\"Lead_Sync\",\"Label\":\"Lead Sync\"}");
        String permission = post("FieldPermissions", "{\"ParentId\":\"" + set + "\",\"SobjectType\":\"Lead\","
                + "\"Field\":\"Lead.Ext_Lead_Id__c\",\"PermissionsRead\":true,\"PermissionsEdit\":" + edit + "}");
        post("PermissionSetAssignment", "{\"AssigneeId\":\"" + sandbox.userId("admin@acme.example")
                + "\",\"PermissionSetId\":\"" + set + "\"}");
        return permission;
    }

    @Test
    void an_admin_creates_a_field_and_gets_the_documented_201() {
        HttpResponse<String> response = createField(admin, FIELD);

        assertThat(response.statusCode()).isEqualTo(201);
        String id = json(response).get("id").asText();
        assertThat(id).startsWith("00N").hasSize(18);
        assertThat(json(response)).isEqualTo(
                tree("{'id':'" + id + "','success':true,'errors':[],'warnings':[],'infos':[]}"));
        JsonNode row = json(http.get(V + "/tooling/sobjects/CustomField/" + id, admin));
        assertThat(row.get("DeveloperName").asText()).isEqualTo("Ext_Lead_Id");
        assertThat(row.get("TableEnumOrId").asText()).isEqualTo("Lead");
        assertThat(row.get("Metadata").get("length").asInt()).isEqualTo(255);
    }

    @Test
    void creating_it_again_is_a_duplicate_value() {
        createField(admin, FIELD);

        HttpResponse<String> again = createField(admin, FIELD);

        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json(again).get(0).get("errorCode").asText()).isEqualTo(ToolingFields.DUPLICATE_FIELD_CODE);
    }

    @Test
    void bad_metadata_is_refused_with_salesforce_errors() {
        HttpResponse<String> noLength = createField(admin,
                "{\"FullName\":\"Lead.A__c\",\"Metadata\":{\"label\":\"A\",\"type\":\"Text\"}}");
        assertThat(noLength.statusCode()).isEqualTo(400);
        assertThat(json(noLength).get(0).get("message").asText())
                .isEqualTo("Must specify 'length' for a CustomField of type Text");
        assertThat(json(noLength).get(0).get("errorCode").asText()).isEqualTo("FIELD_INTEGRITY_EXCEPTION");

        assertThat(json(createField(admin, "{\"FullName\":\"Lead.A__c\",\"Metadata\":{\"label\":\"A\","
                + "\"type\":\"Text\",\"length\":256}}")).get(0).get("errorCode").asText())
                .isEqualTo("FIELD_INTEGRITY_EXCEPTION");
        assertThat(json(createField(admin, "{\"FullName\":\"Lead.A__c\",\"Metadata\":{\"label\":\"A\","
                + "\"type\":\"Checkbox\"}}")).get(0).get("message").asText()).contains("defaultValue");
        assertThat(json(createField(admin, "{\"FullName\":\"Lead.A\",\"Metadata\":{\"label\":\"A\","
                + "\"type\":\"Email\"}}")).get(0).get("errorCode").asText()).isEqualTo("FIELD_INTEGRITY_EXCEPTION");
        assertThat(json(createField(admin, "{\"FullName\":\"Lead.A__b__c\",\"Metadata\":{\"label\":\"A\","
                + "\"type\":\"Email\"}}")).get(0).get("errorCode").asText()).isEqualTo("FIELD_INTEGRITY_EXCEPTION");
        assertThat(json(createField(admin, "{\"FullName\":\"Lead.A__c\",\"Metadata\":{\"label\":\"A\","
                + "\"type\":\"Rainbow\"}}")).get(0).get("errorCode").asText()).isEqualTo("JSON_PARSER_ERROR");
        assertThat(json(createField(admin, "{\"FullName\":\"Nope.A__c\",\"Metadata\":{\"label\":\"A\","
                + "\"type\":\"Email\"}}")).get(0).get("errorCode").asText()).isEqualTo("INVALID_TYPE");
        assertThat(createField(admin, "{\"FullName\":\"Lead.Score__c\",\"Metadata\":{\"label\":\"Score\","
                + "\"type\":\"Number\",\"precision\":18,\"scale\":2}}").statusCode()).isEqualTo(201);
        assertThat(createField(admin, "{\"FullName\":\"Lead.Notes__c\",\"Metadata\":{\"label\":\"Notes\","
                + "\"type\":\"LongTextArea\",\"length\":32768,\"visibleLines\":3}}").statusCode()).isEqualTo(201);
    }

    @Test
    void a_standard_user_may_not_create_fields_or_permission_sets() {
        HttpResponse<String> field = createField(rep, FIELD);
        assertThat(field.statusCode()).isEqualTo(OrgSchema.INSUFFICIENT_ACCESS_STATUS);
        assertThat(json(field).get(0).get("errorCode").asText()).isEqualTo("INSUFFICIENT_ACCESS_OR_READONLY");
        assertThat(json(field).get(0).get("message").asText()).contains("Customize Application");

        HttpResponse<String> set = http.send("POST", V + "/sobjects/PermissionSet", rep,
                "{\"Name\":\"Mine\",\"Label\":\"Mine\"}");
        assertThat(set.statusCode()).isEqualTo(OrgSchema.INSUFFICIENT_ACCESS_STATUS);
        assertThat(json(set).get(0).get("message").asText()).contains("Manage Users");
        assertThat(json(http.get("/__sandbox/salesforce/permissions", null)).get("permissionSets"))
                .allMatch(s -> s.get("IsOwnedByProfile").asBoolean());
    }

    @Test
    void a_new_field_is_invisible_even_to_its_creator_until_granted() {
        createField(admin, FIELD);

        assertThat(described(admin, "Ext_Lead_Id__c")).isEmpty();
        HttpResponse<String> create = http.send("POST", V + "/sobjects/Lead", admin,
                "{\"LastName\":\"Doe\",\"Company\":\"Acme\",\"Ext_Lead_Id__c\":\"L-1\"}");
        assertThat(create.statusCode()).isEqualTo(400);
        assertThat(json(create).get(0).get("message").asText())
                .isEqualTo("No such column 'Ext_Lead_Id__c' on sobject of type Lead");
        assertThat(json(create).get(0).get("errorCode").asText()).isEqualTo("INVALID_FIELD");
        assertThat(json(create).get(0).get("fields")).isEqualTo(tree("['Ext_Lead_Id__c']"));
        assertThat(upsert(admin, "L-1").statusCode()).as("upsert by the field").isEqualTo(404);
    }

    @Test
    void permission_set_field_permission_and_assignment_make_it_visible_and_writable() {
        createField(admin, FIELD);
        grant(true);

        JsonNode field = described(admin, "Ext_Lead_Id__c").orElseThrow();
        assertThat(field.get("createable").asBoolean()).isTrue();
        assertThat(field.get("updateable").asBoolean()).isTrue();
        assertThat(field.get("permissionable").asBoolean()).isTrue();
        assertThat(field.get("externalId").asBoolean()).isTrue();
        assertThat(described(admin, "LastName").orElseThrow().get("permissionable").asBoolean()).isFalse();
        assertThat(upsert(admin, "L-1").statusCode()).isEqualTo(201);
        assertThat(upsert(admin, "L-1").statusCode()).isEqualTo(200);
        assertThat(described(rep, "Ext_Lead_Id__c")).as("the rep was not assigned").isEmpty();
    }

    @Test
    void a_read_only_grant_shows_the_field_but_refuses_writes() {
        createField(admin, FIELD);
        grant(false);

        JsonNode field = described(admin, "Ext_Lead_Id__c").orElseThrow();
        assertThat(field.get("createable").asBoolean()).isFalse();
        assertThat(field.get("updateable").asBoolean()).isFalse();
        HttpResponse<String> write = http.send("POST", V + "/sobjects/Lead", admin,
                "{\"LastName\":\"Doe\",\"Company\":\"Acme\",\"Ext_Lead_Id__c\":\"L-1\"}");
        assertThat(write.statusCode()).isEqualTo(400);
        assertThat(json(write).get(0).get("errorCode").asText()).isEqualTo("INVALID_FIELD_FOR_INSERT_UPDATE");
        assertThat(json(write).get(0).get("message").asText()).startsWith("Unable to create/update fields:"
                + " Ext_Lead_Id__c.");
    }

    @Test
    void patching_the_field_permission_changes_edit_access() {
        createField(admin, FIELD);
        String permission = grant(false);

        HttpResponse<String> patch = http.send("PATCH", V + "/sobjects/FieldPermissions/" + permission, admin,
                "{\"PermissionsEdit\":true}");

        assertThat(patch.statusCode()).isEqualTo(204);
        assertThat(described(admin, "Ext_Lead_Id__c").orElseThrow().get("updateable").asBoolean()).isTrue();
        JsonNode row = json(http.get(V + "/sobjects/FieldPermissions/" + permission, admin));
        assertThat(row.get("PermissionsEdit").asBoolean()).isTrue();
        assertThat(row.get("attributes").get("type").asText()).isEqualTo("FieldPermissions");
    }

    @Test
    void deleting_the_field_permission_hides_the_field_again() {
        createField(admin, FIELD);
        String permission = grant(true);

        assertThat(http.send("DELETE", V + "/sobjects/FieldPermissions/" + permission, admin, null).statusCode())
                .isEqualTo(204);

        assertThat(described(admin, "Ext_Lead_Id__c")).isEmpty();
        assertThat(http.get(V + "/sobjects/FieldPermissions/" + permission, admin).statusCode()).isEqualTo(404);
        assertThat(upsert(admin, "L-1").statusCode()).isEqualTo(404);
    }

    @Test
    void the_control_api_lists_the_rows_and_revokes_a_users_access() {
        createField(admin, FIELD);
        grant(true);
        JsonNode permissions = json(http.get("/__sandbox/salesforce/permissions", null));
        assertThat(permissions.get("fieldPermissions")).hasSize(1);
        assertThat(permissions.get("assignments").get(0).get("AssigneeId").asText())
                .isEqualTo(sandbox.userId("admin@acme.example"));

        HttpResponse<String> revoke = http.send("DELETE", "/__sandbox/salesforce/field-permissions"
                + "?user=admin@acme.example&field=Lead.Ext_Lead_Id__c", null, null);

        assertThat(json(revoke)).isEqualTo(tree("{'deleted':1}"));
        assertThat(described(admin, "Ext_Lead_Id__c")).isEmpty();
    }

    @Test
    void the_setup_objects_enforce_their_rules() {
        createField(admin, FIELD);
        String set = post("PermissionSet", "{\"Name\":\"Lead_Sync\",\"Label\":\"Lead Sync\"}");
        assertThat(set).startsWith("0PS").hasSize(18);
        List<String> codes = new ArrayList<>();
        for (String body : List.of(
                "{\"Name\":\"lead_sync\",\"Label\":\"Again\"}",
                "{\"Name\":\"Lead__Sync\",\"Label\":\"Double\"}",
                "{\"Name\":\"Lead_Sync_\",\"Label\":\"Trailing\"}",
                "{\"Name\":\"1Lead\",\"Label\":\"Digit\"}",
                "{\"Label\":\"No name\"}")) {
            codes.add(json(http.send("POST", V + "/sobjects/PermissionSet", admin, body)).get(0).get("errorCode")
                    .asText());
        }
        assertThat(codes).containsExactly("DUPLICATE_VALUE", "FIELD_INTEGRITY_EXCEPTION",
                "FIELD_INTEGRITY_EXCEPTION", "FIELD_INTEGRITY_EXCEPTION", "REQUIRED_FIELD_MISSING");

        String fp = "{\"ParentId\":\"" + set + "\",\"SobjectType\":\"Lead\",\"Field\":\"Lead.%s\","
                + "\"PermissionsRead\":%s,\"PermissionsEdit\":true}";
        assertThat(json(http.send("POST", V + "/sobjects/FieldPermissions", admin,
                fp.formatted("Ext_Lead_Id__c", false))).get(0).get("errorCode").asText())
                .as("Edit needs Read").isEqualTo("FIELD_INTEGRITY_EXCEPTION");
        assertThat(json(http.send("POST", V + "/sobjects/FieldPermissions", admin,
                fp.formatted("LastName", true))).get(0).get("errorCode").asText())
                .as("required fields are not permissionable").isEqualTo("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
        assertThat(post("FieldPermissions", fp.formatted("Ext_Lead_Id__c", true))).startsWith("01k");
        assertThat(json(http.send("POST", V + "/sobjects/FieldPermissions", admin,
                fp.formatted("Ext_Lead_Id__c", true))).get(0).get("errorCode").asText())
                .isEqualTo("DUPLICATE_VALUE");

        String assignment = "{\"AssigneeId\":\"" + sandbox.userId("rep@acme.example") + "\",\"PermissionSetId\":\""
                + set + "\"}";
        assertThat(post("PermissionSetAssignment", assignment)).startsWith("0Pa");
        HttpResponse<String> twice = http.send("POST", V + "/sobjects/PermissionSetAssignment", admin, assignment);
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(json(twice).get(0).get("errorCode").asText()).isEqualTo("DUPLICATE_VALUE");
        assertThat(described(rep, "Ext_Lead_Id__c")).isPresent();
    }
}
