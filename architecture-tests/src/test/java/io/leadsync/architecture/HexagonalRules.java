package io.leadsync.architecture;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules of STYLE.md, written against a root package so the same rule can be run over LeadSync
 * ({@code io.leadsync}) and over the canary's known-bad classes ({@code io.leadsync.canary}).
 */
final class HexagonalRules {
    private final String root;

    HexagonalRules(String root) {
        this.root = root;
    }

    private String pkg(String relative) {
        return root + "." + relative;
    }

    /** 1. The domain is plain Java: it depends on java.* and itself only. */
    ArchRule domainIsPlainJava() {
        return classes().that().resideInAPackage(pkg("domain.."))
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", pkg("domain.."))
                .as("domain depends only on java.. and itself");
    }

    /** 2. The application depends on the domain, itself, java.* and SLF4J only. */
    ArchRule applicationDependsOnDomainOnly() {
        return classes().that().resideInAPackage(pkg("application.."))
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.slf4j..", pkg("domain.."), pkg("application.."))
                .as("application depends only on domain, itself, java.. and org.slf4j..");
    }

    /** 3a. Inbound ports do not know outbound ports. */
    ArchRule inboundPortsDoNotUseOutboundPorts() {
        return noClasses().that().resideInAPackage(pkg("application.port.in.."))
                .should().dependOnClassesThat().resideInAPackage(pkg("application.port.out.."))
                .as("port.in does not depend on port.out");
    }

    /** 3b. Outbound ports do not know inbound ports. */
    ArchRule outboundPortsDoNotUseInboundPorts() {
        return noClasses().that().resideInAPackage(pkg("application.port.out.."))
                .should().dependOnClassesThat().resideInAPackage(pkg("application.port.in.."))
                .as("port.out does not depend on port.in");
    }

    /** 3c. Callers use the use case interfaces; only bootstrap knows which service implements them. */
    ArchRule onlyBootstrapUsesServices() {
        return noClasses().that().resideOutsideOfPackages(pkg("application.service.."), pkg("bootstrap.."))
                .and().resideInAPackage(root + "..")
                .should().dependOnClassesThat().resideInAPackage(pkg("application.service.."))
                .as("only bootstrap depends on application.service");
    }

    /** 4a. Adapters do not depend on each other. */
    ArchRule adaptersAreIndependent() {
        return slices().matching(root + ".adapters.(*).(*)..").namingSlices("adapter $1.$2")
                .should().notDependOnEachOther()
                .as("adapters do not depend on each other");
    }

    /** 4a'. The CRM adapters (Salesforce, HubSpot, webhooks) share a package level but not each other's classes. */
    ArchRule crmAdaptersAreIndependent() {
        return slices().matching(root + ".adapters.out.crm.(*)..").namingSlices("CRM adapter $1")
                .should().notDependOnEachOther()
                .as("CRM adapters do not depend on each other");
    }

    /**
     * 4c. The MCP adapter reaches the core only through the inbound ports (use cases and their commands and queries)
     * and the domain types they speak: no outbound port, no service, no other adapter, so no tool can be a second
     * implementation of an agent action (issue 17).
     */
    ArchRule mcpAdapterReachesTheCoreOnlyThroughUseCases() {
        return classes().that().resideInAPackage(pkg("adapters.in.mcp.."))
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.modelcontextprotocol..",
                        "io.micronaut..", "jakarta..", "reactor..", "org.reactivestreams..", "org.slf4j..",
                        pkg("domain.."), pkg("application.port.in.."), pkg("adapters.in.mcp.."))
                .as("the MCP adapter reaches the core only through port.in use cases");
    }

    /** 4b. Only bootstrap depends on adapters. */
    ArchRule onlyBootstrapUsesAdapters() {
        return noClasses().that().resideInAnyPackage(pkg("domain.."), pkg("application.."))
                .should().dependOnClassesThat().resideInAPackage(pkg("adapters.."))
                .as("only bootstrap depends on adapters");
    }

    /** 5. Frameworks stay at the edge: Micronaut, Jakarta and Jackson appear only in adapters and bootstrap. */
    ArchRule frameworksOnlyAtTheEdge() {
        return noClasses().that().resideInAnyPackage(pkg("domain.."), pkg("application.."))
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "jakarta..", "com.fasterxml..")
                .as("io.micronaut.., jakarta.., com.fasterxml.. appear only in adapters and bootstrap");
    }

    /** 6a. No package cycles. */
    ArchRule noPackageCycles() {
        // No exception: the CRM-call wrapper every capability uses (session, token refresh, budget, outcome) lives in
        // application.service.crmcall, which depends on no other service package.
        return slices().matching(root + ".(**)").should().beFreeOfCycles()
                .as("no package cycles");
    }

    /** 6b. Inbound port interfaces are named for the use case. */
    ArchRule inboundPortInterfacesAreUseCases() {
        // A sealed interface in port.in is an outcome (a closed set of answer records, as STYLE.md's "outcomes are
        // sealed interfaces of records"), not a use case, so it keeps its business name.
        return classes().that().resideInAPackage(pkg("application.port.in..")).and().areInterfaces()
                .and().doNotHaveSimpleName("package-info")
                .and(com.tngtech.archunit.base.DescribedPredicate.describe("are not sealed outcomes",
                        (com.tngtech.archunit.core.domain.JavaClass type) -> !type.reflect().isSealed()))
                .should().haveSimpleNameEndingWith("UseCase")
                .as("port.in interfaces end in UseCase");
    }

    /**
     * 7. No application class over {@code maxLines} lines (issue 15). ArchUnit sees bytecode, not lines, so the rule
     * reads the class's own .java file (its source file name from the bytecode) under the given source roots; a class
     * whose file is not found fails too, so the rule cannot pass by looking nowhere.
     */
    ArchRule applicationClassesAreAtMost(int maxLines, java.util.List<java.nio.file.Path> sourceRoots) {
        return classes().that().resideInAPackage(pkg("application..")).and().areTopLevelClasses()
                .and().doNotHaveSimpleName("package-info")
                .should(new com.tngtech.archunit.lang.ArchCondition<com.tngtech.archunit.core.domain.JavaClass>(
                        "have a source file of at most " + maxLines + " lines") {
                    @Override
                    public void check(com.tngtech.archunit.core.domain.JavaClass type,
                                      com.tngtech.archunit.lang.ConditionEvents events) {
                        String relative = type.getPackageName().replace('.', '/') + "/"
                                + type.getSourceCodeLocation().getSourceFileName();
                        java.util.Optional<java.nio.file.Path> file = sourceRoots.stream()
                                .map(root -> root.resolve(relative)).filter(java.nio.file.Files::isRegularFile)
                                .findFirst();
                        if (file.isEmpty()) {
                            events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(type,
                                    type.getName() + ": no source file " + relative + " under " + sourceRoots));
                            return;
                        }
                        long lines;
                        try (java.util.stream.Stream<String> text = java.nio.file.Files.lines(file.get())) {
                            lines = text.count();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        events.add(new com.tngtech.archunit.lang.SimpleConditionEvent(type, lines <= maxLines,
                                type.getName() + " has " + lines + " lines (at most " + maxLines + ")"));
                    }
                })
                .as("application classes are at most " + maxLines + " lines");
    }
}
