package io.leadsync.application.port.out.contract;

import io.leadsync.application.port.out.ApiKeyRepository;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.domain.workspace.ApiKey;
import io.leadsync.domain.workspace.ApiKeyId;
import io.leadsync.domain.workspace.ApiKeySecret;
import io.leadsync.domain.workspace.Workspace;
import io.leadsync.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;
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
    void an_api_key_is_found_by_its_hash_only_and_stops_working_once_revoked() {
        ApiKeySecret secret = ApiKeySecret.fromRandom("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
        ApiKey key = new ApiKey(new ApiKeyId(UUID.randomUUID()), WORKSPACE, "agent", secret.shownPrefix(),
                secret.hash(), T0, Optional.empty());
        storage.apiKeys().insert(key);

        assertThat(storage.apiKeys().findBySecretHash(secret.hash())).contains(key);
        assertThat(storage.apiKeys().findBySecretHash(ApiKeySecret.hashOf(secret.value() + "x"))).isEmpty();

        ApiKey revoked = new ApiKey(key.id(), WORKSPACE, "agent", key.prefix(), key.secretHash(), T0,
                Optional.of(T0.plusSeconds(60)));
        storage.apiKeys().update(revoked);

        assertThat(storage.apiKeys().findBySecretHash(secret.hash()).orElseThrow().isActive()).isFalse();
        assertThat(storage.apiKeys().list(WORKSPACE)).containsExactly(revoked);
        assertThat(storage.apiKeys().list(OTHER_WORKSPACE)).isEmpty();
        assertThat(storage.apiKeys().find(OTHER_WORKSPACE, key.id())).isEmpty();
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

    private static AuditEntry entry(WorkspaceId workspace, int seconds, String action) {
        return new AuditEntry(UUID.randomUUID(), workspace, T0.plusSeconds(seconds), "agent lsk_abc", action,
                Optional.of("lead-1"), Optional.of(UUID.fromString("00000000-0000-0000-0000-0000000000c1")),
                "detail of " + action);
    }
}
