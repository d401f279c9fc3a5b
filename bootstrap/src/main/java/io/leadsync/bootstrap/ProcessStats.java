package io.leadsync.bootstrap;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What the benchmark reads of its own process, of PostgreSQL's and of the machine, from the JVM and /proc. */
final class ProcessStats {
    private ProcessStats() {
    }

    static long heapUsedMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * The postmaster (named in its pid file: pg_ctl starts it detached, so it is no child of this JVM) and its
     * backends.
     */
    static List<Long> postgresPids(Path home) {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(home.resolve("postgres/postmaster.pid")).get(0)
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
    static long postgresCpuTicks(Path home) {
        long ticks = 0;
        for (long pid : postgresPids(home)) {
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

    static long postgresRssKb(Path home) {
        return postgresPids(home).stream().mapToLong(pid -> rssKb(Long.toString(pid))).sum();
    }

    static long rssKb(String pid) {
        return statusField(pid, "VmRSS:");
    }

    static long peakRssKb() {
        return statusField("self", "VmHWM:");
    }

    static long statusField(String pid, String name) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/" + pid + "/status"))) {
            return lines.filter(line -> line.startsWith(name))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static String machine() {
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

    static String statusLine(String file, String prefix) {
        try (Stream<String> lines = Files.lines(Path.of(file))) {
            return lines.filter(line -> line.startsWith(prefix)).findFirst()
                    .map(line -> line.substring(prefix.length()).replaceFirst("^\\s*:?\\s*", "").trim()).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
