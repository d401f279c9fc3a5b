package io.leadsync.domain.workspace;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserTest {
    private static final UserId ID = new UserId(UUID.randomUUID());

    @Test
    void an_email_is_kept_lower_case_so_one_address_is_one_user() {
        User user = new User(ID, "  Ada@Example.COM ", null, "hash", Instant.EPOCH);

        assertThat(user.email()).isEqualTo("ada@example.com");
        assertThat(user.displayName()).isEqualTo("ada@example.com");
    }

    @Test
    void what_cannot_be_an_address_is_refused() {
        for (String bad : new String[] {"", "ada", "@example.com", "ada@", "a@b@c", "ada lovelace@example.com"}) {
            assertThatThrownBy(() -> new User(ID, bad, "Ada", "hash", Instant.EPOCH))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void a_viewer_may_not_change_anything_and_only_an_owner_manages_users() {
        assertThat(Role.VIEWER.mayChange()).isFalse();
        assertThat(Role.ADMIN.mayChange()).isTrue();
        assertThat(Role.ADMIN.mayManageUsers()).isFalse();
        assertThat(Role.OWNER.mayManageUsers()).isTrue();
    }
}
