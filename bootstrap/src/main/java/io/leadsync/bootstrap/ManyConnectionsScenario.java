package io.leadsync.bootstrap;

import io.leadsync.domain.workspace.Workspace;
import java.util.function.IntConsumer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.leadsync.bootstrap.BenchRun.parallel;
import static io.leadsync.bootstrap.BenchRun.await;
import static io.leadsync.bootstrap.BenchRun.delta;
import static io.leadsync.bootstrap.BenchRun.seconds;
import static io.leadsync.bootstrap.BenchRun.say;

/** Phase 5: a fresh node with many connections on their cycles, its CPU, calls and memory over one window. */
final class ManyConnectionsScenario {
    private final BenchRun run;

    ManyConnectionsScenario(BenchRun run) {
        this.run = run;
    }

    void manyConnections() throws Exception {
        int workspaces = (run.options.connections() + 1) / 2;
        say("many connections: a fresh node, " + workspaces + " workspaces each with Salesforce and HubSpot ("
                + run.options.connections() + " connections, 5-minute cycles)");
        run.node = BenchNode.start(run.options, "many");
        try {
            run.node.latency(0);
            run.node.salesforce.dailyApiRequests(10_000_000);
            run.node.hubspot.limits(1_000_000, 100_000_000, 1_000, null);
            long setupStart = System.nanoTime();
            AtomicInteger connected = new AtomicInteger();
            // The first tenant provisions the org and the portal (permission set, custom fields) alone: parallel
            // first connects would each try to create them, as they would in one real org.
            IntConsumer connect = i -> {
                try {
                    Workspace ws = run.node.workspace("Tenant " + i);
                    String key = run.node.key(ws);
                    run.node.connectSalesforce(ws, key);
                    connected.incrementAndGet();
                    if (connected.get() < run.options.connections()) {
                        run.node.connectHubSpot(ws, key);
                        connected.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            connect.accept(0);
            parallel(run.options.clients(), workspaces - 1, i -> connect.accept(i + 1));
            double setupSeconds = seconds(System.nanoTime() - setupStart);
            run.node.latency(run.options.latencyMs());
            run.node.hubspot.limits(110, null, 5, null);
            // Every connection has pulled once (its first pull reads the empty history): from here it is steady.
            await(() -> run.node.count("select count(*) from pull_schedule where watermark_at is null") == 0
                    || run.node.count("select count(*) from pull_schedule where next_pull_at <= now()") == 0,
                    Duration.ofMinutes(10));
            System.gc();
            Map<String, Long> sfBefore = run.node.salesforce.callCounts();
            Map<String, Long> hsBefore = run.node.hubspot.callCounts();
            long cpuBefore = ProcessStats.processCpuNanos();
            long pgBefore = ProcessStats.postgresCpuTicks(run.node.home);
            long start = System.nanoTime();
            long peakRss = 0;
            while (System.nanoTime() - start < run.options.cycleSeconds() * 1_000_000_000L) {
                Thread.sleep(1_000);
                peakRss = Math.max(peakRss, ProcessStats.rssKb("self"));
            }
            double window = seconds(System.nanoTime() - start);
            double cpu = (ProcessStats.processCpuNanos() - cpuBefore) / 1e9;
            double pgCpu = (ProcessStats.postgresCpuTicks(run.node.home) - pgBefore) / 100.0;
            long calls = delta(sfBefore, run.node.salesforce.callCounts())
                    + delta(hsBefore, run.node.hubspot.callCounts());
            run.results.put("many connections: setup", String.format(Locale.ROOT,
                    "%d connections (%d workspaces x Salesforce + HubSpot, OAuth and provisioning through the "
                            + "admin API, no latency) in %.0f s", connected.get(), workspaces, setupSeconds));
            run.results.put("many connections: one " + Math.round(window) + " s cycle window",
                    String.format(Locale.ROOT,
                    "JVM (LeadSync + both sandboxes) **%.1f CPU s = %.1f%% of one core**; PostgreSQL %.1f CPU s "
                            + "(%.1f%%); %d CRM calls (%.1f per connection)",
                    cpu, 100 * cpu / window, pgCpu, 100 * pgCpu / window, calls,
                    (double) calls / Math.max(1, connected.get())));
            System.gc();
            run.results.put("many connections: memory", String.format(Locale.ROOT,
                    "heap used after GC **%d MiB**, peak RSS in the window %d MiB, PostgreSQL RSS %d MiB",
                    ProcessStats.heapUsedMb(), peakRss / 1024, ProcessStats.postgresRssKb(run.node.home) / 1024));
            run.memory("many-connections node");
        } finally {
            run.node.close();
        }
    }
}
