package io.leadsync.adapters.out.crm.hubspot;

import io.leadsync.application.port.out.AccessTokenRejectedException;
import io.leadsync.application.port.out.CrmRateLimitedException;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.UpsertResult;
import io.leadsync.domain.lead.LeadId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A claim's batches go two at a time; what a failure leaves behind is what the sequential loop left. */
class UpsertWavesTest {

    @Test
    void two_batches_are_in_flight_together_and_the_results_keep_the_records_order() {
        CountDownLatch bothSent = new CountDownLatch(2);
        List<UpsertResult> results = UpsertWaves.run(records(5), 2, batch -> {
            bothSent.countDown();
            try {
                // The first wave's two batches wait for each other: they can only both pass if sent together.
                assertThat(bothSent.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return written(batch);
        });

        assertThat(results).extracting(result -> result.leadId().value())
                .containsExactly("lead-0", "lead-1", "lead-2", "lead-3", "lead-4");
        assertThat(results).allMatch(result -> result.outcome() == UpsertResult.Outcome.CREATED);
    }

    @Test
    void a_failed_batch_keeps_what_the_batch_beside_it_wrote_and_the_rest_of_the_claim_waits() {
        Set<String> sent = ConcurrentHashMap.newKeySet();
        List<UpsertResult> results = UpsertWaves.run(records(6), 2, batch -> {
            sent.add(batch.get(0).leadId().value());
            if (batch.get(0).leadId().value().equals("lead-0")) {
                throw new CrmRateLimitedException("ten-second limit", Optional.of(Duration.ofSeconds(1)), false);
            }
            return written(batch);
        });

        assertThat(results).extracting(UpsertResult::outcome).containsExactly(UpsertResult.Outcome.FAILED,
                UpsertResult.Outcome.FAILED, UpsertResult.Outcome.CREATED, UpsertResult.Outcome.CREATED,
                UpsertResult.Outcome.FAILED, UpsertResult.Outcome.FAILED);
        assertThat(results.get(0).retryable()).isTrue();
        assertThat(results.get(0).errorCode()).contains("RATE_LIMITS");
        assertThat(results.get(4).errorCode()).as("the batch not sent waits with the same reason")
                .contains("RATE_LIMITS");
        assertThat(sent).as("no batch after the failed wave").containsExactlyInAnyOrder("lead-0", "lead-2");
    }

    @Test
    void a_claim_that_wrote_nothing_throws_and_a_refused_token_always_throws() {
        assertThatThrownBy(() -> UpsertWaves.run(records(2), 1, batch -> {
            throw new CrmRateLimitedException("limit", Optional.empty(), false);
        })).isInstanceOf(CrmRateLimitedException.class);

        assertThatThrownBy(() -> UpsertWaves.run(records(2), 1, batch -> {
            if (batch.get(0).leadId().value().equals("lead-1")) {
                throw new AccessTokenRejectedException("expired");
            }
            return written(batch);
        })).isInstanceOf(AccessTokenRejectedException.class);
    }

    private static List<CrmRecord> records(int count) {
        return IntStream.range(0, count).mapToObj(i -> new CrmRecord(new LeadId("lead-" + i), Map.of(),
                Optional.empty(), false)).toList();
    }

    private static List<UpsertResult> written(List<CrmRecord> batch) {
        return batch.stream().map(record -> UpsertResult.written(record.leadId(), true, "c-" + record.leadId()
                .value())).toList();
    }
}
