package io.leadsync.application.service.administer;

import io.leadsync.application.port.in.administer.AdminSessionsUseCase;
import io.leadsync.application.testing.InMemorySessionStore;
import io.leadsync.application.testing.MutableClock;
import io.leadsync.application.testing.SequentialIds;
import io.leadsync.domain.workspace.AdminSession;
import io.leadsync.domain.workspace.SessionPolicy;
import io.leadsync.domain.workspace.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

class AdminSessionServiceTest {
    private static final UserId ADA = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000a1"));

    private final InMemorySessionStore store = new InMemorySessionStore();
    private final MutableClock clock = new MutableClock(T0);
    private final AdminSessionService sessions = new AdminSessionService(store, new SequentialIds(),
            new SequentialIds(), clock, new SessionPolicy(Duration.ofMinutes(30), Duration.ofHours(8)));

    @Test
    void the_store_keeps_only_the_hash_of_the_token_and_the_token_resumes_the_session() {
        AdminSessionsUseCase.StartedSession started = sessions.start(ADA, WORKSPACE, "Firefox", "203.0.113.9");

        assertThat(store.sessionsOf(ADA)).extracting(AdminSession::tokenHash)
                .containsExactly(AdminSession.hashOf(started.token())).doesNotContain(started.token());
        assertThat(sessions.resume(started.token())).contains(started.session());
        assertThat(sessions.resume(started.token() + "x")).isEmpty();
    }

    @Test
    void a_session_ends_at_logout_when_idle_and_at_its_lifetime() {
        String loggedOut = sessions.start(ADA, WORKSPACE, "", "").token();
        sessions.end(loggedOut);
        assertThat(sessions.resume(loggedOut)).isEmpty();

        String idle = sessions.start(ADA, WORKSPACE, "", "").token();
        String busy = sessions.start(ADA, WORKSPACE, "", "").token();
        for (int minutes = 25; minutes < 8 * 60; minutes += 25) {
            clock.advance(Duration.ofMinutes(25));
            assertThat(sessions.resume(busy)).as("%d minutes in", minutes).isPresent();
        }
        assertThat(sessions.resume(idle)).isEmpty();
        clock.advance(Duration.ofMinutes(25));
        assertThat(sessions.resume(busy)).as("past 8 hours").isEmpty();
    }

    @Test
    void a_user_ends_their_other_sessions_but_not_someone_elses() {
        AdminSessionsUseCase.StartedSession mine = sessions.start(ADA, WORKSPACE, "", "");
        AdminSessionsUseCase.StartedSession other = sessions.start(ADA, WORKSPACE, "", "");
        UserId bob = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000b0"));
        AdminSessionsUseCase.StartedSession bobs = sessions.start(bob, WORKSPACE, "", "");

        assertThat(sessions.endOwn(ADA, bobs.session().id())).isFalse();
        assertThat(sessions.endOthers(ADA, mine.session().id())).isEqualTo(1);

        assertThat(sessions.resume(other.token())).isEmpty();
        assertThat(sessions.resume(mine.token())).isPresent();
        assertThat(sessions.resume(bobs.token())).isPresent();
    }
}
