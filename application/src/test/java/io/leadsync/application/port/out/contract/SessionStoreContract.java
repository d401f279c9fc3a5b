package io.leadsync.application.port.out.contract;

import io.leadsync.application.port.out.SessionStore;
import io.leadsync.application.port.out.UserRepository;
import io.leadsync.domain.workspace.AdminSession;
import io.leadsync.domain.workspace.User;
import io.leadsync.domain.workspace.UserId;
import io.leadsync.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.OTHER_WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link SessionStore} must do, the fake the service tests use and the PostgreSQL table alike: a session
 * ended on one node (sign-out, removal from a workspace, a suspended workspace) is over everywhere.
 */
public abstract class SessionStoreContract {
    private SessionStore sessions;
    private UserId ada;
    private UserId bob;

    /** Empty users (the fixture workspaces exist), for the sessions' owners. */
    protected abstract UserRepository emptyUsers();

    /** The sessions stored with those users. */
    protected abstract SessionStore emptySessions();

    @BeforeEach
    void setUp() {
        UserRepository users = emptyUsers();
        ada = user(users, "ada@acme.example");
        bob = user(users, "bob@acme.example");
        sessions = emptySessions();
    }

    @Test
    void a_session_is_found_by_its_token_hash_and_an_update_moves_its_last_request_and_workspace() {
        AdminSession session = session(ada, WORKSPACE, "a", 0);
        sessions.insert(session);

        assertThat(sessions.findByTokenHash("a".repeat(64))).contains(session);
        assertThat(sessions.findByTokenHash("b".repeat(64))).isEmpty();
        AdminSession moved = session.seenAt(T0.plusSeconds(300)).inWorkspace(OTHER_WORKSPACE);
        sessions.update(moved);
        assertThat(sessions.findByTokenHash("a".repeat(64))).contains(moved);
        sessions.delete(session.id());
        assertThat(sessions.findByTokenHash("a".repeat(64))).isEmpty();
    }

    @Test
    void a_users_sessions_come_newest_first_and_end_together_or_per_workspace() {
        AdminSession older = session(ada, WORKSPACE, "1", 0);
        AdminSession newer = session(ada, OTHER_WORKSPACE, "2", 60);
        AdminSession bobs = session(bob, WORKSPACE, "3", 30);
        java.util.List.of(older, newer, bobs).forEach(sessions::insert);

        assertThat(sessions.sessionsOf(ada)).containsExactly(newer, older);
        assertThat(sessions.deleteAllOf(ada, OTHER_WORKSPACE)).isEqualTo(1);
        assertThat(sessions.sessionsOf(ada)).containsExactly(older);
        assertThat(sessions.deleteAllOf(ada)).isEqualTo(1);
        assertThat(sessions.sessionsOf(ada)).isEmpty();
        assertThat(sessions.sessionsOf(bob)).containsExactly(bobs);
    }

    @Test
    void a_suspended_workspace_ends_every_session_acting_in_it() {
        sessions.insert(session(ada, WORKSPACE, "1", 0));
        sessions.insert(session(bob, WORKSPACE, "2", 0));
        AdminSession elsewhere = session(ada, OTHER_WORKSPACE, "3", 0);
        sessions.insert(elsewhere);

        assertThat(sessions.deleteAllIn(WORKSPACE)).isEqualTo(2);
        assertThat(sessions.findByTokenHash("3".repeat(64))).contains(elsewhere);
    }

    @Test
    void sessions_idle_too_long_or_past_their_lifetime_are_forgotten() {
        AdminSession idle = session(ada, WORKSPACE, "1", 0);
        AdminSession old = session(bob, WORKSPACE, "2", 0).seenAt(T0.plusSeconds(3_000));
        AdminSession live = session(ada, OTHER_WORKSPACE, "3", 2_000).seenAt(T0.plusSeconds(3_000));
        java.util.List.of(idle, old, live).forEach(sessions::insert);

        assertThat(sessions.deleteEnded(T0.plusSeconds(1_000), T0.plusSeconds(1_000))).isEqualTo(2);
        assertThat(sessions.findByTokenHash("3".repeat(64))).contains(live);
    }

    private static UserId user(UserRepository users, String email) {
        User user = new User(new UserId(UUID.randomUUID()), email, "Name of " + email, "$argon2id$hash", T0);
        users.insert(user);
        return user.id();
    }

    private static AdminSession session(UserId user, WorkspaceId workspace, String token, int seconds) {
        return new AdminSession(UUID.randomUUID(), token.repeat(64), user, workspace, T0.plusSeconds(seconds),
                T0.plusSeconds(seconds), "Mozilla/5.0", "203.0.113.7");
    }
}
