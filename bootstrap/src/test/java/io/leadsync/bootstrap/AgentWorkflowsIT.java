package io.leadsync.bootstrap;

import io.leadsync.sandbox.hubspot.HubSpotBrowser;
import io.leadsync.sandbox.hubspot.HubSpotSandbox;
import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import io.leadsync.sandbox.salesforce.SandboxBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agent workflows (issue 7) through the whole running LeadSync, with Salesforce and HubSpot sandboxes connected in
 * one workspace and the background push on: each routing rule sends the action where it says and nowhere else, the
 * outcome can be read back by tracking id, and an unusable target refuses the action before anything is written.
 */
class AgentWorkflowsIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path home;

    private static SalesforceSandbox salesforce;
    private static HubSpotSandbox hubspot;
    private static RunningLeadSync leadSync;
    private static AdminApi api;
    private static String key;
    private static String toSalesforce;
    private static String toHubSpot;

    @BeforeAll
    static void start() throws Exception {
        salesforce = SalesforceSandbox.start(0);
        hubspot = HubSpotSandbox.start(0);
        leadSync = RunningLeadSync.start(home, Map.ofEntries(
                // The test's webhook receiver listens on this machine: the operator's allow-list admits it.
                Map.entry("leadsync.outbound.allowed-ranges", "127.0.0.1/32"),
                Map.entry("leadsync.first-start.enabled", false),
                Map.entry("leadsync.sync.worker.enabled", true),
                Map.entry("leadsync.sync.worker.interval", "200ms"),
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
        key = api.workspaceKey("Acme");
        toSalesforce = connect(key, "SALESFORCE");
        toHubSpot = connect(key, "HUBSPOT");
        for (String connection : List.of(toSalesforce, toHubSpot)) {
            HttpResponse<String> realtime = api.send(key, "PATCH", "/api/admin/v1/connections/" + connection,
                    "{\"frequency\":\"REALTIME\"}");
            assertThat(realtime.statusCode()).as(realtime.body()).isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() {
        leadSync.close();
        salesforce.close();
        hubspot.close();
    }

    @Test
    void each_selection_rule_routes_the_action_to_its_crms_only_and_the_outcome_reads_back_by_tracking_id()
            throws Exception {
        // No rule: every connected CRM.
        String everywhere = capture(lead("route-all", "all@routing.example", "agent-1", null));
        awaitDelivered(everywhere, 2);
        assertThat(inSalesforce("route-all")).isTrue();
        assertThat(inHubSpot("route-all")).isTrue();
        assertThat(api.get(key, "/api/v1/actions/" + everywhere).body()).contains("\"routedBy\":\"EVERY_CONNECTED\"");

        // The request's own targets.
        String explicit = capture(lead("route-explicit", "explicit@routing.example", "agent-1",
                "\"targets\":[\"" + toHubSpot + "\"]"));
        awaitDelivered(explicit, 1);
        assertThat(inHubSpot("route-explicit")).isTrue();

        HttpResponse<String> rules = api.send(key, "PUT", "/api/admin/v1/routing", "{\"actions\":{\"upsertLead\":[\""
                + toSalesforce + "\"]},\"agents\":{\"agent-7\":[\"" + toHubSpot + "\"]},\"defaultTargets\":[\""
                + toSalesforce + "\"]}");
        assertThat(rules.statusCode()).as(rules.body()).isEqualTo(200);
        assertThat(api.get(key, "/api/admin/v1/routing").body()).contains("\"agent-7\":[\"" + toHubSpot + "\"]");

        // The workspace's rule for upserts beats agent-7's default.
        String byActionRule = capture(lead("route-rule", "rule@routing.example", "agent-7", null));
        awaitDelivered(byActionRule, 1);
        assertThat(inSalesforce("route-rule")).isTrue();
        assertThat(api.get(key, "/api/v1/actions/" + byActionRule).body()).contains("\"routedBy\":\"ACTION_RULE\"");

        // A status change has no workspace rule: agent-7's default (HubSpot) takes it.
        String byAgent = status("route-rule", "CONTACTED");
        awaitDelivered(byAgent, 1);
        assertThat(api.get(key, "/api/v1/actions/" + byAgent).body()).contains("\"routedBy\":\"AGENT_DEFAULT\"")
                .contains(toHubSpot).doesNotContain(toSalesforce);
        assertThat(inHubSpot("route-rule")).isTrue();

        // An agent without a default: the workspace's default CRM.
        capture(lead("route-default", "default@routing.example", "agent-9", "\"targets\":[\"" + toHubSpot + "\"]"));
        String byDefault = status("route-default", "ENGAGED");
        awaitDelivered(byDefault, 1);
        assertThat(api.get(key, "/api/v1/actions/" + byDefault).body())
                .contains("\"routedBy\":\"WORKSPACE_DEFAULT\"").contains(toSalesforce);
        assertThat(inSalesforce("route-default")).isTrue();

        // Routing happened before these checks; a whole worker cycle since would have sent anything wrongly queued.
        WorkerCycles.awaitFullCycle(leadSync);
        assertThat(inSalesforce("route-explicit")).isFalse();
        assertThat(String.valueOf(hubspotContact("route-rule").get("leadsync_status"))).isEqualToIgnoringCase("CONTACTED");
        // The status change went to HubSpot only: Salesforce still has the lead as captured.
        assertThat(String.valueOf(salesforceLead("route-rule").get("LeadSync_Status__c"))).isEqualToIgnoringCase("NEW");
        assertThat(inHubSpot("route-default")).isTrue();
        assertThat(api.send(key, "PUT", "/api/admin/v1/routing", "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void an_unknown_or_disconnected_target_is_named_in_a_422_and_nothing_is_written() throws Exception {
        String unknown = UUID.randomUUID().toString();
        HttpResponse<String> refused = api.send(key, "POST", "/api/v1/leads", lead("not-written",
                "nw@routing.example", null, "\"targets\":[\"" + toSalesforce + "\",\"" + unknown + "\"]"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("\"pointer\":\"/targets/1\"").contains(unknown)
                .contains("names no connection of this workspace");
        assertThat(api.get(key, "/api/v1/leads/not-written").statusCode()).isEqualTo(404);

        HttpResponse<String> started = api.send(key, "POST", "/api/admin/v1/connections", "{\"kind\":\"SALESFORCE\"}");
        String gone = AdminApi.field(started.body(), "connectionId");
        assertThat(api.send(key, "DELETE", "/api/admin/v1/connections/" + gone, null).statusCode()).isLessThan(300);
        HttpResponse<String> disconnected = api.send(key, "POST", "/api/v1/leads", lead("not-written",
                "nw@routing.example", null, "\"targets\":[\"" + gone + "\"]"));
        assertThat(disconnected.statusCode()).as(disconnected.body()).isEqualTo(422);
        assertThat(disconnected.body()).contains(gone).contains("is disconnected");
        HttpResponse<String> badRule = api.send(key, "PUT", "/api/admin/v1/routing",
                "{\"defaultTargets\":[\"" + gone + "\"]}");
        assertThat(badRule.statusCode()).as(badRule.body()).isEqualTo(422);
        assertThat(badRule.body()).contains("\"pointer\":\"/defaultTargets/0\"").contains("is disconnected");
        assertThat(api.get(key, "/api/v1/leads/not-written").statusCode()).isEqualTo(404);
    }

    @Test
    void a_lead_salesforce_refuses_reads_back_failed_with_salesforces_reason() throws Exception {
        // Salesforce requires a Company; LeadSync does not.
        HttpResponse<String> captured = api.send(key, "POST", "/api/v1/leads", "{\"leadId\":\"no-company\","
                + "\"lastName\":\"Byron\",\"workEmail\":\"byron@poets.example\",\"targets\":[\"" + toSalesforce + "\"]}");
        assertThat(captured.statusCode()).as(captured.body()).isEqualTo(201);
        String tracking = AdminApi.field(captured.body(), "trackingId");
        await(() -> {
            try {
                return api.get(key, "/api/v1/actions/" + tracking).body().contains("\"status\":\"FAILED\"");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(api.get(key, "/api/v1/actions/" + tracking).body()).contains("REQUIRED_FIELD_MISSING")
                .contains("Company");
    }

    @Test
    void a_webhook_connection_can_be_a_target_is_tracked_delivered_and_honours_its_suppression_list() throws Exception {
        java.util.List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            // A workspace of its own, so the other tests' "every connected CRM" stays Salesforce and HubSpot.
            String hooksKey = api.workspaceKey("Hooks");
            HttpResponse<String> created = api.send(hooksKey, "POST", "/api/admin/v1/connections",
                    "{\"kind\":\"WEBHOOK\",\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\"}");
            assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
            String hook = AdminApi.field(created.body(), "connectionId");
            assertThat(api.send(hooksKey, "PUT", "/api/admin/v1/connections/" + hook + "/suppressions",
                    "{\"domains\":[\"competitor.example\"]}").statusCode()).isEqualTo(200);

            HttpResponse<String> sent = api.send(hooksKey, "POST", "/api/v1/leads", "{\"leadId\":\"hooked\","
                    + "\"lastName\":\"Hopper\",\"workEmail\":\"grace@navy.example\",\"targets\":[\"" + hook + "\"]}");
            HttpResponse<String> suppressed = api.send(hooksKey, "POST", "/api/v1/leads", "{\"leadId\":\"rival\","
                    + "\"lastName\":\"Rival\",\"workEmail\":\"r@competitor.example\"}");
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
            assertThat(suppressed.statusCode()).as(suppressed.body()).isEqualTo(201);
            String sentTracking = AdminApi.field(sent.body(), "trackingId");
            String suppressedTracking = AdminApi.field(suppressed.body(), "trackingId");
            await(() -> {
                try {
                    return api.get(hooksKey, "/api/v1/actions/" + sentTracking).body().contains("\"DELIVERED\"")
                            && api.get(hooksKey, "/api/v1/actions/" + suppressedTracking).body().contains("\"SKIPPED\"");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(api.get(hooksKey, "/api/v1/actions/" + suppressedTracking).body())
                    .contains("suppressed: the domain competitor.example");
            assertThat(bodies).anyMatch(body -> body.contains("grace@navy.example"));
            assertThat(bodies).noneMatch(body -> body.contains("competitor.example"));
            HttpResponse<String> preview = api.send(hooksKey, "POST", "/api/v1/leads?dryRun=true",
                    "{\"leadId\":\"hooked\",\"lastName\":\"Hopper\",\"workEmail\":\"grace@navy.example\"}");
            assertThat(preview.body()).contains("\"operation\":\"SEND\"");
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void an_activity_goes_to_its_requested_targets_else_the_log_activity_rule_and_an_unknown_target_is_refused()
            throws Exception {
        capture(lead("act-1", "act@routing.example", null, null));
        String path = "/api/v1/leads/act-1/activities";
        String call = "{\"type\":\"CALL\",\"subject\":\"Discovery call\"";

        HttpResponse<String> explicit = api.send(key, "POST", path, call + ",\"targets\":[\"" + toHubSpot + "\"]}");
        assertThat(explicit.statusCode()).as(explicit.body()).isEqualTo(201);
        assertThat(explicit.body()).contains(toHubSpot).doesNotContain(toSalesforce);

        assertThat(api.send(key, "PUT", "/api/admin/v1/routing", "{\"actions\":{\"logActivity\":[\"" + toSalesforce
                + "\"]}}").statusCode()).isEqualTo(200);
        try {
            HttpResponse<String> byRule = api.send(key, "POST", path, call + "}");
            assertThat(byRule.statusCode()).as(byRule.body()).isEqualTo(201);
            assertThat(byRule.body()).contains(toSalesforce).doesNotContain(toHubSpot);
        } finally {
            api.send(key, "PUT", "/api/admin/v1/routing", "{}");
        }
        HttpResponse<String> everywhere = api.send(key, "POST", path, call + "}");
        assertThat(everywhere.body()).contains(toSalesforce).contains(toHubSpot);

        String unknown = UUID.randomUUID().toString();
        HttpResponse<String> refused = api.send(key, "POST", path, call + ",\"targets\":[\"" + unknown + "\"]}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("\"pointer\":\"/targets/0\"").contains(unknown);
        HttpResponse<String> once = sendWithKey("POST", path, call + "}", "activity-key");
        HttpResponse<String> retried = sendWithKey("POST", path, call + "}", "activity-key");
        assertThat(once.statusCode()).as(once.body()).isEqualTo(201);
        assertThat(retried.body()).isEqualTo(once.body());
        assertThat(api.get(key, path).body().split("\"activityId\"", -1).length - 1).isEqualTo(4);
    }

    @Test
    void another_workspaces_tracking_id_is_not_found() throws Exception {
        String tracking = capture(lead("tracked", "tracked@routing.example", null, null));
        String otherKey = api.workspaceKey("Other");
        assertThat(api.get(otherKey, "/api/v1/actions/" + tracking).statusCode()).isEqualTo(404);
        assertThat(api.get(key, "/api/v1/actions/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(api.get(key, "/api/v1/actions/" + tracking).statusCode()).isEqualTo(200);
        HttpResponse<String> document = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(URI.create(leadSync.url() + "/api/v1/openapi.yaml")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).contains("/api/v1/actions/{trackingId}:");
    }

    @Test
    void a_dry_run_answers_each_targets_mapped_payload_and_operation_and_writes_and_sends_nothing() throws Exception {
        awaitDelivered(capture(lead("dry-existing", "dry@dryrun.example", null, null)), 2);
        awaitQuiet();
        long writesBefore = writes();
        long changesBefore = count("select count(*) from outbox");
        long actionsBefore = count("select count(*) from agent_actions");

        HttpResponse<String> created = api.send(key, "POST", "/api/v1/leads", lead("dry-new", "new@dryrun.example",
                null, "\"dryRun\":true,\"outreachScore\":72,\"isDql\":true"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(created.body()).contains("\"dryRun\":true").doesNotContain("trackingId")
                .contains("\"operation\":\"UPSERT_BY_EXTERNAL_ID\"").contains("\"expect\":\"CREATE\"")
                .contains("\"externalIdField\":\"LeadSync_Lead_ID__c\"").contains("\"LastName\":\"Lovelace\"")
                .contains("\"Email\":\"new@dryrun.example\"").contains("\"externalIdField\":\"leadsync_lead_id\"")
                .contains("\"lastname\":\"Lovelace\"").contains("\"email\":\"new@dryrun.example\"")
                // Typed as each CRM adapter sends them: Salesforce numbers and booleans, HubSpot text.
                .contains("\"LeadSync_Outreach_Score__c\":72").contains("\"LeadSync_Is_DQL__c\":true")
                .contains("\"leadsync_outreach_score\":\"72\"");
        HttpResponse<String> status = api.send(key, "PUT", "/api/v1/leads/dry-existing/status?dryRun=true",
                "{\"status\":\"QUALIFIED\"}");
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        assertThat(status.body()).contains("\"expect\":\"UPDATE\"").contains("\"crmRecordId\":\"")
                .contains("\"LeadSync_Status__c\":\"QUALIFIED\"").contains("\"changedFields\":[\"status\"]");

        // A whole worker cycle after the dry runs: had they queued anything, it would have been written by now.
        WorkerCycles.awaitFullCycle(leadSync);
        assertThat(writes()).isEqualTo(writesBefore);
        assertThat(count("select count(*) from outbox")).isEqualTo(changesBefore);
        assertThat(count("select count(*) from agent_actions")).isEqualTo(actionsBefore);
        assertThat(api.get(key, "/api/v1/leads/dry-new").statusCode()).isEqualTo(404);
        assertThat(api.get(key, "/api/v1/leads/dry-existing").body()).contains("\"status\":\"NEW\"");
        assertThat(inSalesforce("dry-new") || inHubSpot("dry-new")).isFalse();
    }

    @Test
    void a_retried_request_with_the_same_idempotency_key_has_one_effect_and_gets_the_first_response() throws Exception {
        String body = lead("idem-1", "idem@idem.example", null, null);
        HttpResponse<String> first = sendWithKey("POST", "/api/v1/leads", body, "key-1");
        HttpResponse<String> retried = sendWithKey("POST", "/api/v1/leads", body, "key-1");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(retried.statusCode()).isEqualTo(201);
        assertThat(retried.body()).isEqualTo(first.body());
        assertThat(retried.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");

        String statusBody = "{\"status\":\"CONTACTED\"}";
        HttpResponse<String> moved = sendWithKey("PUT", "/api/v1/leads/idem-1/status", statusBody, "key-2");
        HttpResponse<String> movedAgain = sendWithKey("PUT", "/api/v1/leads/idem-1/status", statusBody, "key-2");
        assertThat(movedAgain.body()).isEqualTo(moved.body());
        assertThat(count("select count(*) from outbox where lead_id = 'idem-1'")).isEqualTo(2);
        assertThat(count("select count(*) from agent_actions where lead_id = 'idem-1'")).isEqualTo(2);

        HttpResponse<String> reused = sendWithKey("POST", "/api/v1/leads", lead("idem-other", "other@idem.example",
                null, null), "key-1");
        assertThat(reused.statusCode()).as(reused.body()).isEqualTo(422);
        assertThat(reused.body()).contains("idempotency-key-reused");
        assertThat(api.get(key, "/api/v1/leads/idem-other").statusCode()).isEqualTo(404);

        // Four copies of one request at once: one runs, the others wait for its answer (or are told it still runs).
        String concurrent = lead("idem-2", "idem2@idem.example", null, null);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<HttpResponse<String>>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> sendWithKey("POST", "/api/v1/leads", concurrent, "key-3")));
            }
            java.util.Set<String> trackingIds = new java.util.HashSet<>();
            for (java.util.concurrent.Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                assertThat(response.statusCode()).as(response.body()).isIn(201, 409);
                if (response.statusCode() == 201) {
                    trackingIds.add(AdminApi.field(response.body(), "trackingId"));
                }
            }
            assertThat(trackingIds).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("select count(*) from outbox where lead_id = 'idem-2'")).isEqualTo(1);
        assertThat(count("select count(*) from agent_actions where lead_id = 'idem-2'")).isEqualTo(1);
    }

    @Test
    void a_new_lead_duplicating_one_captured_within_the_window_is_refused_with_the_existing_id() throws Exception {
        HttpResponse<String> on = api.send(key, "PUT", "/api/admin/v1/duplicates",
                "{\"enabled\":true,\"fields\":[\"workEmail\",\"mobilePhone\"],\"window\":\"P7D\"}");
        assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
        try {
            capture(lead("dup-a", "same@dup.example", null, "\"mobilePhone\":\"+44 20 7946 0018\""));

            HttpResponse<String> sameEmail = api.send(key, "POST", "/api/v1/leads",
                    lead("dup-b", "Same@Dup.example", null, null));
            assertThat(sameEmail.statusCode()).as(sameEmail.body()).isEqualTo(409);
            assertThat(sameEmail.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(sameEmail.body()).contains("\"duplicateOf\":\"dup-a\"").contains("\"matchedOn\":\"workEmail\"");
            HttpResponse<String> samePhone = api.send(key, "POST", "/api/v1/leads",
                    lead("dup-c", "other@dup.example", null, "\"mobilePhone\":\"+44 20 7946 0018\""));
            assertThat(samePhone.statusCode()).as(samePhone.body()).isEqualTo(409);
            assertThat(samePhone.body()).contains("\"duplicateOf\":\"dup-a\"").contains("\"matchedOn\":\"mobilePhone\"");
            assertThat(api.get(key, "/api/v1/leads/dup-b").statusCode()).isEqualTo(404);
            assertThat(api.get(key, "/api/v1/leads/dup-c").statusCode()).isEqualTo(404);
            // The lead's own id again is an update, not a duplicate.
            assertThat(api.send(key, "POST", "/api/v1/leads", lead("dup-a", "same@dup.example", null,
                    "\"jobTitle\":\"CTO\"")).statusCode()).isEqualTo(200);

            // Out of the window, the same person may be captured as a new lead.
            try (java.sql.Connection connection = leadSync.openDatabaseConnection()) {
                connection.createStatement().executeUpdate(
                        "update leads set created_at = created_at - interval '8 days' where lead_id = 'dup-a'");
            }
            assertThat(api.send(key, "POST", "/api/v1/leads", lead("dup-b", "same@dup.example", null, null))
                    .statusCode()).isEqualTo(201);
        } finally {
            api.send(key, "PUT", "/api/admin/v1/duplicates", "{\"enabled\":false}");
        }
    }

    @Test
    void a_suppressed_domain_is_never_sent_to_that_connection_and_each_skip_says_why() throws Exception {
        HttpResponse<String> listed = api.send(key, "PUT", "/api/admin/v1/connections/" + toHubSpot + "/suppressions",
                "{\"domains\":[\"competitor.example\"],\"emails\":[\"vip@client.example\"]}");
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        try {
            String tracking = capture(lead("sup-1", "ann@eu.competitor.example", null, null));
            await(() -> {
                try {
                    String body = api.get(key, "/api/v1/actions/" + tracking).body();
                    return body.contains("\"status\":\"DELIVERED\"") && body.contains("\"status\":\"SKIPPED\"");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(api.get(key, "/api/v1/actions/" + tracking).body())
                    .contains("suppressed: the domain competitor.example");
            assertThat(inSalesforce("sup-1")).isTrue();

            HttpResponse<String> preview = api.send(key, "POST", "/api/v1/leads?dryRun=true", lead("sup-2",
                    "vip@client.example", null, "\"targets\":[\"" + toHubSpot + "\"]"));
            assertThat(preview.body()).contains("\"operation\":\"SKIP\"").contains("suppressed: the email");

            HttpResponse<String> synced = api.send(key, "POST", "/api/admin/v1/connections/" + toHubSpot + "/sync", null);
            assertThat(synced.statusCode()).as(synced.body()).isEqualTo(200);
            assertThat(synced.body()).contains("sup-1").contains("suppressed");
            assertThat(api.get(key, "/api/admin/v1/connections/" + toHubSpot + "/errors").body())
                    .contains("\"errorType\":\"suppressed\"").contains("sup-1");
            assertThat(inHubSpot("sup-1")).isFalse();
        } finally {
            api.send(key, "PUT", "/api/admin/v1/connections/" + toHubSpot + "/suppressions", "{}");
        }
    }

    private static HttpResponse<String> sendWithKey(String method, String path, String json, String idempotencyKey)
            throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        URI.create(leadSync.url() + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static long count(String sql) throws Exception {
        try (java.sql.Connection connection = leadSync.openDatabaseConnection();
             java.sql.ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Nothing left to route or push: what the sandboxes hold now stays, unless something new is sent. */
    private static void awaitQuiet() throws Exception {
        await(() -> {
            try {
                return count("select count(*) from outbox where routed_at is null") == 0
                        && count("select count(*) from deliveries where state = 'PENDING'") == 0;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static String lead(String leadId, String email, String agentId, String extra) {
        return "{\"leadId\":\"" + leadId + "\",\"lastName\":\"Lovelace\",\"workEmail\":\"" + email
                + "\",\"companyName\":\"Analytical Engines\"" + (agentId == null ? "" : ",\"agentId\":\"" + agentId + "\"")
                + (extra == null ? "" : "," + extra) + "}";
    }

    private static String capture(String body) throws Exception {
        HttpResponse<String> captured = api.send(key, "POST", "/api/v1/leads", body);
        assertThat(captured.statusCode()).as(captured.body()).isIn(200, 201);
        return AdminApi.field(captured.body(), "trackingId");
    }

    private static String status(String leadId, String status) throws Exception {
        HttpResponse<String> changed = api.send(key, "PUT", "/api/v1/leads/" + leadId + "/status",
                "{\"status\":\"" + status + "\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        return AdminApi.field(changed.body(), "trackingId");
    }

    /** Waits until the action reads back DELIVERED at {@code targets} targets, and at no more. */
    private static void awaitDelivered(String trackingId, int targets) throws Exception {
        await(() -> {
            try {
                String body = api.get(key, "/api/v1/actions/" + trackingId).body();
                return body.split("\"status\":\"DELIVERED\"", -1).length - 1 == targets
                        && !body.contains("\"status\":\"QUEUED\"");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String body = api.get(key, "/api/v1/actions/" + trackingId).body();
        assertThat(body.split("\"connectionId\"", -1).length - 1).as(body).isEqualTo(targets);
    }

    private static String connect(String key, String kind) throws Exception {
        HttpResponse<String> started = api.send(key, "POST", "/api/admin/v1/connections", "{\"kind\":\"" + kind + "\"}");
        URI authorize = URI.create(AdminApi.field(started.body(), "authorizeUrl"));
        URI redirect = kind.equals("SALESFORCE")
                ? new SandboxBrowser().logInAndConsent(authorize, "admin@acme.example", "sandbox", true)
                : new HubSpotBrowser().logInAndConsent(authorize, "admin@acme.example", "sandbox", true);
        assertThat(api.callback(redirect).statusCode()).isEqualTo(200);
        return AdminApi.field(started.body(), "connectionId");
    }

    static boolean inSalesforce(String leadId) {
        return salesforce.records("Lead").stream().anyMatch(lead -> leadId.equals(lead.get("LeadSync_Lead_ID__c")));
    }

    static Map<String, Object> salesforceLead(String leadId) {
        return salesforce.records("Lead").stream().filter(lead -> leadId.equals(lead.get("LeadSync_Lead_ID__c")))
                .findFirst().orElse(Map.of());
    }

    static boolean inHubSpot(String leadId) {
        return !hubspotContact(leadId).isEmpty();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> hubspotContact(String leadId) {
        return hubspot.records("contacts").stream().map(contact -> (Map<String, Object>) contact.get("properties"))
                .filter(contact -> leadId.equals(contact.get("leadsync_lead_id"))).findFirst().orElse(Map.of());
    }

    /** The calls that write records: everything but reads, searches, queries and OAuth. */
    static long writes() {
        return java.util.stream.Stream.of(salesforce.callCounts(), hubspot.callCounts())
                .flatMap(counts -> counts.entrySet().stream())
                .filter(call -> !call.getKey().startsWith("GET") && !call.getKey().contains("search")
                        && !call.getKey().contains("query") && !call.getKey().contains("oauth"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s", PATIENCE).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
