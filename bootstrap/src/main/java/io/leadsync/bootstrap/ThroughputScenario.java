package io.leadsync.bootstrap;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.leadsync.bootstrap.BenchRun.parallel;
import static io.leadsync.bootstrap.BenchRun.await;
import static io.leadsync.bootstrap.BenchRun.delta;
import static io.leadsync.bootstrap.BenchRun.describe;
import static io.leadsync.bootstrap.BenchRun.perThousand;
import static io.leadsync.bootstrap.BenchRun.seconds;
import static io.leadsync.bootstrap.BenchRun.say;

/**
 * Phase 2: the capture rate through the agent API, then the delivery rate of the backlog it left and the CRM calls per
 * 1,000 leads pushed.
 */
final class ThroughputScenario {
    private static final int BATCH = 100;
    private static final String PULL_SEARCH = "POST /crm/v3/objects/contacts/search";

    private final BenchRun run;

    ThroughputScenario(BenchRun run) {
        this.run = run;
    }

    void throughput(String key, String sf, String hs) throws Exception {
        int leads = run.options.leads();
        say("throughput: capturing " + leads + " leads with " + run.options.clients()
                + " clients (connections on 15-min cycles, so the leads queue)");
        run.frequency(key, sf, "EVERY_15_MIN");
        run.frequency(key, hs, "EVERY_15_MIN");
        // A fifth one lead per request, the rest in batches of 100 (ADR 0102): both end up in the same backlog.
        int singles = leads / 5;
        AtomicInteger refused = new AtomicInteger();
        measureCapture("capture through the agent API, one lead per request (" + run.options.clients()
                + " HTTP clients)", singles, () -> parallel(run.options.clients(), singles, i -> {
                    if (run.capture(key, "bench-" + i) != 201) {
                        refused.incrementAndGet();
                    }
                }), refused);
        AtomicInteger refusedInBatches = new AtomicInteger();
        int batches = (leads - singles + BATCH - 1) / BATCH;
        measureCapture("capture through the agent API, batches of " + BATCH + " (" + run.options.clients()
                + " HTTP clients)", leads - singles, () -> parallel(run.options.clients(), batches, b -> {
                    int from = singles + b * BATCH;
                    refusedInBatches.addAndGet(run.captureBatch(key, "bench-", from, Math.min(leads, from + BATCH)));
                }), refusedInBatches);
        if (!run.options.runs("backlog")) {
            return;
        }
        // Every lead routed to its two deliveries before the clock starts: the backlog is what is measured.
        await(() -> run.node.count("select count(*) from outbox where routed_at is null") == 0,
                Duration.ofMinutes(5));
        await(() -> run.node.count("select count(*) from deliveries") >= 2L * leads, Duration.ofMinutes(5));

        say("throughput: the backlog goes out (frequency set to REALTIME)");
        Map<String, Long> sfBefore = run.node.salesforce.callCounts();
        Map<String, Long> hsBefore = run.node.hubspot.callCounts();
        long pushStart = System.nanoTime();
        run.frequency(key, sf, "REALTIME");
        long sfSet = System.nanoTime();
        run.frequency(key, hs, "REALTIME");
        say(String.format(Locale.ROOT, "throughput: REALTIME set in %.2f s (Salesforce) and %.2f s (HubSpot)",
                seconds(sfSet - pushStart), seconds(System.nanoTime() - sfSet)));
        long[] doneAt = new long[2];
        await(() -> {
            if (doneAt[0] == 0 && run.node.pending(sf) == 0) {
                doneAt[0] = System.nanoTime();
            }
            if (doneAt[1] == 0 && run.node.pending(hs) == 0) {
                doneAt[1] = System.nanoTime();
            }
            return doneAt[0] != 0 && doneAt[1] != 0;
        }, Duration.ofMinutes(20));
        long sfCalls = delta(sfBefore, run.node.salesforce.callCounts());
        Map<String, Long> hsMade = delta(hsBefore, run.node.hubspot.callCounts(), true);
        // The push searches companies only: contact searches in the window are the pull's, reading what changed.
        long pullSearches = hsMade.getOrDefault(PULL_SEARCH, 0L);
        hsMade.remove(PULL_SEARCH);
        long hsCalls = hsMade.values().stream().mapToLong(Long::longValue).sum();
        int sfRecords = run.node.salesforceRecords("bench-").size();
        int hsRecords = run.node.hubspotRecords("bench-").size();
        double sfSeconds = seconds(doneAt[0] - pushStart);
        double hsSeconds = seconds(doneAt[1] - pushStart);
        run.results.put("delivered to Salesforce (backlog, both CRMs at once)", String.format(Locale.ROOT,
                "%d records in %.1f s = **%.0f leads/s**", sfRecords, sfSeconds, sfRecords / sfSeconds));
        run.results.put("delivered to HubSpot (backlog, both CRMs at once)", String.format(Locale.ROOT,
                "%d records in %.1f s = **%.0f leads/s**", hsRecords, hsSeconds, hsRecords / hsSeconds));
        run.results.put("CRM calls per 1,000 leads pushed: Salesforce (goal <= 5)", String.format(Locale.ROOT,
                "**%.1f** (%d calls: %s)", perThousand(sfCalls, leads), sfCalls,
                describe(delta(sfBefore, run.node.salesforce.callCounts(), true))));
        run.results.put("CRM calls per 1,000 leads pushed: HubSpot (goal <= 11)", String.format(Locale.ROOT,
                "**%.1f** (%d calls: %s)%s", perThousand(hsCalls, leads), hsCalls, describe(hsMade),
                pullSearches == 0 ? "" : "; not counted: " + pullSearches + " " + PULL_SEARCH
                        + ", the connection's pull running beside the push"));
        if (sfRecords != leads || hsRecords != leads) {
            run.notes.add("Not every lead arrived: Salesforce " + sfRecords + ", HubSpot " + hsRecords + " of " + leads
                    + " (failed deliveries: " + run.node.count("select count(*) from deliveries where state = 'FAILED'")
                    + ").");
        }
        run.sfDeliverySeconds = sfSeconds;
        run.hsDeliverySeconds = hsSeconds;
    }

    interface Capture {
        void run() throws Exception;
    }

    /** Times one way of capturing and reports its rate and its CPU per 1,000 leads, LeadSync's and PostgreSQL's. */
    private void measureCapture(String what, int leads, Capture capture, AtomicInteger refused) throws Exception {
        long start = System.nanoTime();
        long cpuBefore = ProcessStats.processCpuNanos();
        long pgBefore = ProcessStats.postgresCpuTicks(run.node.home);
        capture.run();
        double captureSeconds = seconds(System.nanoTime() - start);
        double cpu = (ProcessStats.processCpuNanos() - cpuBefore) / 1e9;
        double pgCpu = (ProcessStats.postgresCpuTicks(run.node.home) - pgBefore) / 100.0;
        // Routing each change to its connections' deliveries follows the capture's commit and may lag behind it: the
        // CPU per lead is only comparable with routing in it, so it is read once every change is routed.
        await(() -> run.node.count("select count(*) from outbox where routed_at is null") == 0, Duration.ofMinutes(5));
        double routedSeconds = seconds(System.nanoTime() - start);
        double cpuRouted = (ProcessStats.processCpuNanos() - cpuBefore) / 1e9;
        double pgCpuRouted = (ProcessStats.postgresCpuTicks(run.node.home) - pgBefore) / 100.0;
        run.results.put(what, String.format(Locale.ROOT, "%d leads in %.1f s = **%.0f leads/s** (%d refused); every "
                + "change routed to its deliveries %.1f s after the start", leads, captureSeconds,
                leads / captureSeconds, refused.get(), routedSeconds));
        // CPU per lead moves less with the machine's other load than the rate does: the figure to compare changes by.
        run.results.put(what.substring(0, what.indexOf(" (")) + ": CPU per 1,000 leads", String.format(Locale.ROOT,
                "JVM (LeadSync, both sandboxes and the clients) **%.2f CPU s**, PostgreSQL **%.2f CPU s** while "
                        + "capturing; with the routing that followed %.2f and %.2f", cpu * 1000 / leads,
                pgCpu * 1000 / leads, cpuRouted * 1000 / leads, pgCpuRouted * 1000 / leads));
    }
}
