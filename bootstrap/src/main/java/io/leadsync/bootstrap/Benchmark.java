package io.leadsync.bootstrap;

import ch.qos.logback.classic.Level;
import io.leadsync.application.port.in.administer.CreateWorkspaceCommand;
import io.leadsync.application.port.in.administer.CreateWorkspaceUseCase;
import io.leadsync.application.port.in.administer.IssueApiKeyCommand;
import io.leadsync.application.port.in.administer.IssueApiKeyUseCase;
import io.leadsync.domain.workspace.Workspace;
import io.leadsync.sandbox.hubspot.HubSpotBrowser;
import io.leadsync.sandbox.hubspot.HubSpotSandbox;
import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import io.leadsync.sandbox.salesforce.SandboxBrowser;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code java -jar leadsync.jar bench [options]}: runs a LeadSync node in this JVM on a fresh embedded PostgreSQL,
 * against the Salesforce and HubSpot sandboxes (in this JVM too, every CRM call delayed by {@code --latency-ms}), and
 * measures what issue 8 asks: CRM calls per 1,000 leads, capture and delivery rates beside a naive per-lead baseline,
 * capture-to-CRM latency in REALTIME mode, the pull of CRM-side edits, one node with many connections, and memory.
 * Prints a Markdown report and writes it to {@code --out} (default {@code docs/BENCHMARKS.md}).
 *
 * <p>Only 127.0.0.1 is ever called. The sandboxes run in the same JVM as LeadSync, so CPU and heap figures include
 * them (an upper bound for LeadSync alone); PostgreSQL is a separate process, reported beside.
 */
final class Benchmark {
    static final String COMMAND = "bench";
    private static final String SF_UPSERT = "PATCH /services/data/vXX.X/composite/sobjects/Lead/{externalIdField}";
    private static final String SF_EXTERNAL_ID = "LeadSync_Lead_ID__c";
    private static final String HS_ID_PROPERTY = "leadsync_lead_id";
    private static final Pattern NUMBER = Pattern.compile("\"%s\":(-?\\d+)");

    /** The options, each with the full-size default of issue 8. */
    record Options(int leads, int clients, int latencyMs, int realtimeRate, int realtimeSeconds, int pullEdits,
                   int connections, int cycleSeconds, String workerInterval, Path out, boolean naive,
                   int naiveLeads) {
        static Options parse(String[] args) {
            Map<String, String> given = new HashMap<>();
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument " + arg + "\n" + usage());
                }
                String[] pair = arg.substring(2).split("=", 2);
                given.put(pair[0], pair.length == 2 ? pair[1] : "true");
            }
            Options options = new Options(
                    Integer.parseInt(given.getOrDefault("leads", "10000")),
                    Integer.parseInt(given.getOrDefault("clients", "4")),
                    Integer.parseInt(given.getOrDefault("latency-ms", "50")),
                    Integer.parseInt(given.getOrDefault("realtime-rate", "100")),
                    Integer.parseInt(given.getOrDefault("realtime-seconds", "30")),
                    Integer.parseInt(given.getOrDefault("pull-edits", given.getOrDefault("leads", "10000"))),
                    Integer.parseInt(given.getOrDefault("connections", "1000")),
                    Integer.parseInt(given.getOrDefault("cycle-seconds", "300")),
                    given.getOrDefault("worker-interval", "1s"),
                    Path.of(given.getOrDefault("out", "docs/BENCHMARKS.md")),
                    !given.containsKey("no-naive"),
                    Integer.parseInt(given.getOrDefault("naive-leads", given.getOrDefault("leads", "10000"))));
            List<String> known = List.of("leads", "clients", "latency-ms", "realtime-rate", "realtime-seconds",
                    "pull-edits", "connections", "cycle-seconds", "worker-interval", "out", "no-naive", "naive-leads");
            for (String name : given.keySet()) {
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("unknown option --" + name + "\n" + usage());
                }
            }
            if (options.pullEdits > options.leads) {
                throw new IllegalArgumentException("--pull-edits cannot exceed --leads");
            }
            return options;
        }

        static String usage() {
            return """
                    usage: java -jar leadsync.jar bench [--leads=10000] [--clients=4] [--latency-ms=50]
                           [--realtime-rate=100] [--realtime-seconds=30] [--pull-edits=<leads>] [--connections=1000]
                           [--cycle-seconds=300] [--worker-interval=1s] [--no-naive] [--naive-leads=<leads>]
                           [--out=docs/BENCHMARKS.md]
                    (--connections=0 skips the many-connections node)""";
        }
    }

    private final Options options;
    private final String commandLine;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, String> results = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private Node node;

    private Benchmark(Options options, String commandLine) {
        this.options = options;
        this.commandLine = commandLine;
    }

    static void run(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(Level.WARN);
        String command = "java -jar bootstrap/target/leadsync.jar " + String.join(" ", args);
        new Benchmark(options, command).runAll();
    }

    private void runAll() throws Exception {
        String machine = machine();
        System.out.println("LeadSync benchmark: " + commandLine);
        System.out.println(machine);
        long started = System.nanoTime();
        node = Node.start(options, "bench");
        try {
            say("setup: connecting Salesforce and HubSpot");
            Workspace ws = node.workspace("Bench");
            String key = node.key(ws);
            String sf = node.connectSalesforce(ws, key);
            String hs = node.connectHubSpot(ws, key);
            node.salesforce.dailyApiRequests(10_000_000);
            node.latency(options.latencyMs);

            realtimeLatency(key, sf, hs);
            throughput(key, sf, hs);
            if (options.naive) {
                naiveBaseline();
            }
            pull(key, sf, hs);
            memory("phases 1-4 node");
        } finally {
            node.close();
        }
        if (options.connections > 0) {
            manyConnections();
        }
        results.put("whole run", String.format(Locale.ROOT, "%.0f s", seconds(System.nanoTime() - started)));
        String report = report(machine);
        System.out.println();
        System.out.println(report);
        Path out = options.out;
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, merged(out, report));
        System.out.println("Written to " + out.toAbsolutePath());
    }

    // ---- phase 1: capture-to-CRM latency at a steady rate, REALTIME ------------------------------------------------

    private void realtimeLatency(String key, String sf, String hs) throws Exception {
        int count = options.realtimeRate * options.realtimeSeconds;
        say("latency: " + count + " leads at " + options.realtimeRate + "/s, REALTIME");
        frequency(key, sf, "REALTIME");
        frequency(key, hs, "REALTIME");
        Thread.sleep(2_000);
        Map<String, Long> sfBefore = node.salesforce.callCounts();
        Map<String, Long> hsBefore = node.hubspot.callCounts();
        long[] sentAt = new long[count];
        long intervalNanos = 1_000_000_000L / options.realtimeRate;
        long start = System.nanoTime() + 50_000_000L;
        long startWall = System.currentTimeMillis() + 50;
        AtomicInteger refused = new AtomicInteger();
        parallel(Math.max(options.clients, 4), count, i -> {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                sleepNanos(wait);
            }
            sentAt[i] = startWall + (System.nanoTime() - start) / 1_000_000;
            if (capture(key, "rt-" + i) != 201) {
                refused.incrementAndGet();
            }
        });
        double sendSeconds = seconds(System.nanoTime() - start);
        try {
            awaitCrm("rt-", count, Duration.ofMinutes(3));
        } catch (IllegalStateException late) {
            // The figures below are then of the records that did arrive; the rest of the run still measures.
            notes.add("REALTIME: after 3 minutes " + node.salesforceRecords("rt-").size() + " (Salesforce) and "
                    + node.hubspotRecords("rt-").size() + " (HubSpot) of " + count + " leads had arrived.");
        }
        Map<String, Long> sentAtById = new HashMap<>();
        for (int i = 0; i < count; i++) {
            sentAtById.put("rt-" + i, sentAt[i]);
        }
        long[] sfLatency = latencies(node.salesforceRecords("rt-"), SF_EXTERNAL_ID, "CreatedDate", sentAtById);
        long[] hsLatency = latencies(node.hubspotRecords("rt-"), HS_ID_PROPERTY, "createdate", sentAtById);
        results.put("REALTIME latency: leads, offered rate", String.format(Locale.ROOT,
                "%d leads in %.1f s (%.0f/s offered, %d refused)", count, sendSeconds, count / sendSeconds,
                refused.get()));
        results.put("REALTIME capture-to-Salesforce p50 / p95 / p99 / max", percentiles(sfLatency));
        results.put("REALTIME capture-to-HubSpot p50 / p95 / p99 / max", percentiles(hsLatency));
        results.put("REALTIME CRM calls per 1,000 leads (Salesforce / HubSpot)", String.format(Locale.ROOT,
                "%.1f / %.1f", perThousand(delta(sfBefore, node.salesforce.callCounts()), count),
                perThousand(delta(hsBefore, node.hubspot.callCounts()), count)));
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

    // ---- phase 2: capture rate, delivery rate of a backlog, calls per 1,000 -----------------------------------------

    private void throughput(String key, String sf, String hs) throws Exception {
        int leads = options.leads;
        say("throughput: capturing " + leads + " leads with " + options.clients + " clients (connections on 15-min "
                + "cycles, so the leads queue)");
        frequency(key, sf, "EVERY_15_MIN");
        frequency(key, hs, "EVERY_15_MIN");
        long captureStart = System.nanoTime();
        AtomicInteger refused = new AtomicInteger();
        parallel(options.clients, leads, i -> {
            if (capture(key, "bench-" + i) != 201) {
                refused.incrementAndGet();
            }
        });
        double captureSeconds = seconds(System.nanoTime() - captureStart);
        results.put("capture through the agent API (" + options.clients + " HTTP clients)", String.format(Locale.ROOT,
                "%d leads in %.1f s = **%.0f leads/s** (%d refused)", leads, captureSeconds, leads / captureSeconds,
                refused.get()));
        // Every lead routed to its two deliveries before the clock starts: the backlog is what is measured.
        await(() -> node.count("select count(*) from outbox where routed_at is null") == 0, Duration.ofMinutes(5));
        await(() -> node.count("select count(*) from deliveries") >= 2L * leads, Duration.ofMinutes(5));

        say("throughput: the backlog goes out (frequency set to REALTIME)");
        Map<String, Long> sfBefore = node.salesforce.callCounts();
        Map<String, Long> hsBefore = node.hubspot.callCounts();
        long pushStart = System.nanoTime();
        frequency(key, sf, "REALTIME");
        frequency(key, hs, "REALTIME");
        long[] doneAt = new long[2];
        await(() -> {
            if (doneAt[0] == 0 && node.pending(sf) == 0) {
                doneAt[0] = System.nanoTime();
            }
            if (doneAt[1] == 0 && node.pending(hs) == 0) {
                doneAt[1] = System.nanoTime();
            }
            return doneAt[0] != 0 && doneAt[1] != 0;
        }, Duration.ofMinutes(20));
        long sfCalls = delta(sfBefore, node.salesforce.callCounts());
        long hsCalls = delta(hsBefore, node.hubspot.callCounts());
        int sfRecords = node.salesforceRecords("bench-").size();
        int hsRecords = node.hubspotRecords("bench-").size();
        double sfSeconds = seconds(doneAt[0] - pushStart);
        double hsSeconds = seconds(doneAt[1] - pushStart);
        results.put("delivered to Salesforce (backlog, both CRMs at once)", String.format(Locale.ROOT,
                "%d records in %.1f s = **%.0f leads/s**", sfRecords, sfSeconds, sfRecords / sfSeconds));
        results.put("delivered to HubSpot (backlog, both CRMs at once)", String.format(Locale.ROOT,
                "%d records in %.1f s = **%.0f leads/s**", hsRecords, hsSeconds, hsRecords / hsSeconds));
        results.put("CRM calls per 1,000 leads pushed: Salesforce (goal <= 5)", String.format(Locale.ROOT,
                "**%.1f** (%d calls: %s)", perThousand(sfCalls, leads), sfCalls,
                describe(delta(sfBefore, node.salesforce.callCounts(), true))));
        results.put("CRM calls per 1,000 leads pushed: HubSpot (goal <= 10)", String.format(Locale.ROOT,
                "**%.1f** (%d calls: %s)", perThousand(hsCalls, leads), hsCalls,
                describe(delta(hsBefore, node.hubspot.callCounts(), true))));
        if (sfRecords != leads || hsRecords != leads) {
            notes.add("Not every lead arrived: Salesforce " + sfRecords + ", HubSpot " + hsRecords + " of " + leads
                    + " (failed deliveries: " + node.count("select count(*) from deliveries where state = 'FAILED'")
                    + ").");
        }
        this.sfDeliverySeconds = sfSeconds;
        this.hsDeliverySeconds = hsSeconds;
    }

    private double sfDeliverySeconds;
    private double hsDeliverySeconds;

    // ---- phase 3: the naive per-lead baseline ---------------------------------------------------------------------

    private void naiveBaseline() throws Exception {
        int leads = options.naiveLeads;
        say("naive baseline: one create-or-update call per lead, " + options.clients + " clients, each CRM");
        String sfToken = String.valueOf(node.salesforce.tokensFor("admin@acme.example").get("access_token"));
        String hsToken = String.valueOf(node.hubspot.tokensFor("admin@acme.example").get("access_token"));
        // The baseline gets HubSpot's ten-second limit lifted (110 calls by default, which would cap it at 11
        // leads/s): its figure is the best a per-lead tool could do, so the ratio understates LeadSync's advantage.
        node.hubspot.limits(1_000_000, 100_000_000, null, null);
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        parallel(options.clients, leads, i -> {
            String id = "naive-" + i;
            String body = "{\"FirstName\":\"Grace\",\"LastName\":\"Hopper " + i + "\",\"Email\":\"" + id
                    + "@naive.example\",\"Company\":\"Company " + (i % 97) + "\",\"Title\":\"Engineer\"}";
            int status = send("PATCH", node.salesforce.baseUrl() + "/services/data/v62.0/sobjects/Lead/"
                    + SF_EXTERNAL_ID + "/" + id, sfToken, body);
            if (status != 201 && status != 200) {
                failed.incrementAndGet();
            }
        });
        double sfSeconds = seconds(System.nanoTime() - start);
        start = System.nanoTime();
        parallel(options.clients, leads, i -> {
            String id = "naive-" + i;
            String body = "{\"inputs\":[{\"idProperty\":\"" + HS_ID_PROPERTY + "\",\"id\":\"" + id
                    + "\",\"properties\":{\"firstname\":\"Grace\",\"lastname\":\"Hopper " + i + "\",\"email\":\""
                    + id + "@naive.example\",\"company\":\"Company " + (i % 97) + "\",\"jobtitle\":\"Engineer\"}}]}";
            int status = send("POST", node.hubspot.baseUrl() + "/crm/v3/objects/contacts/batch/upsert", hsToken, body);
            if (status != 200 && status != 201) {
                failed.incrementAndGet();
            }
        });
        double hsSeconds = seconds(System.nanoTime() - start);
        node.hubspot.limits(110, null, null, null);
        results.put("naive per-lead baseline: Salesforce (" + options.clients + " clients, same sandbox)",
                String.format(Locale.ROOT, "%d calls in %.1f s = %.0f leads/s, 1,000 calls per 1,000 leads",
                        leads, sfSeconds, leads / sfSeconds));
        results.put("naive per-lead baseline: HubSpot (" + options.clients + " clients, rate limit lifted)",
                String.format(Locale.ROOT, "%d calls in %.1f s = %.0f leads/s, 1,000 calls per 1,000 leads",
                        leads, hsSeconds, leads / hsSeconds));
        results.put("LeadSync / naive delivery rate (Salesforce, HubSpot)", String.format(Locale.ROOT,
                "**%.1fx**, **%.1fx** (leads/s delivered by LeadSync's backlog push over the naive tool's)",
                (options.leads / sfDeliverySeconds) / (leads / sfSeconds),
                (options.leads / hsDeliverySeconds) / (leads / hsSeconds)));
        if (failed.get() > 0) {
            notes.add("The naive baseline had " + failed.get() + " refused calls.");
        }
    }

    // ---- phase 4: pull of CRM-side edits -------------------------------------------------------------------------

    private void pull(String key, String sf, String hs) throws Exception {
        int edits = options.pullEdits;
        // Hourly, so the background worker neither pulls nor pushes while the edits are made; "pull now" is timed.
        frequency(key, sf, "HOURLY");
        frequency(key, hs, "HOURLY");
        say("pull: a rep edits " + edits + " Salesforce Leads, then \"pull now\"");
        List<Map<String, Object>> sfRecords = node.salesforceRecords("bench-");
        for (int i = 0; i < edits; i++) {
            Map<String, Object> record = sfRecords.get(i);
            node.salesforce.editAsRep("Lead", String.valueOf(record.get("Id")), Map.of("City", "SF city " + i));
        }
        pullNow(key, sf, "Salesforce", edits, node.salesforce::callCounts, "SF city ");

        say("pull: a rep edits " + edits + " HubSpot contacts, then \"pull now\"");
        List<Map<String, Object>> hsRecords = node.hubspotRecords("bench-");
        // HubSpot's search sees a write only after its indexing lag (5 s in LeadSync's window).
        for (int i = 0; i < edits; i++) {
            Map<String, Object> record = hsRecords.get(i);
            node.hubspot.editAsRep("contacts", String.valueOf(record.get("id")), Map.of("city", "HS city " + i));
        }
        Thread.sleep(6_000);
        pullNow(key, hs, "HubSpot", edits, node.hubspot::callCounts, "HS city ");
    }

    private void pullNow(String key, String connection, String crm, int edits,
                         java.util.function.Supplier<Map<String, Long>> counts, String marker) throws Exception {
        Map<String, Long> before = counts.get();
        long start = System.nanoTime();
        HttpResponse<String> answer;
        do {
            answer = node.api(key, "POST", "/api/admin/v1/connections/" + connection + "/pull", null);
            if (answer.statusCode() == 409) {
                Thread.sleep(200);
            }
        } while (answer.statusCode() == 409);
        double pullSeconds = seconds(System.nanoTime() - start);
        long merged = node.count("select count(*) from leads where field_values->>'city' like '" + marker + "%'");
        long calls = delta(before, counts.get());
        results.put("pull: " + edits + " " + crm + " edits merged", String.format(Locale.ROOT,
                "%d leads changed in %.1f s = **%.0f edits/s**, %d CRM calls (%s); answer %s", merged, pullSeconds,
                merged / pullSeconds, calls, describe(delta(before, counts.get(), true)),
                answer.body().replaceAll("\\s+", " ")));
    }

    // ---- phase 5: one node, many connections on 5-minute cycles ---------------------------------------------------

    private void manyConnections() throws Exception {
        int workspaces = (options.connections + 1) / 2;
        say("many connections: a fresh node, " + workspaces + " workspaces each with Salesforce and HubSpot ("
                + options.connections + " connections, 5-minute cycles)");
        node = Node.start(options, "many");
        try {
            node.latency(0);
            node.salesforce.dailyApiRequests(10_000_000);
            node.hubspot.limits(1_000_000, 100_000_000, 1_000, null);
            long setupStart = System.nanoTime();
            AtomicInteger connected = new AtomicInteger();
            // The first tenant provisions the org and the portal (permission set, custom fields) alone: parallel
            // first connects would each try to create them, as they would in one real org.
            IntConsumer connect = i -> {
                try {
                    Workspace ws = node.workspace("Tenant " + i);
                    String key = node.key(ws);
                    node.connectSalesforce(ws, key);
                    connected.incrementAndGet();
                    if (connected.get() < options.connections) {
                        node.connectHubSpot(ws, key);
                        connected.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            connect.accept(0);
            parallel(options.clients, workspaces - 1, i -> connect.accept(i + 1));
            double setupSeconds = seconds(System.nanoTime() - setupStart);
            node.latency(options.latencyMs);
            node.hubspot.limits(110, null, 5, null);
            // Every connection has pulled once (its first pull reads the empty history): from here it is steady.
            await(() -> node.count("select count(*) from pull_schedule where watermark_at is null") == 0
                    || node.count("select count(*) from pull_schedule where next_pull_at <= now()") == 0,
                    Duration.ofMinutes(10));
            System.gc();
            Map<String, Long> sfBefore = node.salesforce.callCounts();
            Map<String, Long> hsBefore = node.hubspot.callCounts();
            long cpuBefore = processCpuNanos();
            long pgBefore = postgresCpuTicks();
            long start = System.nanoTime();
            long peakRss = 0;
            while (System.nanoTime() - start < options.cycleSeconds * 1_000_000_000L) {
                Thread.sleep(1_000);
                peakRss = Math.max(peakRss, rssKb("self"));
            }
            double window = seconds(System.nanoTime() - start);
            double cpu = (processCpuNanos() - cpuBefore) / 1e9;
            double pgCpu = (postgresCpuTicks() - pgBefore) / 100.0;
            long calls = delta(sfBefore, node.salesforce.callCounts()) + delta(hsBefore, node.hubspot.callCounts());
            results.put("many connections: setup", String.format(Locale.ROOT,
                    "%d connections (%d workspaces x Salesforce + HubSpot, OAuth and provisioning through the "
                            + "admin API, no latency) in %.0f s", connected.get(), workspaces, setupSeconds));
            results.put("many connections: one " + Math.round(window) + " s cycle window", String.format(Locale.ROOT,
                    "JVM (LeadSync + both sandboxes) **%.1f CPU s = %.1f%% of one core**; PostgreSQL %.1f CPU s "
                            + "(%.1f%%); %d CRM calls (%.1f per connection)",
                    cpu, 100 * cpu / window, pgCpu, 100 * pgCpu / window, calls,
                    (double) calls / Math.max(1, connected.get())));
            System.gc();
            results.put("many connections: memory", String.format(Locale.ROOT,
                    "heap used after GC **%d MiB**, peak RSS in the window %d MiB, PostgreSQL RSS %d MiB",
                    heapUsedMb(), peakRss / 1024, postgresRssKb() / 1024));
            memory("many-connections node");
        } finally {
            node.close();
        }
    }

    // ---- measuring the process ------------------------------------------------------------------------------------

    private void memory(String what) {
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        results.put("memory after the " + what, String.format(Locale.ROOT,
                "peak heap (sum of pool peaks) **%d MiB** of max %d MiB; peak RSS of the JVM (VmHWM) **%d MiB**; "
                        + "PostgreSQL processes' RSS now %d MiB (shared buffers counted once per process)",
                peakHeap >> 20, Runtime.getRuntime().maxMemory() >> 20, peakRssKb() / 1024, postgresRssKb() / 1024));
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long heapUsedMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * The postmaster (named in its pid file: pg_ctl starts it detached, so it is no child of this JVM) and its
     * backends.
     */
    private List<Long> postgresPids() {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(node.home.resolve("postgres/postmaster.pid")).get(0)
                    .trim());
            List<Long> pids = new ArrayList<>();
            ProcessHandle.of(postmaster).ifPresent(process -> {
                pids.add(process.pid());
                process.descendants().forEach(child -> pids.add(child.pid()));
            });
            return pids;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** utime + stime of every PostgreSQL process, in clock ticks (100 a second on Linux). */
    private long postgresCpuTicks() {
        long ticks = 0;
        for (long pid : postgresPids()) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException e) {
                // The process ended meanwhile (a backend closing); its time is lost to the figure.
            }
        }
        return ticks;
    }

    private long postgresRssKb() {
        return postgresPids().stream().mapToLong(pid -> rssKb(Long.toString(pid))).sum();
    }

    private static long rssKb(String pid) {
        return statusField(pid, "VmRSS:");
    }

    private static long peakRssKb() {
        return statusField("self", "VmHWM:");
    }

    private static long statusField(String pid, String name) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/" + pid + "/status"))) {
            return lines.filter(line -> line.startsWith(name))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String machine() {
        StringBuilder text = new StringBuilder();
        text.append("- cores: ").append(Runtime.getRuntime().availableProcessors());
        text.append("; memory: ").append(statusLine("/proc/meminfo", "MemTotal:"));
        text.append("; CPU: ").append(statusLine("/proc/cpuinfo", "model name"));
        text.append("\n- Java: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(", max heap ")
                .append(Runtime.getRuntime().maxMemory() >> 20).append(" MiB");
        text.append("\n- load average at start (1, 5, 15 min): ").append(statusLine("/proc/loadavg", ""));
        text.append("\n- started: ").append(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        return text.toString();
    }

    private static String statusLine(String file, String prefix) {
        try (Stream<String> lines = Files.lines(Path.of(file))) {
            return lines.filter(line -> line.startsWith(prefix)).findFirst()
                    .map(line -> line.substring(prefix.length()).replaceFirst("^\\s*:?\\s*", "").trim()).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    static final String BEGIN = "<!-- bench:begin (written by the bench command; text outside is kept) -->";
    static final String END = "<!-- bench:end -->";

    /** The report between the markers of an existing file, the text around them kept; the whole file otherwise. */
    static String merged(Path out, String report) throws IOException {
        String generated = BEGIN + "\n" + report + END + "\n";
        if (!Files.exists(out)) {
            return generated;
        }
        String existing = Files.readString(out);
        int begin = existing.indexOf(BEGIN);
        int end = existing.indexOf(END);
        if (begin < 0 || end < begin) {
            return generated;
        }
        return existing.substring(0, begin) + generated + existing.substring(end + END.length()).replaceFirst("^\n", "");
    }

    private String report(String machine) {
        StringBuilder text = new StringBuilder();
        text.append("## The run\n\n");
        text.append("Measured by `").append(commandLine).append("` (see the README: Benchmark).\n\n");
        text.append("### Machine\n\n").append(machine).append("\n- load average at the end: ")
                .append(statusLine("/proc/loadavg", "")).append("\n\n");
        text.append("### Setup\n\n");
        text.append("One LeadSync node in the benchmark's JVM (worker every ").append(options.workerInterval)
                .append(", default settings otherwise) on a fresh embedded PostgreSQL 17 (fsync on) in a temporary ")
                .append("LEADSYNC_HOME; the Salesforce and HubSpot sandboxes in the same JVM with ")
                .append(options.latencyMs).append(" ms added to every CRM call; agents call the agent API over ")
                .append("real HTTP on 127.0.0.1. Both connections are made through the admin API (OAuth, ")
                .append("provisioning), default mappings.\n\n");
        text.append("### Results\n\n| measure | result |\n|---|---|\n");
        results.forEach((name, value) -> text.append("| ").append(name).append(" | ")
                .append(value.replace("|", "/")).append(" |\n"));
        if (!notes.isEmpty()) {
            text.append("\n### Notes from the run\n\n");
            notes.forEach(note -> text.append("- ").append(note).append('\n'));
        }
        return text.toString();
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private int capture(String key, String id) {
        int n = Math.abs(id.hashCode());
        String json = "{\"leadId\":\"" + id + "\",\"firstName\":\"Grace\",\"lastName\":\"Hopper " + n
                + "\",\"workEmail\":\"" + id + "@bench.example\",\"companyName\":\"Company " + (n % 97)
                + "\",\"jobTitle\":\"Engineer\",\"city\":\"Arlington\",\"outreachScore\":" + (n % 100) + "}";
        try {
            return node.api(key, "POST", "/api/v1/leads", json).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private int send(String method, String url, String token, String json) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void frequency(String key, String connection, String frequency) throws Exception {
        HttpResponse<String> answer = node.api(key, "PATCH", "/api/admin/v1/connections/" + connection,
                "{\"frequency\":\"" + frequency + "\"}");
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("frequency " + frequency + ": " + answer.statusCode() + " " + answer.body());
        }
    }

    private void awaitCrm(String prefix, int count, Duration patience) throws InterruptedException {
        await(() -> node.salesforceRecords(prefix).size() >= count && node.hubspotRecords(prefix).size() >= count,
                patience);
    }

    private static void parallel(int threads, int count, IntConsumer task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    task.accept(i);
                }
            }));
        }
        try {
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(BooleanSupplier condition, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up after " + patience);
            }
            Thread.sleep(100);
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after) {
        return delta(before, after, true).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Calls made between two snapshots of a sandbox's call log, by kind (faulted calls included). */
    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after, boolean byKind) {
        Map<String, Long> made = new LinkedHashMap<>();
        after.forEach((call, n) -> {
            long d = n - before.getOrDefault(call, 0L);
            if (d > 0) {
                made.put(call, d);
            }
        });
        return made;
    }

    private static String describe(Map<String, Long> calls) {
        return calls.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getValue() + " " + e.getKey()).reduce((a, b) -> a + ", " + b).orElse("none");
    }

    private static double perThousand(long calls, int leads) {
        return calls * 1000.0 / leads;
    }

    private static String percentiles(long[] sorted) {
        if (sorted.length == 0) {
            return "no records";
        }
        return String.format(Locale.ROOT, "**%d / %d / %d ms** / %d ms (%d records)", at(sorted, 0.50),
                at(sorted, 0.95), at(sorted, 0.99), sorted[sorted.length - 1], sorted.length);
    }

    private static long at(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void say(String text) {
        System.out.println(DateTimeFormatter.ISO_LOCAL_TIME.format(java.time.LocalTime.now(ZoneOffset.UTC))
                .substring(0, 8) + " " + text);
    }

    static long number(String json, String name) {
        Matcher matcher = Pattern.compile(String.format(NUMBER.pattern(), name)).matcher(json);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    /** A LeadSync node with its own database and sandboxes, as the benchmark drives it. */
    static final class Node implements AutoCloseable {
        final SalesforceSandbox salesforce;
        final HubSpotSandbox hubspot;
        private final Path home;
        private final EmbeddedDatabase database;
        private final EmbeddedServer server;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        private Node(Path home, SalesforceSandbox salesforce, HubSpotSandbox hubspot, EmbeddedDatabase database,
                     EmbeddedServer server) {
            this.home = home;
            this.salesforce = salesforce;
            this.hubspot = hubspot;
            this.database = database;
            this.server = server;
        }

        static Node start(Options options, String name) throws IOException {
            Path home = Files.createTempDirectory("leadsync-" + name + "-");
            SalesforceSandbox salesforce = SalesforceSandbox.start(0);
            HubSpotSandbox hubspot = HubSpotSandbox.start(0);
            EmbeddedDatabase database = EmbeddedDatabase.startPersistent(home.resolve("postgres"));
            Map<String, Object> properties = new HashMap<>(database.datasourceProperties());
            properties.put("micronaut.server.port", -1);
            properties.put("micronaut.server.host", "127.0.0.1");
            properties.put("leadsync.crypto.demo-key-file", home.resolve("master.key").toString());
            properties.put("leadsync.first-start.enabled", false);
            properties.put("leadsync.sync.worker.interval", options.workerInterval());
            String callback = "http://127.0.0.1:9/oauth/callback";
            properties.put("leadsync.salesforce.client-id", SalesforceSandbox.CLIENT_ID);
            properties.put("leadsync.salesforce.client-secret", SalesforceSandbox.CLIENT_SECRET);
            properties.put("leadsync.salesforce.login-url", salesforce.baseUrl());
            properties.put("leadsync.salesforce.redirect-uri", callback);
            properties.put("leadsync.hubspot.client-id", HubSpotSandbox.CLIENT_ID);
            properties.put("leadsync.hubspot.client-secret", HubSpotSandbox.CLIENT_SECRET);
            properties.put("leadsync.hubspot.api-url", hubspot.baseUrl());
            properties.put("leadsync.hubspot.authorize-url", hubspot.baseUrl() + "/oauth/authorize");
            properties.put("leadsync.hubspot.redirect-uri", callback);
            EmbeddedServer server;
            try {
                server = ApplicationContext.run(EmbeddedServer.class, properties);
            } catch (RuntimeException e) {
                database.close();
                salesforce.close();
                hubspot.close();
                throw e;
            }
            return new Node(home, salesforce, hubspot, database, server);
        }

        void latency(int millis) {
            salesforce.latency(Duration.ofMillis(millis));
            hubspot.latency(Duration.ofMillis(millis));
        }

        Workspace workspace(String name) {
            return server.getApplicationContext().getBean(CreateWorkspaceUseCase.class)
                    .create(new CreateWorkspaceCommand(name, name + " SDR"));
        }

        String key(Workspace workspace) {
            return server.getApplicationContext().getBean(IssueApiKeyUseCase.class)
                    .issue(new IssueApiKeyCommand(workspace.id(), "bench",
                            java.util.EnumSet.allOf(io.leadsync.domain.workspace.ApiKeyScope.class))).secret();
        }

        HttpResponse<String> api(String key, String method, String path, String json) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                    .header("Authorization", "Bearer " + key)
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        String connectSalesforce(Workspace workspace, String key) throws Exception {
            HttpResponse<String> started = api(key, "POST", "/api/admin/v1/connections", "{\"kind\":\"SALESFORCE\"}");
            URI redirect = new SandboxBrowser().logInAndConsent(URI.create(field(started.body(), "authorizeUrl")),
                    "admin@acme.example", "sandbox", true);
            callback(workspace, redirect);
            return field(started.body(), "connectionId");
        }

        String connectHubSpot(Workspace workspace, String key) throws Exception {
            HttpResponse<String> started = api(key, "POST", "/api/admin/v1/connections", "{\"kind\":\"HUBSPOT\"}");
            URI redirect = new HubSpotBrowser().logInAndConsent(URI.create(field(started.body(), "authorizeUrl")),
                    "admin@acme.example", "sandbox", true);
            callback(workspace, redirect);
            return field(started.body(), "connectionId");
        }

        /** Started through the admin API, a connect is confirmed by its admin in the browser (ADR 0045). */
        private void callback(Workspace workspace, URI redirect) throws Exception {
            HttpResponse<String> page = BenchBrowser.confirmedCallback(server.getApplicationContext(),
                    server.getURL().toString(), workspace.id(), redirect);
            if (page.statusCode() != 200 || !page.body().contains("Connected as")) {
                throw new IllegalStateException("connect failed: " + page.statusCode() + " " + page.body());
            }
        }

        List<Map<String, Object>> salesforceRecords(String prefix) {
            return salesforce.records("Lead").stream()
                    .filter(r -> String.valueOf(r.get(SF_EXTERNAL_ID)).startsWith(prefix)).toList();
        }

        /** HubSpot contacts whose lead id starts with the prefix, as flat property maps plus {@code id}. */
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> hubspotRecords(String prefix) {
            List<Map<String, Object>> found = new ArrayList<>();
            for (Map<String, Object> record : hubspot.records("contacts")) {
                Map<String, Object> properties = (Map<String, Object>) record.get("properties");
                if (properties != null && String.valueOf(properties.get(HS_ID_PROPERTY)).startsWith(prefix)
                        && !Boolean.TRUE.equals(record.get("archived"))) {
                    Map<String, Object> flat = new HashMap<>(properties);
                    flat.put("id", record.get("id"));
                    found.add(flat);
                }
            }
            return found;
        }

        /** Deliveries of the connection not yet done (pending or in flight). */
        long pending(String connection) {
            return count("select count(*) from deliveries where connection_id = '" + connection
                    + "' and state = 'PENDING'");
        }

        long count(String sql) {
            Map<String, Object> properties = database.datasourceProperties();
            try (Connection connection = DriverManager.getConnection((String) properties.get("datasources.default.url"),
                    (String) properties.get("datasources.default.username"),
                    (String) properties.get("datasources.default.password"));
                 Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(sql, e);
            }
        }

        @Override
        public void close() {
            try {
                server.stop();
            } finally {
                database.close();
                salesforce.close();
                hubspot.close();
                deleteQuietly(home);
            }
        }

        private static void deleteQuietly(Path directory) {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // A temporary directory: the OS cleans it up eventually.
            }
        }

        private static String field(String json, String name) {
            Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
            if (!matcher.find()) {
                throw new IllegalStateException(name + " not in " + json);
            }
            return matcher.group(1);
        }
    }
}
