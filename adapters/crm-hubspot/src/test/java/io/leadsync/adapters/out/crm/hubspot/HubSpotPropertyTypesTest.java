package io.leadsync.adapters.out.crm.hubspot;

import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.lead.InvalidLeadException;
import io.leadsync.domain.lead.LeadField;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void values_read_back_as_canonical_text_whatever_form_hubspot_shows_them_in() {
        assertThat(HubSpotPropertyTypes.canonical(LeadField.LAST_VISIT, "1769851800000")).contains("2026-01-31T09:30:00Z");
        assertThat(HubSpotPropertyTypes.canonical(LeadField.LAST_VISIT, "2026-01-31T09:30:00.000Z"))
                .contains("2026-01-31T09:30:00Z");
        assertThat(HubSpotPropertyTypes.canonical(LeadField.LAST_VISIT, "2026-01-31T09:30:00.123+01:00"))
                .contains("2026-01-31T08:30:00.123Z");
        assertThat(HubSpotPropertyTypes.canonical(LeadField.LAST_VISIT, "2026-01-31")).contains("2026-01-31T00:00:00Z");
        assertThat(HubSpotPropertyTypes.canonical(LeadField.OUTREACH_SCORE, "87")).contains("87");
        assertThat(HubSpotPropertyTypes.canonical(LeadField.OUTREACH_SCORE, "87.0")).contains("87");
        assertThat(HubSpotPropertyTypes.canonical(LeadField.VISIT_COUNT, "1200.00")).contains("1200");
        assertThat(HubSpotPropertyTypes.canonical(LeadField.IS_DQL, "true")).contains("true");
        assertThat(HubSpotPropertyTypes.canonical(LeadField.IS_DQL, "false")).contains("false");
        assertThat(HubSpotPropertyTypes.canonical(LeadField.WORK_EMAIL, "ada@analytical.example"))
                .contains("ada@analytical.example");
        assertThat(HubSpotPropertyTypes.canonical(LeadField.CITY, "")).isEmpty();
        assertThat(HubSpotPropertyTypes.canonical(LeadField.CITY, null)).isEmpty();
        assertThat(HubSpotPropertyTypes.canonical(LeadField.LAST_VISIT, "")).isEmpty();
    }

    @Test
    void a_value_leadsync_cannot_read_names_the_field_and_its_rule() {
        assertThatThrownBy(() -> HubSpotPropertyTypes.canonical(LeadField.OUTREACH_SCORE, "87.5"))
                .isInstanceOf(InvalidLeadException.class).hasMessageContaining("outreachScore");
        assertThatThrownBy(() -> HubSpotPropertyTypes.canonical(LeadField.OUTREACH_SCORE, "140"))
                .isInstanceOf(InvalidLeadException.class);
        assertThatThrownBy(() -> HubSpotPropertyTypes.canonical(LeadField.IS_DQL, "yes"))
                .isInstanceOf(InvalidLeadException.class).hasMessageContaining("isDql");
        assertThatThrownBy(() -> HubSpotPropertyTypes.canonical(LeadField.LAST_VISIT, "yesterday"))
                .isInstanceOf(InvalidLeadException.class).hasMessageContaining("lastVisitAt");
        assertThatThrownBy(() -> HubSpotPropertyTypes.canonical(LeadField.STATUS, "SOMETHING_ELSE"))
                .isInstanceOf(InvalidLeadException.class).hasMessageContaining("status");
    }

    @Test
    void a_value_written_reads_back_as_it_was() {
        for (String canonical : List.of("2026-01-31T09:30:00Z", "2026-01-31T09:30:00.123Z")) {
            assertThat(HubSpotPropertyTypes.canonical(LeadField.LAST_VISIT,
                    HubSpotPropertyTypes.value(LeadField.LAST_VISIT, canonical))).contains(canonical);
        }
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
