package io.leadsync.bootstrap;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.leadsync.bootstrap.BenchRun.parallel;
import static io.leadsync.bootstrap.BenchRun.sleepNanos;
import static io.leadsync.bootstrap.BenchRun.delta;
import static io.leadsync.bootstrap.BenchRun.perThousand;
import static io.leadsync.bootstrap.BenchRun.percentiles;
import static io.leadsync.bootstrap.BenchRun.seconds;
import static io.leadsync.bootstrap.BenchRun.say;

/** Phase 1: capture-to-CRM latency at a steady rate, both connections in REALTIME. */
final class RealtimeLatencyScenario {
    private final BenchRun run;

    RealtimeLatencyScenario(BenchRun run) {
        this.run = run;
    }

    void realtimeLatency(String key, String sf, String hs) throws Exception {
        int count = run.options.realtimeRate() * run.options.realtimeSeconds();
        int warmUp = run.options.realtimeRate() * run.options.realtimeWarmUpSeconds();
        say("latency: " + warmUp + " leads to warm up, then " + count + " leads at " + run.options.realtimeRate()
                + "/s, REALTIME");
        run.frequency(key, sf, "REALTIME");
        run.frequency(key, hs, "REALTIME");
        Thread.sleep(2_000);
        if (warmUp > 0) {
            // A node that has just started runs its first seconds' code cold (JIT, pools, the clients' connections):
            // their latencies are reported on their own, not as the steady rate's.
            Stream warm = stream(key, "rtwarm-", warmUp);
            try {
                run.awaitCrm("rtwarm-", warmUp, Duration.ofMinutes(1));
            } catch (IllegalStateException late) {
                // As for the measured leads below: the figures are of those that arrived, and the run goes on.
                run.notes.add("REALTIME warm-up: not every lead had arrived after a minute.");
            }
            run.results.put("REALTIME warm-up: the node's first seconds, not in the figures below: Salesforce / "
                    + "HubSpot p99 (max)", String.format(Locale.ROOT, "%d leads in %d s: %s / %s", warmUp,
                    run.options.realtimeWarmUpSeconds(), p99AndMax(warm, run.node.salesforceRecords("rtwarm-"),
                            BenchNode.SF_EXTERNAL_ID, "CreatedDate"),
                    p99AndMax(warm, run.node.hubspotRecords("rtwarm-"), BenchNode.HS_ID_PROPERTY, "createdate")));
        }
        Map<String, Long> sfBefore = run.node.salesforce.callCounts();
        Map<String, Long> hsBefore = run.node.hubspot.callCounts();
        Stream measured = stream(key, "rt-", count);
        try {
            run.awaitCrm("rt-", count, Duration.ofMinutes(3));
        } catch (IllegalStateException late) {
            // The figures below are then of the records that did arrive; the rest of the run still measures.
            run.notes.add("REALTIME: after 3 minutes " + run.node.salesforceRecords("rt-").size() + " (Salesforce) and "
                    + run.node.hubspotRecords("rt-").size() + " (HubSpot) of " + count + " leads had arrived.");
        }
        long[] sfLatency = latencies(run.node.salesforceRecords("rt-"), BenchNode.SF_EXTERNAL_ID, "CreatedDate",
                measured.sentAt());
        long[] hsLatency = latencies(run.node.hubspotRecords("rt-"), BenchNode.HS_ID_PROPERTY, "createdate",
                measured.sentAt());
        run.results.put("REALTIME latency: leads, offered rate", String.format(Locale.ROOT,
                "%d leads in %.1f s (%.0f/s offered, %d refused)", count, measured.seconds(), count / measured.seconds(),
                measured.refused()));
        run.results.put("REALTIME capture-to-Salesforce p50 / p95 / p99 / max", percentiles(sfLatency));
        run.results.put("REALTIME capture-to-HubSpot p50 / p95 / p99 / max", percentiles(hsLatency));
        run.results.put("REALTIME CRM calls per 1,000 leads (Salesforce / HubSpot)", String.format(Locale.ROOT,
                "%.1f / %.1f", perThousand(delta(sfBefore, run.node.salesforce.callCounts()), count),
                perThousand(delta(hsBefore, run.node.hubspot.callCounts()), count)));
    }

    /** When each lead of a paced stream was sent (epoch ms, by its id), how long sending took, how many were refused. */
    private record Stream(Map<String, Long> sentAt, double seconds, int refused) {
    }

    /** Captures {@code count} leads named {@code prefix + i}, one every 1/rate s, from several clients. */
    private Stream stream(String key, String prefix, int count) throws Exception {
        long[] sentAt = new long[count];
        long intervalNanos = 1_000_000_000L / run.options.realtimeRate();
        long start = System.nanoTime() + 50_000_000L;
        long startWall = System.currentTimeMillis() + 50;
        AtomicInteger refused = new AtomicInteger();
        parallel(Math.max(run.options.clients(), 4), count, i -> {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                sleepNanos(wait);
            }
            sentAt[i] = startWall + (System.nanoTime() - start) / 1_000_000;
            if (run.capture(key, prefix + i) != 201) {
                refused.incrementAndGet();
            }
        });
        double seconds = seconds(System.nanoTime() - start);
        Map<String, Long> sentAtById = new HashMap<>();
        for (int i = 0; i < count; i++) {
            sentAtById.put(prefix + i, sentAt[i]);
        }
        return new Stream(sentAtById, seconds, refused.get());
    }

    private static String p99AndMax(Stream stream, List<Map<String, Object>> records, String idField,
                                    String createdField) {
        long[] latencies = latencies(records, idField, createdField, stream.sentAt());
        if (latencies.length == 0) {
            return "none arrived";
        }
        return BenchRun.at(latencies, 0.99) + " ms ("
                + latencies[latencies.length - 1] + " ms)";
    }

    private static long[] latencies(List<Map<String, Object>> records, String idField, String createdField,
                                    Map<String, Long> sentAt) {
        return records.stream().mapToLong(record -> {
            String id = String.valueOf(record.get(idField));
            Instant created = parseCrmTime(String.valueOf(record.get(createdField)));
            return created.toEpochMilli() - sentAt.get(id);
        }).sorted().toArray();
    }

    private static Instant parseCrmTime(String text) {
        if (text.endsWith("Z")) {
            return Instant.parse(text);
        }
        return OffsetDateTime.parse(text, DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx")).toInstant();
    }
}
