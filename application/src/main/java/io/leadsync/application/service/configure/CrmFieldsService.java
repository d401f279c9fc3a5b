package io.leadsync.application.service.configure;

import io.leadsync.application.service.crmcall.BudgetSpentException;
import io.leadsync.application.service.crmcall.CallBudget;
import io.leadsync.application.service.crmcall.ConnectionCalls;
import io.leadsync.application.service.crmcall.CrmAuthorizations;
import io.leadsync.application.service.crmcall.TokenRefresher;
import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.in.delivery.ConnectionNotSyncingException;
import io.leadsync.application.port.in.CrmCallFailedException;
import io.leadsync.application.port.in.configure.ListCrmFieldsUseCase;
import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmProvisioner;
import io.leadsync.application.port.out.CrmRejectedException;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.application.port.out.ReauthorizationRequiredException;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.ConnectionState;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a connection's CRM fields through its provisioner, with the same token refresh and call budget as
 * provisioning ({@link ConnectionCalls}), and keeps them {@link #KEPT} per connection so the mapping editor does not
 * spend a CRM call on every page view.
 */
public final class CrmFieldsService implements ListCrmFieldsUseCase,
        io.leadsync.application.port.in.configure.ListTargetObjectsUseCase {
    static final Duration KEPT = Duration.ofMinutes(2);

    private final CrmAuthorizations authorizations;
    private final Map<CrmKind, CrmProvisioner> provisioners = new EnumMap<>(CrmKind.class);
    private final CrmConnectionRepository connections;
    private final TokenVault vault;
    private final TransactionBoundary transactions;
    private final Clock clock;
    private final CallBudget budget;
    private final Map<ConnectionId, Kept> kept = new ConcurrentHashMap<>();
    private final Map<ConnectionId, KeptTargets> keptTargets = new ConcurrentHashMap<>();

    private record KeptTargets(Instant at, Offered offered) {
    }

    private record Kept(Instant at, io.leadsync.domain.crm.TargetObject target, List<OfferedField> fields) {
    }

    public CrmFieldsService(List<CrmAuthorization> authorizations, List<CrmProvisioner> provisioners,
                            CrmConnectionRepository connections, TokenVault vault, TransactionBoundary transactions,
                            Clock clock, CallBudget budget) {
        this.authorizations = new CrmAuthorizations(authorizations);
        provisioners.forEach(provisioner -> this.provisioners.put(provisioner.kind(), provisioner));
        this.connections = connections;
        this.vault = vault;
        this.transactions = transactions;
        this.clock = clock;
        this.budget = budget;
    }

    @Override
    public List<OfferedField> fields(WorkspaceId workspaceId, ConnectionId connectionId) {
        CrmConnection connection = connections.find(workspaceId, connectionId)
                .orElseThrow(() -> new ConnectionNotFoundException(connectionId.toString()));
        CrmProvisioner provisioner = provisioners.get(connection.kind());
        if (provisioner == null) {
            return List.of();
        }
        if (connection.identity().isEmpty() || connection.state() == ConnectionState.DISCONNECTED
                || connection.state() == ConnectionState.NEEDS_REAUTH) {
            throw new ConnectionNotSyncingException("The connection is not connected; connect it to see its fields.");
        }
        Instant now = clock.instant();
        Kept found = kept.get(connectionId);
        // Kept per connection and its target: changing Lead to Contact asks the CRM again.
        if (found != null && found.target() == connection.settings().targetObject() && found.at().plus(KEPT).isAfter(now)) {
            return found.fields();
        }
        CrmTokens tokens = vault.find(workspaceId, connectionId).orElseThrow(() ->
                new ConnectionNotSyncingException("The connection has no tokens; connect it again."));
        CrmSession session = CrmSession.of(connection, tokens);
        ConnectionCalls calls = new ConnectionCalls(workspaceId, session, new TokenRefresher(vault, transactions, clock),
                authorizations.of(connection.kind()), clock, budget);
        List<OfferedField> fields;
        try {
            fields = calls.read(provisioner::fields, CrmProvisioner.Fields::calls).fields().stream()
                    .map(field -> new OfferedField(field.name(), field.label(), field.type(), field.writable(),
                            field.holds())).toList();
        } catch (CrmUnavailableException | CrmRejectedException | ReauthorizationRequiredException
                 | BudgetSpentException e) {
            throw new CrmCallFailedException("The CRM's fields could not be read now: " + e.getMessage(), e);
        }
        kept.put(connectionId, new Kept(now, connection.settings().targetObject(), fields));
        return fields;
    }

    /** Forgets what was read for the connection: after provisioning or a target change, its fields differ. */
    public void forget(ConnectionId connectionId) {
        kept.remove(connectionId);
        keptTargets.remove(connectionId);
    }

    @Override
    public Offered targetObjects(WorkspaceId workspaceId, ConnectionId connectionId) {
        CrmConnection connection = connections.find(workspaceId, connectionId)
                .orElseThrow(() -> new ConnectionNotFoundException(connectionId.toString()));
        io.leadsync.domain.crm.TargetObject current = connection.settings().targetObject();
        if (connection.kind() != CrmKind.SALESFORCE) {
            return new Offered(List.of(current), true, java.util.Optional.empty());
        }
        Instant now = clock.instant();
        KeptTargets found = keptTargets.get(connectionId);
        if (found != null && found.at().plus(KEPT).isAfter(now)) {
            return found.offered();
        }
        CrmProvisioner provisioner = provisioners.get(connection.kind());
        java.util.Optional<CrmTokens> tokens = vault.find(workspaceId, connectionId);
        if (provisioner == null || connection.identity().isEmpty() || tokens.isEmpty()
                || connection.state() == ConnectionState.DISCONNECTED
                || connection.state() == ConnectionState.NEEDS_REAUTH) {
            return unchecked(current, "the connection is not connected, so LeadSync cannot ask Salesforce"
                    + " whether the org has Person Accounts; connect it first");
        }
        CrmSession session = CrmSession.of(connection, tokens.get());
        ConnectionCalls calls = new ConnectionCalls(workspaceId, session, new TokenRefresher(vault, transactions, clock),
                authorizations.of(connection.kind()), clock, budget);
        try {
            java.util.Set<io.leadsync.domain.crm.TargetObject> targets = calls.read(provisioner::targetObjects,
                    CrmProvisioner.TargetObjects::calls).offered();
            Offered offered = new Offered(java.util.Arrays.stream(io.leadsync.domain.crm.TargetObject.values())
                    .filter(targets::contains).toList(), true, java.util.Optional.empty());
            keptTargets.put(connectionId, new KeptTargets(now, offered));
            return offered;
        } catch (CrmUnavailableException | CrmRejectedException | ReauthorizationRequiredException
                 | BudgetSpentException e) {
            return unchecked(current, "Salesforce could not be asked now whether the org has Person Accounts: "
                    + e.getMessage());
        }
    }

    /** Lead and Contact need no asking; the current target stays offered so that the page shows what is saved. */
    private static Offered unchecked(io.leadsync.domain.crm.TargetObject current, String why) {
        java.util.EnumSet<io.leadsync.domain.crm.TargetObject> offered = java.util.EnumSet.of(
                io.leadsync.domain.crm.TargetObject.LEAD, io.leadsync.domain.crm.TargetObject.CONTACT, current);
        return new Offered(List.copyOf(offered), false, java.util.Optional.of(why));
    }
}
