package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.PendingConnect;
import io.leadsync.domain.crm.Readiness;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Provisioning a real-shaped Salesforce org: the sandbox's Tooling API, permission sets and describe. */
class SalesforceProvisioningIT {
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final List<FieldMapping> MAPPINGS = DefaultMappings.salesforce("LeadSync");

    private static SalesforceSandbox sandbox;
    private static SalesforceAuthorization authorization;
    private static SalesforceProvisioner provisioner;
    private static SalesforceLeadWriter writer;

    @BeforeAll
    static void start() {
        sandbox = SalesforceSandbox.start(0);
        SalesforceSettings settings = new SalesforceSettings(URI.create(sandbox.baseUrl()), SalesforceSandbox.CLIENT_ID,
                SalesforceSandbox.CLIENT_SECRET, URI.create("http://localhost:8080/oauth/callback"), "v62.0",
                Duration.ofSeconds(10));
        SalesforceHttp http = new SalesforceHttp(settings);
        authorization = new SalesforceAuthorization(settings, http);
        provisioner = new SalesforceProvisioner(settings, http);
        writer = new SalesforceLeadWriter(settings, http);
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
    void an_administrator_gets_every_field_created_visible_and_writable_and_leads_can_be_upserted() throws Exception {
        CrmSession admin = connect("admin@acme.example");

        Readiness readiness = provisioner.provision(admin);

        assertThat(readiness.problems()).isEmpty();
        assertThat(writer.upsert(admin, List.of(new CrmRecord(new LeadId("lead-1"), Map.of(
                LeadField.LEAD_ID, Optional.of("lead-1"), LeadField.LAST_NAME, Optional.of("Lovelace"),
                LeadField.COMPANY_NAME, Optional.of("Analytical Engines"), LeadField.OUTREACH_SCORE, Optional.of("72"),
                LeadField.IS_DQL, Optional.of("true"), LeadField.LAST_VISIT, Optional.of("2026-01-04T17:30:00Z"))))).results())
                .singleElement().satisfies(result -> assertThat(result.succeeded()).as(result.toString()).isTrue());
    }

    @Test
    void provisioning_again_changes_nothing_and_stays_ready() throws Exception {
        CrmSession admin = connect("admin@acme.example");
        provisioner.provision(admin);
        Map<String, Long> before = sandbox.callCounts();

        Readiness again = provisioner.provision(admin);

        assertThat(again.isReady()).isTrue();
        Map<String, Long> after = sandbox.callCounts();
        // No second field, permission set, field permission or assignment was created.
        assertThat(after.get("POST /services/data/vXX.X/tooling/sobjects/CustomField"))
                .isEqualTo(before.get("POST /services/data/vXX.X/tooling/sobjects/CustomField"));
        assertThat(after.getOrDefault("POST /services/data/vXX.X/sobjects/FieldPermissions", 0L))
                .isEqualTo(before.getOrDefault("POST /services/data/vXX.X/sobjects/FieldPermissions", 0L));
    }

    @Test
    void a_standard_user_is_told_which_permission_is_missing() throws Exception {
        CrmSession rep = connect("rep@acme.example");

        Readiness readiness = provisioner.provision(rep);

        assertThat(readiness.isReady()).isFalse();
        assertThat(readiness.problems()).first().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Readiness.Kind.MISSING_PERMISSION);
            assertThat(problem.fix()).contains("Customize Application").contains("System Administrator");
        });
    }

    @Test
    void a_field_hidden_after_provisioning_is_named_by_the_readiness_check() throws Exception {
        CrmSession admin = connect("admin@acme.example");
        provisioner.provision(admin);

        sandbox.revokeFieldAccess("admin@acme.example", "Lead.LeadSync_Outreach_Score__c");
        Readiness readiness = provisioner.verify(admin);

        assertThat(readiness.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Readiness.Kind.MISSING);
            assertThat(problem.crmField()).isEqualTo("LeadSync_Outreach_Score__c");
            assertThat(problem.fix()).contains("Read and Edit");
        });
    }

    @Test
    void without_the_page_layout_option_the_check_names_each_layout_that_hides_the_fields_and_the_fix()
            throws Exception {
        CrmSession admin = connect("admin@acme.example");

        Readiness readiness = provisioner.provisionCounting(admin, false).readiness();

        assertThat(readiness.isReady()).as("a hidden field is advice; the sync works").isTrue();
        // The Lead's layout, and the Contact's: a lead a rep converts lives on as a Contact with the same fields.
        assertThat(readiness.problems()).extracting(Readiness.Problem::crmField)
                .containsExactly("Lead layout \"Lead Layout\"", "Contact layout \"Contact Layout\"");
        assertThat(readiness.problems()).allSatisfy(problem -> {
            assertThat(problem.kind()).isEqualTo(Readiness.Kind.HIDDEN_ON_LAYOUT);
            assertThat(problem.detail()).contains("LeadSync_Lead_ID__c", "LeadSync_Outreach_Score__c");
            assertThat(problem.fix()).contains("Add LeadSync's fields to page layouts");
        });
        assertThat(sandbox.layoutFields("Lead").get("Lead Layout")).noneMatch(field -> field.endsWith("__c"));
    }

    @Test
    void with_the_page_layout_option_provisioning_adds_a_leadsync_section_and_the_check_is_clean() throws Exception {
        CrmSession admin = connect("admin@acme.example");

        Readiness readiness = provisioner.provisionCounting(admin, true).readiness();

        assertThat(readiness.problems()).isEmpty();
        List<String> custom = MAPPINGS.stream().map(FieldMapping::crmField).filter(f -> f.endsWith("__c")).toList();
        assertThat(sandbox.layoutFields("Lead").get("Lead Layout")).containsAll(custom).contains("LastName");
        assertThat(sandbox.layoutFields("Contact").get("Contact Layout")).containsAll(custom).contains("LastName");
        Map<String, Long> before = sandbox.callCounts();
        assertThat(provisioner.provisionCounting(admin, true).readiness().problems()).isEmpty();
        assertThat(sandbox.callCounts().getOrDefault("PATCH /services/data/vXX.X/tooling/sobjects/Layout/{id}", 0L))
                .as("a layout that shows every field is not saved again")
                .isEqualTo(before.getOrDefault("PATCH /services/data/vXX.X/tooling/sobjects/Layout/{id}", 0L));
    }

    private CrmSession connect(String username) throws Exception {
        String challenge = new PendingConnect("s".repeat(40), LeadFixtures.WORKSPACE, new ConnectionId(UUID.randomUUID()),
                CrmKind.SALESFORCE, VERIFIER, "admin", LeadFixtures.T0).codeChallenge();
        URI callback = new SandboxBrowser().logInAndConsent(authorization.authorizeUrl("state-x", challenge), username,
                "sandbox", true);
        CrmAuthorization.Authorized authorized = authorization.exchange(SandboxBrowser.parameter(callback, "code"), VERIFIER);
        return new CrmSession(new ConnectionId(UUID.randomUUID()), authorized.identity(), authorized.tokens(), MAPPINGS);
    }
}
