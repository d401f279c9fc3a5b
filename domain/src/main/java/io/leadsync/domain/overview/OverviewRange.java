package io.leadsync.domain.overview;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A span the Overview charts: the last 24 hours by hour, or the last 30 days by day (UTC). The current bucket is
 * the last one, so what happened a minute ago is on the chart.
 */
public enum OverviewRange {
    DAY(ChronoUnit.HOURS, 24),
    MONTH(ChronoUnit.DAYS, 30);

    private final ChronoUnit unit;
    private final int buckets;

    OverviewRange(ChronoUnit unit, int buckets) {
        this.unit = unit;
        this.buckets = buckets;
    }

    public ChronoUnit unit() {
        return unit;
    }

    public Duration step() {
        return unit.getDuration();
    }

    /** The start of each bucket, oldest first, ending with the bucket that holds {@code now}. */
    public List<Instant> buckets(Instant now) {
        Instant last = bucketOf(now);
        List<Instant> starts = new ArrayList<>(buckets);
        for (int i = buckets - 1; i >= 0; i--) {
            starts.add(last.minus(step().multipliedBy(i)));
        }
        return starts;
    }

    /** Where the range starts: the first bucket's start. */
    public Instant from(Instant now) {
        return buckets(now).get(0);
    }

    /** The start of the bucket {@code instant} falls in. */
    public Instant bucketOf(Instant instant) {
        return instant.truncatedTo(unit);
    }

    /** The bucket's index in {@link #buckets(Instant)}, or -1 when it is outside the range. */
    public int indexOf(Instant instant, Instant now) {
        long steps = (bucketOf(now).getEpochSecond() - bucketOf(instant).getEpochSecond()) / step().getSeconds();
        return steps < 0 || steps >= buckets ? -1 : (int) (buckets - 1 - steps);
    }

    public int size() {
        return buckets;
    }
}
