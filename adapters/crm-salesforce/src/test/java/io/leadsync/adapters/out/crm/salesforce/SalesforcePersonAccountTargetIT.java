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
 * A connection whose target is Person Account, over real HTTP against the Salesforce sandbox: offered and written only
 * where the org has Person Accounts; there each lead is a person Account upserted by LeadSync's id (never twice), the
 * pull reads people and not business Accounts; where the org has none, the leads fail, not retried, with the reason.
 */
class SalesforcePersonAccountTargetIT {
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final List<FieldMapping> MAPPINGS = DefaultMappings.salesforcePersonAccount("LeadSync");

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
    void an_org_without_person_accounts_is_not_offered_them_and_its_leads_fail_not_retried_with_the_reason()
            throws Exception {
        CrmSession session = session(true);

        assertThat(provisioner.targetObjects(session).offered())
                .containsExactlyInAnyOrder(TargetObject.LEAD, TargetObject.CONTACT);
        List<UpsertResult> results = writer.upsert(session, List.of(record("ada", "Lovelace", "Engines",
                Optional.empty()))).results();

        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.succeeded()).isFalse();
            assertThat(result.retryable()).isFalse();
            assertThat(result.errorCode()).contains("PERSON_ACCOUNTS_UNAVAILABLE");
            assertThat(result.message()).hasValueSatisfying(m -> assertThat(m).contains("no Person Accounts"));
        });
        assertThat(sandbox.records("Account")).isEmpty();
    }

    @Test
    void each_lead_becomes_a_person_account_upserted_by_its_lead_id_and_the_pull_reads_only_people()
            throws Exception {
        enablePersonAccounts();
        CrmSession session = session(true);
        assertThat(provisioner.targetObjects(session).offered()).contains(TargetObject.PERSON_ACCOUNT);
        assertThat(provisioner.provision(session).problems()).isEmpty();
        api(session, "POST", "/sobjects/Account", "{\"Name\":\"Analytical Engines\"}");

        List<UpsertResult> first = writer.upsert(session, List.of(record("ada", "Lovelace", "Engines",
                Optional.empty()))).results();
        List<UpsertResult> again = writer.upsert(session, List.of(record("ada", "King", "Engines",
                Optional.empty()))).results();

        assertThat(first.get(0).outcome()).isEqualTo(UpsertResult.Outcome.CREATED);
        assertThat(again.get(0).outcome()).isEqualTo(UpsertResult.Outcome.UPDATED);
        assertThat(again.get(0).crmRecordId()).isEqualTo(first.get(0).crmRecordId());
        List<Map<String, Object>> people = sandbox.records("Account").stream()
                .filter(a -> "ada".equals(a.get("LeadSync_Lead_ID__c"))).toList();
        assertThat(people).singleElement().satisfies(person -> assertThat(person)
                .containsEntry("IsPersonAccount", true).containsEntry("PersonEmail", "ada@analytical.example")
                .containsEntry("LastName", "King").containsEntry("LeadSync_Company__c", "Engines"));
        sandbox.editAsRep("Account", first.get(0).crmRecordId().orElseThrow(), Map.of("PersonTitle", "Countess"));

        CrmChangeReader.ChangePage page = reader.changes(session, new CrmChangeReader.ChangeWindow(
                CrmChangeReader.Watermark.origin(), Instant.now().plusSeconds(5)), Optional.empty());

        assertThat(page.changes()).as("the person, not the business Account").singleElement().satisfies(change -> {
            assertThat(change.crmRecordId()).isEqualTo(first.get(0).crmRecordId().orElseThrow());
            assertThat(change.values()).containsEntry(LeadField.JOB_TITLE, Optional.of("Countess"))
                    .containsEntry(LeadField.LEAD_ID, Optional.of("ada"));
        });
    }

    private static void enablePersonAccounts() throws Exception {
        java.net.http.HttpResponse<String> enabled = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
                                + "/__sandbox/salesforce/person-accounts"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"enabled\":true}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
    }

    private static CrmRecord record(String leadId, String lastName, String company, Optional<String> website) {
        Map<LeadField, Optional<String>> values = new EnumMap<>(LeadField.class);
        values.put(LeadField.LEAD_ID, Optional.of(leadId));
        values.put(LeadField.LAST_NAME, Optional.of(lastName));
        values.put(LeadField.WORK_EMAIL, Optional.of(leadId + "@analytical.example"));
        values.put(LeadField.COMPANY_NAME, Optional.of(company));
        values.put(LeadField.FIRST_NAME, Optional.of("Ada"));
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
                mappings, true, TargetObject.PERSON_ACCOUNT, createsAccounts);
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
