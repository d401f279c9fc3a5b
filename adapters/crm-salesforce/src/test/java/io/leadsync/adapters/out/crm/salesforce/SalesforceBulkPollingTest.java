package io.leadsync.adapters.out.crm.salesforce;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each poll of a running Bulk API job is an API call: the job is asked less and less often, up to a ceiling. */
class SalesforceBulkPollingTest {
    @Test
    void polls_grow_by_half_from_half_a_second_and_stop_growing_at_ten_seconds() {
        List<Duration> waits = new ArrayList<>();
        Duration wait = Duration.ofMillis(500);
        for (int i = 0; i < 12; i++) {
            waits.add(wait);
            wait = SalesforceBulkWriter.nextWait(wait);
        }

        assertThat(waits.subList(0, 4)).containsExactly(Duration.ofMillis(500), Duration.ofMillis(750),
                Duration.ofMillis(1125), Duration.ofMillis(1687).plusNanos(500_000));
        assertThat(waits).isSorted();
        assertThat(waits.get(11)).isEqualTo(Duration.ofSeconds(10));
        // Fifteen minutes of a slow job at the ceiling: about 90 polls rather than 1,800 at half a second.
        assertThat(SalesforceBulkWriter.nextWait(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
    }
}
