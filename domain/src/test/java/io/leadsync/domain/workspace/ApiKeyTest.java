package io.leadsync.domain.workspace;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeyTest {

    private static final WorkspaceId WORKSPACE = WorkspaceId.of("00000000-0000-0000-0000-00000000000a");
    private static final ApiKeyId KEY_ID = new ApiKeyId(UUID.fromString("00000000-0000-0000-0000-0000000000a1"));
    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    private static final Instant T1 = T0.plusSeconds(3_600);
    private static final Instant T2 = T1.plusSeconds(3_600);
    private static final String HASH = ApiKeySecret.hashOf("lsk_" + "a".repeat(32));

    private static ApiKey activeKey() {
        return new ApiKey(KEY_ID, WORKSPACE, "SDR agent", "lsk_aaaaaaaa", HASH, Set.of(ApiKeyScope.AGENT, ApiKeyScope.ADMIN), T0, Optional.empty());
    }

    @Test
    void a_new_key_is_active() {
        assertThat(activeKey().isActive()).isTrue();
    }

    @Test
    void a_revoked_key_is_no_longer_active_and_says_when_it_was_revoked() {
        ApiKey revoked = activeKey().revoke(T1);

        assertThat(revoked.isActive()).isFalse();
        assertThat(revoked.revokedAt()).contains(T1);
        assertThat(revoked.id()).isEqualTo(KEY_ID);
        assertThat(revoked.secretHash()).isEqualTo(HASH);
        assertThat(revoked.createdAt()).isEqualTo(T0);
    }

    @Test
    void revoking_a_revoked_key_again_keeps_the_first_revocation() {
        ApiKey revoked = activeKey().revoke(T1);

        assertThat(revoked.revoke(T2).revokedAt()).contains(T1);
    }

    @Test
    void revoking_leaves_the_key_it_was_called_on_unchanged() {
        ApiKey key = activeKey();

        key.revoke(T1);

        assertThat(key.isActive()).isTrue();
    }

    @Test
    void a_key_needs_the_hash_of_its_secret() {
        assertThatThrownBy(() -> new ApiKey(KEY_ID, WORKSPACE, "SDR agent", "lsk_aaaaaaaa", " ", Set.of(ApiKeyScope.AGENT), T0, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ApiKey(KEY_ID, WORKSPACE, "SDR agent", "lsk_aaaaaaaa", null, Set.of(ApiKeyScope.AGENT), T0, Optional.empty()))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void a_key_id_is_required_and_shows_as_its_uuid() {
        assertThat(KEY_ID).hasToString("00000000-0000-0000-0000-0000000000a1");
        assertThatThrownBy(() -> new ApiKeyId(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void a_key_from_before_scopes_narrowed_to_agent_no_longer_opens_the_admin_api() {
        ApiKey narrowed = activeKey().narrowTo(ApiKeyScope.AGENT);

        assertThat(narrowed.allows(ApiKeyScope.AGENT)).isTrue();
        assertThat(narrowed.allows(ApiKeyScope.ADMIN)).isFalse();
        assertThat(narrowed.secretHash()).isEqualTo(HASH);
    }

    @Test
    void a_key_cannot_gain_a_scope_it_does_not_have() {
        ApiKey agentOnly = activeKey().narrowTo(ApiKeyScope.AGENT);

        assertThatThrownBy(() -> agentOnly.narrowTo(ApiKeyScope.ADMIN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("admin");
    }

    @Test
    void a_key_needs_a_scope() {
        assertThatThrownBy(() -> new ApiKey(KEY_ID, WORKSPACE, "SDR agent", "lsk_aaaaaaaa", HASH, Set.of(), T0,
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scopes_are_named_in_lower_case_and_found_by_that_name() {
        assertThat(ApiKeyScope.ADMIN.apiName()).isEqualTo("admin");
        assertThat(ApiKeyScope.byApiName("agent")).contains(ApiKeyScope.AGENT);
        assertThat(ApiKeyScope.byApiName("AGENT")).isEmpty();
    }
}
