package io.leadsync.bootstrap;

import io.leadsync.application.port.in.administer.IssueApiKeyCommand;
import io.leadsync.application.port.in.administer.IssueApiKeyUseCase;
import io.leadsync.application.port.in.administer.IssuedApiKey;
import io.leadsync.domain.workspace.ApiKeyScope;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.domain.workspace.Workspace;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Starts LeadSync: the database first (embedded unless one is configured), then the Micronaut application. */
public final class LeadSyncApplication {
    private static final Logger LOG = LoggerFactory.getLogger(LeadSyncApplication.class);

    /** The command that issues a new API key for the first workspace, for a user who lost the first-start key. */
    static final String NEW_API_KEY = "new-api-key";
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

    private LeadSyncApplication() {
    }

    private static void issueKey(Map<String, Object> properties, EmbeddedDatabase embedded, ApiKeyScope scope,
                                 String name) {
        properties.put("leadsync.first-start.enabled", false);
        try (ApplicationContext context = ApplicationContext.builder().properties(properties).start()) {
            Optional<Workspace> workspace = context.getBean(WorkspaceRepository.class).all().stream().findFirst();
            if (workspace.isEmpty()) {
                System.out.println("There is no workspace yet: start LeadSync once and it creates one with a key.");
                return;
            }
            IssuedApiKey key = context.getBean(IssueApiKeyUseCase.class)
                    .issue(new IssueApiKeyCommand(workspace.get().id(), name, scope));
            System.out.println("New " + scope.apiName() + " API key \"" + name + "\" for the workspace \""
                    + workspace.get().name() + "\" (shown once; only its hash is stored):");
            System.out.println();
            System.out.println("    " + key.secret());
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(Benchmark.COMMAND)) {
            // The benchmark brings its own throw-away database, sandboxes and node; LEADSYNC_* settings do not apply.
            Benchmark.run(args);
            System.exit(0);
        }
        DatabaseSettings settings = DatabaseSettings.from(System.getenv());
        Map<String, Object> properties = new HashMap<>();
        EmbeddedDatabase embedded = null;
        if (settings.embedded()) {
            // Stopped by this process's shutdown hook below, once the context has drained.
            embedded = EmbeddedDatabase.startPersistent(settings.embeddedDataDirectory(), false);
            properties.putAll(embedded.datasourceProperties());
            // The single-node demo may generate its own master key beside its data; a configured key wins.
            properties.put("leadsync.crypto.demo-key-file", settings.home().resolve("master.key").toString());
        } else {
            LOG.info("Using the PostgreSQL database at {}", settings.url().orElseThrow());
            properties.put("datasources.default.url", settings.url().orElseThrow());
            properties.put("datasources.default.username", settings.user());
            properties.put("datasources.default.password", settings.password());
        }
        if (args.length > 0 && args[0].equals(WorkspaceCommands.COMMAND)) {
            properties.put("leadsync.first-start.enabled", false);
            String publicUrl = System.getenv().getOrDefault("LEADSYNC_PUBLIC_URL", "http://localhost:"
                    + System.getenv().getOrDefault("LEADSYNC_PORT", "8080"));
            int exit;
            try (ApplicationContext context = ApplicationContext.builder().properties(properties).start()) {
                exit = WorkspaceCommands.run(context, java.util.Arrays.asList(args).subList(1, args.length),
                        publicUrl, System.out);
            } finally {
                if (embedded != null) {
                    embedded.close();
                }
            }
            // A one-shot command, as new-api-key.
            System.exit(exit);
        }
        if (args.length > 0 && args[0].equals(NEW_API_KEY)) {
            Optional<ApiKeyScope> scope = args.length > 1 ? ApiKeyScope.byApiName(args[1]) : Optional.empty();
            if (scope.isEmpty()) {
                // Before scopes the command took only a name; a key's power must now be chosen, never assumed.
                System.out.println("Usage: " + NEW_API_KEY + " agent|admin [name]   (agent: the agent API and MCP; "
                        + "admin: the admin API)");
                if (embedded != null) {
                    embedded.close();
                }
                System.exit(2);
            }
            issueKey(properties, embedded, scope.get(), args.length > 2 ? args[2] : "cli " + scope.get().apiName()
                    + " key");
            // A one-shot command: do not wait for framework threads that outlive the closed context.
            System.exit(0);
        }
        Optional<DemoSandboxes> demo = DemoSandboxes.startForUnconfigured(System.getenv());
        int port = Integer.parseInt(System.getenv().getOrDefault("LEADSYNC_PORT", "8080"));
        demo.ifPresent(sandboxes -> properties.putAll(sandboxes.properties(port)));
        ApplicationContext context;
        try {
            context = Micronaut.build(args).mainClass(LeadSyncApplication.class).properties(properties).start();
        } catch (RuntimeException e) {
            demo.ifPresent(DemoSandboxes::close);
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
        if (embedded == null && demo.isEmpty()) {
            return;
        }
        EmbeddedDatabase database = embedded;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Micronaut's own shutdown hook stops the server and the context; stopping the context here as well
            // deadlocks with it. Wait for it instead, so in-flight work commits or rolls back before the database
            // goes away.
            long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
            while (context.isRunning() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            demo.ifPresent(DemoSandboxes::close);
            if (database != null) {
                database.close();
            }
        }, "leadsync-shutdown"));
    }
}
