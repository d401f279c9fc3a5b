package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmChangeReader;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.UpsertResult;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.PendingConnect;
import io.leadsync.domain.crm.Readiness;
import io.leadsync.domain.crm.TargetObject;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadFixtures;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import io.leadsync.sandbox.salesforce.SandboxBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection whose target is Contact, over real HTTP against the Salesforce sandbox: provisioning puts LeadSync's
 * fields on Contact, each lead becomes a Contact with its Account (found by website domain, then name, or created),
 * writing again never duplicates either, and the pull reads Contacts.
 */
class SalesforceContactTargetIT {
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final List<FieldMapping> MAPPINGS = DefaultMappings.salesforceContact("LeadSync");

    private static SalesforceSandbox sandbox;
    private static SalesforceAuthorization authorization;
    private static SalesforceLeadWriter writer;
    private static SalesforceProvisioner provisioner;
    private static SalesforceChangeReader reader;
    private final SandboxBrowser browser = new SandboxBrowser();

    @BeforeAll
    static void start() {
        sandbox = SalesforceSandbox.start(0);
        SalesforceSettings settings = new SalesforceSettings(URI.create(sandbox.baseUrl()),
                SalesforceSandbox.CLIENT_ID, SalesforceSandbox.CLIENT_SECRET,
                URI.create("http://localhost:8080/oauth/callback"), "v62.0", Duration.ofSeconds(10));
        SalesforceHttp http = new SalesforceHttp(settings);
        authorization = new SalesforceAuthorization(settings, http);
        writer = new SalesforceLeadWriter(settings, http);
        provisioner = new SalesforceProvisioner(settings, http);
        reader = new SalesforceChangeReader(settings, http);
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
    void provisioning_puts_leadsyncs_fields_on_the_contact_and_the_check_passes() throws Exception {
        CrmSession session = session(true);

        Readiness readiness = provisioner.provision(session);

        assertThat(readiness.problems()).isEmpty();
        assertThat(sandbox.records("Contact")).isEmpty();
    }

    @Test
    void the_page_layout_option_gives_the_contact_and_account_layouts_a_leadsync_section_and_the_check_names_the_rest()
            throws Exception {
        // The AI score kept on the Account instead: a custom Account field beside the Contact's.
        List<FieldMapping> withAccountField = MAPPINGS.stream().map(mapping -> mapping.appField() == LeadField.AI_SCORE
                ? FieldMapping.both(LeadField.AI_SCORE, "Account.LeadSync_Account_Score__c") : mapping).toList();
        CrmSession session = session(true, withAccountField);

        Readiness advised = provisioner.provisionCounting(session, false).readiness();

        assertThat(advised.isReady()).isTrue();
        assertThat(advised.problems()).extracting(Readiness.Problem::crmField).containsExactly(
                "Contact layout \"Contact Layout\"", "Account layout \"Account Layout\"");
        assertThat(advised.problems().get(1).detail()).contains("LeadSync_Account_Score__c")
                .doesNotContain("LeadSync_Lead_ID__c");

        Readiness placed = provisioner.provisionCounting(session, true).readiness();

        assertThat(placed.problems()).isEmpty();
        assertThat(sandbox.layoutFields("Contact").get("Contact Layout"))
                .contains("LeadSync_Lead_ID__c", "LeadSync_Outreach_Score__c", "LastName")
                .doesNotContain("LeadSync_Account_Score__c");
        assertThat(sandbox.layoutFields("Account").get("Account Layout"))
                .contains("LeadSync_Account_Score__c", "Name").doesNotContain("LeadSync_Lead_ID__c");
    }

    @Test
    void each_lead_becomes_a_contact_of_its_account_found_by_domain_then_name_or_created_and_never_twice()
            throws Exception {
        CrmSession session = session(true);
        assertThat(provisioner.provision(session).problems()).isEmpty();
        String byron = api(session, "POST", "/sobjects/Account",
                "{\"Name\":\"Byron Holdings\",\"Website\":\"https://www.byron.example/about\"}");
        String engines = api(session, "POST", "/sobjects/Account", "{\"Name\":\"Analytical Engines\"}");
        List<CrmRecord> records = List.of(
                record("ada", "Lovelace", "Analytical engines", Optional.empty()),
                record("george", "Byron", "Byron & Co", Optional.of("http://byron.example")),
                record("charles", "Babbage", "Difference Engines", Optional.of("https://difference.example")),
                record("mary", "Somerville", "Difference Engines", Optional.empty()));

        List<UpsertResult> first = writer.upsert(session, records).results();
        List<UpsertResult> again = writer.upsert(session, records).results();

        assertThat(first).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(UpsertResult.Outcome.CREATED));
        assertThat(again).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(UpsertResult.Outcome.UPDATED));
        assertThat(sandbox.records("Contact")).hasSize(4);
        assertThat(sandbox.records("Account")).as("one new Account, for Difference Engines").hasSize(3);
        assertThat(accountOf("ada")).as("by name, whatever its case").isEqualTo(engines);
        assertThat(accountOf("george")).as("by website domain before name").isEqualTo(byron);
        assertThat(accountOf("charles")).isEqualTo(accountOf("mary")).isNotIn(byron, engines);
        Map<String, Object> created = sandbox.records("Account").stream()
                .filter(a -> a.get("Id").equals(accountOf("charles"))).findFirst().orElseThrow();
        assertThat(created).containsEntry("Name", "Difference Engines")
                .containsEntry("Website", "https://difference.example");
        Map<String, Object> ada = contact("ada");
        assertThat(ada).containsEntry("LastName", "Lovelace").containsEntry("Email", "ada@analytical.example")
                .containsEntry("MailingCity", "London").containsEntry("LeadSync_Lead_ID__c", "ada");
    }

    @Test
    void an_account_the_orgs_duplicate_rule_refuses_fails_its_lead_rather_than_leave_it_without_its_company()
            throws Exception {
        // The phone kept on the Account: the standard Account matching rule matches a similar name and the same phone.
        List<FieldMapping> withPhone = MAPPINGS.stream().map(m -> m.appField() == LeadField.MOBILE_PHONE
                ? FieldMapping.both(LeadField.MOBILE_PHONE, "Account.Phone") : m).toList();
        CrmSession session = session(true, withPhone);
        assertThat(provisioner.provision(session).problems()).isEmpty();
        api(session, "POST", "/sobjects/Account", "{\"Name\":\"Babbage & Co\",\"Phone\":\"+44 20 7946 0000\"}");
        Map<LeadField, Optional<String>> values = new EnumMap<>(LeadField.class);
        values.putAll(record("charles", "Babbage", "Babbage", Optional.empty()).values());
        values.put(LeadField.MOBILE_PHONE, Optional.of("+44 20 7946 0000"));

        UpsertResult result = writer.upsert(session, List.of(new CrmRecord(new LeadId("charles"), values)))
                .results().get(0);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.retryable()).isFalse();
        assertThat(result.errorCode()).contains("DUPLICATES_DETECTED");
        assertThat(result.message().orElseThrow()).contains("Account \"Babbage\"");
        assertThat(sandbox.records("Contact")).isEmpty();
        assertThat(sandbox.records("Account")).hasSize(1);
    }

    @Test
    void without_the_accounts_switch_a_contact_of_an_unknown_company_has_no_account() throws Exception {
        CrmSession session = session(false);
        assertThat(provisioner.provision(session).problems()).isEmpty();

        List<UpsertResult> results = writer.upsert(session, List.of(record("ada", "Lovelace", "Analytical Engines",
                Optional.empty()))).results();

        assertThat(results.get(0).succeeded()).isTrue();
        assertThat(sandbox.records("Account")).isEmpty();
        assertThat(contact("ada").get("AccountId")).isNull();
    }

    @Test
    void the_pull_reads_contacts_and_what_a_rep_changed_on_them_and_on_their_accounts() throws Exception {
        CrmSession session = session(true);
        assertThat(provisioner.provision(session).problems()).isEmpty();
        writer.upsert(session, List.of(record("ada", "Lovelace", "Analytical Engines", Optional.empty())));
        String contactId = (String) contact("ada").get("Id");
        sandbox.editAsRep("Account", (String) accountOf("ada"), Map.of("Name", "Analytical Engines Ltd",
                "Website", "https://engines.example"));
        sandbox.editAsRep("Contact", contactId, Map.of("Title", "Countess"));

        CrmChangeReader.ChangePage page = reader.changes(session, new CrmChangeReader.ChangeWindow(
                CrmChangeReader.Watermark.origin(), Instant.now().plusSeconds(5)), Optional.empty());

        assertThat(page.changes()).hasSize(1);
        CrmChangeReader.CrmChange change = page.changes().get(0);
        assertThat(change.crmRecordId()).isEqualTo(contactId);
        assertThat(change.values()).containsEntry(LeadField.JOB_TITLE, Optional.of("Countess"))
                .containsEntry(LeadField.LEAD_ID, Optional.of("ada"))
                .containsEntry(LeadField.COMPANY_NAME, Optional.of("Analytical Engines Ltd"))
                .containsEntry(LeadField.COMPANY_WEBSITE, Optional.of("https://engines.example"));
        assertThat(page.calls()).as("the Contacts, then their Accounts").isEqualTo(2);
    }

    @Test
    void a_contact_without_an_account_pulls_no_company_rather_than_a_blank_one() throws Exception {
        CrmSession session = session(false);
        assertThat(provisioner.provision(session).problems()).isEmpty();
        writer.upsert(session, List.of(record("ada", "Lovelace", "Nowhere Ltd", Optional.empty())));
        assertThat(accountOf("ada")).isNull();

        CrmChangeReader.ChangePage page = reader.changes(session, new CrmChangeReader.ChangeWindow(
                CrmChangeReader.Watermark.origin(), Instant.now().plusSeconds(5)), Optional.empty());

        assertThat(page.changes()).hasSize(1);
        assertThat(page.changes().get(0).values()).containsEntry(LeadField.LEAD_ID, Optional.of("ada"))
                .doesNotContainKey(LeadField.COMPANY_NAME);
        assertThat(page.calls()).as("no Account to read").isEqualTo(1);
    }

    private Object accountOf(String leadId) {
        return contact(leadId).get("AccountId");
    }

    private Map<String, Object> contact(String leadId) {
        return sandbox.records("Contact").stream().filter(c -> leadId.equals(c.get("LeadSync_Lead_ID__c")))
                .findFirst().orElseThrow();
    }

    private static CrmRecord record(String leadId, String lastName, String company, Optional<String> website) {
        Map<LeadField, Optional<String>> values = new EnumMap<>(LeadField.class);
        values.put(LeadField.LEAD_ID, Optional.of(leadId));
        values.put(LeadField.LAST_NAME, Optional.of(lastName));
        values.put(LeadField.WORK_EMAIL, Optional.of(leadId + "@analytical.example"));
        values.put(LeadField.COMPANY_NAME, Optional.of(company));
        values.put(LeadField.CITY, Optional.of("London"));
        website.ifPresent(w -> values.put(LeadField.COMPANY_WEBSITE, Optional.of(w)));
        return new CrmRecord(new LeadId(leadId), values);
    }

    private CrmSession session(boolean createsAccounts) throws Exception {
        return session(createsAccounts, MAPPINGS);
    }

    private CrmSession session(boolean createsAccounts, List<FieldMapping> mappings) throws Exception {
        URI callback = browser.logInAndConsent(authorization.authorizeUrl("state-" + UUID.randomUUID(), challenge()),
                "admin@acme.example", "sandbox", true);
        CrmAuthorization.Authorized authorized = authorization.exchange(SandboxBrowser.parameter(callback, "code"),
                VERIFIER);
        return new CrmSession(new ConnectionId(UUID.randomUUID()), authorized.identity(), authorized.tokens(),
                mappings, true, TargetObject.CONTACT, createsAccounts);
    }

    /** A REST call as the connected user; answers the created record's id. */
    private String api(CrmSession session, String method, String path, String body) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/services/data/v62.0" + path))
                        .header("Authorization", "Bearer " + session.tokens().accessToken())
                        .header("Content-Type", "application/json")
                        .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.body().replaceAll(".*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    private static String challenge() {
        return new PendingConnect("s".repeat(40), LeadFixtures.WORKSPACE, new ConnectionId(UUID.randomUUID()),
                io.leadsync.domain.crm.CrmKind.SALESFORCE, VERIFIER, "admin", LeadFixtures.T0).codeChallenge();
    }
}
