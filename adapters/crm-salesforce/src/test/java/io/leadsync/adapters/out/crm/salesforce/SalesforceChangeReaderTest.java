package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.application.port.out.CrmChangeReader.ChangeWindow;
import io.leadsync.application.port.out.CrmChangeReader.Watermark;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.lead.InvalidLeadException;
import io.leadsync.domain.lead.LeadField;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SOQL the reader sends and how it reads Salesforce's JSON values, without a server. */
class SalesforceChangeReaderTest {
    private static final Instant T = Instant.parse("2026-01-31T09:30:00Z");

    @Test
    void the_query_selects_pullable_fields_once_after_the_watermark_in_keyset_order() {
        String soql = SalesforceChangeReader.changesSoql(
                SalesforceChangeReader.pulledFields(DefaultMappings.salesforce("LeadSync")).keySet(),
                new ChangeWindow(new Watermark(T, "00QDn0000000001AAA"), T.plusSeconds(3600)));

        assertThat(soql).startsWith("SELECT Id, SystemModstamp, LeadSync_Lead_ID__c, FirstName, LastName, Email,")
                .doesNotContain("LeadSource")
                .endsWith(" FROM Lead WHERE (SystemModstamp > 2026-01-31T09:30:00Z OR (SystemModstamp = 2026-01-31T09:30:00Z"
                        + " AND Id > '00QDn0000000001AAA')) AND SystemModstamp <= 2026-01-31T10:30:00Z"
                        + " ORDER BY SystemModstamp, Id");
    }

    @Test
    void the_origin_compares_no_id_and_milliseconds_are_kept_only_when_there_are_some() {
        String soql = SalesforceChangeReader.changesSoql(List.of("LastName"),
                new ChangeWindow(Watermark.origin(), Instant.parse("2026-01-31T09:30:00.250Z")));

        assertThat(soql).isEqualTo("SELECT Id, SystemModstamp, LastName, IsConverted, ConvertedContactId, ConvertedAccountId, "
                + "ConvertedDate FROM Lead WHERE SystemModstamp >= 1970-01-01T00:00:00Z"
                + " AND SystemModstamp <= 2026-01-31T09:30:00.250Z ORDER BY SystemModstamp, Id");
    }

    @Test
    void one_salesforce_field_feeding_two_app_fields_is_selected_once_and_push_only_mappings_are_left_out() {
        List<FieldMapping> mappings = List.of(FieldMapping.both(LeadField.LAST_NAME, "LastName"),
                FieldMapping.both(LeadField.ABOUT, "lastname"),
                new FieldMapping(LeadField.LEAD_SOURCE, "LeadSource", SyncDirection.PUSH, Optional.empty()),
                new FieldMapping(LeadField.CITY, "City", SyncDirection.PULL, Optional.empty()));

        assertThat(SalesforceChangeReader.pulledFields(mappings))
                .containsOnlyKeys("LastName", "City")
                .containsEntry("LastName", List.of(LeadField.LAST_NAME, LeadField.ABOUT));
    }

    @Test
    void salesforce_json_values_become_canonical_text() {
        assertThat(SalesforceLeadValues.canonical(LeadField.OUTREACH_SCORE, JsonNode.createNumberNode(87.0))).contains("87");
        assertThat(SalesforceLeadValues.canonical(LeadField.VISIT_COUNT, JsonNode.createNumberNode(new BigDecimal("1E+2"))))
                .contains("100");
        assertThat(SalesforceLeadValues.canonical(LeadField.IS_DQL, JsonNode.createBooleanNode(false))).contains("false");
        assertThat(SalesforceLeadValues.canonical(LeadField.LAST_VISIT,
                JsonNode.createStringNode("2026-01-31T10:30:00.000+0100"))).contains("2026-01-31T09:30:00Z");
        assertThat(SalesforceLeadValues.canonical(LeadField.CITY, JsonNode.nullNode())).isEmpty();
        assertThat(SalesforceLeadValues.canonical(LeadField.CITY, null)).isEmpty();
        assertThat(SalesforceLeadValues.canonical(LeadField.STATUS, JsonNode.createStringNode("qualified"))).contains("QUALIFIED");
    }

    @Test
    void a_value_outside_the_fields_rule_is_refused_not_rounded() {
        assertThatThrownBy(() -> SalesforceLeadValues.canonical(LeadField.OUTREACH_SCORE, JsonNode.createNumberNode(87.5)))
                .isInstanceOf(InvalidLeadException.class);
        assertThatThrownBy(() -> SalesforceLeadValues.canonical(LeadField.AI_SCORE, JsonNode.createNumberNode(150)))
                .isInstanceOf(InvalidLeadException.class);
        assertThatThrownBy(() -> SalesforceLeadValues.canonical(LeadField.CITY,
                JsonNode.createObjectNode(java.util.Map.of("city", JsonNode.createStringNode("Paris")))))
                .isInstanceOf(InvalidLeadException.class);
    }

    @Test
    void salesforce_date_times_are_read_with_their_compact_offset() {
        assertThat(SalesforceLeadValues.instant("2026-01-05T09:00:00.000+0000")).isEqualTo(Instant.parse("2026-01-05T09:00:00Z"));
        assertThat(SalesforceLeadValues.instant("2026-01-05T09:00:00Z")).isEqualTo(Instant.parse("2026-01-05T09:00:00Z"));
    }
}
