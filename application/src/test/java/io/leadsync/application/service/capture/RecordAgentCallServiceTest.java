package io.leadsync.application.service.capture;

import io.leadsync.application.port.in.capture.RecordAgentCallUseCase.AgentCall;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.testing.InMemoryAuditLog;
import io.leadsync.application.testing.MutableClock;
import io.leadsync.application.testing.SequentialIds;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

class RecordAgentCallServiceTest {
    private static final WorkspaceId ACME = WorkspaceId.of("00000000-0000-0000-0000-00000000000a");

    @Test
    void a_tool_call_is_an_audit_entry_on_its_lead_naming_the_channel_the_tool_the_key_and_the_agent() {
        InMemoryAuditLog audit = new InMemoryAuditLog();
        RecordAgentCallService service = new RecordAgentCallService(audit, new SequentialIds(), new MutableClock(T0));

        service.record(new AgentCall(ACME, "api-key:lsk_abcdefgh", "mcp", "capture_lead",
                Optional.of(new LeadId("ada")), Optional.of("agent-7"), "created; routed by REQUEST"));

        assertThat(audit.recent(ACME, 10)).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("mcp.capture_lead");
            assertThat(entry.actor()).isEqualTo("api-key:lsk_abcdefgh");
            assertThat(entry.leadId()).contains("ada");
            assertThat(entry.occurredAt()).isEqualTo(T0);
            assertThat(entry.detail()).isEqualTo("agent agent-7; created; routed by REQUEST");
        });
        assertThat(audit.recent(WorkspaceId.of("00000000-0000-0000-0000-00000000000b"), 10)).isEmpty();
    }

    @Test
    void a_lead_without_an_agent_says_so() {
        InMemoryAuditLog audit = new InMemoryAuditLog();
        new RecordAgentCallService(audit, new SequentialIds(), new MutableClock(T0)).record(new AgentCall(ACME,
                "api-key:lsk_abcdefgh", "mcp", "log_activity", Optional.of(new LeadId("ada")), Optional.empty(),
                "logged CALL"));

        assertThat(audit.recent(ACME, 10)).extracting(AuditEntry::detail).containsExactly("agent (none); logged CALL");
    }
}
