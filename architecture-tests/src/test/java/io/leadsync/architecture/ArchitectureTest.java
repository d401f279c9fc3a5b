package io.leadsync.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** STYLE.md's architecture rules over LeadSync's production classes (every module, no tests). */
class ArchitectureTest {
    private static final JavaClasses LEADSYNC = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/io/leadsync/canary/"))
            .importPackages("io.leadsync");
    private final HexagonalRules rules = new HexagonalRules("io.leadsync");

    @Test
    void domain_depends_only_on_java_and_itself() {
        rules.domainIsPlainJava().check(LEADSYNC);
    }

    @Test
    void application_depends_only_on_domain_java_and_slf4j() {
        rules.applicationDependsOnDomainOnly().check(LEADSYNC);
    }

    @Test
    void inbound_and_outbound_ports_do_not_know_each_other() {
        rules.inboundPortsDoNotUseOutboundPorts().check(LEADSYNC);
        rules.outboundPortsDoNotUseInboundPorts().check(LEADSYNC);
    }

    @Test
    void only_bootstrap_depends_on_services() {
        rules.onlyBootstrapUsesServices().check(LEADSYNC);
    }

    /**
     * A use case only the wiring knows is dead code that newcomers read as the way in (issue 15): every one has a
     * caller outside the application (an adapter, or bootstrap's worker and commands), bean factories not counting.
     */
    @Test
    void every_use_case_is_called_from_outside_the_application() {
        Set<String> called = LEADSYNC.stream()
                .filter(c -> !c.getPackageName().startsWith("io.leadsync.application"))
                .filter(c -> !c.isAnnotatedWith("io.micronaut.context.annotation.Factory"))
                .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
                .map(d -> d.getTargetClass().getName()).collect(Collectors.toSet());
        // Known and named: only a test fixture's way to add a member with a password (the UI invites): remove it or
        // give it an admin endpoint.
        Set<String> known = Set.of("AddMemberUseCase");
        List<String> uncalled = LEADSYNC.stream()
                .filter(c -> c.getPackageName().startsWith("io.leadsync.application.port.in") && c.isInterface())
                .filter(c -> c.getSimpleName().endsWith("UseCase") && !known.contains(c.getSimpleName()))
                .filter(c -> !called.contains(c.getName())).map(c -> c.getSimpleName()).sorted().toList();
        assertThat(uncalled).as("use cases no adapter calls").isEmpty();
    }

    @Test
    void adapters_do_not_depend_on_each_other_and_only_bootstrap_depends_on_them() {
        rules.adaptersAreIndependent().check(LEADSYNC);
        rules.crmAdaptersAreIndependent().check(LEADSYNC);
        rules.onlyBootstrapUsesAdapters().check(LEADSYNC);
    }

    @Test
    void the_mcp_tools_reach_the_core_only_through_the_use_cases_the_agent_rest_api_calls() {
        rules.mcpAdapterReachesTheCoreOnlyThroughUseCases().check(LEADSYNC);
        Set<String> shared = Set.of("PerformLeadActionUseCase", "LogActivityUseCase", "GetLeadUseCase",
                "ListLeadsUseCase", "IdempotencyUseCase", "AuthenticateAgentUseCase");
        // Both inbound adapters call each of these: the agent actions have one implementation, behind the use cases.
        assertThat(useCasesUsedBy("io.leadsync.adapters.in.mcp")).containsAll(shared);
        assertThat(useCasesUsedBy("io.leadsync.adapters.in.http.agent")).containsAll(shared);
    }

    private static Set<String> useCasesUsedBy(String adapterPackage) {
        return LEADSYNC.stream().filter(c -> c.getPackageName().startsWith(adapterPackage))
                .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
                .map(d -> d.getTargetClass())
                .filter(target -> target.getPackageName().startsWith("io.leadsync.application.port.in"))
                .map(target -> target.getSimpleName()).filter(name -> name.endsWith("UseCase"))
                .collect(Collectors.toSet());
    }

    @Test
    void frameworks_appear_only_in_adapters_and_bootstrap() {
        rules.frameworksOnlyAtTheEdge().check(LEADSYNC);
    }

    @Test
    void packages_are_free_of_cycles() {
        rules.noPackageCycles().check(LEADSYNC);
    }

    /** Issue 15: a class that grows past 300 lines is split along its seams (STYLE.md), not left to grow. */
    @Test
    void no_application_class_is_over_300_lines() {
        Path application = Path.of("..", "application", "src", "main", "java").toAbsolutePath().normalize();
        assertThat(application).as("the application's sources").isDirectory();
        rules.applicationClassesAreAtMost(300, List.of(application)).check(LEADSYNC);
    }

    @Test
    void inbound_port_interfaces_end_in_use_case() {
        rules.inboundPortInterfacesAreUseCases().check(LEADSYNC);
    }

    @Test
    void every_production_package_says_what_lives_there_in_a_package_info() throws IOException {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        List<Path> sourceRoots;
        try (Stream<Path> paths = Files.find(repository, 6,
                (path, attributes) -> attributes.isDirectory() && path.endsWith(Path.of("src", "main", "java"))
                        && !path.toString().contains("/target/"))) {
            sourceRoots = paths.toList();
        }
        assertThat(sourceRoots).as("source roots found").isNotEmpty();
        for (Path root : sourceRoots) {
            try (Stream<Path> directories = Files.walk(root).filter(Files::isDirectory)) {
                for (Path directory : directories.toList()) {
                    boolean hasJava;
                    try (Stream<Path> files = Files.list(directory)) {
                        hasJava = files.anyMatch(file -> file.toString().endsWith(".java"));
                    }
                    if (hasJava) {
                        assertThat(directory.resolve("package-info.java"))
                                .as("package-info.java in %s", repository.relativize(directory)).exists();
                    }
                }
            }
        }
    }
}
