package io.leadsync.application.port.out.contract;

import io.leadsync.application.port.out.UserRepository;
import io.leadsync.domain.workspace.Membership;
import io.leadsync.domain.workspace.Role;
import io.leadsync.domain.workspace.User;
import io.leadsync.domain.workspace.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.OTHER_WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link UserRepository} must do. The fixture workspaces exist. */
public abstract class UserRepositoryContract {
    private UserRepository users;

    /** An empty repository, where the two fixture workspaces exist. */
    protected abstract UserRepository emptyUsers();

    @BeforeEach
    void setUp() {
        users = emptyUsers();
    }

    private static User user(String email) {
        return new User(new UserId(UUID.randomUUID()), email, "Name of " + email, "$argon2id$hash", T0);
    }

    @Test
    void a_user_is_found_by_id_and_by_lower_case_email() {
        User ada = user("ada@example.com");
        users.insert(ada);

        assertThat(users.find(ada.id())).contains(ada);
        assertThat(users.findByEmail("ada@example.com")).contains(ada);
        assertThat(users.findByEmail("bob@example.com")).isEmpty();
        assertThat(users.count()).isEqualTo(1);
    }

    @Test
    void one_email_is_one_user() {
        users.insert(user("ada@example.com"));

        assertThatThrownBy(() -> users.insert(user("ada@example.com"))).isInstanceOf(RuntimeException.class);
    }

    @Test
    void a_user_holds_one_role_per_workspace_and_the_last_one_saved_counts() {
        User ada = user("ada@example.com");
        User bob = user("bob@example.com");
        users.insert(ada);
        users.insert(bob);
        users.saveMembership(new Membership(WORKSPACE, ada.id(), Role.OWNER));
        users.saveMembership(new Membership(OTHER_WORKSPACE, ada.id(), Role.VIEWER));
        users.saveMembership(new Membership(WORKSPACE, bob.id(), Role.VIEWER));
        users.saveMembership(new Membership(WORKSPACE, bob.id(), Role.ADMIN));

        assertThat(users.membershipsOf(ada.id())).containsExactlyInAnyOrder(
                new Membership(WORKSPACE, ada.id(), Role.OWNER), new Membership(OTHER_WORKSPACE, ada.id(), Role.VIEWER));
        assertThat(users.membersOf(WORKSPACE)).containsExactlyInAnyOrder(
                new Membership(WORKSPACE, ada.id(), Role.OWNER), new Membership(WORKSPACE, bob.id(), Role.ADMIN));
        assertThat(users.membersOf(OTHER_WORKSPACE)).extracting(Membership::userId).containsExactly(ada.id());
    }
}
