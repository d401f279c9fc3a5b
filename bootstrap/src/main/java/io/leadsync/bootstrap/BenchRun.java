package io.leadsync.bootstrap;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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

/**
 * What the scenarios of one benchmark run share: the options, the node they drive, the results and notes of the
 * report, and the agent's and the clock's helpers.
 */
final class BenchRun {
    final BenchOptions options;
    final Map<String, String> results = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    BenchNode node;
    /** The backlog's delivery times, which the naive baseline is compared with. */
    double sfDeliverySeconds;
    double hsDeliverySeconds;

    BenchRun(BenchOptions options) {
        this.options = options;
    }

    void memory(String what) {
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        results.put("memory after the " + what, String.format(Locale.ROOT,
                "peak heap (sum of pool peaks) **%d MiB** of max %d MiB; peak RSS of the JVM (VmHWM) **%d MiB**; "
                        + "PostgreSQL processes' RSS now %d MiB (shared buffers counted once per process)",
                peakHeap >> 20, Runtime.getRuntime().maxMemory() >> 20, ProcessStats.peakRssKb() / 1024,
                ProcessStats.postgresRssKb(node.home) / 1024));
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    int capture(String key, String id) {
        try {
            return node.api(key, "POST", "/api/v1/leads", leadJson(id)).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /** One batch capture (ADR 0102) of the leads {@code prefix + from} to {@code prefix + (to - 1)}; the count refused. */
    int captureBatch(String key, String prefix, int from, int to) {
        StringBuilder json = new StringBuilder("{\"leads\":[");
        for (int i = from; i < to; i++) {
            json.append(i == from ? "" : ",").append(leadJson(prefix + i));
        }
        try {
            HttpResponse<String> answer = node.api(key, "POST", "/api/v1/leads/batch", json.append("]}").toString());
            java.util.regex.Matcher created = java.util.regex.Pattern.compile("\"created\":(\\d+)")
                    .matcher(answer.body());
            return answer.statusCode() == 200 && created.find() ? to - from - Integer.parseInt(created.group(1))
                    : to - from;
        } catch (Exception e) {
            return to - from;
        }
    }

    private static String leadJson(String id) {
        int n = Math.abs(id.hashCode());
        return "{\"leadId\":\"" + id + "\",\"firstName\":\"Grace\",\"lastName\":\"Hopper " + n
                + "\",\"workEmail\":\"" + id + "@bench.example\",\"companyName\":\"Company " + (n % 97)
                + "\",\"jobTitle\":\"Engineer\",\"city\":\"Arlington\",\"outreachScore\":" + (n % 100) + "}";
    }

    int send(String method, String url, String token, String json) {
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

    void frequency(String key, String connection, String frequency) throws Exception {
        HttpResponse<String> answer = node.api(key, "PATCH", "/api/admin/v1/connections/" + connection,
                "{\"frequency\":\"" + frequency + "\"}");
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("frequency " + frequency + ": " + answer.statusCode() + " "
                    + answer.body());
        }
    }

    void awaitCrm(String prefix, int count, Duration patience) throws InterruptedException {
        await(() -> node.salesforceRecords(prefix).size() >= count && node.hubspotRecords(prefix).size() >= count,
                patience);
    }

    static void parallel(int threads, int count, IntConsumer task) throws Exception {
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

    static void await(BooleanSupplier condition, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up after " + patience);
            }
            Thread.sleep(100);
        }
    }

    static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static long delta(Map<String, Long> before, Map<String, Long> after) {
        return delta(before, after, true).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Calls made between two snapshots of a sandbox's call log, by kind (faulted calls included). */
    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after, boolean byKind) {
        Map<String, Long> made = new LinkedHashMap<>();
        after.forEach((call, n) -> {
            long d = n - before.getOrDefault(call, 0L);
            if (d > 0) {
                made.put(call, d);
            }
        });
        return made;
    }

    static String describe(Map<String, Long> calls) {
        return calls.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getValue() + " " + e.getKey()).reduce((a, b) -> a + ", " + b).orElse("none");
    }

    static double perThousand(long calls, int leads) {
        return calls * 1000.0 / leads;
    }

    static String percentiles(long[] sorted) {
        if (sorted.length == 0) {
            return "no records";
        }
        return String.format(Locale.ROOT, "**%d / %d / %d ms** / %d ms (%d records)", at(sorted, 0.50),
                at(sorted, 0.95), at(sorted, 0.99), sorted[sorted.length - 1], sorted.length);
    }

    static long at(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static void say(String text) {
        System.out.println(DateTimeFormatter.ISO_LOCAL_TIME.format(java.time.LocalTime.now(ZoneOffset.UTC))
                .substring(0, 8) + " " + text);
    }
}
