package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.application.port.out.AccessTokenRejectedException;
import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.CrmRejectedException;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.ReauthorizationRequiredException;
import io.leadsync.application.port.out.UpsertResult;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.PendingConnect;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadFixtures;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.sandbox.salesforce.FieldDefinition;
import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import io.leadsync.sandbox.salesforce.SandboxBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Salesforce adapter over real HTTP against the Salesforce sandbox, through its login and consent pages. */
class SalesforceAgainstSandboxIT {
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final List<FieldMapping> MAPPINGS = DefaultMappings.salesforce("LeadSync");

    private static SalesforceSandbox sandbox;
    private static SalesforceSettings settings;
    private static SalesforceAuthorization authorization;
    private static SalesforceLeadWriter writer;
    private static SalesforceBulkWriter bulk;
    private final SandboxBrowser browser = new SandboxBrowser();

    @BeforeAll
    static void start() {
        sandbox = SalesforceSandbox.start(0);
        settings = new SalesforceSettings(URI.create(sandbox.baseUrl()), SalesforceSandbox.CLIENT_ID,
                SalesforceSandbox.CLIENT_SECRET, URI.create("http://localhost:8080/oauth/callback"), "v62.0",
                Duration.ofSeconds(10));
        SalesforceHttp http = new SalesforceHttp(settings);
        authorization = new SalesforceAuthorization(settings, http);
        writer = new SalesforceLeadWriter(settings, http);
        bulk = new SalesforceBulkWriter(settings, http);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
    }

    @Test
    void an_admin_connects_through_login_and_consent_and_leadsync_learns_who_and_which_org() throws Exception {
        CrmAuthorization.Authorized authorized = connect("admin@acme.example");

        assertThat(authorized.identity().userEmail()).isEqualTo("admin@acme.example");
        assertThat(authorized.identity().orgId()).isEqualTo(SalesforceSandbox.ORG_ID);
        assertThat(authorized.identity().orgName()).isEqualTo("Acme Corp");
        assertThat(authorized.identity().userId()).hasValueSatisfying(id -> assertThat(id).startsWith("005"));
        assertThat(authorized.identity().instanceUrl()).contains(sandbox.baseUrl());
        assertThat(authorized.tokens().refreshToken()).isPresent();
    }

    @Test
    void a_code_presented_with_another_verifier_is_refused() throws Exception {
        URI callback = browser.logInAndConsent(authorization.authorizeUrl("state-1", challenge()),
                "admin@acme.example", "sandbox", true);

        assertThatThrownBy(() -> authorization.exchange(SandboxBrowser.parameter(callback, "code"),
                "another-verifier-another-verifier-another-verifier"))
                .isInstanceOf(CrmRejectedException.class).hasMessageContaining("invalid_grant");
    }

    @Test
    void an_admin_who_denies_access_is_sent_back_with_the_error_and_the_state() throws Exception {
        URI callback = browser.logInAndConsent(authorization.authorizeUrl("state-2", challenge()),
                "admin@acme.example", "sandbox", false);

        assertThat(SandboxBrowser.parameter(callback, "error")).isEqualTo("access_denied");
        assertThat(SandboxBrowser.parameter(callback, "state")).isEqualTo("state-2");
    }

    @Test
    void four_hundred_fifty_leads_take_three_collection_calls_and_posting_again_never_duplicates() throws Exception {
        provisionCustomFields();
        CrmSession session = session(connect("admin@acme.example"));
        List<CrmRecord> records = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            records.add(record("lead-" + i, "lead-" + i + "@analytical.example"));
        }

        List<UpsertResult> first = upsertAll(session, records);
        List<UpsertResult> second = upsertAll(session, records);

        assertThat(first).allSatisfy(result -> assertThat(result.outcome()).isEqualTo(UpsertResult.Outcome.CREATED));
        assertThat(second).allSatisfy(result -> assertThat(result.outcome()).isEqualTo(UpsertResult.Outcome.UPDATED));
        assertThat(second).extracting(UpsertResult::crmRecordId).isEqualTo(first.stream().map(UpsertResult::crmRecordId).toList());
        assertThat(sandbox.records("Lead")).hasSize(450);
        assertThat(sandbox.callCounts()).containsEntry("PATCH /services/data/vXX.X/composite/sobjects/Lead/{externalIdField}", 6L);
        Map<String, Object> stored = sandbox.records("Lead").stream()
                .filter(lead -> "lead-7".equals(lead.get("LeadSync_Lead_ID__c"))).findFirst().orElseThrow();
        assertThat(stored).containsEntry("Email", "lead-7@analytical.example").containsEntry("LastName", "Lovelace")
                .containsEntry("LeadSource", "Acme SDR");
        // Salesforce's account of the org's API use comes back with each call: the figure budgets go by.
        assertThat(writer.upsert(session, records.subList(0, 1)).usage()).hasValueSatisfying(usage -> {
            assertThat(usage.limit()).isEqualTo(15_000);
            assertThat(usage.used()).isGreaterThanOrEqualTo(6);
        });
    }

    @Test
    void a_record_salesforce_refuses_comes_back_with_its_reason_and_the_rest_are_written() throws Exception {
        provisionCustomFields();
        CrmSession session = session(connect("admin@acme.example"));
        CrmRecord noCompany = new CrmRecord(new LeadId("no-company"), Map.of(LeadField.LEAD_ID, Optional.of("no-company"),
                LeadField.LAST_NAME, Optional.of("Byron"), LeadField.WORK_EMAIL, Optional.of("byron@example.com"),
                LeadField.COMPANY_NAME, Optional.empty()));

        List<UpsertResult> results = writer.upsert(session, List.of(record("ok-1", "ok@example.com"), noCompany)).results();

        assertThat(results.get(0).succeeded()).isTrue();
        assertThat(results.get(1).errorCode()).contains("REQUIRED_FIELD_MISSING");
        assertThat(results.get(1).message()).hasValueSatisfying(message -> assertThat(message).contains("Company"));
    }

    @Test
    void an_expired_access_token_is_refused_and_a_refresh_brings_a_working_one() throws Exception {
        provisionCustomFields();
        CrmSession session = session(connect("admin@acme.example"));
        sandbox.tokenLifetime(Duration.ZERO);

        assertThatThrownBy(() -> writer.upsert(session, List.of(record("lead-1", "a@example.com"))))
                .isInstanceOf(AccessTokenRejectedException.class).hasMessageContaining("INVALID_SESSION_ID");

        sandbox.tokenLifetime(Duration.ofHours(2));
        CrmTokens refreshed = authorization.refresh(session.tokens());
        assertThat(refreshed.accessToken()).isNotEqualTo(session.tokens().accessToken());
        assertThat(refreshed.refreshToken()).isEqualTo(session.tokens().refreshToken());
        assertThat(writer.upsert(session.withTokens(refreshed), List.of(record("lead-1", "a@example.com"))).results())
                .singleElement().satisfies(result -> assertThat(result.succeeded()).isTrue());
    }

    @Test
    void a_revoked_connection_needs_reauthorisation_and_its_tokens_stop_working() throws Exception {
        provisionCustomFields();
        CrmSession session = session(connect("admin@acme.example"));

        authorization.revoke(session.tokens());

        assertThatThrownBy(() -> authorization.refresh(session.tokens()))
                .isInstanceOf(ReauthorizationRequiredException.class);
        assertThatThrownBy(() -> writer.upsert(session, List.of(record("lead-1", "a@example.com"))))
                .isInstanceOf(AccessTokenRejectedException.class);
    }

    private CrmAuthorization.Authorized connect(String username) throws Exception {
        URI callback = browser.logInAndConsent(authorization.authorizeUrl("state-" + UUID.randomUUID(), challenge()),
                username, "sandbox", true);
        return authorization.exchange(SandboxBrowser.parameter(callback, "code"), VERIFIER);
    }

    private static String challenge() {
        return new PendingConnect("s".repeat(40), LeadFixtures.WORKSPACE, new ConnectionId(UUID.randomUUID()),
                io.leadsync.domain.crm.CrmKind.SALESFORCE, VERIFIER, "admin", LeadFixtures.T0).codeChallenge();
    }

    @Test
    void a_lead_a_rep_made_that_a_pull_linked_is_updated_by_its_id_and_stamped_never_duplicated() throws Exception {
        provisionCustomFields();
        CrmSession session = session(connect("admin@acme.example"));
        java.net.http.HttpResponse<String> created = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/services/data/v62.0/sobjects/Lead"))
                        .header("Authorization", "Bearer " + session.tokens().accessToken())
                        .header("Content-Type", "application/json")
                        // The rep saves past the duplicate rule's alert (on by default), as in the UI.
                        .header("Sforce-Duplicate-Rule-Header", "allowSave=true")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"LastName\":\"Lovelace\","
                                + "\"Company\":\"Analytical Engines\",\"Email\":\"ada@analytical.example\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String repsLead = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        CrmRecord linked = new CrmRecord(new LeadId("ada"), record("ada", "ada@analytical.example").values(),
                Optional.of(repsLead));

        io.leadsync.application.port.out.UpsertBatch batch = writer.upsert(session,
                List.of(linked, record("grace", "grace@navy.example")));

        assertThat(batch.results()).extracting(UpsertResult::outcome)
                .containsExactly(UpsertResult.Outcome.UPDATED, UpsertResult.Outcome.CREATED);
        assertThat(batch.results().get(0).crmRecordId()).contains(repsLead);
        assertThat(batch.calls()).as("one upsert by lead id, one update by Id").isEqualTo(2);
        assertThat(sandbox.records("Lead")).hasSize(2)
                .anySatisfy(lead -> assertThat(lead).containsEntry("Id", repsLead)
                        .containsEntry("LeadSync_Lead_ID__c", "ada"));
    }

    @Test
    void a_duplicate_rule_naming_one_lead_a_rep_made_links_the_lead_to_it_instead_of_failing() throws Exception {
        provisionCustomFields();
        CrmSession session = session(connect("admin@acme.example"));
        String repsLead = repLead(session, "ada@analytical.example");

        io.leadsync.application.port.out.UpsertBatch batch = writer.upsert(session,
                List.of(record("ada", "ADA@analytical.example"), record("grace", "grace@navy.example")));

        assertThat(batch.results()).extracting(UpsertResult::outcome)
                .containsExactly(UpsertResult.Outcome.UPDATED, UpsertResult.Outcome.CREATED);
        assertThat(batch.results().get(0).crmRecordId()).contains(repsLead);
        assertThat(batch.calls()).as("the upsert, a query of the match, an update by its Id").isEqualTo(3);
        assertThat(sandbox.records("Lead")).hasSize(2)
                .anySatisfy(lead -> assertThat(lead).containsEntry("Id", repsLead)
                        .containsEntry("LeadSync_Lead_ID__c", "ada"));
        // From now on the upsert by lead id finds it: no rule fires, nothing new.
        assertThat(writer.upsert(session, List.of(record("ada", "ada@analytical.example"))).results())
                .extracting(UpsertResult::outcome).containsExactly(UpsertResult.Outcome.UPDATED);
    }

    @Test
    void a_duplicate_rule_naming_several_leads_or_another_leadsync_lead_is_reported_with_the_matches()
            throws Exception {
        provisionCustomFields();
        CrmSession session = session(connect("admin@acme.example"));
        String first = repLead(session, "twins@analytical.example");
        String second = repLead(session, "twins@analytical.example");
        assertThat(writer.upsert(session, List.of(record("ada", "ada@analytical.example"))).results().get(0)
                .succeeded()).isTrue();

        List<UpsertResult> results = writer.upsert(session, List.of(record("twin", "twins@analytical.example"),
                record("ada-again", "ada@analytical.example"))).results();

        assertThat(results).allSatisfy(result -> {
            assertThat(result.succeeded()).isFalse();
            assertThat(result.retryable()).isFalse();
            assertThat(result.errorCode()).contains("DUPLICATES_DETECTED");
        });
        assertThat(results.get(0).message()).hasValueSatisfying(m -> assertThat(m).contains(first, second));
        assertThat(results.get(1).message()).hasValueSatisfying(m -> assertThat(m).contains("already LeadSync lead ada"));
        assertThat(sandbox.records("Lead")).hasSize(3);
    }

    /** A Lead a rep enters in Salesforce, without LeadSync's lead id. */
    private String repLead(CrmSession session, String email) throws Exception {
        java.net.http.HttpResponse<String> created = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/services/data/v62.0/sobjects/Lead"))
                        .header("Authorization", "Bearer " + session.tokens().accessToken())
                        .header("Content-Type", "application/json")
                        // The rep saves past the duplicate rule's alert (on by default), as in the UI.
                        .header("Sforce-Duplicate-Rule-Header", "allowSave=true")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"LastName\":\"Lovelace\","
                                + "\"Company\":\"Analytical Engines\",\"Email\":\"" + email + "\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void a_backlog_goes_as_one_bulk_job_with_a_result_per_record_and_again_updates_without_duplicating()
            throws Exception {
        provisionCustomFields();
        CrmSession session = session(connect("admin@acme.example"));
        List<CrmRecord> records = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            records.add(record("bulk-" + i, "bulk-" + i + "@analytical.example"));
        }
        Map<LeadField, Optional<String>> nameless = new EnumMap<>(records.get(7).values());
        nameless.put(LeadField.LAST_NAME, Optional.empty());
        records.set(7, new CrmRecord(new LeadId("bulk-7"), nameless));

        io.leadsync.application.port.out.UpsertBatch first = bulk.upsertAll(session, records);
        io.leadsync.application.port.out.UpsertBatch second = bulk.upsertAll(session, records);

        assertThat(first.results()).hasSize(2_500);
        assertThat(first.results().get(7)).satisfies(result -> {
            assertThat(result.succeeded()).isFalse();
            assertThat(result.errorCode()).contains("REQUIRED_FIELD_MISSING");
            assertThat(result.message()).hasValueSatisfying(message -> assertThat(message).contains("LastName"));
        });
        assertThat(first.results()).filteredOn(UpsertResult::succeeded).hasSize(2_499)
                .allSatisfy(result -> assertThat(result.outcome()).isEqualTo(UpsertResult.Outcome.CREATED));
        assertThat(second.results()).filteredOn(UpsertResult::succeeded).hasSize(2_499)
                .allSatisfy(result -> assertThat(result.outcome()).isEqualTo(UpsertResult.Outcome.UPDATED));
        assertThat(sandbox.records("Lead")).hasSize(2_499);
        // The org's assignment rule looked up (new leads run it), create, upload, close, a state read or two, two
        // result files: against 13 Collections calls.
        assertThat(first.calls()).isLessThanOrEqualTo(9);
    }

    private static CrmSession session(CrmAuthorization.Authorized authorized) {
        return new CrmSession(new ConnectionId(UUID.randomUUID()), authorized.identity(), authorized.tokens(), MAPPINGS);
    }

    private List<UpsertResult> upsertAll(CrmSession session, List<CrmRecord> records) {
        List<UpsertResult> results = new ArrayList<>();
        for (int from = 0; from < records.size(); from += writer.batchLimit()) {
            results.addAll(writer.upsert(session, records.subList(from, Math.min(records.size(), from + writer.batchLimit()))).results());
        }
        return results;
    }

    private static CrmRecord record(String leadId, String email) {
        Map<LeadField, Optional<String>> values = new EnumMap<>(LeadField.class);
        values.put(LeadField.LEAD_ID, Optional.of(leadId));
        values.put(LeadField.LAST_NAME, Optional.of("Lovelace"));
        values.put(LeadField.FIRST_NAME, Optional.of("Ada"));
        values.put(LeadField.WORK_EMAIL, Optional.of(email));
        values.put(LeadField.COMPANY_NAME, Optional.of("Analytical Engines"));
        values.put(LeadField.OUTREACH_SCORE, Optional.of("72"));
        values.put(LeadField.IS_DQL, Optional.of("false"));
        values.put(LeadField.LEAD_SOURCE, Optional.of("Acme SDR"));
        values.put(LeadField.CITY, Optional.empty());
        return new CrmRecord(new LeadId(leadId), values);
    }

    /** What provisioning will do through the Tooling API: the custom fields of the mapping, readable and editable. */
    private static void provisionCustomFields() {
        sandbox.addCustomField("Lead", FieldDefinition.customText("LeadSync_Lead_ID__c", "LeadSync Lead ID", 255, true, true));
        sandbox.addCustomField("Lead", FieldDefinition.custom("LinkedIn_URL__c", "LinkedIn URL", "url", 255, 0, 0));
        sandbox.addCustomField("Lead", FieldDefinition.custom("LeadSync_Outreach_Score__c", "Outreach Score", "double", 0, 3, 0));
        sandbox.addCustomField("Lead", FieldDefinition.customText("LeadSync_Status__c", "Status", 255, false, false));
        sandbox.addCustomField("Lead", FieldDefinition.customText("LeadSync_Agent_ID__c", "Agent ID", 255, false, false));
        sandbox.addCustomField("Lead", FieldDefinition.custom("LeadSync_AI_Score__c", "AI Score", "double", 0, 3, 0));
        sandbox.addCustomField("Lead", FieldDefinition.custom("LeadSync_Is_DQL__c", "Is DQL", "boolean", 0, 0, 0));
        sandbox.addCustomField("Lead", FieldDefinition.custom("LeadSync_Last_Visit__c", "Last Visit", "datetime", 0, 0, 0));
        sandbox.addCustomField("Lead", FieldDefinition.custom("LeadSync_Visit_Count__c", "Visit Count", "double", 0, 10, 0));
        sandbox.addCustomField("Lead", FieldDefinition.customText("LeadSync_Engagement_Level__c", "Engagement", 255, false, false));
        for (FieldMapping mapping : MAPPINGS) {
            if (mapping.crmField().endsWith("__c")) {
                sandbox.fieldAccess("Lead", mapping.crmField(), "admin@acme.example", true, true);
            }
        }
    }
}
