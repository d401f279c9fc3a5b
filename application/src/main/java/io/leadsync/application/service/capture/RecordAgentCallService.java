package io.leadsync.application.service.capture;

import io.leadsync.application.port.in.capture.RecordAgentCallUseCase;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.IdGenerator;

import java.time.Clock;
import java.util.Optional;

/** Writes an agent's call as an audit entry {@code <channel>.<operation>} on its lead, with the agent id. */
public final class RecordAgentCallService implements RecordAgentCallUseCase {
    private final AuditLog audit;
    private final IdGenerator ids;
    private final Clock clock;

    public RecordAgentCallService(AuditLog audit, IdGenerator ids, Clock clock) {
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public void record(AgentCall call) {
        String detail = "agent " + call.agentId().orElse("(none)") + "; " + call.outcome();
        audit.record(new AuditEntry(ids.newId(), call.workspaceId(), clock.instant(), call.actor(),
                call.channel() + "." + call.operation(), call.leadId().map(id -> id.value()), Optional.empty(),
                detail));
    }
}
