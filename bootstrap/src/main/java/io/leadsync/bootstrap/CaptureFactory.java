package io.leadsync.bootstrap;

import io.leadsync.application.port.in.capture.AuthenticateAgentUseCase;
import io.leadsync.application.port.in.capture.GetLeadUseCase;
import io.leadsync.application.port.in.capture.ListLeadsUseCase;
import io.leadsync.application.port.in.pull.PullChangesUseCase;
import io.leadsync.application.port.out.ActivityStore;
import io.leadsync.application.port.out.ApiKeyRepository;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.ConnectionHealthStore;
import io.leadsync.application.port.out.CrmActivityWriter;
import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmChangeReader;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmLinkRepository;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.Outbox;
import io.leadsync.application.port.out.PullSchedule;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.service.capture.AuthenticateAgentService;
import io.leadsync.application.service.capture.GetLeadService;
import io.leadsync.application.service.capture.ListLeadsService;
import io.leadsync.application.service.capture.LogActivityService;
import io.leadsync.application.service.crmcall.CallBudget;
import io.leadsync.application.service.pull.PullChangesService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/** What agents send and read: leads, activities, their API keys' check (port.in.capture), and pulled links (port.in.pull). */
@Factory
final class CaptureFactory {

    @Singleton
    GetLeadUseCase getLead(LeadRepository leads) {
        return new GetLeadService(leads);
    }

    @Singleton
    ListLeadsUseCase listLeads(LeadRepository leads) {
        return new ListLeadsService(leads);
    }

    @Singleton
    AuthenticateAgentUseCase authenticateAgent(ApiKeyRepository keys) {
        return new AuthenticateAgentService(keys);
    }

    /** Agents' activities (issue 7): logged once, then written by the background push to each target CRM. */
    @Singleton
    LogActivityService logActivity(LeadRepository leads, CrmConnectionRepository connections,
                                   ActivityStore activities, List<CrmActivityWriter> writers,
                                   TransactionBoundary transactions, IdGenerator ids, Clock clock,
                                   io.leadsync.application.port.out.AgentRoutingRepository routing) {
        return new LogActivityService(leads, connections, activities, writers, transactions, ids, clock)
                .withRouting(routing);
    }

    @Singleton
    io.leadsync.application.port.in.capture.SearchLeadsUseCase searchLeads(LeadRepository leads) {
        return new io.leadsync.application.service.capture.SearchLeadsService(leads);
    }

    @Singleton
    PullChangesUseCase pullChanges(List<CrmAuthorization> authorizations, List<CrmChangeReader> readers,
                                   PullSchedule schedule, CrmConnectionRepository connections, LeadRepository leads,
                                   CrmLinkRepository links, Outbox outbox, DeliveryQueue deliveries, TokenVault vault,
                                   AuditLog audit, TransactionBoundary transactions, IdGenerator ids, Clock clock,
                                   CallBudget budget, ConnectionHealthStore health) {
        return new PullChangesService(authorizations, readers, schedule, connections, leads, links, outbox, deliveries,
                vault, audit, transactions, ids, clock, budget).withHealth(health);
    }

    @Singleton
    io.leadsync.application.port.in.pull.LeadLinksUseCase leadLinks(CrmLinkRepository links) {
        return new io.leadsync.application.service.pull.LeadLinksService(links);
    }
}
