package io.leadsync.bootstrap;

import io.leadsync.application.port.out.AuditLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every port and use case resolves to exactly one bean in the assembled application: each interface in the
 * application's {@code port.in} and {@code port.out} packages (and any package under them), found by reading the
 * application's classes rather than from a list that a new port would be missing from. A port the application uses
 * once per CRM (named below) must have exactly one bean per CRM kind, with both CRMs configured; everything else must
 * be one bean, so a use case nobody wired, or two beans fighting over one port, fails here rather than at the first
 * request that needs it.
 */
class WiringIT {
    private static final String PORTS = "io/leadsync/application/port/";
    /**
     * Ports with one adapter per CRM kind ({@code kind()}), which the services look up by the connection's kind; an
     * adapter exists only for a configured CRM, so the test configures both.
     */
    private static final Set<String> ONE_PER_CRM = Set.of(
            "io.leadsync.application.port.out.CrmLeadWriter",
            "io.leadsync.application.port.out.CrmBulkLeadWriter",
            "io.leadsync.application.port.out.CrmChangeReader",
            "io.leadsync.application.port.out.CrmAuthorization",
            "io.leadsync.application.port.out.CrmProvisioner",
            "io.leadsync.application.port.out.CrmActivityWriter",
            "io.leadsync.application.port.out.LeadEndpoint");

    @TempDir
    static Path home;
    private static RunningLeadSync leadSync;

    @BeforeAll
    static void start() {
        // Both CRMs configured (never called: nothing connects), so their adapters are wired as in production.
        leadSync = RunningLeadSync.start(home, Map.of(
                "leadsync.first-start.enabled", false,
                "leadsync.salesforce.client-id", "wiring-client",
                "leadsync.salesforce.client-secret", "wiring-secret",
                "leadsync.salesforce.redirect-uri", "http://localhost:9/oauth/callback",
                "leadsync.hubspot.client-id", "wiring-client",
                "leadsync.hubspot.client-secret", "wiring-secret",
                "leadsync.hubspot.redirect-uri", "http://localhost:9/oauth/callback"));
    }

    @AfterAll
    static void stop() {
        leadSync.close();
    }

    @Test
    void every_port_and_use_case_resolves_to_exactly_one_bean() {
        List<Class<?>> ports = ports();
        assertThat(ports).as("the application's ports, read from its classes").hasSizeGreaterThan(80);
        Map<String, Integer> wrong = new TreeMap<>();
        for (Class<?> port : ports) {
            java.util.Collection<?> beans = leadSync.context().getBeansOfType(port);
            if (ONE_PER_CRM.contains(port.getName())) {
                List<Object> kinds = beans.stream().map(bean -> kind(port, bean)).toList();
                if (beans.isEmpty() || Set.copyOf(kinds).size() != kinds.size()) {
                    wrong.put(port.getName() + " by kind " + kinds, beans.size());
                }
            } else if (beans.size() != 1) {
                wrong.put(port.getName(), beans.size());
            }
        }
        assertThat(wrong).as("ports without exactly one bean (name -> beans found)").isEmpty();
    }

    @Test
    void salesforce_and_hubspot_each_have_their_writer_reader_and_authorization() {
        for (Class<?> port : List.of(io.leadsync.application.port.out.CrmLeadWriter.class,
                io.leadsync.application.port.out.CrmChangeReader.class,
                io.leadsync.application.port.out.CrmAuthorization.class)) {
            assertThat(leadSync.context().getBeansOfType(port).stream().map(bean -> kind(port, bean)).toList())
                    .as(port.getSimpleName()).containsExactlyInAnyOrder(io.leadsync.domain.crm.CrmKind.SALESFORCE,
                            io.leadsync.domain.crm.CrmKind.HUBSPOT);
        }
    }

    /** The CRM kind an adapter serves, through its port's public {@code kind()} (adapters are package-private). */
    private static Object kind(Class<?> port, Object adapter) {
        try {
            return port.getMethod("kind").invoke(adapter);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(adapter.getClass() + " has no kind()", e);
        }
    }

    @Test
    void the_ports_named_as_one_per_crm_exist_so_the_exception_list_cannot_go_stale() {
        Set<String> found = Set.copyOf(ports().stream().map(Class::getName).toList());
        assertThat(ONE_PER_CRM).allSatisfy(name -> assertThat(found).as(name).contains(name));
    }

    /**
     * The top-level interfaces under {@code port}: sealed outcome types and annotations are not ports, nested types
     * belong to their port.
     */
    private static List<Class<?>> ports() {
        List<Class<?>> ports = new ArrayList<>();
        for (String entry : classFiles()) {
            if (!entry.startsWith(PORTS) || entry.contains("$") || entry.endsWith("package-info.class")) {
                continue;
            }
            String name = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
            Class<?> type;
            try {
                type = Class.forName(name, false, WiringIT.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(name, e);
            }
            if (type.isInterface() && !type.isAnnotation() && !type.isSealed()) {
                ports.add(type);
            }
        }
        return ports;
    }

    /** The application module's class files, from its classes directory or its jar, whichever the build put here. */
    private static List<String> classFiles() {
        try {
            Path location = Path.of(AuditLog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    return files.filter(file -> file.toString().endsWith(".class"))
                            .map(file -> location.relativize(file).toString().replace('\\', '/')).toList();
                }
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                return jar.stream().map(java.util.jar.JarEntry::getName).filter(name -> name.endsWith(".class"))
                        .toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
