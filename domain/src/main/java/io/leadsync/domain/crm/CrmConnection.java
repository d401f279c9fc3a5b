package io.leadsync.domain.crm;

import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One CRM connected to a workspace: its kind, state, identity, sync settings and field mappings. Only a
 * {@link ConnectionState#CONNECTED} connection syncs; every other state says why not in {@link #stateReason()}.
 */
public final class CrmConnection {
    private final ConnectionId id;
    private final WorkspaceId workspaceId;
    private final CrmKind kind;
    private final Instant createdAt;
    private ConnectionState state;
    private Optional<String> stateReason;
    private Optional<CrmIdentity> identity;
    private SyncSettings settings;
    private List<FieldMapping> mappings;
    private Optional<Readiness> readiness;
    private SalesforceOptions salesforce = SalesforceOptions.defaults();
    private Instant updatedAt;

    private CrmConnection(ConnectionId id, WorkspaceId workspaceId, CrmKind kind, ConnectionState state,
                          Optional<String> stateReason, Optional<CrmIdentity> identity, SyncSettings settings,
                          List<FieldMapping> mappings, Optional<Readiness> readiness, Instant createdAt,
                          Instant updatedAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.workspaceId = Objects.requireNonNull(workspaceId, "workspaceId");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.state = Objects.requireNonNull(state, "state");
        this.stateReason = Objects.requireNonNull(stateReason, "stateReason");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.mappings = List.copyOf(mappings);
        this.readiness = Objects.requireNonNull(readiness, "readiness");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        requireOneMappingPerAppField(this.mappings);
    }

    /** A connection being set up: not yet authorised, so it needs setup. */
    public static CrmConnection start(ConnectionId id, WorkspaceId workspaceId, CrmKind kind, SyncSettings settings,
                                      List<FieldMapping> mappings, Instant now) {
        return new CrmConnection(id, workspaceId, kind, ConnectionState.NEEDS_SETUP, Optional.of("not authorised yet"),
                Optional.empty(), settings, mappings, Optional.empty(), now, now);
    }

    public static CrmConnection restore(ConnectionId id, WorkspaceId workspaceId, CrmKind kind, ConnectionState state,
                                        Optional<String> stateReason, Optional<CrmIdentity> identity,
                                        SyncSettings settings, List<FieldMapping> mappings,
                                        Instant createdAt, Instant updatedAt) {
        return restore(id, workspaceId, kind, state, stateReason, identity, settings, mappings, Optional.empty(),
                createdAt, updatedAt);
    }

    public static CrmConnection restore(ConnectionId id, WorkspaceId workspaceId, CrmKind kind, ConnectionState state,
                                        Optional<String> stateReason, Optional<CrmIdentity> identity,
                                        SyncSettings settings, List<FieldMapping> mappings,
                                        Optional<Readiness> readiness, Instant createdAt, Instant updatedAt) {
        return new CrmConnection(id, workspaceId, kind, state, stateReason, identity, settings, mappings, readiness,
                createdAt, updatedAt);
    }

    private static void requireOneMappingPerAppField(List<FieldMapping> mappings) {
        long distinct = mappings.stream().map(FieldMapping::appField).distinct().count();
        if (distinct != mappings.size()) {
            throw new IllegalArgumentException("each app field may be mapped at most once");
        }
    }

    /**
     * The admin authorised LeadSync; it is ready to sync once provisioning is verified.
     *
     * @return whether the connection now reaches another org or portal than the one it reached before: what it knew
     *         of the old one (its links to records, its pull position) belongs to that one and must go
     */
    public boolean authorised(CrmIdentity identity, Instant now) {
        Objects.requireNonNull(identity, "identity");
        boolean anotherOrg = this.identity.map(before -> !before.orgId().equals(identity.orgId())).orElse(false);
        this.identity = Optional.of(identity);
        moveTo(ConnectionState.NEEDS_SETUP, Optional.of("fields not verified yet"), now);
        return anotherOrg;
    }

    /** The Salesforce options as stored (a rebuild from storage, not a change). */
    public CrmConnection restoreSalesforceOptions(SalesforceOptions options) {
        this.salesforce = Objects.requireNonNull(options, "options");
        return this;
    }

    /**
     * An admin changed where the org is logged in to, or the page layout option. The login host may change only while
     * the connection is not authorised: tokens a host issued work only there, so a new host means connecting again.
     */
    public void changeSalesforceOptions(SalesforceOptions options, Instant now) {
        Objects.requireNonNull(options, "options");
        if (!options.loginHost().equals(salesforce.loginHost()) && syncs()) {
            throw new IllegalStateException("the login host of a working connection changes only by connecting again");
        }
        this.salesforce = options;
        this.updatedAt = now;
    }

    /** Where the org's admin logs in and whether provisioning edits page layouts; defaults for other CRMs. */
    public SalesforceOptions salesforce() {
        return salesforce;
    }

    /**
     * Provisioning verified every mapped field: the connection syncs from now on, unless an admin paused it (then it
     * stays paused until resumed).
     *
     * @throws IllegalStateException when the connection is not authorised: never authorised, disconnected, or its
     *                               refresh token was refused; an admin must connect it (again) first
     */
    public void verified(Instant now) {
        if (identity.isEmpty() || state == ConnectionState.NEEDS_REAUTH || state == ConnectionState.DISCONNECTED) {
            throw new IllegalStateException("a connection cannot be verified before it is authorised; it is " + state);
        }
        if (state != ConnectionState.PAUSED) {
            moveTo(ConnectionState.CONNECTED, Optional.empty(), now);
        }
    }

    /**
     * The CRM side was checked: ready means {@link #verified}, otherwise {@link #needsSetup} with the first problem as
     * the reason. The whole check is kept, so an admin sees every problem and its fix, not just the first.
     */
    public void checked(Readiness result, Instant now) {
        Objects.requireNonNull(result, "result");
        if (result.isReady()) {
            verified(now);
        } else {
            needsSetup(result.summary(), now);
        }
        this.readiness = Optional.of(result);
    }

    /** The last readiness check, if one was made. */
    public Optional<Readiness> readiness() {
        return readiness;
    }

    /** Fields are missing or hidden. A disconnected connection stays disconnected: its disconnect came first. */
    public void needsSetup(String reason, Instant now) {
        if (state != ConnectionState.DISCONNECTED) {
            moveTo(ConnectionState.NEEDS_SETUP, Optional.of(reason), now);
        }
    }

    /** The CRM refused the refresh token. A disconnected connection stays disconnected: its disconnect came first. */
    public void needsReauth(String reason, Instant now) {
        if (state != ConnectionState.DISCONNECTED) {
            moveTo(ConnectionState.NEEDS_REAUTH, Optional.of(reason), now);
        }
    }

    public void pause(Instant now) {
        if (state == ConnectionState.CONNECTED) {
            moveTo(ConnectionState.PAUSED, Optional.of("paused by an admin"), now);
        }
    }

    public void resume(Instant now) {
        if (state == ConnectionState.PAUSED) {
            moveTo(ConnectionState.CONNECTED, Optional.empty(), now);
        }
    }

    public void disconnect(Instant now) {
        moveTo(ConnectionState.DISCONNECTED, Optional.of("disconnected by an admin"), now);
    }

    public void changeSettings(SyncSettings settings, List<FieldMapping> mappings, Instant now) {
        requireOneMappingPerAppField(mappings);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.mappings = List.copyOf(mappings);
        this.updatedAt = now;
    }

    private void moveTo(ConnectionState next, Optional<String> reason, Instant now) {
        this.state = next;
        this.stateReason = reason;
        this.updatedAt = now;
    }

    public boolean syncs() {
        return state == ConnectionState.CONNECTED;
    }

    public ConnectionId id() {
        return id;
    }

    public WorkspaceId workspaceId() {
        return workspaceId;
    }

    public CrmKind kind() {
        return kind;
    }

    public ConnectionState state() {
        return state;
    }

    public Optional<String> stateReason() {
        return stateReason;
    }

    public Optional<CrmIdentity> identity() {
        return identity;
    }

    public SyncSettings settings() {
        return settings;
    }

    public List<FieldMapping> mappings() {
        return mappings;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
