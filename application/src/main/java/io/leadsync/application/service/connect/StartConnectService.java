package io.leadsync.application.service.connect;

import io.leadsync.application.service.crmcall.CrmAuthorizations;
import io.leadsync.application.port.in.connect.StartConnectCommand;
import io.leadsync.application.port.in.connect.StartConnectUseCase;
import io.leadsync.application.port.in.connect.StartedConnect;
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
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.LoginHost;
import io.leadsync.application.port.in.configure.InvalidSettingsException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Starts connecting a CRM. A workspace's earlier connection of the same kind that is not working (never finished,
 * disconnected, needing re-authorisation) is connected again rather than duplicated, so its settings stay (and its
 * links, when it is connected to the same org again). A Salesforce connection keeps the login host the admin chose
 * (production, sandbox, or a My Domain checked here), and the authorize page is that host's.
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
    private Set<String> acceptedMyDomains = Set.of();

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

    /**
     * Origins accepted as a My Domain besides {@code https://*.my.salesforce.com} (demo mode's sandbox, a domain of
     * another Salesforce cloud), as the installation configures them.
     */
    public StartConnectService acceptingMyDomains(Set<String> origins) {
        this.acceptedMyDomains = Set.copyOf(origins);
        return this;
    }

    @Override
    public StartedConnect start(StartConnectCommand command) {
        CrmAuthorization authorization = authorizations.of(command.kind());
        Optional<LoginHost> chosen = chosenLoginHost(command);
        Instant now = clock.instant();
        record Started(PendingConnect connect, Optional<LoginHost> host) {
        }
        Started begun = transactions.inTransaction(() -> {
            Optional<CrmConnection> earlier = reusable(command);
            CrmConnection connection;
            if (earlier.isPresent()) {
                // Only the login host is written, onto the connection as it is under its row lock (ADR 0094): a
                // copy read above would put back whatever a concurrent writer changed since.
                connection = chosen.isEmpty() ? earlier.get() : connections.update(command.workspaceId(),
                        earlier.get().id(), current -> moveLoginHost(current, chosen.get(), now)).orElseThrow();
            } else {
                connection = CrmConnection.start(new ConnectionId(ids.newId()), command.workspaceId(), command.kind(),
                        SyncSettings.defaults(), DefaultMappings.forKind(command.kind(), DefaultMappings.DEFAULT_PREFIX),
                        now);
                chosen.ifPresent(host -> connection.changeSalesforceOptions(
                        connection.salesforce().withLoginHost(host), now));
                connections.insert(connection);
            }
            PendingConnect started = new PendingConnect(secrets.newSecret(), command.workspaceId(), connection.id(),
                    command.kind(), secrets.newSecret(), command.actor(), now, command.session());
            pending.save(started);
            audit.record(new AuditEntry(ids.newId(), command.workspaceId(), now, command.actor(), "connection.connect-started",
                    Optional.empty(), Optional.of(connection.id().value()), command.kind() + " connect started"
                    + (command.kind() == CrmKind.SALESFORCE ? " at " + connection.salesforce().loginHost() : "")));
            return new Started(started, command.kind() == CrmKind.SALESFORCE
                    ? Optional.of(connection.salesforce().loginHost()) : Optional.empty());
        });
        PendingConnect connect = begun.connect();
        return new StartedConnect(connect.connectionId(),
                authorization.authorizeUrl(connect.state(), connect.codeChallenge(), begun.host()));
    }

    /**
     * The login host the admin chose, checked; empty when none was named (the connection keeps its own). Only
     * Salesforce has a choice of login hosts.
     */
    private Optional<LoginHost> chosenLoginHost(StartConnectCommand command) {
        if (command.loginHost().isEmpty() && command.myDomainUrl().isEmpty()) {
            return Optional.empty();
        }
        if (command.kind() != CrmKind.SALESFORCE) {
            throw invalid("loginHost", "only a Salesforce connection has a choice of login host");
        }
        String kind = command.loginHost().orElse(command.myDomainUrl().isPresent() ? "MY_DOMAIN" : "")
                .strip().toUpperCase(Locale.ROOT);
        switch (kind) {
            case "PRODUCTION":
                return Optional.of(LoginHost.production());
            case "SANDBOX":
                return Optional.of(LoginHost.sandbox());
            case "MY_DOMAIN":
                try {
                    return Optional.of(LoginHost.myDomain(command.myDomainUrl().orElse(""), acceptedMyDomains));
                } catch (IllegalArgumentException e) {
                    throw invalid("myDomainUrl", e.getMessage());
                }
            default:
                throw invalid("loginHost", "must be PRODUCTION, SANDBOX or MY_DOMAIN");
        }
    }

    private static InvalidSettingsException invalid(String field, String rule) {
        return new InvalidSettingsException("The connect request has an invalid " + field + "; nothing was started.",
                List.of(new InvalidSettingsException.Violation(field, rule)));
    }

    /**
     * The chosen login host onto the connection to connect again. Another admin may have connected it meanwhile: its
     * tokens work only at the host it has, so a new host is refused rather than thrown as an internal error.
     */
    private static void moveLoginHost(CrmConnection connection, LoginHost host, Instant now) {
        if (connection.syncs() && !host.equals(connection.salesforce().loginHost())) {
            throw invalid("loginHost", "the connection was connected meanwhile at "
                    + connection.salesforce().loginHost() + "; disconnect it before connecting it at another host");
        }
        connection.changeSalesforceOptions(connection.salesforce().withLoginHost(host), now);
    }

    private Optional<CrmConnection> reusable(StartConnectCommand command) {
        return connections.list(command.workspaceId()).stream()
                .filter(connection -> connection.kind() == command.kind())
                .filter(connection -> connection.state() != ConnectionState.CONNECTED
                        && connection.state() != ConnectionState.PAUSED)
                .findFirst();
    }
}
