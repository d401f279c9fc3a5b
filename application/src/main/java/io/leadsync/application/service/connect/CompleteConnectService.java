package io.leadsync.application.service.connect;

import io.leadsync.application.service.crmcall.CrmAuthorizations;
import io.leadsync.application.port.in.connect.CompleteConnectCommand;
import io.leadsync.application.port.in.connect.CompleteConnectUseCase;
import io.leadsync.application.port.in.connect.ConnectFailedException;
import io.leadsync.application.port.in.connect.ProvisionConnectionCommand;
import io.leadsync.application.port.in.connect.ProvisionConnectionUseCase;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmRejectedException;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.PendingConnectRepository;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.LoginHost;
import io.leadsync.application.port.out.CrmLinkRepository;
import io.leadsync.application.port.out.PullSchedule;
import io.leadsync.domain.crm.PendingConnect;
import io.leadsync.domain.sync.SyncEvent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Completes a connect from the CRM's callback. The state is taken (used up) first, the code is exchanged outside any
 * transaction (at the login host the connect started at), then tokens, identity and the audit entry are written
 * together. A connection that now reaches another org than before starts afresh there: its links named the old org's
 * records, and its pull position was a point in the old org's history, so both go in the same transaction.
 */
public final class CompleteConnectService implements CompleteConnectUseCase {
    private static final Logger LOG = LoggerFactory.getLogger(CompleteConnectService.class);
    private final CrmAuthorizations authorizations;
    private final CrmConnectionRepository connections;
    private final PendingConnectRepository pending;
    private final TokenVault vault;
    private final AuditLog audit;
    private final TransactionBoundary transactions;
    private final IdGenerator ids;
    private final Clock clock;
    private final ProvisionConnectionUseCase provisioning;
    private Optional<CrmLinkRepository> links = Optional.empty();
    private Optional<PullSchedule> pulls = Optional.empty();

    public CompleteConnectService(List<CrmAuthorization> authorizations, CrmConnectionRepository connections,
                                  PendingConnectRepository pending, TokenVault vault, AuditLog audit,
                                  TransactionBoundary transactions, IdGenerator ids, Clock clock,
                                  ProvisionConnectionUseCase provisioning) {
        this.provisioning = provisioning;
        this.authorizations = new CrmAuthorizations(authorizations);
        this.connections = connections;
        this.pending = pending;
        this.vault = vault;
        this.audit = audit;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
    }

    /** Where the links and the pull position live, so that a connection moved to another org forgets them. */
    public CompleteConnectService forgettingOldOrgs(CrmLinkRepository links, PullSchedule pulls) {
        this.links = Optional.of(links);
        this.pulls = Optional.of(pulls);
        return this;
    }

    @Override
    public CrmConnection complete(CompleteConnectCommand command) {
        PendingConnect connect = transactions.inTransaction(() -> pending.take(command.state())).orElseThrow(() ->
                new ConnectFailedException("This connect link is unknown or was already used; start the connect again.",
                        true));
        if (connect.expiredAt(clock.instant())) {
            throw new ConnectFailedException("The connect took longer than " + PendingConnect.LIFETIME.toMinutes()
                    + " minutes; start it again.", true);
        }
        if (command.error().isPresent()) {
            record(connect, "connection.connect-refused", "the CRM answered " + command.error().get()
                    + command.errorDescription().map(description -> ": " + description).orElse(""));
            throw new ConnectFailedException("The CRM did not grant access: "
                    + command.errorDescription().orElse(command.error().get()), true);
        }
        String code = command.code().filter(value -> !value.isBlank())
                .orElseThrow(() -> new ConnectFailedException("The CRM's answer carried no authorization code.", true));
        CrmAuthorization.Authorized authorized;
        Optional<LoginHost> loginHost = connect.kind() == CrmKind.SALESFORCE
                ? connections.find(connect.workspaceId(), connect.connectionId())
                .map(connection -> connection.salesforce().loginHost()) : Optional.empty();
        try {
            authorized = authorizations.of(connect.kind()).exchange(code, connect.codeVerifier(), loginHost);
        } catch (CrmRejectedException e) {
            record(connect, "connection.connect-refused", "the CRM refused the code: " + e.getMessage());
            throw new ConnectFailedException("The CRM refused the authorization: " + e.getMessage(), true);
        } catch (CrmUnavailableException e) {
            throw new ConnectFailedException("The CRM could not be reached; try again in a moment.", true);
        }
        Instant now = clock.instant();
        transactions.inTransaction(() -> {
            // The identity goes onto the connection as it is under its row lock (ADR 0094), taken before the token
            // row as a disconnect takes them; whether it reaches another org is decided on that same row.
            java.util.concurrent.atomic.AtomicReference<Optional<String>> previousOrgs =
                    new java.util.concurrent.atomic.AtomicReference<>(Optional.empty());
            java.util.concurrent.atomic.AtomicBoolean movedOrg = new java.util.concurrent.atomic.AtomicBoolean();
            connections.update(connect.workspaceId(), connect.connectionId(), current -> {
                previousOrgs.set(current.identity().map(identity -> identity.orgName() + " (" + identity.orgId() + ")"));
                movedOrg.set(current.authorised(authorized.identity(), now));
            }).orElseThrow(() -> new ConnectFailedException("The connection was removed while connecting.", false));
            vault.store(connect.workspaceId(), connect.connectionId(), authorized.tokens());
            Optional<String> previousOrg = previousOrgs.get();
            boolean anotherOrg = movedOrg.get();
            if (anotherOrg) {
                int forgotten = links.map(store -> store.forgetConnection(connect.workspaceId(),
                        connect.connectionId())).orElse(0);
                pulls.ifPresent(schedule -> schedule.startOver(connect.workspaceId(), connect.connectionId()));
                audit.record(new AuditEntry(ids.newId(), connect.workspaceId(), now, connect.startedBy(),
                        "connection.org-changed", Optional.empty(), Optional.of(connect.connectionId().value()),
                        "connected to another org than " + previousOrg.orElse("before") + ": its " + forgotten
                                + " links to that org's records were dropped and the next pull starts afresh; "
                                + "sync now or a backfill sends every lead to " + authorized.identity().orgName()));
            }
            audit.record(AuditEntry.of(ids.newId(), connect.workspaceId(), now, connect.startedBy(), Optional.empty(),
                    Optional.of(connect.connectionId().value()), new SyncEvent.Connected(
                            authorized.identity().userEmail(), authorized.identity().orgName())));
            return null;
        });
        provisionAfterConnect(connect);
        return connections.find(connect.workspaceId(), connect.connectionId()).orElseThrow();
    }

    /**
     * Connecting ends with provisioning and the readiness check, so the admin sees CONNECTED or exactly what is missing.
     * A provisioning failure does not undo the connect: the connection stays NEEDS_SETUP and "Provision again" retries.
     */
    private void provisionAfterConnect(PendingConnect connect) {
        try {
            provisioning.provision(new ProvisionConnectionCommand(connect.workspaceId(), connect.connectionId(),
                    connect.startedBy()));
        } catch (RuntimeException e) {
            LOG.warn("Provisioning connection {} after connecting failed: {}", connect.connectionId(), e.toString());
            record(connect, "connection.provisioning-failed", "provisioning failed: " + e.getMessage());
        }
    }

    private void record(PendingConnect connect, String action, String detail) {
        transactions.inTransaction(() -> {
            audit.record(new AuditEntry(ids.newId(), connect.workspaceId(), clock.instant(), connect.startedBy(), action,
                    Optional.empty(), Optional.of(connect.connectionId().value()), detail));
            return null;
        });
    }
}
