package io.leadsync.bootstrap;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bench command's options, each with the full-size default of issue 8 and issue 15.
 *
 * @param realtimeWarmUpSeconds how long the latency phase first captures at its rate, reported apart: the node's
 *                              first seconds after start run cold code
 * @param phases the scenarios to run, all by default; {@code capture} alone captures through the agent API and stops
 *               (what a profile of the capture path needs)
 */
record BenchOptions(int leads, int clients, int latencyMs, int realtimeRate, int realtimeSeconds,
                    int realtimeWarmUpSeconds, int pullEdits,
                    int connections, int cycleSeconds, String workerInterval, Path out, boolean naive,
                    int naiveLeads, Set<String> phases) {
    static final List<String> PHASES = List.of("latency", "capture", "backlog", "naive", "pull", "many");

    static BenchOptions parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg + "\n" + usage());
            }
            String[] pair = arg.substring(2).split("=", 2);
            given.put(pair[0], pair.length == 2 ? pair[1] : "true");
        }
        Set<String> phases = new LinkedHashSet<>(List.of(given.getOrDefault("phases", String.join(",", PHASES))
                .split(",")));
        if (!PHASES.containsAll(phases)) {
            throw new IllegalArgumentException("--phases takes some of " + PHASES + "\n" + usage());
        }
        if (given.containsKey("no-naive")) {
            phases.remove("naive");
        }
        if (given.getOrDefault("connections", "1000").equals("0")) {
            phases.remove("many");
        }
        // The backlog is what the capture left; the naive tool is compared with the backlog, the pull edits it.
        if ((phases.contains("backlog") || phases.contains("pull")) && !phases.contains("capture")) {
            throw new IllegalArgumentException("--phases: backlog and pull need capture\n" + usage());
        }
        if (phases.contains("naive") && !phases.contains("backlog")) {
            throw new IllegalArgumentException("--phases: naive needs backlog\n" + usage());
        }
        BenchOptions options = new BenchOptions(
                Integer.parseInt(given.getOrDefault("leads", "10000")),
                Integer.parseInt(given.getOrDefault("clients", "4")),
                Integer.parseInt(given.getOrDefault("latency-ms", "50")),
                Integer.parseInt(given.getOrDefault("realtime-rate", "100")),
                Integer.parseInt(given.getOrDefault("realtime-seconds", "30")),
                Integer.parseInt(given.getOrDefault("realtime-warm-up-seconds", "5")),
                Integer.parseInt(given.getOrDefault("pull-edits", given.getOrDefault("leads", "10000"))),
                Integer.parseInt(given.getOrDefault("connections", "1000")),
                Integer.parseInt(given.getOrDefault("cycle-seconds", "300")),
                given.getOrDefault("worker-interval", "1s"),
                Path.of(given.getOrDefault("out", "docs/BENCHMARKS.md")),
                phases.contains("naive"),
                Integer.parseInt(given.getOrDefault("naive-leads", given.getOrDefault("leads", "10000"))),
                Set.copyOf(phases));
        List<String> known = List.of("leads", "clients", "latency-ms", "realtime-rate", "realtime-seconds",
                "realtime-warm-up-seconds",                "pull-edits", "connections", "cycle-seconds", "worker-interval", "out", "no-naive", "naive-leads",
                "phases");
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

    boolean runs(String phase) {
        return phases.contains(phase);
    }

    static String usage() {
        return """
                usage: java -jar leadsync.jar bench [--leads=10000] [--clients=4] [--latency-ms=50]
                       [--realtime-rate=100] [--realtime-seconds=30] [--realtime-warm-up-seconds=5]
                       [--pull-edits=<leads>] [--connections=1000]
                       [--cycle-seconds=300] [--worker-interval=1s] [--no-naive] [--naive-leads=<leads>]
                       [--phases=latency,capture,backlog,naive,pull,many] [--out=docs/BENCHMARKS.md]
                (--connections=0 skips the many-connections node; --phases=capture only captures, for a profile)""";
    }
}
