package io.leadsync.application.service.capture;

import io.leadsync.application.port.in.capture.IdempotencyUseCase;
import io.leadsync.application.port.in.capture.IdempotencyUseCase.Start.Kind;
import io.leadsync.application.testing.InMemoryIdempotencyStore;
import io.leadsync.application.testing.MutableClock;
import io.leadsync.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyServiceTest {
    private static final WorkspaceId ACME = new WorkspaceId(UUID.randomUUID());
    private static final WorkspaceId GLOBEX = new WorkspaceId(UUID.randomUUID());
    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
    private final IdempotencyService service = new IdempotencyService(store, clock, clock::advance);
    private final IdempotencyUseCase.Response created = new IdempotencyUseCase.Response(201, "{\"leadId\":\"a\"}",
            Optional.of("/api/v1/leads/a"));

    @Test
    void the_first_request_proceeds_and_its_retry_replays_the_stored_response() {
        assertThat(service.start(ACME, "k", "POST /api/v1/leads\n{}").kind()).isEqualTo(Kind.PROCEED);
        service.complete(ACME, "k", created);

        assertThat(service.start(ACME, "k", "POST /api/v1/leads\n{}"))
                .isEqualTo(new IdempotencyUseCase.Start(Kind.REPLAY, Optional.of(created)));
    }

    @Test
    void the_same_key_for_another_request_is_refused_but_another_workspace_has_its_own_keys() {
        service.start(ACME, "k", "POST /api/v1/leads\n{}");
        service.complete(ACME, "k", created);

        assertThat(service.start(ACME, "k", "POST /api/v1/leads\n{\"x\":1}").kind()).isEqualTo(Kind.KEY_REUSED);
        assertThat(service.start(GLOBEX, "k", "POST /api/v1/leads\n{\"x\":1}").kind()).isEqualTo(Kind.PROCEED);
    }

    @Test
    void a_duplicate_of_a_running_request_waits_then_is_told_it_still_runs_and_a_released_key_runs_again() {
        service.start(ACME, "k", "body");

        assertThat(service.start(ACME, "k", "body").kind()).isEqualTo(Kind.IN_PROGRESS);
        assertThat(clock.instant()).isAfterOrEqualTo(T0.plus(IdempotencyService.WAIT));
        service.release(ACME, "k");
        assertThat(service.start(ACME, "k", "body").kind()).isEqualTo(Kind.PROCEED);
    }

    @Test
    void a_claim_its_node_never_answered_is_taken_over_and_keys_are_forgotten_after_a_day() {
        service.start(ACME, "k", "body");
        clock.advance(IdempotencyService.STALE_AFTER.plusSeconds(1));
        assertThat(service.start(ACME, "k", "body").kind()).isEqualTo(Kind.PROCEED);
        service.complete(ACME, "k", created);

        clock.advance(Duration.ofHours(24).plusSeconds(1));
        assertThat(service.purgeExpired()).isEqualTo(1);
        assertThat(service.start(ACME, "k", "other body").kind()).isEqualTo(Kind.PROCEED);
    }
}
