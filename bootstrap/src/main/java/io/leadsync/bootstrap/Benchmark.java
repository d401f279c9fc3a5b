package io.leadsync.bootstrap;

import ch.qos.logback.classic.Level;
import io.leadsync.domain.workspace.Workspace;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static io.leadsync.bootstrap.BenchRun.say;
import static io.leadsync.bootstrap.BenchRun.seconds;

/**
 * {@code java -jar leadsync.jar bench [options]}: runs a LeadSync node in this JVM on a fresh embedded PostgreSQL,
 * against the Salesforce and HubSpot sandboxes (in this JVM too, every CRM call delayed by {@code --latency-ms}), and
 * measures what issues 8 and 15 ask: CRM calls per 1,000 leads, capture and delivery rates beside a naive per-lead
 * baseline, capture-to-CRM latency in REALTIME mode, the pull of CRM-side edits, one node with many connections, and
 * memory. One class per scenario; this one runs them in order and prints a Markdown report, written to {@code --out}
 * (default {@code docs/BENCHMARKS.md}) between the markers.
 *
 * <p>Only 127.0.0.1 is ever called. The sandboxes run in the same JVM as LeadSync, so CPU and heap figures include
 * them (an upper bound for LeadSync alone); PostgreSQL is a separate process, reported beside.
 */
final class Benchmark {
    static final String COMMAND = "bench";
    static final String BEGIN = "<!-- bench:begin (written by the bench command; text outside is kept) -->";
    static final String END = "<!-- bench:end -->";

    private final BenchRun run;
    private final String commandLine;

    private Benchmark(BenchOptions options, String commandLine) {
        this.run = new BenchRun(options);
        this.commandLine = commandLine;
    }

    static void run(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
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
        BenchOptions options = run.options;
        String machine = ProcessStats.machine();
        System.out.println("LeadSync benchmark: " + commandLine);
        System.out.println(machine);
        long started = System.nanoTime();
        if (options.phases().stream().anyMatch(phase -> !phase.equals("many"))) {
            run.node = BenchNode.start(options, "bench");
            try {
                say("setup: connecting Salesforce and HubSpot");
                Workspace ws = run.node.workspace("Bench");
                String key = run.node.key(ws);
                String sf = run.node.connectSalesforce(ws, key);
                String hs = run.node.connectHubSpot(ws, key);
                run.node.salesforce.dailyApiRequests(10_000_000);
                run.node.latency(options.latencyMs());

                if (options.runs("latency")) {
                    new RealtimeLatencyScenario(run).realtimeLatency(key, sf, hs);
                }
                if (options.runs("capture")) {
                    new ThroughputScenario(run).throughput(key, sf, hs);
                }
                if (options.runs("naive")) {
                    new NaiveBaselineScenario(run).naiveBaseline();
                }
                if (options.runs("pull")) {
                    new PullScenario(run).pull(key, sf, hs);
                }
                run.memory("phases 1-4 node");
            } finally {
                run.node.close();
            }
        }
        if (options.runs("many") && options.connections() > 0) {
            new ManyConnectionsScenario(run).manyConnections();
        }
        run.results.put("whole run", String.format(Locale.ROOT, "%.0f s", seconds(System.nanoTime() - started)));
        String report = report(machine);
        System.out.println();
        System.out.println(report);
        Path out = options.out();
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, merged(out, report));
        System.out.println("Written to " + out.toAbsolutePath());
    }

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
                .append(ProcessStats.statusLine("/proc/loadavg", "")).append("\n\n");
        text.append("### Setup\n\n");
        text.append("One LeadSync node in the benchmark's JVM (worker every ").append(run.options.workerInterval())
                .append(", default settings otherwise) on a fresh embedded PostgreSQL 17 (fsync on) in a temporary ")
                .append("LEADSYNC_HOME; the Salesforce and HubSpot sandboxes in the same JVM with ")
                .append(run.options.latencyMs()).append(" ms added to every CRM call; agents call the agent API over ")
                .append("real HTTP on 127.0.0.1. Both connections are made through the admin API (OAuth, ")
                .append("provisioning), default mappings.\n\n");
        text.append("### Results\n\n| measure | result |\n|---|---|\n");
        run.results.forEach((name, value) -> text.append("| ").append(name).append(" | ")
                .append(value.replace("|", "/")).append(" |\n"));
        if (!run.notes.isEmpty()) {
            text.append("\n### Notes from the run\n\n");
            run.notes.forEach(note -> text.append("- ").append(note).append('\n'));
        }
        return text.toString();
    }
}
