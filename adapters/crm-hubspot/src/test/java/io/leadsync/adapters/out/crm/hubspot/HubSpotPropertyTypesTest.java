package io.leadsync.adapters.out.crm.hubspot;

import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.lead.LeadField;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HubSpotPropertyTypesTest {
    /** HUBSPOT.md section 4: the fieldTypes each type allows. */
    private static final Map<String, Set<String>> FIELD_TYPES = Map.of(
            "string", Set.of("text", "textarea", "html", "phonenumber", "file"),
            "number", Set.of("number"),
            "bool", Set.of("booleancheckbox"),
            "datetime", Set.of("date"),
            "date", Set.of("date"));

    @Test
    void every_default_property_has_a_type_and_field_type_hubspot_allows_together_and_holds_its_field() {
        for (FieldMapping mapping : DefaultMappings.hubspot("LeadSync")) {
            Map<String, Object> definition = HubSpotPropertyTypes.definition(mapping.appField(), mapping.crmField(),
                    "leadsync");

            assertThat(definition).containsKeys("name", "label", "type", "fieldType", "groupName");
            String type = (String) definition.get("type");
            assertThat(FIELD_TYPES.get(type)).as(mapping.crmField()).contains((String) definition.get("fieldType"));
            assertThat(HubSpotPropertyTypes.holds(type, mapping.appField())).as(mapping.crmField()).isTrue();
        }
    }

    @Test
    void only_the_lead_id_is_a_unique_value_property() {
        for (FieldMapping mapping : DefaultMappings.hubspot("LeadSync")) {
            Map<String, Object> definition = HubSpotPropertyTypes.definition(mapping.appField(), mapping.crmField(),
                    "leadsync");

            assertThat(definition.get("hasUniqueValue")).as(mapping.crmField())
                    .isEqualTo(mapping.appField() == LeadField.LEAD_ID);
        }
    }

    @Test
    void a_checkbox_property_carries_the_true_and_false_options_hubspot_requires() {
        Map<String, Object> definition = HubSpotPropertyTypes.definition(LeadField.IS_DQL, "leadsync_is_dql", "leadsync");

        assertThat(definition.get("options").toString()).contains("value=true").contains("value=false");
    }

    @Test
    void values_are_strings_and_an_instant_goes_as_epoch_milliseconds() {
        assertThat(HubSpotPropertyTypes.value(LeadField.LAST_VISIT, "2026-01-31T09:30:00Z")).isEqualTo("1769851800000");
        assertThat(HubSpotPropertyTypes.value(LeadField.VISIT_COUNT, "17")).isEqualTo("17");
        assertThat(HubSpotPropertyTypes.value(LeadField.IS_DQL, "true")).isEqualTo("true");
    }

    @Test
    void a_property_of_another_kind_cannot_hold_a_number_or_a_flag() {
        assertThat(HubSpotPropertyTypes.holds("string", LeadField.OUTREACH_SCORE)).isFalse();
        assertThat(HubSpotPropertyTypes.holds("number", LeadField.IS_DQL)).isFalse();
        assertThat(HubSpotPropertyTypes.holds("number", LeadField.WORK_EMAIL)).isFalse();
        assertThat(HubSpotPropertyTypes.holds("datetime", LeadField.LAST_VISIT)).isTrue();
    }

    @Test
    void labels_read_like_words() {
        assertThat(HubSpotPropertyTypes.label("leadsync_outreach_score", "leadsync")).isEqualTo("LeadSync Outreach Score");
        assertThat(HubSpotPropertyTypes.label("leadsync_linkedin_url", "leadsync")).isEqualTo("LeadSync Linkedin URL");
        assertThat(HubSpotPropertyTypes.label("acme_lead_id", "acme")).isEqualTo("Acme Lead ID");
    }
}
