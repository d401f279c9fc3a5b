package io.leadsync.adapters.out.crm.webhook;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlackChatNotifierTest {
    @Test
    void the_alert_is_slacks_text_member_with_quotes_newlines_and_controls_escaped() {
        assertThat(SlackChatNotifier.body("*[LeadSync] Salesforce \"Acme\"*\nC:\\path\tend\u0001"))
                .isEqualTo("{\"text\":\"*[LeadSync] Salesforce \\\"Acme\\\"*\\nC:\\\\path\\tend\\u0001\"}");
    }
}
