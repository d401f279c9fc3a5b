package io.leadsync.domain.crm;

import io.leadsync.domain.lead.LeadField;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CrmKindTest {

    @Test
    void changes_are_read_back_from_salesforce_and_hubspot() {
        assertThat(CrmKind.SALESFORCE.canPull()).isTrue();
        assertThat(CrmKind.HUBSPOT.canPull()).isTrue();
    }

    @Test
    void web_to_lead_and_webhooks_are_push_only() {
        assertThat(CrmKind.SALESFORCE_WEB_TO_LEAD.canPull()).isFalse();
        assertThat(CrmKind.WEBHOOK.canPull()).isFalse();
    }

    @Test
    void a_salesforce_checkbox_written_empty_holds_false_while_other_fields_and_hubspot_hold_what_was_written() {
        assertThat(CrmKind.SALESFORCE.holdsAfterWriting(LeadField.IS_DQL, Optional.empty())).contains("false");
        assertThat(CrmKind.SALESFORCE.holdsAfterWriting(LeadField.IS_DQL, Optional.of("true"))).contains("true");
        assertThat(CrmKind.SALESFORCE.holdsAfterWriting(LeadField.JOB_TITLE, Optional.empty())).isEmpty();
        assertThat(CrmKind.HUBSPOT.holdsAfterWriting(LeadField.IS_DQL, Optional.empty())).isEmpty();
    }

    @Test
    void a_connection_id_is_required_and_shows_as_its_uuid() {
        UUID uuid = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
        assertThat(new ConnectionId(uuid)).hasToString("00000000-0000-0000-0000-0000000000c1");
        assertThatThrownBy(() -> new ConnectionId(null)).isInstanceOf(NullPointerException.class);
    }
}
