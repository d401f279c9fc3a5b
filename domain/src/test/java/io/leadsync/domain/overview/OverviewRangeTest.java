package io.leadsync.domain.overview;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class OverviewRangeTest {
    private static final Instant NOW = Instant.parse("2026-12-04T09:41:13Z");

    @Test
    void the_day_is_24_hours_ending_with_the_current_one() {
        assertThat(OverviewRange.DAY.buckets(NOW)).hasSize(24)
                .startsWith(Instant.parse("2026-12-03T10:00:00Z")).endsWith(Instant.parse("2026-12-04T09:00:00Z"));
        assertThat(OverviewRange.DAY.indexOf(Instant.parse("2026-12-04T09:00:01Z"), NOW)).isEqualTo(23);
        assertThat(OverviewRange.DAY.indexOf(Instant.parse("2026-12-03T10:59:59Z"), NOW)).isZero();
        assertThat(OverviewRange.DAY.indexOf(Instant.parse("2026-12-03T09:59:59Z"), NOW)).isEqualTo(-1);
        assertThat(OverviewRange.DAY.indexOf(Instant.parse("2026-12-04T10:00:00Z"), NOW)).isEqualTo(-1);
    }

    @Test
    void the_month_is_30_utc_days_ending_with_today() {
        assertThat(OverviewRange.MONTH.buckets(NOW)).hasSize(30)
                .startsWith(Instant.parse("2026-11-05T00:00:00Z")).endsWith(Instant.parse("2026-12-04T00:00:00Z"));
        assertThat(OverviewRange.MONTH.indexOf(Instant.parse("2026-11-05T23:00:00Z"), NOW)).isZero();
    }

    @Test
    void counts_add_up_levels_keep_the_highest_and_values_outside_the_range_are_dropped() {
        Series series = new Series("c", "Salesforce", 3);
        series.add(1, 2);
        series.add(1, 3);
        series.add(-1, 100);
        series.max(2, 7);
        series.max(2, 4);

        assertThat(series.values()).containsExactly(0, 5, 7);
        assertThat(series.total()).isEqualTo(12);
        assertThat(series.highest()).isEqualTo(7);
    }
}
