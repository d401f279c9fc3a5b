package io.leadsync.sandbox.salesforce;

import static io.leadsync.sandbox.salesforce.SandboxHttp.V;
import static io.leadsync.sandbox.salesforce.SandboxHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Page layouts through the Tooling API's Layout: a new org's layouts hide custom fields until one is added. */
class PageLayoutsIT extends OrgFixture {


    private HttpResponse<String> query(String soql, String as) {
        return http.get(V + "/tooling/query/?q=" + HttpCall.encode(soql), as);
    }

    @Test
    void each_object_has_a_default_layout_with_standard_fields_only() {
        for (String object : new String[] {"Lead", "Contact", "Account"}) {
            JsonNode result = json(query("SELECT Id, Name, TableEnumOrId FROM Layout WHERE TableEnumOrId = '"
                    + object + "'", token));
            assertThat(result.get("entityTypeName").asText()).isEqualTo("Layout");
            assertThat(result.get("size").asInt()).isEqualTo(1);
            assertThat(result.get("records").get(0).get("Name").asText()).isEqualTo(object + " Layout");
            assertThat(result.get("records").get(0).get("Id").asText()).startsWith("00h").hasSize(18);
        }
        assertThat(sandbox.layoutFields("Lead").get("Lead Layout")).contains("LastName", "Company", "Email")
                .noneMatch(field -> field.endsWith("__c"));
    }

    @Test
    void a_layouts_metadata_is_read_and_a_section_with_a_custom_field_is_added_by_patch() {
        sandbox.addCustomField("Lead", FieldDefinition.customText("LeadSync_Lead_ID__c", "LeadSync Lead ID", 255,
                true, true));
        String id = json(query("SELECT Id FROM Layout WHERE TableEnumOrId = 'Lead'", token))
                .get("records").get(0).get("Id").asText();
        JsonNode layout = json(http.get(V + "/tooling/sobjects/Layout/" + id, token));
        assertThat(layout.get("attributes").get("type").asText()).isEqualTo("Layout");
        ObjectNode metadata = (ObjectNode) layout.get("Metadata");
        assertThat(metadata.get("layoutSections").get(0).get("layoutColumns").get(0).get("layoutItems").get(0)
                .get("field").asText()).isEqualTo("LastName");

        ObjectNode section = ((ArrayNode) metadata.get("layoutSections")).addObject();
        section.put("label", "LeadSync").put("style", "OneColumn").put("customLabel", true)
                .put("detailHeading", true).put("editHeading", true);
        section.putArray("layoutColumns").addObject().putArray("layoutItems").addObject()
                .put("behavior", "Edit").put("field", "LeadSync_Lead_ID__c");
        ObjectNode patch = Json.object();
        patch.set("Metadata", metadata);
        HttpResponse<String> patched = http.send("PATCH", V + "/tooling/sobjects/Layout/" + id, token,
                patch.toString());

        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(204);
        assertThat(sandbox.layoutFields("Lead").get("Lead Layout")).contains("LeadSync_Lead_ID__c");
        JsonNode withMetadata = json(query("SELECT Id, Metadata FROM Layout WHERE Id = '" + id + "'", token));
        assertThat(withMetadata.get("records").get(0).get("Metadata").get("layoutSections").toString())
                .contains("LeadSync_Lead_ID__c");
    }

    @Test
    void a_layout_naming_a_field_the_object_lacks_is_refused_and_unchanged() {
        String id = json(query("SELECT Id FROM Layout WHERE TableEnumOrId = 'Lead'", token))
                .get("records").get(0).get("Id").asText();
        HttpResponse<String> patched = http.send("PATCH", V + "/tooling/sobjects/Layout/" + id, token,
                "{\"Metadata\":{\"layoutSections\":[{\"label\":\"X\",\"layoutColumns\":[{\"layoutItems\":"
                        + "[{\"behavior\":\"Edit\",\"field\":\"Nope__c\"}]}]}]}}");

        assertThat(patched.statusCode()).isEqualTo(400);
        assertThat(json(patched).get(0).get("errorCode").asText()).isEqualTo("FIELD_INTEGRITY_EXCEPTION");
        assertThat(sandbox.layoutFields("Lead").get("Lead Layout")).contains("LastName").doesNotContain("Nope__c");
    }

    @Test
    void metadata_of_several_layouts_at_once_is_refused_and_a_rep_cannot_edit_layouts() {
        HttpResponse<String> many = query("SELECT Id, Metadata FROM Layout", token);
        assertThat(many.statusCode()).isEqualTo(400);
        assertThat(json(many).get(0).get("errorCode").asText()).isEqualTo("MALFORMED_QUERY");

        String rep = http.mint("rep@acme.example").get("access_token").asText();
        String id = json(query("SELECT Id FROM Layout WHERE TableEnumOrId = 'Lead'", token))
                .get("records").get(0).get("Id").asText();
        HttpResponse<String> patched = http.send("PATCH", V + "/tooling/sobjects/Layout/" + id, rep,
                "{\"Metadata\":{\"layoutSections\":[]}}");
        assertThat(patched.statusCode()).isEqualTo(403);
    }
}
