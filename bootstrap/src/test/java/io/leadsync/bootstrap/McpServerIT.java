package io.leadsync.bootstrap;

import io.leadsync.application.port.in.administer.IssueApiKeyCommand;
import io.leadsync.application.port.in.administer.IssueApiKeyUseCase;
import io.leadsync.application.port.in.administer.ReadAuditUseCase;
import io.leadsync.domain.workspace.ApiKeyScope;
import io.leadsync.sandbox.hubspot.HubSpotBrowser;
import io.leadsync.sandbox.hubspot.HubSpotSandbox;
import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import io.leadsync.sandbox.salesforce.SandboxBrowser;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An agent drives LeadSync's MCP server with the official MCP Java SDK client over Streamable HTTP, against a workspace
 * connected to the Salesforce and HubSpot sandboxes: initialize, list the tools, call each one; a captured lead reaches
 * both CRMs and an activity lands on its record; a dry run writes nothing; bad arguments are tool errors naming each
 * field; a wrong or admin-only key is refused before any tool runs.
 */
class McpServerIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path home;

    private static SalesforceSandbox salesforce;
    private static HubSpotSandbox hubspot;
    private static RunningLeadSync leadSync;
    private static AdminApi api;
    private static String adminKey;
    private static String agentKey;

    @BeforeAll
    static void start() throws Exception {
        salesforce = SalesforceSandbox.start(0);
        hubspot = HubSpotSandbox.start(0);
        leadSync = RunningLeadSync.start(home, Map.ofEntries(
                Map.entry("leadsync.first-start.enabled", false),
                Map.entry("leadsync.sync.worker.enabled", true),
                Map.entry("leadsync.sync.worker.interval", "100ms"),
                Map.entry("leadsync.salesforce.client-id", SalesforceSandbox.CLIENT_ID),
                Map.entry("leadsync.salesforce.client-secret", SalesforceSandbox.CLIENT_SECRET),
                Map.entry("leadsync.salesforce.login-url", salesforce.baseUrl()),
                Map.entry("leadsync.salesforce.redirect-uri", "http://localhost:9/oauth/callback"),
                Map.entry("leadsync.hubspot.client-id", HubSpotSandbox.CLIENT_ID),
                Map.entry("leadsync.hubspot.client-secret", HubSpotSandbox.CLIENT_SECRET),
                Map.entry("leadsync.hubspot.api-url", hubspot.baseUrl()),
                Map.entry("leadsync.hubspot.authorize-url", hubspot.baseUrl() + "/oauth/authorize"),
                Map.entry("leadsync.hubspot.redirect-uri", "http://localhost:9/oauth/callback")));
        api = new AdminApi(leadSync);
        adminKey = api.workspaceKey("Acme");
        agentKey = leadSync.context().getBean(IssueApiKeyUseCase.class).issue(new IssueApiKeyCommand(
                api.workspaceOf(adminKey), "SDR agent", ApiKeyScope.AGENT)).secret();
        connect("SALESFORCE");
        connect("HUBSPOT");
    }

    @AfterAll
    static void stop() {
        leadSync.close();
        salesforce.close();
        hubspot.close();
    }

    @Test
    void an_agent_initializes_lists_the_tools_and_captures_a_lead_that_reaches_both_crms_with_its_activity()
            throws Exception {
        try (McpSyncClient client = client(agentKey)) {
            McpSchema.InitializeResult init = client.initialize();
            assertThat(init.serverInfo().name()).isEqualTo("LeadSync");
            assertThat(init.capabilities().tools()).isNotNull();

            List<McpSchema.Tool> tools = client.listTools().tools();
            assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyInAnyOrder("capture_lead",
                    "update_lead", "change_lead_status", "log_activity", "get_lead", "find_leads",
                    "list_crm_connections", "capture_leads");
            McpSchema.Tool capture = tools.stream().filter(t -> t.name().equals("capture_lead")).findFirst()
                    .orElseThrow();
            assertThat(capture.description()).contains("leadId", "dryRun");
            assertThat(capture.inputSchema()).containsEntry("type", "object");
            assertThat(properties(capture)).containsKeys("leadId", "lastName", "workEmail", "targets", "dryRun",
                    "idempotencyKey");

            CallToolResult connections = call(client, "list_crm_connections", Map.of());
            assertThat(connections.isError()).isFalse();
            assertThat(text(connections)).contains("\"kind\":\"SALESFORCE\"", "\"kind\":\"HUBSPOT\"",
                    "\"canBeTarget\":true", "\"routing\"");

            // Targets named by CRM kind, as a model would.
            CallToolResult captured = call(client, "capture_lead", Map.of("leadId", "mcp-ada", "firstName", "Ada",
                    "lastName", "Lovelace", "workEmail", "ada@analytical.example", "companyName",
                    "Analytical Engines", "agentId", "agent-7", "outreachScore", 72,
                    "targets", List.of("SALESFORCE", "HUBSPOT"), "idempotencyKey", "capture-ada-1"));
            assertThat(captured.isError()).as(text(captured)).isFalse();
            assertThat(text(captured)).contains("\"created\":true", "\"trackingId\"", "\"routedBy\":\"REQUEST\"",
                    "\"status\":\"QUEUED\"");
            Map<?, ?> structured = (Map<?, ?>) captured.structuredContent();
            assertThat((List<?>) structured.get("targets")).hasSize(2);

            // The same key again: the first answer, nothing written twice.
            CallToolResult replayed = call(client, "capture_lead", Map.of("leadId", "mcp-ada", "firstName", "Ada",
                    "lastName", "Lovelace", "workEmail", "ada@analytical.example", "companyName",
                    "Analytical Engines", "agentId", "agent-7", "outreachScore", 72,
                    "targets", List.of("SALESFORCE", "HUBSPOT"), "idempotencyKey", "capture-ada-1"));
            assertThat(text(replayed)).contains("\"idempotentReplayed\":true",
                    "\"trackingId\":\"" + structured.get("trackingId") + "\"");

            await(() -> !salesforceLead("mcp-ada").isEmpty() && hubspotContactId("mcp-ada") != null);
            assertThat(salesforceLead("mcp-ada")).containsEntry("Email", "ada@analytical.example")
                    .containsEntry("Company", "Analytical Engines");

            CallToolResult updated = call(client, "update_lead", Map.of("leadId", "mcp-ada", "jobTitle",
                    "Chief Analyst"));
            assertThat(updated.isError()).as(text(updated)).isFalse();
            assertThat(text(updated)).contains("\"changedFields\":[\"jobTitle\"]");
            CallToolResult moved = call(client, "change_lead_status", Map.of("leadId", "mcp-ada", "status",
                    "CONTACTED"));
            assertThat(moved.isError()).as(text(moved)).isFalse();
            assertThat(text(moved)).contains("\"status\":\"CONTACTED\"");

            CallToolResult logged = call(client, "log_activity", Map.of("leadId", "mcp-ada", "type", "EMAIL",
                    "subject", "Intro to Analytical Engines", "body", "Hi Ada, shall we talk engines?",
                    "occurredAt", "2026-12-01T10:15:00Z"));
            assertThat(logged.isError()).as(text(logged)).isFalse();
            assertThat(text(logged)).contains("\"state\":\"PENDING\"");

            await(() -> salesforce.records("Task").stream()
                    .anyMatch(task -> "Intro to Analytical Engines".equals(task.get("Subject")))
                    && !hubspot.notes().isEmpty()
                    && "Chief Analyst".equals(salesforceLead("mcp-ada").get("Title")));
            Map<String, Object> task = salesforce.records("Task").stream()
                    .filter(t -> "Intro to Analytical Engines".equals(t.get("Subject"))).findFirst().orElseThrow();
            assertThat(task).containsEntry("WhoId", salesforceLead("mcp-ada").get("Id"));
            assertThat(hubspot.notes().get(0).get("contactIds")).asList()
                    .containsExactly(Long.parseLong(hubspotContactId("mcp-ada")));

            CallToolResult read = call(client, "get_lead", Map.of("leadId", "mcp-ada"));
            assertThat(read.isError()).isFalse();
            assertThat(text(read)).contains("\"jobTitle\":\"Chief Analyst\"", "\"state\":\"DELIVERED\"",
                    "\"crmRecordId\":\"" + salesforceLead("mcp-ada").get("Id") + "\"");

            CallToolResult found = call(client, "find_leads", Map.of("text", "analytical"));
            assertThat(text(found)).contains("\"leadId\":\"mcp-ada\"", "\"total\":1");
            CallToolResult byAgent = call(client, "find_leads", Map.of("agentId", "agent-7", "status", "CONTACTED",
                    "size", 10));
            assertThat(text(byAgent)).contains("\"leadId\":\"mcp-ada\"");
        }
        // Each write is on the lead's History, with the agent and the channel.
        List<ReadAuditUseCase.Entry> history = leadSync.context().getBean(ReadAuditUseCase.class).read(
                new ReadAuditUseCase.Query(api.workspaceOf(adminKey), Optional.empty(), Optional.of("mcp-ada"),
                        Optional.empty(), Optional.empty(), Optional.of("mcp."), 100));
        assertThat(history).extracting(ReadAuditUseCase.Entry::action).contains("mcp.capture_lead",
                "mcp.update_lead", "mcp.change_lead_status", "mcp.log_activity");
        assertThat(history).filteredOn(entry -> entry.action().equals("mcp.capture_lead")).singleElement()
                .satisfies(entry -> assertThat(entry.detail()).contains("agent agent-7", "created"));
    }

    @Test
    void a_dry_run_answers_what_each_crm_would_get_and_writes_nothing() throws Exception {
        try (McpSyncClient client = client(agentKey)) {
            client.initialize();

            CallToolResult preview = call(client, "capture_lead", Map.of("leadId", "mcp-dry", "lastName", "Byron",
                    "workEmail", "byron@dry.example", "companyName", "Byron", "dryRun", true));

            assertThat(preview.isError()).as(text(preview)).isFalse();
            assertThat(text(preview)).contains("\"dryRun\":true", "\"operation\":\"UPSERT_BY_EXTERNAL_ID\"",
                    "\"payload\"").doesNotContain("trackingId");
            CallToolResult missing = call(client, "get_lead", Map.of("leadId", "mcp-dry"));
            assertThat(missing.isError()).isTrue();
            assertThat(text(missing)).contains("lead-not-found");
        }
        assertThat(api.get(adminKey, "/api/v1/leads/mcp-dry").statusCode()).isEqualTo(404);
    }

    @Test
    void bad_arguments_are_a_tool_error_naming_each_field_and_its_rule_and_nothing_is_written() throws Exception {
        try (McpSyncClient client = client(agentKey)) {
            client.initialize();

            CallToolResult refused = call(client, "capture_lead", Map.of("leadId", "mcp-bad", "lastName", "Bad",
                    "workEmail", "not-an-email", "outreachScore", 250, "isDql", "yes", "favouriteColour", "blue"));

            assertThat(refused.isError()).isTrue();
            assertThat(text(refused)).contains("workEmail:", "outreachScore:", "isDql: must be a JSON boolean",
                    "favouriteColour: is not an argument");
            CallToolResult unknownLead = call(client, "update_lead", Map.of("leadId", "nobody", "jobTitle", "CTO"));
            assertThat(unknownLead.isError()).isTrue();
            assertThat(text(unknownLead)).contains("no lead \"nobody\"");
            CallToolResult badActivity = call(client, "log_activity", Map.of("leadId", "nobody", "type", "FAX",
                    "subject", ""));
            assertThat(badActivity.isError()).isTrue();
            assertThat(text(badActivity)).contains("type: must be one of", "subject:");
            CallToolResult badTarget = call(client, "capture_lead", Map.of("leadId", "mcp-bad", "lastName", "Bad",
                    "targets", List.of("00000000-0000-0000-0000-000000000000")));
            assertThat(badTarget.isError()).isTrue();
            assertThat(text(badTarget)).contains("targets/0:", "names no connection of this workspace");
        }
        assertThat(api.get(adminKey, "/api/v1/leads/mcp-bad").statusCode()).isEqualTo(404);
    }

    @Test
    void capture_leads_writes_the_good_leads_of_a_list_names_the_bad_one_by_place_and_sends_them_to_the_crms()
            throws Exception {
        try (McpSyncClient client = client(agentKey)) {
            client.initialize();

            CallToolResult captured = call(client, "capture_leads", Map.of("targets", List.of("SALESFORCE"),
                    "leads", List.of(
                            Map.of("leadId", "mcp-list-1", "lastName", "Listed", "workEmail", "l1@list.example",
                                    "companyName", "List Makers"),
                            Map.of("leadId", "mcp-list-2", "lastName", "Listed", "workEmail", "not-an-email"),
                            Map.of("leadId", "mcp-list-3", "lastName", "Listed", "workEmail", "l3@list.example",
                                    "companyName", "List Makers"))));

            assertThat(captured.isError()).as(text(captured)).isFalse();
            Map<?, ?> answer = (Map<?, ?>) captured.structuredContent();
            assertThat(((List<?>) answer.get("leads")).stream().map(item -> (Object) ((Map<?, ?>) item).get("outcome")).toList())
                    .containsExactly("CREATED", "REFUSED", "CREATED");
            assertThat(text(captured)).contains("leads[1].workEmail");
            CallToolResult allOrNone = call(client, "capture_leads", Map.of("allOrNone", true, "leads", List.of(
                    Map.of("leadId", "mcp-list-4", "lastName", "Listed"), Map.of("leadId", "mcp-list-5"))));
            assertThat(allOrNone.isError()).isTrue();
            assertThat(text(allOrNone)).contains("leads[1].lastName");
            String tracking = (String) ((Map<?, ?>) ((List<?>) answer.get("leads")).get(0)).get("trackingId");
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (salesforceLead("mcp-list-1").isEmpty() || salesforceLead("mcp-list-3").isEmpty()) {
                assertThat(System.nanoTime()).as("waited for the push; the action reads %s",
                        api.get(adminKey, "/api/v1/actions/" + tracking).body()).isLessThan(deadline);
                Thread.sleep(100);
            }
        }
        assertThat(api.get(adminKey, "/api/v1/leads/mcp-list-2").statusCode()).isEqualTo(404);
        assertThat(api.get(adminKey, "/api/v1/leads/mcp-list-4").statusCode()).isEqualTo(404);
    }

    @Test
    void a_wrong_key_or_an_admin_only_key_is_refused_before_any_tool_runs() throws Exception {
        try (McpSyncClient wrong = client("lsk_not-a-key-at-all")) {
            // The SDK's client reports the 401 as an authorization failure.
            assertThatThrownBy(wrong::initialize)
                    .hasStackTraceContaining(McpHttpClientTransportAuthorizationException.class.getSimpleName());
        }
        String adminOnly = leadSync.context().getBean(IssueApiKeyUseCase.class).issue(new IssueApiKeyCommand(
                api.workspaceOf(adminKey), "ops", ApiKeyScope.ADMIN)).secret();
        HttpResponse<String> forbidden = post(adminOnly, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"capture_lead\",\"arguments\":{\"leadId\":\"mcp-admin\",\"lastName\":\"X\"}}}");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("scope agent");
        HttpResponse<String> anonymous = post(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value ->
                assertThat(value).startsWith("Bearer"));
        assertThat(api.get(adminKey, "/api/v1/leads/mcp-admin").statusCode()).isEqualTo(404);
        // No server-to-client stream: GET is 405, as the transport allows.
        HttpResponse<String> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(leadSync.url() + "/mcp")).header("Authorization", "Bearer " + agentKey)
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stream.statusCode()).isEqualTo(405);
    }

    private static McpSyncClient client(String key) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(leadSync.url())
                .endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + key))
                .build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                .clientInfo(new McpSchema.Implementation("McpServerIT", "1.0")).build();
    }

    private static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(new CallToolRequest(tool, arguments));
    }

    private static String text(CallToolResult result) {
        return result.content().stream().filter(McpSchema.TextContent.class::isInstance)
                .map(content -> ((McpSchema.TextContent) content).text()).reduce("", String::concat);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(McpSchema.Tool tool) {
        return (Map<String, Object>) tool.inputSchema().get("properties");
    }

    private static HttpResponse<String> post(String key, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(leadSync.url() + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void connect(String kind) throws Exception {
        HttpResponse<String> started = api.send(adminKey, "POST", "/api/admin/v1/connections",
                "{\"kind\":\"" + kind + "\"}");
        URI authorize = URI.create(AdminApi.field(started.body(), "authorizeUrl"));
        URI redirect = kind.equals("SALESFORCE")
                ? new SandboxBrowser().logInAndConsent(authorize, "admin@acme.example", "sandbox", true)
                : new HubSpotBrowser().logInAndConsent(authorize, "admin@acme.example", "sandbox", true);
        assertThat(api.callback(redirect).statusCode()).isEqualTo(200);
        String connection = AdminApi.field(started.body(), "connectionId");
        HttpResponse<String> realtime = api.send(adminKey, "PATCH", "/api/admin/v1/connections/" + connection,
                "{\"frequency\":\"REALTIME\"}");
        assertThat(realtime.statusCode()).as(realtime.body()).isEqualTo(200);
    }

    private static Map<String, Object> salesforceLead(String leadId) {
        return salesforce.records("Lead").stream().filter(lead -> leadId.equals(lead.get("LeadSync_Lead_ID__c")))
                .findFirst().orElse(Map.of());
    }

    @SuppressWarnings("unchecked")
    private static String hubspotContactId(String leadId) {
        return hubspot.records("contacts").stream()
                .filter(contact -> leadId.equals(((Map<String, Object>) contact.get("properties"))
                        .get("leadsync_lead_id")))
                .map(contact -> String.valueOf(contact.get("id"))).findFirst().orElse(null);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s for the background push", PATIENCE).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
