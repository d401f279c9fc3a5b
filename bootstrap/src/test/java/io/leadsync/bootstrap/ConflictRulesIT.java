package io.leadsync.bootstrap;

import io.leadsync.application.port.out.ApiBudget;
import io.leadsync.application.port.out.CrmLinkRepository;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmLink;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.sandbox.hubspot.HubSpotBrowser;
import io.leadsync.sandbox.hubspot.HubSpotSandbox;
import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import io.leadsync.sandbox.salesforce.SandboxBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5's "done when" list for the merge, echoes, deletions, faults and budgets, end to end: one LeadSync node with
 * its background worker, real PostgreSQL, the Salesforce and HubSpot sandboxes over HTTP, edits made as a rep makes
 * them in the CRM and as an agent makes them through the agent API. Pulls are driven by "pull now". LeadSync and the
 * sandboxes share one clock that the test can move forward, so backoffs and the next UTC day arrive without sleeping.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConflictRulesIT {
    /** How long the test waits for the worker: generous, since it only bounds a failure, never a success. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String UPSERT = "PATCH /services/data/vXX.X/composite/sobjects/Lead/{externalIdField}";
    private static final String BY_ID = "PATCH /services/data/vXX.X/composite/sobjects";

    @TempDir
    static Path home;

    private static SalesforceSandbox salesforce;
    private static HubSpotSandbox hubspot;
    private static RunningLeadSync leadSync;
    private static MovableClock clock;
    private static AdminApi api;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        // The sandboxes read LeadSync's clock once it runs: when the test moves time, it moves for everyone.
        Clock world = new Clock() {
            @Override
            public Instant instant() {
                return clock == null ? Instant.now() : clock.instant();
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        salesforce = SalesforceSandbox.start(0, world);
        hubspot = HubSpotSandbox.start(0, world);
        leadSync = RunningLeadSync.start(home, Map.ofEntries(
                Map.entry("leadsync.first-start.enabled", false),
                Map.entry("leadsync.test.movable-clock", true),
                Map.entry("leadsync.sync.worker.enabled", true),
                Map.entry("leadsync.sync.worker.interval", "200ms"),
                Map.entry("leadsync.sync.worker.initial-delay", "200ms"),
                Map.entry("leadsync.salesforce.client-id", SalesforceSandbox.CLIENT_ID),
                Map.entry("leadsync.salesforce.client-secret", SalesforceSandbox.CLIENT_SECRET),
                Map.entry("leadsync.salesforce.login-url", salesforce.baseUrl()),
                Map.entry("leadsync.salesforce.redirect-uri", "http://localhost:9/oauth/callback"),
                Map.entry("leadsync.salesforce.timeout", "3s"),
                // Low, so a backfill of a few hundred leads shows the background push's bulk path quickly.
                Map.entry("leadsync.sync.bulk-threshold", 300),
                Map.entry("leadsync.hubspot.client-id", HubSpotSandbox.CLIENT_ID),
                Map.entry("leadsync.hubspot.client-secret", HubSpotSandbox.CLIENT_SECRET),
                Map.entry("leadsync.hubspot.api-url", hubspot.baseUrl()),
                Map.entry("leadsync.hubspot.authorize-url", hubspot.baseUrl() + "/oauth/authorize"),
                Map.entry("leadsync.hubspot.redirect-uri", "http://localhost:9/oauth/callback")));
        clock = leadSync.context().getBean(MovableClock.class);
        api = new AdminApi(leadSync);
    }

    @AfterAll
    static void stop() {
        leadSync.close();
        salesforce.close();
        hubspot.close();
    }

    @Test
    @Order(1)
    void a_reps_title_in_salesforce_and_an_agents_status_change_both_survive_one_cycle() throws Exception {
        String key = api.workspaceKey("Survivors");
        String toSalesforce = connect(key, "SALESFORCE");
        settings(key, toSalesforce, "{\"frequency\":\"REALTIME\"}");
        capture(key, "carla", "Engineer");
        await(() -> "Engineer".equals(salesforceLead("carla").get("Title")) && queue(key, toSalesforce).isEmpty());

        repEditsSalesforce("carla", "{\"Title\":\"VP Engineering\"}");
        HttpResponse<String> status = api.send(key, "PUT", "/api/v1/leads/carla/status", "{\"status\":\"CONTACTED\"}");
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        // The agent's change is pushed on its own (REALTIME); the pull then brings the rep's title in.
        await(() -> "CONTACTED".equals(salesforceLead("carla").get("LeadSync_Status__c"))
                && queue(key, toSalesforce).isEmpty());
        assertThat(pullNow(key, toSalesforce).statusCode()).isEqualTo(200);

        assertThat(api.get(key, "/api/v1/leads/carla").body()).contains("\"jobTitle\":\"VP Engineering\"")
                .contains("\"status\":\"CONTACTED\"");
        await(() -> queue(key, toSalesforce).isEmpty());
        assertThat(salesforceLead("carla")).containsEntry("Title", "VP Engineering")
                .containsEntry("LeadSync_Status__c", "CONTACTED");
        // The audit says what each push carried, relative to what Salesforce held, and what started it.
        assertThat(api.get(key, "/api/admin/v1/audit?action=lead.pushed&leadId=carla").body())
                .contains("push (lead change): CRM record " + salesforceLead("carla").get("Id") + " updated; "
                        + "status: 'NEW' -> 'CONTACTED'")
                .contains("created; ").contains("jobTitle: (empty) -> 'Engineer'");
        assertThat(api.get(key, "/api/admin/v1/audit?action=sync.push&connectionId=" + toSalesforce).body())
                .contains("started by the worker for 1 lead change").contains("1 written").contains(" ms");
    }

    /** One conflict on the title: the connection's rule, the field's own rule (or none), who edits last, who wins. */
    private record Rule(String connectionPolicy, String fieldPolicy, boolean repEditsLast, boolean appWins) {
        String describe() {
            return "connection " + connectionPolicy + ", field " + fieldPolicy + ", " + (repEditsLast ? "rep" : "agent")
                    + " edits last";
        }
    }

    @Test
    @Order(2)
    void when_both_sides_edit_the_title_each_rule_decides_per_connection_and_per_field() throws Exception {
        List<Rule> rules = List.of(
                new Rule("CRM_WINS", null, false, false),
                new Rule("APP_WINS", null, true, true),
                new Rule("MOST_RECENT", null, true, false),
                new Rule("MOST_RECENT", null, false, true),
                new Rule("APP_WINS", "CRM_WINS", false, false),
                new Rule("CRM_WINS", "APP_WINS", true, true),
                new Rule("CRM_WINS", "MOST_RECENT", false, true));
        String key = api.workspaceKey("Rules");
        String toSalesforce = connect(key, "SALESFORCE");
        settings(key, toSalesforce, "{\"frequency\":\"REALTIME\"}");
        for (int i = 0; i < rules.size(); i++) {
            capture(key, "rule-" + i, "Analyst");
        }
        await(() -> salesforce.records("Lead").stream().filter(lead -> "Analyst".equals(lead.get("Title"))
                && String.valueOf(lead.get("LeadSync_Lead_ID__c")).startsWith("rule-")).count() == rules.size()
                && queue(key, toSalesforce).isEmpty());
        String mappings = api.get(key, "/api/admin/v1/connections/" + toSalesforce + "/mappings").body();

        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            String lead = "rule-" + i;
            String agentTitle = "Agent title " + i;
            String repTitle = "Rep title " + i;
            // Pushes wait for the hourly cycle, so both edits meet in the pull.
            awayFromTheHour();
            settings(key, toSalesforce, "{\"frequency\":\"HOURLY\",\"conflictPolicy\":\"" + rule.connectionPolicy()
                    + "\"}");
            HttpResponse<String> mapped = api.send(key, "PUT", "/api/admin/v1/connections/" + toSalesforce + "/mappings",
                    mappings.replaceAll("(\"appField\":\"jobTitle\",\"crmField\":\"Title\",\"direction\":\"[A-Z]+\","
                            + "\"conflictPolicy\":)(null|\"[A-Z_]+\")", "$1" + (rule.fieldPolicy() == null ? "null"
                            : "\"" + rule.fieldPolicy() + "\"")));
            assertThat(mapped.statusCode()).as(mapped.body()).isEqualTo(200);
            if (rule.repEditsLast()) {
                agentEditsTitle(key, lead, agentTitle);
                repEditsSalesforce(lead, "{\"Title\":\"" + repTitle + "\"}");
            } else {
                repEditsSalesforce(lead, "{\"Title\":\"" + repTitle + "\"}");
                agentEditsTitle(key, lead, agentTitle);
            }
            assertThat(pullNow(key, toSalesforce).statusCode()).isEqualTo(200);

            String winner = rule.appWins() ? agentTitle : repTitle;
            assertThat(api.get(key, "/api/v1/leads/" + lead).body()).as(rule.describe())
                    .contains("\"jobTitle\":\"" + winner + "\"");
            // Back to REALTIME: what LeadSync's side won goes to Salesforce now; what the rep's side won stays there.
            settings(key, toSalesforce, "{\"frequency\":\"REALTIME\"}");
            await(() -> winner.equals(salesforceLead(lead).get("Title")) && queue(key, toSalesforce).isEmpty());
            assertThat(api.get(key, "/api/v1/leads/" + lead).body()).as(rule.describe())
                    .contains("\"jobTitle\":\"" + winner + "\"");
        }
        assertThat(api.get(key, "/api/admin/v1/audit?action=lead.pulled&leadId=rule-5").body())
                .contains("conflict settled by APP_WINS");
        assertThat(api.get(key, "/api/admin/v1/audit?action=sync.pull&connectionId=" + toSalesforce).body())
                .contains("1 conflict(s) settled").contains("started by pull now");
    }

    @Test
    @Order(3)
    void after_a_push_with_no_outside_edits_the_next_pull_changes_nothing_and_pushes_nothing() throws Exception {
        String key = api.workspaceKey("Echoes");
        String toSalesforce = connect(key, "SALESFORCE");
        settings(key, toSalesforce, "{\"frequency\":\"REALTIME\"}");
        capture(key, "echo", "Analyst");
        HttpResponse<String> phone = api.send(key, "PATCH", "/api/v1/leads/echo",
                "{\"city\":\"Lisbon\",\"outreachScore\":55,\"status\":\"ENGAGED\"}");
        assertThat(phone.statusCode()).as(phone.body()).isEqualTo(200);
        await(() -> "Lisbon".equals(salesforceLead("echo").get("City")) && queue(key, toSalesforce).isEmpty());
        String leadBefore = api.get(key, "/api/v1/leads/echo").body();
        String auditBefore = api.get(key, "/api/admin/v1/audit?leadId=echo&limit=500").body();
        Object modstampBefore = salesforceLead("echo").get("SystemModstamp");
        long writesBefore = upserts();

        HttpResponse<String> pulled = pullNow(key, toSalesforce);
        WorkerCycles.awaitFullCycle(leadSync); // a whole worker cycle after the pull: nothing may be owed to Salesforce now

        assertThat(pulled.statusCode()).as(pulled.body()).isEqualTo(200);
        assertThat(pulled.body()).contains("\"leadsUpdated\":0").contains("\"leadsCreated\":0");
        assertThat(api.get(key, "/api/v1/leads/echo").body()).isEqualTo(leadBefore);
        assertThat(api.get(key, "/api/admin/v1/audit?leadId=echo&limit=500").body()).isEqualTo(auditBefore);
        assertThat(queue(key, toSalesforce)).isEmpty();
        assertThat(upserts()).isEqualTo(writesBefore);
        assertThat(salesforceLead("echo").get("SystemModstamp")).isEqualTo(modstampBefore);
    }

    @Test
    @Order(4)
    void a_record_deleted_in_salesforce_and_in_hubspot_marks_both_links_and_the_lead_stays() throws Exception {
        String key = api.workspaceKey("Deleters");
        String toSalesforce = connect(key, "SALESFORCE");
        String toHubSpot = connect(key, "HUBSPOT");
        settings(key, toSalesforce, "{\"frequency\":\"REALTIME\"}");
        settings(key, toHubSpot, "{\"frequency\":\"REALTIME\"}");
        capture(key, "gone", "Analyst");
        await(() -> !salesforceLead("gone").isEmpty() && !hubspotContact("gone").isEmpty()
                && queue(key, toSalesforce).isEmpty() && queue(key, toHubSpot).isEmpty());

        String token = (String) salesforce.tokensFor("admin@acme.example").get("access_token");
        HttpResponse<String> deleted = HTTP.send(HttpRequest.newBuilder(URI.create(salesforce.baseUrl()
                        + "/services/data/v62.0/sobjects/Lead/" + salesforceLead("gone").get("Id")))
                .header("Authorization", "Bearer " + token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        hubspot.archiveAsRep("contacts", hubspotContactId("gone"));
        // HubSpot's search and archive list see a change a few seconds late; LeadSync reads up to now less that lag.
        clock.advance(Duration.ofSeconds(10));
        pullNow(key, toSalesforce);
        pullNow(key, toHubSpot);

        await(() -> link(key, toSalesforce, "gone").map(CrmLink::deletedInCrm).orElse(false)
                && link(key, toHubSpot, "gone").map(CrmLink::deletedInCrm).orElse(false));
        HttpResponse<String> lead = api.get(key, "/api/v1/leads/gone");
        assertThat(lead.statusCode()).isEqualTo(200);
        assertThat(lead.body()).contains("\"jobTitle\":\"Analyst\"");
        assertThat(api.get(key, "/api/admin/v1/audit?action=sync.pull&connectionId=" + toHubSpot).body())
                .contains("1 deleted in the CRM");
    }

    @Test
    @Order(5)
    void transient_faults_are_retried_to_success_without_duplicates_and_a_spent_budget_stops_until_the_next_day()
            throws Exception {
        String key = api.workspaceKey("Weather");
        String toSalesforce = connect(key, "SALESFORCE");
        String toHubSpot = connect(key, "HUBSPOT");
        settings(key, toSalesforce, "{\"frequency\":\"REALTIME\"}");
        settings(key, toHubSpot, "{\"frequency\":\"REALTIME\"}");
        // Salesforce: a 503, then a call that hangs past LeadSync's timeout; HubSpot: a 429, then a 503.
        salesforce.injectFault("PATCH", "/services/data/v62.0/composite/sobjects", "503", 1);
        salesforce.injectTimeout("PATCH", "/services/data/v62.0/composite/sobjects", Duration.ofSeconds(5), 1);
        hubspot.injectFault("POST", "/crm/v3/objects/contacts/batch", "429", 1);
        hubspot.injectFault("POST", "/crm/v3/objects/contacts/batch", "503", 1);
        long upsertsBefore = upserts();
        for (int i = 0; i < 5; i++) {
            capture(key, "storm-" + i, "Meteorologist");
        }

        // Each retry waits out its backoff (30 s, then 60 s); the test moves the clock instead of sleeping.
        await(() -> {
            clock.advance(Duration.ofSeconds(31));
            return stormLeads(salesforce.records("Lead").stream().map(lead -> lead.get("LeadSync_Lead_ID__c"))) == 5
                    && stormLeads(hubspot.records("contacts").stream().map(contact ->
                    properties(contact).get("leadsync_lead_id"))) == 5
                    && queue(key, toSalesforce).isEmpty() && queue(key, toHubSpot).isEmpty();
        });
        assertThat(upserts() - upsertsBefore).as("the 503, the timeout and the call that wrote").isGreaterThanOrEqualTo(3);
        assertThat(api.get(key, "/api/admin/v1/audit?action=lead.push-retry&connectionId=" + toSalesforce).body())
                .contains("attempt 1 failed").contains("503").contains("attempt 2 failed");
        assertThat(salesforce.faults().rules()).isEmpty();
        assertThat(hubspot.faults().rules()).isEmpty();
        for (int i = 0; i < 5; i++) {
            String lead = "storm-" + i;
            assertThat(salesforce.records("Lead")).filteredOn(row -> lead.equals(row.get("LeadSync_Lead_ID__c")))
                    .hasSize(1);
        }

        // Salesforce reports the org's allowance used up: the connection's budget for today is spent.
        ConnectionId connection = new ConnectionId(UUID.fromString(toSalesforce));
        leadSync.context().getBean(ApiBudget.class).believeCrm(api.workspaceOf(key), connection, clock.instant(),
                15_000, 0);
        long spentAt = upserts();
        agentEditsTitle(key, "storm-0", "Storm Chaser");
        Instant nextDay = ApiBudget.nextDay(clock.instant());
        await(() -> queue(key, toSalesforce).stream().anyMatch(d -> d.lastError().orElse("").contains("budget")));
        HttpResponse<String> stopped = pullNow(key, toSalesforce);

        assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
        assertThat(stopped.body()).contains("\"stoppedBecause\":\"budget spent");
        assertThat(queue(key, toSalesforce)).singleElement().satisfies(delivery -> {
            assertThat(delivery.state()).isEqualTo(DeliveryQueue.State.PENDING);
            assertThat(delivery.attempts()).as("a spent budget is no failure of the record").isZero();
            assertThat(delivery.dueAt()).isEqualTo(nextDay);
        });
        assertThat(upserts()).isEqualTo(spentAt);
        assertThat(api.get(key, "/api/admin/v1/connections/" + toSalesforce).body())
                .contains("\"callsUsedToday\":15000").contains("\"dailyAllocation\":15000");

        // The next UTC day: the budget is back, the edit goes, pulls run again.
        clock.advance(Duration.between(clock.instant(), nextDay).plusSeconds(1));
        await(() -> "Storm Chaser".equals(salesforceLead("storm-0").get("Title")) && queue(key, toSalesforce).isEmpty());
        HttpResponse<String> resumed = pullNow(key, toSalesforce);
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
        assertThat(resumed.body()).contains("\"stoppedBecause\":null");
    }

    @Test
    @Order(6)
    void sync_now_settles_what_the_worker_still_owed_and_audits_every_record_it_wrote() throws Exception {
        awayFromTheHour();
        String key = api.workspaceKey("Hasty");
        String toSalesforce = connect(key, "SALESFORCE");
        settings(key, toSalesforce, "{\"frequency\":\"HOURLY\"}");
        for (int i = 0; i < 3; i++) {
            capture(key, "hasty-" + i, "Analyst");
        }
        await(() -> queue(key, toSalesforce).size() == 3);
        long writesBefore = upserts();

        HttpResponse<String> synced = api.send(key, "POST", "/api/admin/v1/connections/" + toSalesforce + "/sync", null);

        assertThat(synced.statusCode()).as(synced.body()).isEqualTo(200);
        assertThat(synced.body()).contains("\"created\":3");
        assertThat(queue(key, toSalesforce)).as("nothing left for the worker to send again").isEmpty();
        assertThat(upserts() - writesBefore).isEqualTo(1);
        String audit = api.get(key, "/api/admin/v1/audit?action=lead.pushed&connectionId=" + toSalesforce).body();
        assertThat(audit.split("push \\(sync now\\): CRM record 00Q", -1)).hasSize(4);
        assertThat(audit).contains("jobTitle: (empty) -> 'Analyst'");
        assertThat(api.get(key, "/api/admin/v1/audit?action=sync.run&connectionId=" + toSalesforce).body())
                .contains("sync now: 3 created").contains(" ms");
    }

    @Test
    @Order(7)
    void a_backfill_of_a_backlog_at_the_bulk_threshold_goes_to_salesforce_as_a_bulk_job_not_in_collections()
            throws Exception {
        String key = api.workspaceKey("Backlog");
        // The agent found these leads before the workspace connected Salesforce.
        for (int i = 0; i < 300; i++) {
            capture(key, "backlog-" + i, "Buyer");
        }
        String toSalesforce = connect(key, "SALESFORCE");
        long jobsBefore = salesforce.callCounts().getOrDefault("POST /services/data/vXX.X/jobs/ingest", 0L);
        long upsertsBefore = upserts();

        HttpResponse<String> backfill = api.send(key, "POST", "/api/admin/v1/connections/" + toSalesforce + "/backfill",
                null);

        assertThat(backfill.statusCode()).as(backfill.body()).isEqualTo(202);
        assertThat(backfill.body()).contains("\"queued\":300");
        await(() -> salesforce.records("Lead").stream().filter(lead ->
                String.valueOf(lead.get("LeadSync_Lead_ID__c")).startsWith("backlog-")).count() == 300
                && queue(key, toSalesforce).isEmpty());
        assertThat(salesforce.callCounts().getOrDefault("POST /services/data/vXX.X/jobs/ingest", 0L) - jobsBefore)
                .isEqualTo(1);
        assertThat(upserts()).as("no Collections upsert").isEqualTo(upsertsBefore);
        assertThat(api.get(key, "/api/admin/v1/audit?action=sync.push&connectionId=" + toSalesforce).body())
                .contains("started by the worker for 300 backfill").contains("300 written")
                .contains("through a Bulk API 2.0 job");
        assertThat(api.get(key, "/api/admin/v1/audit?action=lead.pushed&leadId=backlog-42").body())
                .contains("push (backfill): CRM record 00Q").contains("jobTitle: (empty) -> 'Buyer'");
    }

    @Test
    @Order(8)
    void provisioning_and_the_token_revocation_at_disconnect_take_from_the_connections_budget() throws Exception {
        String key = api.workspaceKey("Provisioned");
        String toSalesforce = connect(key, "SALESFORCE");
        ConnectionId connection = new ConnectionId(UUID.fromString(toSalesforce));
        ApiBudget budget = leadSync.context().getBean(ApiBudget.class);
        // Once the connection's first pull is over and the next is an hour away, nothing else calls Salesforce for it.
        await(() -> api.get(key, "/api/admin/v1/audit?action=sync.pull&connectionId=" + toSalesforce).body()
                .contains("\"action\":\"sync.pull\""));
        settings(key, toSalesforce, "{\"frequency\":\"HOURLY\"}");
        WorkerCycles.awaitFullCycle(leadSync);

        long usedBefore = used(budget, key, connection);
        Map<String, Long> before = salesforce.callCounts();
        HttpResponse<String> provisioned = api.send(key, "POST", "/api/admin/v1/connections/" + toSalesforce
                + "/provision", null);
        assertThat(provisioned.statusCode()).as(provisioned.body()).isEqualTo(200);
        // Calls only provisioning makes (other workspaces' connections keep pulling the same org meanwhile).
        long provisioningCalls = salesforce.callCounts().entrySet().stream()
                .filter(call -> call.getKey().contains("/describe") || call.getKey().contains("/tooling/")
                        || call.getKey().contains("/sobjects/Permission") || call.getKey().contains("FieldPermissions"))
                .mapToLong(call -> call.getValue() - before.getOrDefault(call.getKey(), 0L)).sum();
        assertThat(provisioningCalls).isPositive();
        assertThat(used(budget, key, connection) - usedBefore).isGreaterThanOrEqualTo(provisioningCalls);

        long usedBeforeDisconnect = used(budget, key, connection);
        long revokesBefore = salesforce.callCounts().getOrDefault("POST /services/oauth2/revoke", 0L);
        assertThat(api.send(key, "DELETE", "/api/admin/v1/connections/" + toSalesforce, null).statusCode())
                .isEqualTo(200);
        assertThat(salesforce.callCounts().getOrDefault("POST /services/oauth2/revoke", 0L)).isEqualTo(revokesBefore + 1);
        assertThat(used(budget, key, connection)).isEqualTo(usedBeforeDisconnect + 1);
    }

    private static long used(ApiBudget budget, String key, ConnectionId connection) {
        return budget.today(api.workspaceOf(key), connection, clock.instant()).map(ApiBudget.Day::used).orElse(0L);
    }

    /**
     * An HOURLY connection's pushes are due at the next full hour: a test that counts on them waiting moves the shared
     * clock past that hour first when it is less than a minute away.
     */
    private static void awayFromTheHour() {
        Instant now = clock.instant();
        Instant nextHour = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS).plus(Duration.ofHours(1));
        if (Duration.between(now, nextHour).compareTo(Duration.ofMinutes(1)) < 0) {
            clock.advance(Duration.between(now, nextHour).plusSeconds(1));
        }
    }

    private static long stormLeads(java.util.stream.Stream<Object> leadIds) {
        return leadIds.filter(id -> String.valueOf(id).startsWith("storm-")).count();
    }

    /** One person per lead: the org's duplicate rule (on by default) flags one name, title and company twice. */
    private static void capture(String key, String leadId, String title) throws Exception {
        HttpResponse<String> captured = api.send(key, "POST", "/api/v1/leads", "{\"leadId\":\"" + leadId
                + "\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace " + leadId + "\",\"workEmail\":\"" + leadId
                + "@conflicts.example\",\"companyName\":\"Analytical Engines\",\"jobTitle\":\"" + title + "\"}");
        assertThat(captured.statusCode()).as(captured.body()).isEqualTo(201);
    }

    private static void agentEditsTitle(String key, String leadId, String title) throws Exception {
        HttpResponse<String> edited = api.send(key, "PATCH", "/api/v1/leads/" + leadId,
                "{\"jobTitle\":\"" + title + "\"}");
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        // MOST_RECENT compares instants: keep the two sides' edits apart in time.
        Thread.sleep(20);
    }

    private static void repEditsSalesforce(String leadId, String json) throws Exception {
        HttpResponse<String> edited = HTTP.send(HttpRequest.newBuilder(URI.create(salesforce.baseUrl()
                        + "/__sandbox/salesforce/records/Lead/" + salesforceLead(leadId).get("Id")))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        Thread.sleep(20);
    }

    private static void settings(String key, String connection, String json) throws Exception {
        HttpResponse<String> patched = api.send(key, "PATCH", "/api/admin/v1/connections/" + connection, json);
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    }

    /** "Pull now"; while the background worker pulls the same connection it answers 409, and the admin tries again. */
    private static HttpResponse<String> pullNow(String key, String connection) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            HttpResponse<String> pulled = api.send(key, "POST", "/api/admin/v1/connections/" + connection + "/pull",
                    null);
            if (pulled.statusCode() != 409 || System.nanoTime() > deadline) {
                assertThat(pulled.statusCode()).as(pulled.body()).isEqualTo(200);
                return pulled;
            }
            Thread.sleep(100);
        }
    }

    private static String connect(String key, String kind) throws Exception {
        HttpResponse<String> started = api.send(key, "POST", "/api/admin/v1/connections", "{\"kind\":\"" + kind + "\"}");
        URI authorize = URI.create(AdminApi.field(started.body(), "authorizeUrl"));
        URI redirect = kind.equals("SALESFORCE")
                ? new SandboxBrowser().logInAndConsent(authorize, "admin@acme.example", "sandbox", true)
                : new HubSpotBrowser().logInAndConsent(authorize, "admin@acme.example", "sandbox", true);
        assertThat(api.callback(redirect).statusCode()).isEqualTo(200);
        String connection = AdminApi.field(started.body(), "connectionId");
        assertThat(api.get(key, "/api/admin/v1/connections/" + connection).body()).contains("\"state\":\"CONNECTED\"");
        return connection;
    }

    private static List<DeliveryQueue.Delivery> queue(String key, String connection) {
        return leadSync.context().getBean(DeliveryQueue.class).all(api.workspaceOf(key),
                new ConnectionId(UUID.fromString(connection)));
    }

    private static Optional<CrmLink> link(String key, String connection, String leadId) {
        return leadSync.context().getBean(CrmLinkRepository.class).find(api.workspaceOf(key),
                new ConnectionId(UUID.fromString(connection)), new LeadId(leadId));
    }

    /** Collections writes: upserts by lead id and updates by record Id (linked leads, ADR 0079). */
    private static long upserts() {
        return salesforce.callCounts().getOrDefault(UPSERT, 0L)
                + salesforce.callCounts().getOrDefault(BY_ID, 0L);
    }

    private static Map<String, Object> salesforceLead(String leadId) {
        return salesforce.records("Lead").stream().filter(lead -> leadId.equals(lead.get("LeadSync_Lead_ID__c")))
                .findFirst().orElse(Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> contact) {
        return (Map<String, Object>) contact.get("properties");
    }

    private static Map<String, Object> hubspotContact(String leadId) {
        return hubspot.records("contacts").stream().map(ConflictRulesIT::properties)
                .filter(contact -> leadId.equals(contact.get("leadsync_lead_id"))).findFirst().orElse(Map.of());
    }

    private static String hubspotContactId(String leadId) {
        return hubspot.records("contacts").stream()
                .filter(contact -> leadId.equals(properties(contact).get("leadsync_lead_id")))
                .map(contact -> String.valueOf(contact.get("id"))).findFirst().orElseThrow();
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("waited %s", PATIENCE).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
