package io.leadsync.bootstrap;

import io.leadsync.application.port.in.administer.FirstUser;
import io.leadsync.application.port.in.administer.FirstWorkspaceKeys;
import io.leadsync.application.port.in.administer.IssuedApiKey;
import io.leadsync.application.port.in.administer.SetUpFirstUserCommand;
import io.leadsync.application.port.in.administer.SetUpFirstUserUseCase;
import io.leadsync.application.port.in.administer.SetUpFirstWorkspaceCommand;
import io.leadsync.application.port.in.administer.SetUpFirstWorkspaceUseCase;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.Optional;

/**
 * On the first start of an empty installation, creates a demo workspace with an agent key and an admin key and
 * prints them once on the console, labelled. The keys go to standard output only, never to a log, because log files
 * are kept and shipped.
 */
@Singleton
final class FirstStart implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(FirstStart.class);

    private final SetUpFirstWorkspaceUseCase setUpWorkspace;
    private final SetUpFirstUserUseCase setUpUser;
    private final FirstStartConfiguration configuration;
    private final PrintStream console;
    private final Optional<String> demoSalesforce;
    private final Optional<String> demoHubSpot;

    FirstStart(SetUpFirstWorkspaceUseCase setUpWorkspace, SetUpFirstUserUseCase setUpUser,
               FirstStartConfiguration configuration,
               @Nullable @Property(name = "leadsync.demo.salesforce-url") String demoSalesforceUrl,
               @Nullable @Property(name = "leadsync.demo.hubspot-url") String demoHubSpotUrl) {
        this.demoSalesforce = Optional.ofNullable(demoSalesforceUrl);
        this.demoHubSpot = Optional.ofNullable(demoHubSpotUrl);
        this.setUpWorkspace = setUpWorkspace;
        this.setUpUser = setUpUser;
        this.configuration = configuration;
        this.console = System.out;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (!configuration.enabled()) {
            return;
        }
        setUpWorkspace(event);
        // After the workspace, so an installation from before the admin UI (a workspace, no users) gets its owner too.
        setUpUser.setUp(new SetUpFirstUserCommand(configuration.ownerEmail(), configuration.ownerPassword()))
                .ifPresent(owner -> printOwner(owner, event.getSource().getURL().toString()));
    }

    private void printOwner(FirstUser owner, String base) {
        LOG.info("Created the admin UI's first user {}, owner of the first workspace", owner.email());
        console.println();
        console.println("  Admin UI: " + base + "/login");
        console.println("  Log in as " + owner.email() + (owner.generatedPassword() == null
                ? " with the configured password (leadsync.first-start.owner-password)."
                : " with this password, shown once (only its Argon2id hash is stored):"));
        if (owner.generatedPassword() != null) {
            console.println();
            console.println("      " + owner.generatedPassword());
        }
        console.println();
        console.flush();
    }

    private void setUpWorkspace(ServerStartupEvent event) {
        Optional<FirstWorkspaceKeys> issued = setUpWorkspace.setUp(new SetUpFirstWorkspaceCommand(
                configuration.workspaceName(), configuration.productName()));
        if (issued.isEmpty()) {
            LOG.info("LeadSync is ready at {}", event.getSource().getURL());
            demoSalesforce.ifPresent(url -> LOG.info("Demo Salesforce at {}: connect with POST /api/admin/v1/connections "
                    + "{{\"kind\":\"SALESFORCE\"}} and log in as admin@acme.example, password sandbox", url));
            demoHubSpot.ifPresent(url -> LOG.info("Demo HubSpot at {}: connect with POST /api/admin/v1/connections "
                    + "{{\"kind\":\"HUBSPOT\"}} and log in as admin@acme.example, password sandbox", url));
            return;
        }
        IssuedApiKey agent = issued.get().agent();
        IssuedApiKey admin = issued.get().admin();
        LOG.info("Created workspace {} with an agent key {}... and an admin key {}... (printed once on the console)",
                agent.key().workspaceId(), agent.key().prefix(), admin.key().prefix());
        String base = event.getSource().getURL().toString();
        console.println();
        console.println("  LeadSync is ready at " + base);
        console.println("  Created the workspace \"" + configuration.workspaceName() + "\" and its first API keys.");
        console.println("  They are shown once; only their hashes are stored.");
        console.println();
        console.println("  Agent key (scope agent: the agent API /api/v1 and the MCP server /mcp; give this to agents):");
        console.println("      " + agent.secret());
        console.println("  Admin key (scope admin: the admin API /api/admin/v1; keep it for administration):");
        console.println("      " + admin.secret());
        console.println();
        console.println("  Try:  curl -X POST " + base + "/api/v1/leads \\");
        console.println("          -H 'Authorization: Bearer " + agent.secret() + "' -H 'Content-Type: application/json' \\");
        console.println("          -d '{\"leadId\":\"lead-1\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\","
                + "\"workEmail\":\"ada@analytical.example\",\"companyName\":\"Analytical Engines\"}'");
        demoSalesforce.ifPresent(url -> printDemo("Salesforce (a sandbox org, \"Acme Corp\")", url, "SALESFORCE", base,
                admin.secret()));
        demoHubSpot.ifPresent(url -> printDemo("HubSpot (a sandbox portal, \"Acme HubSpot\")", url, "HUBSPOT", base,
                admin.secret()));
        console.println();
        console.flush();
    }

    private void printDemo(String what, String url, String kind, String base, String key) {
        console.println("  Demo " + what + " runs at " + url);
        console.println("  Connect it on " + base + "/app/integrations (log in as the owner below), or:");
        console.println("  curl -X POST " + base + "/api/admin/v1/connections \\");
        console.println("          -H 'Authorization: Bearer " + key + "' -H 'Content-Type: application/json' \\");
        console.println("          -d '{\"kind\":\"" + kind + "\"}'");
        console.println("  then open the authorizeUrl it answers and log in as admin@acme.example, password sandbox.");
        console.println();
    }
}
