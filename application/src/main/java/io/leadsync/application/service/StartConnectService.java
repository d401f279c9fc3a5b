package io.leadsync.application.service;

import io.leadsync.application.port.in.StartConnectCommand;
import io.leadsync.application.port.in.StartConnectUseCase;
import io.leadsync.application.port.in.StartedConnect;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.PendingConnectRepository;
import io.leadsync.application.port.out.SecretGenerator;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.ConnectionState;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.PendingConnect;
import io.leadsync.domain.crm.SyncSettings;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Starts connecting a CRM. A workspace's earlier connection of the same kind that is not working (never finished,
 * disconnected, needing re-authorisation) is connected again rather than duplicated, so its links and settings stay.
 */
public final class StartConnectService implements StartConnectUseCase {
    private final CrmAuthorizations authorizations;
    private final CrmConnectionRepository connections;
    private final PendingConnectRepository pending;
    private final AuditLog audit;
    private final TransactionBoundary transactions;
    private final SecretGenerator secrets;
    private final IdGenerator ids;
    private final Clock clock;

    public StartConnectService(List<CrmAuthorization> authorizations, CrmConnectionRepository connections,
                               PendingConnectRepository pending, AuditLog audit, TransactionBoundary transactions,
                               SecretGenerator secrets, IdGenerator ids, Clock clock) {
        this.authorizations = new CrmAuthorizations(authorizations);
        this.connections = connections;
        this.pending = pending;
        this.audit = audit;
        this.transactions = transactions;
        this.secrets = secrets;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public StartedConnect start(StartConnectCommand command) {
        CrmAuthorization authorization = authorizations.of(command.kind());
        Instant now = clock.instant();
        PendingConnect connect = transactions.inTransaction(() -> {
            CrmConnection connection = reusable(command).orElseGet(() -> {
                CrmConnection created = CrmConnection.start(new ConnectionId(ids.newId()), command.workspaceId(),
                        command.kind(), SyncSettings.defaults(),
                        DefaultMappings.forKind(command.kind(), DefaultMappings.DEFAULT_PREFIX), now);
                connections.insert(created);
                return created;
            });
            PendingConnect started = new PendingConnect(secrets.newSecret(), command.workspaceId(), connection.id(),
                    command.kind(), secrets.newSecret(), command.actor(), now, command.session());
            pending.save(started);
            audit.record(new AuditEntry(ids.newId(), command.workspaceId(), now, command.actor(), "connection.connect-started",
                    Optional.empty(), Optional.of(connection.id().value()), command.kind() + " connect started"));
            return started;
        });
        return new StartedConnect(connect.connectionId(),
                authorization.authorizeUrl(connect.state(), connect.codeChallenge()));
    }

    private Optional<CrmConnection> reusable(StartConnectCommand command) {
        return connections.list(command.workspaceId()).stream()
                .filter(connection -> connection.kind() == command.kind())
                .filter(connection -> connection.state() != ConnectionState.CONNECTED
                        && connection.state() != ConnectionState.PAUSED)
                .findFirst();
    }
}
