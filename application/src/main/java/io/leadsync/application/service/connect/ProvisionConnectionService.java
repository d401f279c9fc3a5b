package io.leadsync.application.service.connect;

import io.leadsync.application.service.crmcall.CallBudget;
import io.leadsync.application.service.crmcall.ConnectionCalls;
import io.leadsync.application.service.crmcall.CrmAuthorizations;
import io.leadsync.application.service.crmcall.TokenRefresher;
import io.leadsync.application.service.crmcall.BudgetSpentException;
import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.in.CrmCallFailedException;
import io.leadsync.application.port.in.delivery.ConnectionNotSyncingException;
import io.leadsync.application.port.in.connect.ProvisionConnectionCommand;
import io.leadsync.application.port.in.connect.ProvisionConnectionUseCase;
import io.leadsync.application.port.out.AccessTokenRejectedException;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmProvisioner;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.CrmRejectedException;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.application.port.out.ReauthorizationRequiredException;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.crm.ConnectionState;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.crm.Readiness;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Provisions and verifies a connection. The CRM calls happen outside any transaction; the resulting state and the
 * audit entry are written together. Without a provisioner for the kind (Web-to-Lead, webhooks) there is nothing to
 * create and the connection is ready.
 */
public final class ProvisionConnectionService implements ProvisionConnectionUseCase {
    private final CrmAuthorizations authorizations;
    private final Map<CrmKind, CrmProvisioner> provisioners = new EnumMap<>(CrmKind.class);
    private final CrmConnectionRepository connections;
    private final TokenVault vault;
    private final AuditLog audit;
    private final TransactionBoundary transactions;
    private final IdGenerator ids;
    private final Clock clock;
    private CallBudget budget = CallBudget.unlimited();

    public ProvisionConnectionService(List<CrmAuthorization> authorizations, List<CrmProvisioner> provisioners,
                                      CrmConnectionRepository connections, TokenVault vault, AuditLog audit,
                                      TransactionBoundary transactions, IdGenerator ids, Clock clock) {
        this.authorizations = new CrmAuthorizations(authorizations);
        provisioners.forEach(provisioner -> this.provisioners.put(provisioner.kind(), provisioner));
        this.connections = connections;
        this.vault = vault;
        this.audit = audit;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
    }

    /** The budget provisioning's CRM calls are taken from (ADR 0016); without it, nothing is counted. */
    public ProvisionConnectionService withBudget(CallBudget budget) {
        this.budget = budget;
        return this;
    }

    @Override
    public Readiness provision(ProvisionConnectionCommand command) {
        CrmConnection connection = connections.find(command.workspaceId(), command.connectionId())
                .orElseThrow(() -> new ConnectionNotFoundException(command.connectionId().toString()));
        if (connection.identity().isEmpty() || connection.state() == ConnectionState.DISCONNECTED
                || connection.state() == ConnectionState.NEEDS_REAUTH) {
            throw new ConnectionNotSyncingException("The connection is " + connection.state()
                    + "; connect it (again) before provisioning.");
        }
        CrmTokens tokens = vault.find(command.workspaceId(), command.connectionId()).orElseThrow(() ->
                new ConnectionNotSyncingException("The connection has no tokens; connect it again."));
        CrmProvisioner provisioner = provisioners.get(connection.kind());
        CrmSession session = CrmSession.of(connection, tokens);
        Readiness readiness;
        try {
            readiness = provisioner == null ? Readiness.ready() : provisionRefreshingOnce(provisioner, session, connection);
        } catch (ReauthorizationRequiredException e) {
            save(command, connection.id(), current -> current.needsReauth(e.getMessage(), clock.instant()),
                    "connection.needs-reauth", e.getMessage());
            throw new ConnectionNotSyncingException("The CRM refused the connection's authorisation; connect it again.");
        } catch (CrmUnavailableException | CrmRejectedException e) {
            throw new CrmCallFailedException("The CRM could not be provisioned now: " + e.getMessage()
                    + ". Nothing changed; try again.", e);
        } catch (BudgetSpentException e) {
            throw new CrmCallFailedException("The CRM could not be provisioned now: " + e.getMessage()
                    + ". Try again later.", e);
        }
        Readiness result = readiness;
        save(command, connection.id(), current -> current.checked(result, clock.instant()), result.isReady() ? "connection.verified" : "connection.needs-setup", result.isReady() ? "every mapped field "
                + "is present, visible and writable" : result.problems().size() + " problem(s): " + result.summary());
        return readiness;
    }

    /**
     * Through {@link ConnectionCalls}: the token is refreshed ahead of its expiry and once after a refusal, and every
     * CRM call provisioning makes is taken from the connection's budget (one reserved first, the rest counted after).
     */
    private Readiness provisionRefreshingOnce(CrmProvisioner provisioner, CrmSession session, CrmConnection connection) {
        ConnectionCalls calls = new ConnectionCalls(connection.workspaceId(), session,
                new TokenRefresher(vault, transactions, clock), authorizations.of(connection.kind()), clock, budget);
        boolean placeOnLayouts = connection.salesforce().addFieldsToPageLayouts();
        return calls.read(current -> provisioner.provisionCounting(current, placeOnLayouts),
                CrmProvisioner.Provisioned::calls).readiness();
    }

    private void save(ProvisionConnectionCommand command, io.leadsync.domain.crm.ConnectionId id,
                      java.util.function.Consumer<CrmConnection> change, String action, String detail) {
        Instant now = clock.instant();
        transactions.inTransaction(() -> {
            connections.update(command.workspaceId(), id, change).orElseThrow();
            audit.record(new AuditEntry(ids.newId(), command.workspaceId(), now, command.actor(), action,
                    Optional.empty(), Optional.of(id.value()), detail));
            return null;
        });
    }
}
