package io.leadsync.domain.overview;

import java.util.Arrays;
import java.util.Objects;

/**
 * One line of a chart: a name (a CRM connection, or "Captured") and a value per bucket of its range. How values of
 * one bucket combine depends on what is counted: counts add up, levels (lag, budget used today) keep the highest.
 */
public final class Series {
    private final String key;
    private final String name;
    private final long[] values;

    public Series(String key, String name, int buckets) {
        this.key = Objects.requireNonNull(key, "key");
        this.name = Objects.requireNonNull(name, "name");
        this.values = new long[buckets];
    }

    public String key() {
        return key;
    }

    public String name() {
        return name;
    }

    /** Adds a count to its bucket; counts outside the range are ignored. */
    public void add(int bucket, long count) {
        if (bucket >= 0 && bucket < values.length) {
            values[bucket] += count;
        }
    }

    /** Keeps the highest level seen in a bucket. */
    public void max(int bucket, long level) {
        if (bucket >= 0 && bucket < values.length) {
            values[bucket] = Math.max(values[bucket], level);
        }
    }

    public long[] values() {
        return values.clone();
    }

    public long total() {
        return Arrays.stream(values).sum();
    }

    public long highest() {
        return Arrays.stream(values).max().orElse(0);
    }
}
