package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SalesforceLeadPayloadMapperTest {
    @Test
    void a_lead_becomes_a_typed_lead_record_keyed_by_salesforce_field_names() {
        CrmRecord record = new CrmRecord(new LeadId("lead-1"), Map.of(
                LeadField.LEAD_ID, Optional.of("lead-1"),
                LeadField.LAST_NAME, Optional.of("Lovelace"),
                LeadField.OUTREACH_SCORE, Optional.of("72"),
                LeadField.IS_DQL, Optional.of("true"),
                LeadField.CITY, Optional.empty()));

        Map<String, Object> payload = SalesforceLeadPayloadMapper.toPayload(record, DefaultMappings.salesforce("LeadSync"));

        assertThat(payload).containsEntry("attributes", Map.of("type", "Lead"))
                .containsEntry("LeadSync_Lead_ID__c", "lead-1").containsEntry("LastName", "Lovelace")
                .containsEntry("LeadSync_Outreach_Score__c", new BigDecimal("72"))
                .containsEntry("LeadSync_Is_DQL__c", true)
                .containsEntry("City", null)
                .doesNotContainKey("Email");
    }

    @Test
    void the_external_id_is_the_field_mapped_to_the_lead_id() {
        assertThat(SalesforceLeadPayloadMapper.externalIdField(DefaultMappings.salesforce("Acme")))
                .isEqualTo("Acme_Lead_ID__c");
    }
}
