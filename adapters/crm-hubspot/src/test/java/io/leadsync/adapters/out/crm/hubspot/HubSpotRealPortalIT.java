package io.leadsync.adapters.out.crm.hubspot;

import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmChangeReader.DeletionPage;
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
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadFixtures;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.sandbox.hubspot.HubSpotBrowser;
import io.leadsync.sandbox.hubspot.HubSpotSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What real HubSpot portals do that the adapter must cope with (HUBSPOT.md section 9), against the sandbox over real
 * HTTP: the v1 OAuth API switched off, companies the portal makes from e-mail domains, a batch update with one bad
 * input, merged contacts, and a recycle bin of 10,000 contacts.
 */
class HubSpotRealPortalIT {
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final List<FieldMapping> MAPPINGS = DefaultMappings.hubspot("LeadSync");

    private static HubSpotSandbox sandbox;
    private static HubSpotAuthorization authorization;
    private static HubSpotProvisioner provisioner;
    private static HubSpotLeadWriter writer;
    private static HubSpotChangeReader reader;
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
        reader = new HubSpotChangeReader(http, duration -> { });
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
    void connect_refresh_identity_and_disconnect_work_with_the_v1_oauth_api_switched_off() throws Exception {
        sandbox.oauthV1(false);

        CrmAuthorization.Authorized authorized = connect();
        CrmTokens refreshed = authorization.refresh(authorized.tokens());
        CrmSession session = session(authorized).withTokens(refreshed);
        assertThat(provisioner.provision(session).isReady()).isTrue();
        assertThat(writer.upsert(session, List.of(record("ada", "ada@analytical.example"))).results())
                .singleElement().satisfies(result -> assertThat(result.succeeded()).isTrue());
        authorization.revoke(refreshed);

        assertThat(authorized.identity().userEmail()).isEqualTo("admin@acme.example");
        assertThat(authorized.identity().orgId()).isEqualTo(Long.toString(HubSpotSandbox.HUB_ID));
        assertThat(authorized.identity().orgName()).isEqualTo("acme-hubspot.hubspot.com");
        assertThat(sandbox.liveTokens()).doesNotContain(refreshed.accessToken(), refreshed.refreshToken().orElseThrow());
        assertThatThrownBy(() -> authorization.refresh(refreshed)).isInstanceOf(ReauthorizationRequiredException.class);
        assertThat(sandbox.callCounts().keySet()).noneMatch(call -> call.contains("/oauth/v1/"))
                .contains("POST /oauth/2026-03/token", "POST /oauth/2026-03/token/introspect",
                        "POST /oauth/2026-03/token/revoke");
        // Exchange, refresh, and the refresh refused after the revoke.
        assertThat(sandbox.callCounts()).containsEntry("POST /oauth/2026-03/token", 3L)
                .containsEntry("POST /oauth/2026-03/token/revoke", 2L);
    }

    @ParameterizedTest(name = "automatic companies {0}")
    @ValueSource(booleans = {true, false})
    void a_hundred_new_leads_at_twenty_domains_give_twenty_companies_each_contact_with_its_own(boolean automatic)
            throws Exception {
        sandbox.automaticCompanies(automatic);
        CrmSession session = session(connect());
        provisioner.provision(session);
        List<CrmRecord> records = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int company = i % 20;
            records.add(record("lead-" + i, "person" + i + "@company" + company + ".example", "Company " + company,
                    null));
        }

        UpsertBatch first = writer.upsert(session, records.subList(0, 50));
        UpsertBatch second = writer.upsert(session, records.subList(50, 100));

        assertThat(first.results()).allSatisfy(result -> assertThat(result.outcome())
                .isEqualTo(UpsertResult.Outcome.CREATED));
        assertThat(second.results()).allSatisfy(result -> assertThat(result.outcome())
                .isEqualTo(UpsertResult.Outcome.CREATED));
        List<Map<String, Object>> companies = sandbox.records("companies");
        assertThat(companies).hasSize(20);
        Map<String, String> domainOf = companies.stream().collect(Collectors.toMap(c -> (String) c.get("id"),
                c -> String.valueOf(((Map<?, ?>) c.get("properties")).get("domain"))));
        assertThat(Set.copyOf(domainOf.values())).hasSize(20);
        List<UpsertResult> all = new ArrayList<>(first.results());
        all.addAll(second.results());
        for (int i = 0; i < 100; i++) {
            List<String> associated = sandbox.associatedCompanies(all.get(i).crmRecordId().orElseThrow());
            String expected = "company" + (i % 20) + ".example";
            assertThat(associated).as("lead-" + i).singleElement()
                    .satisfies(company -> assertThat(domainOf.get(company)).isEqualTo(expected));
        }
        // The second batch's companies exist already: nothing is searched or created for it.
        assertThat(second.calls()).isEqualTo(automatic ? 2 : 3);
    }

    @Test
    void when_the_association_read_fails_no_company_is_created_beside_the_one_the_portal_made() throws Exception {
        CrmSession session = session(connect());
        provisioner.provision(session);
        sandbox.injectFault("POST", "/crm/v4/associations/contact/company/batch/read", "503", 1);
        // Two upsert batches, one association read for both: initech.example's people are in each.
        List<CrmRecord> records = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            records.add(record("lead-" + i, "p" + i + "@initech.example", "Initech", null));
        }

        UpsertBatch batch = writer.upsertBatches(session, records);

        assertThat(batch.results()).hasSize(150).allSatisfy(result -> assertThat(result.succeeded()).isTrue());
        // The portal made initech.example's company; search does not show it yet, and LeadSync made no second one.
        assertThat(sandbox.records("companies")).singleElement().satisfies(company -> assertThat(
                properties(company)).containsEntry("domain", "initech.example"));
        assertThat(sandbox.associatedCompanies(batch.results().get(0).crmRecordId().orElseThrow())).hasSize(1);
        assertThat(sandbox.associatedCompanies(batch.results().get(149).crmRecordId().orElseThrow())).hasSize(1);
    }

    /** A claim's later batch meeting the rate limit keeps what the earlier ones wrote; the rest waits, unwritten. */
    @Test
    void a_rate_limit_in_the_third_batch_keeps_the_two_written_and_leaves_the_rest_to_retry() throws Exception {
        CrmSession session = session(connect());
        provisioner.provision(session);
        List<CrmRecord> records = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            records.add(record("lead-" + i, "p" + i + "@hooli.example"));
        }
        Thread.sleep(10_000);
        sandbox.limits(2, null, null, null);
        try {
            UpsertBatch batch = writer.upsertBatches(session, records);

            assertThat(batch.results().subList(0, 200)).allSatisfy(result -> assertThat(result.succeeded()).isTrue());
            assertThat(batch.results().subList(200, 250)).allSatisfy(result -> {
                assertThat(result.succeeded()).isFalse();
                assertThat(result.retryable()).isTrue();
                assertThat(result.errorCode()).contains("RATE_LIMITS");
            });
            assertThat(sandbox.records("contacts")).hasSize(200);
        } finally {
            sandbox.limits(110, null, null, null);
        }
    }

    /**
     * The figure in docs/BENCHMARKS.md: calls per 1,000 new leads at 20 domains, as one push claims them (ten upsert
     * batches of 100, then the company work of all of them at once).
     */
    @ParameterizedTest(name = "automatic companies {0}")
    @ValueSource(booleans = {true, false})
    void a_thousand_new_leads_cost_eleven_calls_when_the_portal_makes_the_companies(boolean automatic)
            throws Exception {
        sandbox.automaticCompanies(automatic);
        CrmSession session = session(connect());
        provisioner.provision(session);
        List<CrmRecord> records = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            records.add(record("lead-" + i, "p" + i + "@firm" + (i % 20) + ".example", "Firm " + (i % 20), null));
        }
        Map<String, Long> before = sandbox.callCounts();

        UpsertBatch batch = writer.upsertBatches(session, records);

        Map<String, Long> made = new HashMap<>(sandbox.callCounts());
        before.forEach((call, count) -> made.computeIfPresent(call, (c, now) -> now - count));
        made.values().removeIf(count -> count == 0);
        System.out.println("HubSpot calls per 1,000 new leads at 20 domains, automatic companies " + automatic
                + ": " + batch.calls() + " " + made);
        List<Map<String, Object>> companies = sandbox.records("companies");
        assertThat(companies).hasSize(20);
        Map<String, String> domainOf = companies.stream().collect(Collectors.toMap(c -> (String) c.get("id"),
                c -> String.valueOf(((Map<?, ?>) c.get("properties")).get("domain"))));
        for (int i = 0; i < 1_000; i += 37) {
            String expected = "firm" + (i % 20) + ".example";
            assertThat(sandbox.associatedCompanies(batch.results().get(i).crmRecordId().orElseThrow()))
                    .as("lead-" + i).singleElement()
                    .satisfies(company -> assertThat(domainOf.get(company)).isEqualTo(expected));
        }
        // Ten upserts and one association read; with the setting off also one search, one create of the 20
        // companies and one association of the 1,000 contacts.
        assertThat(made).containsEntry("POST /crm/v3/objects/contacts/batch/upsert", 10L)
                .containsEntry("POST /crm/v4/associations/{fromObjectType}/{toObjectType}/batch/read", 1L);
        assertThat(batch.calls()).isEqualTo(automatic ? 11 : 14);
        assertThat(made.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(batch.calls());
    }

    @Test
    void in_a_batch_update_one_contact_whose_new_email_belongs_to_another_fails_alone_and_99_are_updated()
            throws Exception {
        CrmSession session = session(connect());
        provisioner.provision(session);
        String other = sandbox.createAsRep("contacts", Map.of("email", "taken@analytical.example")).get("id")
                .toString();
        List<CrmRecord> linked = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String contact = sandbox.createAsRep("contacts", Map.of("email", "rep" + i + "@analytical.example",
                    "lastname", "Rep " + i)).get("id").toString();
            String email = i == 42 ? "taken@analytical.example" : "new" + i + "@analytical.example";
            linked.add(new CrmRecord(new LeadId("lead-" + i), record("lead-" + i, email).values(),
                    Optional.of(contact)));
        }

        UpsertBatch batch = writer.upsert(session, linked);

        assertThat(batch.results()).filteredOn(UpsertResult::succeeded).hasSize(99);
        UpsertResult failed = batch.results().get(42);
        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.retryable()).isFalse();
        assertThat(failed.errorCode()).contains("CONFLICT");
        assertThat(failed.message()).contains("Contact already exists. Existing ID: " + other);
        assertThat(sandbox.records("contacts")).hasSize(101);
        assertThat(contactByLead("lead-7")).containsEntry("email", "new7@analytical.example");
        assertThat(sandbox.records("contacts").stream().map(c -> (Map<?, ?>) c.get("properties"))
                .filter(p -> "lead-42".equals(p.get("leadsync_lead_id")))).isEmpty();
    }

    @Test
    void after_a_merge_the_leads_next_change_lands_on_the_surviving_contact_and_no_contact_is_made() throws Exception {
        CrmSession session = session(connect());
        provisioner.provision(session);
        String leadsContact = writer.upsert(session, List.of(record("ada", "ada@analytical.example"))).results()
                .get(0).crmRecordId().orElseThrow();
        String repsContact = sandbox.createAsRep("contacts", Map.of("email", "a.lovelace@analytical.example",
                "jobtitle", "Countess")).get("id").toString();
        String survivor = sandbox.mergeAsRep("contacts", repsContact, leadsContact).get("id").toString();

        Map<LeadField, Optional<String>> changed = new EnumMap<>(record("ada", "ada@analytical.example").values());
        changed.put(LeadField.CITY, Optional.of("London"));
        UpsertResult result = writer.upsert(session, List.of(new CrmRecord(new LeadId("ada"), changed))).results()
                .get(0);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.crmRecordId()).contains(survivor);
        assertThat(sandbox.records("contacts")).singleElement().satisfies(contact -> assertThat(
                properties(contact)).containsEntry("city", "London").containsEntry("jobtitle", "Countess"));
    }

    @Test
    void a_contact_linked_by_its_id_that_was_merged_away_is_followed_to_the_survivor() throws Exception {
        CrmSession session = session(connect());
        provisioner.provision(session);
        String linkedContact = sandbox.createAsRep("contacts", Map.of("email", "ada@analytical.example")).get("id")
                .toString();
        String other = sandbox.createAsRep("contacts", Map.of("email", "a.l@analytical.example")).get("id").toString();
        String survivor = sandbox.mergeAsRep("contacts", other, linkedContact).get("id").toString();

        UpsertResult result = writer.upsert(session, List.of(new CrmRecord(new LeadId("ada"),
                record("ada", "a.l@analytical.example").values(), Optional.of(linkedContact)))).results().get(0);

        assertThat(result.succeeded()).as(result.message().orElse("")).isTrue();
        assertThat(result.crmRecordId()).contains(survivor);
        assertThat(sandbox.records("contacts")).singleElement().satisfies(contact -> assertThat(
                properties(contact)).containsEntry("leadsync_lead_id", "ada"));
    }

    @Test
    void the_deletion_scan_costs_at_most_ten_calls_a_cycle_and_finds_a_deletion_within_a_round() throws Exception {
        CrmSession session = session(connect());
        for (int i = 0; i < 2_500; i++) {
            String id = sandbox.createAsRep("contacts", Map.of("lastname", "Binned " + i)).get("id").toString();
            sandbox.archiveAsRep("contacts", id);
        }
        String late = sandbox.createAsRep("contacts", Map.of("lastname", "Deleted last")).get("id").toString();
        sandbox.archiveAsRep("contacts", late);
        Instant until = Instant.now().plusSeconds(1);

        Map<Integer, Integer> callsPerCycle = new HashMap<>();
        List<String> seen = new ArrayList<>();
        Optional<String> resume = Optional.empty();
        int cycle = 0;
        do {
            DeletionPage page = reader.deletions(session, until.minusSeconds(60), until, resume);
            callsPerCycle.put(cycle++, page.calls());
            page.deletions().forEach(deletion -> seen.add(deletion.crmRecordId()));
            resume = page.resume();
        } while (resume.isPresent());

        assertThat(callsPerCycle).containsExactlyInAnyOrderEntriesOf(Map.of(0, 10, 1, 10, 2, 6));
        assertThat(seen).hasSize(2_501).contains(late);
        assertThat(reader.deletions(session, until.minusSeconds(60), until, Optional.empty()).calls()).isEqualTo(10);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private CrmAuthorization.Authorized connect() throws Exception {
        URI callback = browser.logInAndConsent(authorization.authorizeUrl("state-1", challenge()),
                "admin@acme.example", "sandbox", true);
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
        values.put(LeadField.LAST_NAME, Optional.of("Lovelace"));
        values.put(LeadField.WORK_EMAIL, Optional.of(email));
        return new CrmRecord(new LeadId(leadId), values);
    }

    private static Map<String, Object> contactByLead(String leadId) {
        return sandbox.records("contacts").stream().map(HubSpotRealPortalIT::properties)
                .filter(properties -> leadId.equals(properties.get("leadsync_lead_id"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> record) {
        return (Map<String, Object>) record.get("properties");
    }
}
