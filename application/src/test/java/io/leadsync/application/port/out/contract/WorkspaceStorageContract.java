package io.leadsync.application.port.out.contract;

import io.leadsync.application.port.out.ApiKeyRepository;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.domain.workspace.ApiKey;
import io.leadsync.domain.workspace.ApiKeyId;
import io.leadsync.domain.workspace.ApiKeyScope;
import io.leadsync.domain.workspace.ApiKeySecret;
import io.leadsync.domain.workspace.Workspace;
import io.leadsync.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.OTHER_WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link WorkspaceRepository}, {@link ApiKeyRepository} and {@link AuditLog} must do. */
public abstract class WorkspaceStorageContract {
    private StoragePorts storage;

    protected abstract StoragePorts emptyStorage();

    @BeforeEach
    void setUp() {
        storage = emptyStorage().withFixtureWorkspaces();
    }

    @Test
    void workspaces_come_back_oldest_first() {
        WorkspaceId third = new WorkspaceId(UUID.fromString("00000000-0000-0000-0000-00000000000c"));
        storage.workspaces().insert(new Workspace(third, "Initech", "Initech SDR", T0.plusSeconds(1)));

        assertThat(storage.workspaces().find(third)).contains(new Workspace(third, "Initech", "Initech SDR", T0.plusSeconds(1)));
        assertThat(storage.workspaces().all()).extracting(Workspace::id).containsExactly(WORKSPACE, OTHER_WORKSPACE, third);
    }

    @Test
    void a_workspaces_product_name_changes_and_the_other_workspace_keeps_its_own() {
        storage.workspaces().update(new Workspace(WORKSPACE, "Acme", "Acme Outbound", T0));

        assertThat(storage.workspaces().find(WORKSPACE).orElseThrow().productName()).isEqualTo("Acme Outbound");
        assertThat(storage.workspaces().find(OTHER_WORKSPACE).orElseThrow().productName()).isEqualTo("Globex SDR");
    }

    @Test
    void an_api_key_is_found_by_its_hash_only_and_stops_working_once_revoked() {
        ApiKeySecret secret = ApiKeySecret.fromRandom("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
        ApiKey key = new ApiKey(new ApiKeyId(UUID.randomUUID()), WORKSPACE, "agent", secret.shownPrefix(),
                secret.hash(), Set.of(ApiKeyScope.AGENT), T0, Optional.empty());
        storage.apiKeys().insert(key);

        assertThat(storage.apiKeys().findBySecretHash(secret.hash())).contains(key);
        assertThat(storage.apiKeys().findBySecretHash(ApiKeySecret.hashOf(secret.value() + "x"))).isEmpty();

        ApiKey revoked = new ApiKey(key.id(), WORKSPACE, "agent", key.prefix(), key.secretHash(),
                Set.of(ApiKeyScope.AGENT), T0, Optional.of(T0.plusSeconds(60)));
        storage.apiKeys().update(revoked);

        assertThat(storage.apiKeys().findBySecretHash(secret.hash()).orElseThrow().isActive()).isFalse();
        assertThat(storage.apiKeys().list(WORKSPACE)).containsExactly(revoked);
        assertThat(storage.apiKeys().list(OTHER_WORKSPACE)).isEmpty();
        assertThat(storage.apiKeys().find(OTHER_WORKSPACE, key.id())).isEmpty();
    }

    @Test
    void a_key_keeps_its_scopes_and_an_admin_can_narrow_them() {
        ApiKeySecret secret = ApiKeySecret.fromRandom("zyxwvutsrqponmlkjihgfedcba9876543210ABCDEFG");
        ApiKey both = new ApiKey(new ApiKeyId(UUID.randomUUID()), WORKSPACE, "from before scopes",
                secret.shownPrefix(), secret.hash(), Set.of(ApiKeyScope.AGENT, ApiKeyScope.ADMIN), T0, Optional.empty());
        storage.apiKeys().insert(both);
        assertThat(storage.apiKeys().findBySecretHash(secret.hash()).orElseThrow().scopes())
                .containsExactlyInAnyOrder(ApiKeyScope.AGENT, ApiKeyScope.ADMIN);

        storage.apiKeys().update(both.narrowTo(ApiKeyScope.AGENT));

        assertThat(storage.apiKeys().find(WORKSPACE, both.id()).orElseThrow().scopes()).containsExactly(ApiKeyScope.AGENT);
    }

    @Test
    void the_audit_log_shows_a_workspaces_entries_newest_first() {
        AuditLog audit = storage.audit();
        AuditEntry first = entry(WORKSPACE, 0, "lead.created");
        AuditEntry second = entry(WORKSPACE, 10, "lead.updated");
        AuditEntry third = entry(WORKSPACE, 20, "lead.status-changed");
        audit.record(first);
        audit.record(third);
        audit.record(second);
        audit.record(entry(OTHER_WORKSPACE, 30, "lead.created"));

        assertThat(audit.recent(WORKSPACE, 2)).containsExactly(third, second);
        assertThat(audit.recent(WORKSPACE, 10)).containsExactly(third, second, first);
    }

    @Test
    void audit_entries_are_found_by_connection_lead_time_and_action_and_old_ones_are_forgotten() {
        AuditLog audit = storage.audit();
        UUID salesforce = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
        UUID hubspot = UUID.fromString("00000000-0000-0000-0000-0000000000c2");
        AuditEntry pushed = new AuditEntry(UUID.randomUUID(), WORKSPACE, T0.plusSeconds(10), "sync", "sync.push",
                Optional.empty(), Optional.of(salesforce), "200 records");
        AuditEntry failed = new AuditEntry(UUID.randomUUID(), WORKSPACE, T0.plusSeconds(20), "sync",
                "lead.delivery-failed", Optional.of("ada"), Optional.of(salesforce), "REQUIRED_FIELD_MISSING");
        AuditEntry pulled = new AuditEntry(UUID.randomUUID(), WORKSPACE, T0.plusSeconds(30), "sync", "lead.pulled",
                Optional.of("ada"), Optional.of(hubspot), "jobTitle: 'Analyst' -> 'CTO'");
        AuditEntry odd = new AuditEntry(UUID.randomUUID(), WORKSPACE, T0.plusSeconds(40), "sync", "sync_x",
                Optional.empty(), Optional.empty(), "an action with an underscore");
        List.of(pushed, failed, pulled, odd, entry(OTHER_WORKSPACE, 25, "sync.push")).forEach(audit::record);

        assertThat(audit.find(query(Optional.of(salesforce), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty()))).containsExactly(failed, pushed);
        assertThat(audit.find(query(Optional.empty(), Optional.of("ada"), Optional.empty(), Optional.empty(),
                Optional.empty()))).containsExactly(pulled, failed);
        assertThat(audit.find(query(Optional.empty(), Optional.empty(), Optional.of(T0.plusSeconds(20)),
                Optional.of(T0.plusSeconds(30)), Optional.empty()))).containsExactly(failed);
        // A prefix, not a pattern: "sync." does not match "sync_x".
        assertThat(audit.find(query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("sync.")))).containsExactly(pushed);

        assertThat(audit.deleteOlderThan(T0.plusSeconds(26))).isEqualTo(3);
        assertThat(audit.recent(WORKSPACE, 10)).containsExactly(odd, pulled);
    }

    private static io.leadsync.application.port.out.AuditQuery query(Optional<UUID> connection, Optional<String> lead,
                                                                     Optional<java.time.Instant> since,
                                                                     Optional<java.time.Instant> until,
                                                                     Optional<String> action) {
        return new io.leadsync.application.port.out.AuditQuery(WORKSPACE, connection, lead, since, until, action, 100);
    }

    private static AuditEntry entry(WorkspaceId workspace, int seconds, String action) {
        return new AuditEntry(UUID.randomUUID(), workspace, T0.plusSeconds(seconds), "agent lsk_abc", action,
                Optional.of("lead-1"), Optional.of(UUID.fromString("00000000-0000-0000-0000-0000000000c1")),
                "detail of " + action);
    }
}
