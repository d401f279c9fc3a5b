package io.leadsync.application.port.out.contract;

import io.leadsync.application.port.out.IdempotencyStore;
import io.leadsync.application.port.out.IdempotencyStore.StoredResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.leadsync.domain.lead.LeadFixtures.OTHER_WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link IdempotencyStore} must do: the fake the service tests use and the PostgreSQL table alike. */
public abstract class IdempotencyStoreContract {
    private IdempotencyStore store;

    /** An empty store in which the two fixture workspaces exist. */
    protected abstract IdempotencyStore emptyStore();

    @BeforeEach
    void setUp() {
        store = emptyStore();
    }

    @Test
    void the_first_claim_holds_the_key_and_a_second_sees_it_then_its_response_once_complete() {
        assertThat(store.claim(WORKSPACE, "k-1", "hash-a", T0, T0.minusSeconds(60))).isEmpty();

        assertThat(store.claim(WORKSPACE, "k-1", "hash-a", T0.plusSeconds(1), T0.minusSeconds(59)))
                .hasValueSatisfying(claimed -> {
                    assertThat(claimed.requestHash()).isEqualTo("hash-a");
                    assertThat(claimed.response()).isEmpty();
                    assertThat(claimed.claimedAt()).isEqualTo(T0);
                });
        StoredResponse created = new StoredResponse(201, "{\"leadId\":\"ada\"}", Optional.of("/api/v1/leads/ada"));
        store.complete(WORKSPACE, "k-1", created);
        assertThat(store.claim(WORKSPACE, "k-1", "hash-b", T0.plusSeconds(2), T0.minusSeconds(58)))
                .hasValueSatisfying(claimed -> {
                    assertThat(claimed.requestHash()).as("the first request's hash, to refuse a different body")
                            .isEqualTo("hash-a");
                    assertThat(claimed.response()).contains(created);
                });
    }

    @Test
    void keys_are_per_workspace() {
        assertThat(store.claim(WORKSPACE, "shared", "hash-a", T0, T0.minusSeconds(60))).isEmpty();
        assertThat(store.claim(OTHER_WORKSPACE, "shared", "hash-b", T0, T0.minusSeconds(60))).isEmpty();
    }

    @Test
    void a_released_claim_is_free_again_but_a_completed_one_is_not_released() {
        store.claim(WORKSPACE, "refused", "hash-a", T0, T0.minusSeconds(60));
        store.release(WORKSPACE, "refused");
        assertThat(store.claim(WORKSPACE, "refused", "hash-a", T0.plusSeconds(1), T0.minusSeconds(59))).isEmpty();

        store.claim(WORKSPACE, "answered", "hash-a", T0, T0.minusSeconds(60));
        store.complete(WORKSPACE, "answered", new StoredResponse(200, "{}", Optional.empty()));
        store.release(WORKSPACE, "answered");
        assertThat(store.claim(WORKSPACE, "answered", "hash-a", T0.plusSeconds(1), T0.minusSeconds(59)))
                .hasValueSatisfying(claimed -> assertThat(claimed.response()).isPresent());
    }

    @Test
    void a_claim_its_crashed_holder_never_answered_is_taken_over_once_stale_and_an_answered_one_never_is() {
        store.claim(WORKSPACE, "crashed", "hash-a", T0, T0.minusSeconds(60));
        store.claim(WORKSPACE, "answered", "hash-a", T0, T0.minusSeconds(60));
        store.complete(WORKSPACE, "answered", new StoredResponse(200, "{}", Optional.empty()));

        assertThat(store.claim(WORKSPACE, "crashed", "hash-a", T0.plusSeconds(30), T0.minusSeconds(1)))
                .as("not stale yet").isPresent();
        assertThat(store.claim(WORKSPACE, "crashed", "hash-a", T0.plusSeconds(120), T0.plusSeconds(60)))
                .as("stale: taken over").isEmpty();
        assertThat(store.claim(WORKSPACE, "answered", "hash-a", T0.plusSeconds(120), T0.plusSeconds(60)))
                .as("an answer is kept").isPresent();
    }

    @Test
    void keys_claimed_before_the_cutoff_are_forgotten() {
        store.claim(WORKSPACE, "old", "hash-a", T0, T0.minusSeconds(60));
        store.claim(WORKSPACE, "new", "hash-a", T0.plusSeconds(100), T0);

        assertThat(store.deleteClaimedBefore(T0.plusSeconds(50))).isEqualTo(1);
        assertThat(store.claim(WORKSPACE, "old", "hash-b", T0.plusSeconds(101), T0)).isEmpty();
        assertThat(store.claim(WORKSPACE, "new", "hash-b", T0.plusSeconds(101), T0)).isPresent();
    }
}
