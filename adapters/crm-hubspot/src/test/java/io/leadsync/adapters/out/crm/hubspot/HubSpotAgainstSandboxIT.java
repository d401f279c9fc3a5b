package io.leadsync.adapters.out.crm.hubspot;

import io.leadsync.application.port.out.AccessTokenRejectedException;
import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmRateLimitedException;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.ReauthorizationRequiredException;
import io.leadsync.application.port.out.UpsertBatch;
import io.leadsync.application.port.out.UpsertResult;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.PendingConnect;
import io.leadsync.domain.crm.Readiness;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadFixtures;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.sandbox.hubspot.HubSpotBrowser;
import io.leadsync.sandbox.hubspot.HubSpotSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HubSpot adapter over real HTTP against the HubSpot sandbox, through its login and consent pages. */
class HubSpotAgainstSandboxIT {
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final List<FieldMapping> MAPPINGS = DefaultMappings.hubspot("LeadSync");
    private static final String UPSERT = "POST /crm/v3/objects/contacts/batch/upsert";

    private static HubSpotSandbox sandbox;
    private static HubSpotAuthorization authorization;
    private static HubSpotProvisioner provisioner;
    private static HubSpotLeadWriter writer;
    private final HubSpotBrowser browser = new HubSpotBrowser();

    @BeforeAll
    static void start() {
        sandbox = HubSpotSandbox.start(0);
        HubSpotSettings settings = new HubSpotSettings(URI.create(sandbox.baseUrl()),
                URI.create(sandbox.baseUrl() + "/oauth/authorize"), HubSpotSandbox.CLIENT_ID,
                HubSpotSandbox.CLIENT_SECRET, URI.create("http://localhost:8080/oauth/callback"), Duration.ofSeconds(10));
        HubSpotHttp http = new HubSpotHttp(settings);
        authorization = new HubSpotAuthorization(settings, http, Clock.systemUTC());
        provisioner = new HubSpotProvisioner(http);
        writer = new HubSpotLeadWriter(http);
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
    void an_admin_connects_through_login_and_consent_and_leadsync_learns_the_user_and_the_portal() throws Exception {
        CrmAuthorization.Authorized authorized = connect("admin@acme.example");

        assertThat(authorized.identity().userEmail()).isEqualTo("admin@acme.example");
        // The portal as HubSpot documents it: the token's hub domain (a portal name exists only in a beta API).
        assertThat(authorized.identity().orgName()).isEqualTo("acme-hubspot.hubspot.com");
        assertThat(authorized.identity().orgId()).isEqualTo(Long.toString(HubSpotSandbox.HUB_ID));
        assertThat(authorized.tokens().refreshToken()).isPresent();
        // HubSpot states the lifetime (30 minutes): LeadSync keeps the expiry to refresh ahead of it.
        assertThat(authorized.tokens().accessExpiresAt()).hasValueSatisfying(expiry ->
                assertThat(Duration.between(authorized.tokens().issuedAt(), expiry)).isEqualTo(Duration.ofSeconds(1800)));
    }

    @Test
    void a_code_presented_with_another_verifier_is_refused() throws Exception {
        URI callback = browser.logInAndConsent(authorization.authorizeUrl("state-1", challenge()),
                "admin@acme.example", "sandbox", true);

        assertThatThrownBy(() -> authorization.exchange(HubSpotBrowser.parameter(callback, "code"),
                "another-verifier-another-verifier-another-verifier"))
                .hasMessageContaining("invalid_grant").hasMessageContaining("code_verifier");
    }

    @Test
    void provisioning_as_an_admin_creates_every_property_with_its_type_and_a_second_run_changes_nothing() throws Exception {
        CrmSession session = session(connect("admin@acme.example"));

        Readiness first = provisioner.provision(session);
        long creates = creates();
        Readiness second = provisioner.provision(session);

        assertThat(first.problems()).isEmpty();
        assertThat(second.problems()).isEmpty();
        assertThat(creates()).isEqualTo(creates);
        Map<String, Object> leadId = property(session, "leadsync_lead_id");
        assertThat(leadId).containsEntry("type", "string").containsEntry("hasUniqueValue", true)
                .containsEntry("groupName", "leadsync");
        assertThat(property(session, "leadsync_outreach_score")).containsEntry("type", "number");
        assertThat(property(session, "leadsync_is_dql")).containsEntry("type", "bool");
        assertThat(property(session, "leadsync_last_visit")).containsEntry("type", "datetime");
    }

    @Test
    void a_rep_without_the_property_settings_permission_gets_the_permission_named() throws Exception {
        CrmSession session = session(connect("rep@acme.example"));

        Readiness readiness = provisioner.provision(session);

        assertThat(readiness.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Readiness.Kind.MISSING_PERMISSION);
            assertThat(problem.detail()).contains("rep@acme.example");
            assertThat(problem.fix()).contains("Edit property settings");
        });
    }

    @Test
    void a_property_of_the_wrong_type_is_named_by_the_readiness_check() throws Exception {
        CrmSession session = session(connect("admin@acme.example"));
        createProperty(session, "{\"name\":\"leadsync_outreach_score\",\"label\":\"Score\",\"type\":\"string\","
                + "\"fieldType\":\"text\",\"groupName\":\"contactinformation\"}");

        Readiness readiness = provisioner.provision(session);

        assertThat(readiness.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Readiness.Kind.WRONG_TYPE);
            assertThat(problem.crmField()).isEqualTo("leadsync_outreach_score");
        });
    }

    @Test
    void four_hundred_fifty_leads_take_five_batch_calls_and_posting_again_updates_without_duplicating() throws Exception {
        CrmSession session = session(connect("admin@acme.example"));
        assertThat(provisioner.provision(session).isReady()).isTrue();
        List<CrmRecord> records = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            records.add(record("lead-" + i, "lead-" + i + "@analytical.example"));
        }

        List<UpsertResult> first = upsertAll(session, records);
        List<UpsertResult> second = upsertAll(session, records);

        assertThat(first).allSatisfy(result -> assertThat(result.outcome()).isEqualTo(UpsertResult.Outcome.CREATED));
        assertThat(second).allSatisfy(result -> assertThat(result.outcome()).isEqualTo(UpsertResult.Outcome.UPDATED));
        assertThat(second).extracting(UpsertResult::crmRecordId)
                .isEqualTo(first.stream().map(UpsertResult::crmRecordId).toList());
        assertThat(sandbox.callCounts()).containsEntry(UPSERT, 10L);
        assertThat(contacts()).hasSize(450);
        Map<String, Object> stored = contact("lead-7");
        assertThat(stored).containsEntry("email", "lead-7@analytical.example").containsEntry("lastname", "Lovelace")
                .containsEntry("leadsync_outreach_score", "87").containsEntry("leadsync_is_dql", "true")
                .containsEntry("leadsync_lead_source", "Acme SDR");
    }

    @Test
    void a_contact_a_rep_made_with_the_same_email_is_adopted_rather_than_duplicated() throws Exception {
        CrmSession session = session(connect("admin@acme.example"));
        provisioner.provision(session);
        String existing = createContact(session, "{\"properties\":{\"email\":\"ada@analytical.example\","
                + "\"lastname\":\"Lovelace\"}}");

        UpsertBatch batch = writer.upsert(session, List.of(record("ada", "ada@analytical.example"),
                record("grace", "grace@analytical.example")));

        assertThat(batch.results()).extracting(UpsertResult::outcome)
                .containsExactly(UpsertResult.Outcome.UPDATED, UpsertResult.Outcome.CREATED);
        assertThat(batch.results().get(0).crmRecordId()).contains(existing);
        assertThat(contacts()).hasSize(2);
        assertThat(contact("ada")).containsEntry("hs_object_id", existing);
    }

    @Test
    void a_second_lead_with_the_email_of_another_leads_contact_is_reported_with_the_contact_not_adopted()
            throws Exception {
        CrmSession session = session(connect("admin@acme.example"));
        provisioner.provision(session);
        assertThat(writer.upsert(session, List.of(record("ada", "ada@analytical.example"))).results().get(0)
                .succeeded()).isTrue();
        String adasContact = String.valueOf(contact("ada").get("hs_object_id"));

        UpsertResult result = writer.upsert(session, List.of(record("ada-again", "ada@analytical.example")))
                .results().get(0);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.retryable()).isFalse();
        assertThat(result.errorCode()).contains("CONFLICT");
        assertThat(result.message()).hasValueSatisfying(message -> assertThat(message)
                .contains("Existing ID: " + adasContact, "already linked to lead ada"));
        assertThat(contacts()).hasSize(1);
        assertThat(contact("ada")).containsEntry("hs_object_id", adasContact);
    }

    @Test
    void a_contact_a_pull_linked_is_updated_by_its_id_and_stamped_never_duplicated() throws Exception {
        CrmSession session = session(connect("admin@acme.example"));
        provisioner.provision(session);
        String repsContact = createContact(session, "{\"properties\":{\"email\":\"ada@analytical.example\","
                + "\"lastname\":\"Lovelace\"}}");
        CrmRecord linked = new CrmRecord(new LeadId("ada"), record("ada", "ada@analytical.example").values(),
                Optional.of(repsContact));

        UpsertBatch batch = writer.upsert(session, List.of(linked, record("grace", "grace@navy.example")));

        assertThat(batch.results()).extracting(UpsertResult::outcome)
                .containsExactly(UpsertResult.Outcome.UPDATED, UpsertResult.Outcome.CREATED);
        assertThat(batch.results().get(0).crmRecordId()).contains(repsContact);
        assertThat(contacts()).hasSize(2);
        assertThat(contact("ada")).containsEntry("hs_object_id", repsContact);
    }

    @Test
    void new_contacts_are_associated_with_their_company_found_by_domain_or_created_once() throws Exception {
        CrmSession session = session(connect("admin@acme.example"));
        provisioner.provision(session);
        String existing = createCompany(session, "{\"properties\":{\"name\":\"Analytical Engines Ltd\","
                + "\"domain\":\"analytical.example\"}}");
        // A company made seconds before is not searchable yet in HubSpot either (indexing lag): this test is about
        // matching, so the sandbox indexes at once here. It is about LeadSync's own matching, too, so the portal does
        // not make companies itself (HubSpotRealPortalIT has it on).
        sandbox.searchLag(Duration.ZERO);
        sandbox.automaticCompanies(false);

        UpsertBatch batch = writer.upsert(session, List.of(
                record("ada", "ada@analytical.example", "Analytical Engines", "https://www.analytical.example/about"),
                record("charles", "charles@analytical.example", "Analytical Engines", "https://analytical.example"),
                record("hank", "hank@globex.example", "Globex", null),
                record("homer", "homer@globex.example", "Globex", null)));

        assertThat(batch.results()).allSatisfy(result -> assertThat(result.outcome()).isEqualTo(UpsertResult.Outcome.CREATED));
        List<Map<String, Object>> companies = sandbox.records("companies");
        assertThat(companies).hasSize(2);
        String globex = companies.stream().filter(company -> !company.get("id").equals(existing))
                .map(company -> (String) company.get("id")).findFirst().orElseThrow();
        assertThat(companyOf(session, batch.results().get(0))).containsExactly(existing);
        assertThat(companyOf(session, batch.results().get(1))).containsExactly(existing);
        assertThat(companyOf(session, batch.results().get(2))).containsExactly(globex);
        assertThat(companyOf(session, batch.results().get(3))).containsExactly(globex);
        // One upsert, one read of the associations HubSpot made (none), one company search, one create (Globex), one
        // association call.
        assertThat(batch.calls()).isEqualTo(5);

        UpsertBatch again = writer.upsert(session, List.of(record("ada", "ada@analytical.example",
                "Analytical Engines", "https://www.analytical.example/about")));
        assertThat(again.calls()).as("an update leaves the association as it is").isEqualTo(1);
    }

    @Test
    void a_connection_that_may_not_create_records_associates_existing_companies_only() throws Exception {
        CrmSession allowed = session(connect("admin@acme.example"));
        provisioner.provision(allowed);
        CrmSession session = new CrmSession(allowed.connectionId(), allowed.identity(), allowed.tokens(), MAPPINGS, false);
        sandbox.automaticCompanies(false);

        UpsertBatch batch = writer.upsert(session, List.of(record("hank", "hank@globex.example", "Globex", null)));

        assertThat(batch.results()).singleElement().satisfies(result -> assertThat(result.succeeded()).isTrue());
        assertThat(sandbox.records("companies")).isEmpty();
        assertThat(companyOf(session, batch.results().get(0))).isEmpty();
    }

    @Test
    void an_expired_access_token_is_refused_and_a_refresh_brings_a_working_one() throws Exception {
        CrmSession session = session(connect("admin@acme.example"));
        provisioner.provision(session);
        sandbox.accessTokenLifetime(Duration.ZERO);

        assertThatThrownBy(() -> writer.upsert(session, List.of(record("x", "x@analytical.example"))))
                .isInstanceOf(AccessTokenRejectedException.class).hasMessageContaining("EXPIRED_AUTHENTICATION");

        sandbox.accessTokenLifetime(Duration.ofMinutes(30));
        CrmTokens refreshed = authorization.refresh(session.tokens());
        assertThat(writer.upsert(session.withTokens(refreshed), List.of(record("x", "x@analytical.example")))
                .results()).singleElement().satisfies(result -> assertThat(result.succeeded()).isTrue());
    }

    @Test
    void after_a_revoke_the_refresh_token_is_refused_for_good() throws Exception {
        CrmTokens tokens = connect("admin@acme.example").tokens();

        authorization.revoke(tokens);

        assertThatThrownBy(() -> authorization.refresh(tokens)).isInstanceOf(ReauthorizationRequiredException.class);
    }

    @Test
    void a_burst_over_the_ten_second_limit_is_reported_with_the_wait_and_writes_nothing() throws Exception {
        CrmSession session = session(connect("admin@acme.example"));
        provisioner.provision(session);
        // Connecting and provisioning already spent more than one call of this ten-second window.
        sandbox.limits(1, null, null, null);

        assertThatThrownBy(() -> writer.upsert(session, List.of(record("b", "b@analytical.example"))))
                .isInstanceOfSatisfying(CrmRateLimitedException.class, limited -> {
                    assertThat(limited.daily()).isFalse();
                    assertThat(limited.getMessage()).contains("TEN_SECONDLY_ROLLING");
                });
        assertThat(contacts()).isEmpty();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private CrmAuthorization.Authorized connect(String user) throws Exception {
        URI callback = browser.logInAndConsent(authorization.authorizeUrl("state-" + user, challenge()), user,
                "sandbox", true);
        assertThat(HubSpotBrowser.parameter(callback, "state")).isEqualTo("state-" + user);
        return authorization.exchange(HubSpotBrowser.parameter(callback, "code"), VERIFIER);
    }

    private static String challenge() {
        return new PendingConnect("s".repeat(40), LeadFixtures.WORKSPACE, new ConnectionId(UUID.randomUUID()),
                CrmKind.HUBSPOT, VERIFIER, "admin", LeadFixtures.T0).codeChallenge();
    }

    private static CrmSession session(CrmAuthorization.Authorized authorized) {
        return new CrmSession(new ConnectionId(UUID.randomUUID()), authorized.identity(), authorized.tokens(), MAPPINGS);
    }

    private static CrmRecord record(String leadId, String email, String company, String website) {
        CrmRecord base = record(leadId, email);
        Map<LeadField, Optional<String>> values = new EnumMap<>(base.values());
        values.put(LeadField.COMPANY_NAME, Optional.of(company));
        values.put(LeadField.COMPANY_WEBSITE, Optional.ofNullable(website));
        return new CrmRecord(base.leadId(), values);
    }

    private static CrmRecord record(String leadId, String email) {
        Map<LeadField, Optional<String>> values = new EnumMap<>(LeadField.class);
        values.put(LeadField.LEAD_ID, Optional.of(leadId));
        values.put(LeadField.FIRST_NAME, Optional.of("Ada"));
        values.put(LeadField.LAST_NAME, Optional.of("Lovelace"));
        values.put(LeadField.WORK_EMAIL, Optional.of(email));
        values.put(LeadField.COMPANY_NAME, Optional.of("Analytical Engines"));
        values.put(LeadField.OUTREACH_SCORE, Optional.of("87"));
        values.put(LeadField.IS_DQL, Optional.of("true"));
        values.put(LeadField.LAST_VISIT, Optional.of("2026-01-31T09:30:00Z"));
        values.put(LeadField.LEAD_SOURCE, Optional.of("Acme SDR"));
        values.put(LeadField.CITY, Optional.empty());
        return new CrmRecord(new LeadId(leadId), values);
    }

    private static List<UpsertResult> upsertAll(CrmSession session, List<CrmRecord> records) {
        List<UpsertResult> results = new ArrayList<>();
        for (int from = 0; from < records.size(); from += HubSpotLeadWriter.BATCH_LIMIT) {
            results.addAll(writer.upsert(session, records.subList(from,
                    Math.min(records.size(), from + HubSpotLeadWriter.BATCH_LIMIT))).results());
        }
        return results;
    }

    private static List<Map<String, Object>> contacts() {
        return sandbox.records("contacts");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> contact(String leadId) {
        return contacts().stream().map(contact -> (Map<String, Object>) contact.get("properties"))
                .filter(properties -> leadId.equals(properties.get("leadsync_lead_id"))).findFirst().orElseThrow();
    }

    private static long creates() {
        return sandbox.callCounts().getOrDefault("POST /crm/v3/properties/contacts", 0L);
    }

    private static Map<String, Object> property(CrmSession session, String name) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sandbox.baseUrl() + "/crm/v3/properties/contacts/" + name))
                .header("Authorization", "Bearer " + session.tokens().accessToken()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> property = io.micronaut.serde.ObjectMapper.getDefault().readValue(response.body(), Map.class);
        return property;
    }

    private static void createProperty(CrmSession session, String json) throws Exception {
        HttpResponse<String> response = post(session, "/crm/v3/properties/contacts", json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static String createContact(CrmSession session, String json) throws Exception {
        HttpResponse<String> response = post(session, "/crm/v3/objects/contacts", json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        Map<String, Object> contact = io.micronaut.serde.ObjectMapper.getDefault().readValue(response.body(), Map.class);
        return (String) contact.get("id");
    }

    private static String createCompany(CrmSession session, String json) throws Exception {
        HttpResponse<String> response = post(session, "/crm/v3/objects/companies", json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        Map<String, Object> company = io.micronaut.serde.ObjectMapper.getDefault().readValue(response.body(), Map.class);
        return (String) company.get("id");
    }

    /** The ids of the companies a contact is associated with, as HubSpot's contact read with associations shows. */
    @SuppressWarnings("unchecked")
    private static List<String> companyOf(CrmSession session, UpsertResult result) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        sandbox.baseUrl() + "/crm/v3/objects/contacts/" + result.crmRecordId().orElseThrow()
                                + "?associations=companies"))
                .header("Authorization", "Bearer " + session.tokens().accessToken()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> contact = io.micronaut.serde.ObjectMapper.getDefault().readValue(response.body(), Map.class);
        Map<String, Object> associations = (Map<String, Object>) contact.get("associations");
        if (associations == null) {
            return List.of();
        }
        List<Map<String, Object>> companies = (List<Map<String, Object>>) ((Map<String, Object>) associations
                .get("companies")).get("results");
        return companies.stream().map(company -> String.valueOf(company.get("id"))).distinct().toList();
    }

    private static HttpResponse<String> post(CrmSession session, String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .header("Authorization", "Bearer " + session.tokens().accessToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
