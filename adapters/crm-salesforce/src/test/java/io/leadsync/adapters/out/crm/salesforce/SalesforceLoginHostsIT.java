package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.application.port.out.AccessTokenRejectedException;
import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.LoginHost;
import io.leadsync.domain.crm.PendingConnect;
import io.leadsync.domain.crm.SyncDirection;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Login hosts against the sandbox, whose production login, sandbox-org login and My Domain are listeners of their own
 * and honour a refresh token only where it was issued: a connection keeps its host for refresh and revoke, and follows
 * the org to a new instance.
 */
class SalesforceLoginHostsIT {
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final List<FieldMapping> MAPPINGS = List.of(
            new FieldMapping(LeadField.LEAD_ID, "LeadSync_Lead_ID__c", SyncDirection.BIDIRECTIONAL, Optional.empty()),
            new FieldMapping(LeadField.LAST_NAME, "LastName", SyncDirection.BIDIRECTIONAL, Optional.empty()),
            new FieldMapping(LeadField.COMPANY_NAME, "Company", SyncDirection.BIDIRECTIONAL, Optional.empty()));

    private static SalesforceSandbox sandbox;
    private static SalesforceAuthorization authorization;
    private static SalesforceLeadWriter writer;
    private final SandboxBrowser browser = new SandboxBrowser();

    @BeforeAll
    static void start() {
        sandbox = SalesforceSandbox.start(0);
        SalesforceSettings settings = new SalesforceSettings(URI.create(sandbox.baseUrl()),
                URI.create(sandbox.sandboxLoginUrl()), SalesforceSandbox.CLIENT_ID, SalesforceSandbox.CLIENT_SECRET,
                URI.create("http://localhost:8080/oauth/callback"), "v62.0", Duration.ofSeconds(10));
        SalesforceHttp http = new SalesforceHttp(settings);
        authorization = new SalesforceAuthorization(settings, http);
        writer = new SalesforceLeadWriter(settings, http);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
        sandbox.addCustomField("Lead", FieldDefinition.customText("LeadSync_Lead_ID__c", "LeadSync Lead ID", 255,
                true, true));
        sandbox.fieldAccess("Lead", "LeadSync_Lead_ID__c", "admin@acme.example", true, true);
    }

    @Test
    void a_connection_made_to_a_sandbox_org_logs_in_and_refreshes_at_the_sandbox_login_host() throws Exception {
        URI authorize = authorization.authorizeUrl("state-1", challenge(), Optional.of(LoginHost.sandbox()));
        assertThat(authorize.toString()).startsWith(sandbox.sandboxLoginUrl() + "/services/oauth2/authorize?");

        CrmAuthorization.Authorized authorized = connect(LoginHost.sandbox());
        assertThat(authorized.tokens().issuer()).contains(sandbox.sandboxLoginUrl());

        // The sandbox honours this refresh token at its sandbox login host only (LoginHostsIT).
        CrmTokens refreshed = authorization.refresh(authorized.tokens());
        assertThat(refreshed.accessToken()).isNotEqualTo(authorized.tokens().accessToken());
        assertThat(refreshed.issuer()).contains(sandbox.sandboxLoginUrl());
        assertThat(writer.upsert(session(authorized).withTokens(refreshed), List.of(record("lead-1"))).results())
                .singleElement().satisfies(result -> assertThat(result.succeeded()).isTrue());

        authorization.revoke(refreshed);
        assertThat(sandbox.liveTokens()).doesNotContain(refreshed.refreshToken().orElseThrow());
    }

    @Test
    void a_production_refresh_token_sent_to_the_sandbox_host_would_be_refused() throws Exception {
        CrmAuthorization.Authorized authorized = connect(LoginHost.production());
        CrmTokens misplaced = new CrmTokens(authorized.tokens().accessToken(), authorized.tokens().refreshToken(),
                Optional.empty(), authorized.tokens().issuedAt(), Optional.empty(),
                Optional.of(sandbox.sandboxLoginUrl()));

        assertThatThrownBy(() -> authorization.refresh(misplaced)).hasMessageContaining("invalid_grant");
        assertThat(authorization.refresh(authorized.tokens()).issuer()).contains(sandbox.baseUrl());
    }

    @Test
    void a_my_domain_login_works_against_the_my_domain() throws Exception {
        LoginHost myDomain = LoginHost.myDomain(sandbox.myDomainUrl(), Set.of(sandbox.myDomainUrl()));

        CrmAuthorization.Authorized authorized = connect(myDomain);

        assertThat(authorized.identity().instanceUrl()).contains(sandbox.myDomainUrl());
        assertThat(authorized.tokens().issuer()).contains(sandbox.myDomainUrl());
        assertThat(authorization.refresh(authorized.tokens()).instanceUrl()).contains(sandbox.myDomainUrl());
    }

    @Test
    void after_salesforce_moves_the_org_a_refresh_names_the_new_instance_and_calls_follow_it() throws Exception {
        CrmAuthorization.Authorized authorized = connect(LoginHost.production());
        CrmSession session = session(authorized);
        String newInstance = sandbox.moveInstance();

        assertThatThrownBy(() -> writer.upsert(session, List.of(record("lead-1"))))
                .isInstanceOf(AccessTokenRejectedException.class);
        CrmTokens refreshed = authorization.refresh(session.tokens());
        CrmSession moved = session.withTokens(refreshed);

        assertThat(refreshed.instanceUrl()).contains(newInstance);
        assertThat(moved.identity().instanceUrl()).contains(newInstance);
        assertThat(writer.upsert(moved, List.of(record("lead-1"))).results())
                .singleElement().satisfies(result -> assertThat(result.succeeded()).isTrue());
        // A session rebuilt from the stored tokens (a later run) goes to the new instance at once.
        assertThat(new CrmSession(session.connectionId(), authorized.identity(), refreshed, MAPPINGS).identity()
                .instanceUrl()).contains(newInstance);
    }

    private CrmAuthorization.Authorized connect(LoginHost host) throws Exception {
        URI callback = browser.logInAndConsent(authorization.authorizeUrl("state-" + UUID.randomUUID(), challenge(),
                Optional.of(host)), "admin@acme.example", "sandbox", true);
        return authorization.exchange(SandboxBrowser.parameter(callback, "code"), VERIFIER, Optional.of(host));
    }

    private static CrmSession session(CrmAuthorization.Authorized authorized) {
        return new CrmSession(new ConnectionId(UUID.randomUUID()), authorized.identity(), authorized.tokens(), MAPPINGS);
    }

    private static CrmRecord record(String leadId) {
        Map<LeadField, Optional<String>> values = new EnumMap<>(LeadField.class);
        values.put(LeadField.LEAD_ID, Optional.of(leadId));
        values.put(LeadField.LAST_NAME, Optional.of("Lovelace"));
        values.put(LeadField.COMPANY_NAME, Optional.of("Analytical Engines"));
        return new CrmRecord(new LeadId(leadId), values);
    }

    private static String challenge() {
        return new PendingConnect("s".repeat(40), LeadFixtures.WORKSPACE, new ConnectionId(UUID.randomUUID()),
                io.leadsync.domain.crm.CrmKind.SALESFORCE, VERIFIER, "admin", LeadFixtures.T0).codeChallenge();
    }
}
