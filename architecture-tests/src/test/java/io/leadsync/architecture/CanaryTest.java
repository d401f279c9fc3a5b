package io.leadsync.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Proves the rules can fail: the same rules, run over known-bad classes under {@code io.leadsync.canary}, must
 * report them. A rule that passes here has stopped checking anything.
 */
class CanaryTest {
    private static final JavaClasses CANARY = new ClassFileImporter().importPackages("io.leadsync.canary");
    private final HexagonalRules rules = new HexagonalRules("io.leadsync.canary");

    @Test
    void a_domain_class_using_a_framework_is_caught() {
        assertThatThrownBy(() -> rules.domainIsPlainJava().check(CANARY))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("FrameworkInTheDomain");
        assertThatThrownBy(() -> rules.frameworksOnlyAtTheEdge().check(CANARY))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("io.micronaut");
    }

    @Test
    void an_inbound_port_not_named_as_a_use_case_is_caught() {
        assertThatThrownBy(() -> rules.inboundPortInterfacesAreUseCases().check(CANARY))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LeadThing");
    }

    @Test
    void an_adapter_using_another_adapter_is_caught() {
        assertThatThrownBy(() -> rules.adaptersAreIndependent().check(CANARY))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ControllerReachingIntoPersistence");
    }

    @Test
    void a_crm_adapter_using_another_crm_adapter_is_caught() {
        assertThatThrownBy(() -> rules.crmAdaptersAreIndependent().check(CANARY))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("WebhookBorrowingSalesforce");
    }

    @Test
    void the_domain_depending_on_an_adapter_is_caught() {
        assertThatThrownBy(() -> rules.onlyBootstrapUsesAdapters().check(CANARY))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("FrameworkInTheDomain");
    }

    @Test
    void an_mcp_tool_reaching_past_the_use_cases_is_caught() {
        assertThatThrownBy(() -> rules.mcpAdapterReachesTheCoreOnlyThroughUseCases().check(CANARY))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ToolWritingPastTheUseCase");
    }

    @Test
    void an_application_class_over_the_line_limit_is_caught() {
        // The canary's application classes are a few lines long: a limit of 3 lines must name one of them.
        java.nio.file.Path canarySources = java.nio.file.Path.of("src", "test", "java").toAbsolutePath();
        assertThatThrownBy(() -> rules.applicationClassesAreAtMost(3, java.util.List.of(canarySources)).check(CANARY))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LeadThing has");
        // Where no source is found the rule fails rather than passing unseen.
        assertThatThrownBy(() -> rules.applicationClassesAreAtMost(1_000,
                java.util.List.of(canarySources.resolve("nowhere"))).check(CANARY))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no source file");
    }
}
