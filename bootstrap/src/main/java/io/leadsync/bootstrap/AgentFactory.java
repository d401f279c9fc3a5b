package io.leadsync.bootstrap;

import io.leadsync.application.port.in.configure.CaptureRulesUseCase;
import io.leadsync.application.port.in.capture.IdempotencyUseCase;
import io.leadsync.application.port.out.DuplicateRules;
import io.leadsync.application.port.out.SuppressionRepository;
import io.leadsync.application.service.configure.CaptureRulesService;
import io.leadsync.application.service.delivery.EndpointDeliveries;
import io.leadsync.application.port.in.capture.PerformLeadActionUseCase;
import io.leadsync.application.port.in.capture.RecordAgentCallUseCase;
import io.leadsync.application.port.in.capture.ListAgentTargetsUseCase;
import io.leadsync.application.service.capture.ListAgentTargetsService;
import io.leadsync.application.service.capture.RecordAgentCallService;
import io.leadsync.application.port.out.IdempotencyStore;
import io.leadsync.application.service.capture.IdempotencyService;
import io.leadsync.application.port.in.configure.RoutingRulesUseCase;
import io.leadsync.application.port.in.capture.TrackActionUseCase;
import io.leadsync.application.port.out.ActionLog;
import io.leadsync.application.port.out.AgentRoutingRepository;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmLeadWriter;
import io.leadsync.application.port.out.CrmLinkRepository;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.Outbox;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.application.service.capture.LeadActionService;
import io.leadsync.application.service.configure.RoutingRulesService;
import io.leadsync.application.service.capture.TrackActionService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;

/**
 * Wires the agent workflows (issue 7, ADRs 0020 and 0021): target selection, tracking, dry runs, idempotency,
 * duplicates and suppression. Its own factory beside {@link CoreFactory}, so the two change independently.
 */
@Factory
final class AgentFactory {
    @Singleton
    PerformLeadActionUseCase performLeadAction(LeadRepository leads, Outbox outbox, TransactionBoundary transactions,
                                               IdGenerator ids, Clock clock, CrmConnectionRepository connections,
                                               AgentRoutingRepository routing, ActionLog actions,
                                               WorkspaceRepository workspaces, CrmLinkRepository links,
                                               List<CrmLeadWriter> writers, DuplicateRules duplicates,
                                               SuppressionRepository suppressions, EndpointDeliveries endpoints) {
        return new LeadActionService(leads, outbox, transactions, ids, clock, connections, routing, actions,
                workspaces, links, writers, duplicates, suppressions).alsoTargeting(endpoints.kinds());
    }

    /** Batch capture (ADR 0102): the same routing and duplicate rules as single actions, one transaction a batch. */
    @Singleton
    io.leadsync.application.port.in.capture.CaptureLeadsUseCase captureLeads(LeadRepository leads, Outbox outbox,
            TransactionBoundary transactions, IdGenerator ids, Clock clock, CrmConnectionRepository connections,
            AgentRoutingRepository routing, ActionLog actions, List<CrmLeadWriter> writers, DuplicateRules duplicates,
            EndpointDeliveries endpoints) {
        return new io.leadsync.application.service.capture.CaptureBatchService(leads, outbox, transactions, ids, clock,
                connections, routing, actions, writers, duplicates).alsoTargeting(endpoints.kinds());
    }

    @Singleton
    CaptureRulesUseCase captureRules(DuplicateRules duplicates, SuppressionRepository suppressions,
                                     CrmConnectionRepository connections, AuditLog audit,
                                     TransactionBoundary transactions, IdGenerator ids, Clock clock) {
        return new CaptureRulesService(duplicates, suppressions, connections, audit, transactions, ids, clock);
    }

    @Singleton
    IdempotencyUseCase idempotency(IdempotencyStore store, Clock clock) {
        return new IdempotencyService(store, clock, duration -> Thread.sleep(duration.toMillis()));
    }

    @Singleton
    TrackActionUseCase trackAction(ActionLog actions, Clock clock) {
        return new TrackActionService(actions, clock);
    }

    @Singleton
    RoutingRulesUseCase routingRules(AgentRoutingRepository routing, CrmConnectionRepository connections,
                                     List<CrmLeadWriter> writers, AuditLog audit, TransactionBoundary transactions,
                                     IdGenerator ids, Clock clock, EndpointDeliveries endpoints) {
        return new RoutingRulesService(routing, connections, writers, audit, transactions, ids, clock)
                .alsoTargeting(endpoints.kinds());
    }

    /** The MCP server's tool calls in the audit and on each lead's History (issue 17). */
    @Singleton
    RecordAgentCallUseCase recordAgentCall(AuditLog audit, IdGenerator ids, Clock clock) {
        return new RecordAgentCallService(audit, ids, clock);
    }

    /** What an agent may target, for the MCP server's list_crm_connections (issue 17). */
    @Singleton
    ListAgentTargetsUseCase listAgentTargets(CrmConnectionRepository connections, AgentRoutingRepository routing,
                                             List<CrmLeadWriter> writers, EndpointDeliveries endpoints) {
        return new ListAgentTargetsService(connections, routing, writers, endpoints.kinds());
    }
}
