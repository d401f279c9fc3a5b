package io.leadsync.domain.crm;

import org.junit.jupiter.api.Test;

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
    void a_connection_id_is_required_and_shows_as_its_uuid() {
        UUID uuid = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
        assertThat(new ConnectionId(uuid)).hasToString("00000000-0000-0000-0000-0000000000c1");
        assertThatThrownBy(() -> new ConnectionId(null)).isInstanceOf(NullPointerException.class);
    }
}
