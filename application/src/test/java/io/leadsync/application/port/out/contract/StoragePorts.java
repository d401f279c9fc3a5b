package io.leadsync.application.port.out.contract;

import io.leadsync.application.port.out.ApiKeyRepository;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmLinkRepository;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.Outbox;
import io.leadsync.application.port.out.PendingConnectRepository;
import io.leadsync.application.port.out.PullSchedule;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.application.testing.DirectTransactions;
import io.leadsync.application.testing.InMemoryApiKeyRepository;
import io.leadsync.application.testing.InMemoryAuditLog;
import io.leadsync.application.testing.InMemoryCrmConnectionRepository;
import io.leadsync.application.testing.InMemoryCrmLinkRepository;
import io.leadsync.application.testing.InMemoryDeliveryQueue;
import io.leadsync.application.testing.InMemoryLeadRepository;
import io.leadsync.application.testing.InMemoryOutbox;
import io.leadsync.application.testing.InMemoryPendingConnectRepository;
import io.leadsync.application.testing.InMemoryPullSchedule;
import io.leadsync.application.testing.InMemoryTokenVault;
import io.leadsync.application.testing.InMemoryWorkspaceRepository;
import io.leadsync.domain.workspace.Workspace;

import static io.leadsync.domain.lead.LeadFixtures.OTHER_WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;

/** Every storage port of one implementation, empty, as a contract suite receives them. */
public record StoragePorts(WorkspaceRepository workspaces, ApiKeyRepository apiKeys, LeadRepository leads,
                           CrmConnectionRepository connections, CrmLinkRepository links, Outbox outbox,
                           AuditLog audit, TransactionBoundary transactions, TokenVault tokens,
                           PendingConnectRepository pendingConnects, DeliveryQueue deliveries,
                           PullSchedule pulls) {

    public static StoragePorts inMemory() {
        InMemoryCrmConnectionRepository connections = new InMemoryCrmConnectionRepository();
        return new StoragePorts(new InMemoryWorkspaceRepository(), new InMemoryApiKeyRepository(),
                new InMemoryLeadRepository(), connections, new InMemoryCrmLinkRepository(),
                new InMemoryOutbox(), new InMemoryAuditLog(), new DirectTransactions(), new InMemoryTokenVault(),
                new InMemoryPendingConnectRepository(), new InMemoryDeliveryQueue(),
                new InMemoryPullSchedule(connections, java.util.List.of(WORKSPACE, OTHER_WORKSPACE)));
    }

    /** Stores the two fixture workspaces, which every other record belongs to. */
    public StoragePorts withFixtureWorkspaces() {
        workspaces.insert(new Workspace(WORKSPACE, "Acme", "Acme SDR", T0));
        workspaces.insert(new Workspace(OTHER_WORKSPACE, "Globex", "Globex SDR", T0));
        return this;
    }
}
