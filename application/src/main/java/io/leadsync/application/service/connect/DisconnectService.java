package io.leadsync.application.service.connect;

import io.leadsync.application.service.crmcall.CallBudget;
import io.leadsync.application.service.crmcall.CrmAuthorizations;
import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.in.connect.DisconnectCommand;
import io.leadsync.application.port.in.connect.DisconnectUseCase;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.EndpointSettingsStore;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Disconnects a CRM. The connection is marked DISCONNECTED and its tokens deleted first, in one transaction, so all
 * work stops at once even if the CRM cannot be reached; revoking at the CRM is then attempted outside the
 * transaction.
 */
public final class DisconnectService implements DisconnectUseCase {
    private static final Logger LOG = LoggerFactory.getLogger(DisconnectService.class);

    private final CrmAuthorizations authorizations;
    private final CrmConnectionRepository connections;
    private final TokenVault vault;
    private final AuditLog audit;
    private final TransactionBoundary transactions;
    private final IdGenerator ids;
    private final Clock clock;
    private CallBudget budget = CallBudget.unlimited();
    private Optional<EndpointSettingsStore> endpoints = Optional.empty();
    private Optional<io.leadsync.application.port.out.DeliveryQueue> deliveries = Optional.empty();

    public DisconnectService(List<CrmAuthorization> authorizations, CrmConnectionRepository connections,
                             TokenVault vault, AuditLog audit, TransactionBoundary transactions, IdGenerator ids,
                             Clock clock) {
        this.authorizations = new CrmAuthorizations(authorizations);
        this.connections = connections;
        this.vault = vault;
        this.audit = audit;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
    }

    /** The budget the revocation call is counted in (ADR 0016); without it, nothing is counted. */
    public DisconnectService withBudget(CallBudget budget) {
        this.budget = budget;
        return this;
    }

    /**
     * The queue whose waiting leads for the connection are cancelled with the disconnect: nothing would ever send
     * them, and the admin's pages would show them waiting for good (issue 16).
     */
    public DisconnectService withDeliveries(io.leadsync.application.port.out.DeliveryQueue deliveries) {
        this.deliveries = Optional.of(deliveries);
        return this;
    }

    /** A webhook's secrets go with its disconnect, like OAuth tokens. */
    public DisconnectService withEndpointSettings(EndpointSettingsStore endpoints) {
        this.endpoints = Optional.of(endpoints);
        return this;
    }

    @Override
    public CrmConnection disconnect(DisconnectCommand command) {
        Instant now = clock.instant();
        record Disconnected(CrmConnection connection, Optional<CrmTokens> tokens) {
        }
        Disconnected done = transactions.inTransaction(() -> {
            // The connection first, under its row lock: an unknown one throws before any secret is touched.
            CrmConnection connection = connections.update(command.workspaceId(), command.connectionId(),
                            current -> current.disconnect(now))
                    .orElseThrow(() -> new ConnectionNotFoundException(command.connectionId().toString()));
            Optional<CrmTokens> tokens = vault.find(command.workspaceId(), command.connectionId());
            vault.delete(command.workspaceId(), command.connectionId());
            endpoints.ifPresent(store -> store.delete(command.workspaceId(), command.connectionId()));
            int cancelled = deliveries.map(queue -> queue.cancelPending(command.workspaceId(),
                    command.connectionId())).orElse(0);
            audit.record(new AuditEntry(ids.newId(), command.workspaceId(), now, command.actor(),
                    "connection.disconnected", Optional.empty(), Optional.of(command.connectionId().value()),
                    "disconnected; records stay in the CRM; " + cancelled + " waiting lead(s) cancelled"));
            return new Disconnected(connection, tokens);
        });
        done.tokens().ifPresent(tokens -> {
            // Counted against the connection's budget, but never refused for it: a disconnect must not leave live
            // tokens at the CRM because the day's calls are spent. One call; the CRM's revoke takes no more.
            try {
                budget.budget().ifPresent(shared -> shared.adjust(command.workspaceId(), command.connectionId(),
                        clock.instant(), budget.allocation(), 1));
            } catch (RuntimeException e) {
                LOG.warn("Counting the revocation of connection {} failed: {}", command.connectionId(),
                        e.getClass().getSimpleName());
            }
            try {
                authorizations.of(done.connection().kind()).revoke(tokens);
            } catch (RuntimeException e) {
                // The tokens are already gone from LeadSync; a failed revoke leaves them to expire at the CRM.
                LOG.warn("Revoking the tokens of connection {} at the CRM failed: {}", command.connectionId(),
                        e.getClass().getSimpleName());
            }
        });
        return done.connection();
    }
}
