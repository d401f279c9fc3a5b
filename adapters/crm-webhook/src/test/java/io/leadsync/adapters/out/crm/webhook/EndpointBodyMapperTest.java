package io.leadsync.adapters.out.crm.webhook;

import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointBodyMapperTest {
    private static final List<FieldMapping> MAPPING = List.of(
            new FieldMapping(LeadField.LEAD_ID, "id", SyncDirection.PUSH, Optional.empty()),
            new FieldMapping(LeadField.LAST_NAME, "last_name", SyncDirection.PUSH, Optional.empty()),
            new FieldMapping(LeadField.OUTREACH_SCORE, "score", SyncDirection.PUSH, Optional.empty()),
            new FieldMapping(LeadField.IS_DQL, "dql", SyncDirection.PUSH, Optional.empty()),
            new FieldMapping(LeadField.CITY, "city", SyncDirection.PUSH, Optional.empty()),
            new FieldMapping(LeadField.JOB_TITLE, "title", SyncDirection.PUSH, Optional.empty()));

    private static CrmRecord record() {
        Map<LeadField, Optional<String>> values = new EnumMap<>(LeadField.class);
        values.put(LeadField.LEAD_ID, Optional.of("ada"));
        values.put(LeadField.LAST_NAME, Optional.of("Love \"lace\"\n & co"));
        values.put(LeadField.OUTREACH_SCORE, Optional.of("72"));
        values.put(LeadField.IS_DQL, Optional.of("true"));
        values.put(LeadField.CITY, Optional.empty());
        return new CrmRecord(new LeadId("ada"), values);
    }

    @Test
    void json_carries_mapped_names_typed_values_and_null_for_a_cleared_field_but_not_unsent_fields() {
        assertThat(EndpointBodyMapper.toJson(MAPPING, record())).isEqualTo(
                "{\"id\":\"ada\",\"last_name\":\"Love \\\"lace\\\"\\n & co\",\"score\":72,\"dql\":true,\"city\":null}");
    }

    @Test
    void a_form_is_url_encoded_in_utf8_with_a_cleared_field_empty() {
        assertThat(EndpointBodyMapper.toForm(EndpointBodyMapper.named(MAPPING, record()))).isEqualTo(
                "id=ada&last_name=Love+%22lace%22%0A+%26+co&score=72&dql=true&city=");
    }

    @Test
    void the_signature_is_the_hex_hmac_sha256_of_the_time_a_dot_and_the_body() {
        // Computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
        assertThat(WebhookSignature.header("whsec_test", 1700000000L, "{\"a\":1}".getBytes()))
                .isEqualTo("t=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789");
    }
}
