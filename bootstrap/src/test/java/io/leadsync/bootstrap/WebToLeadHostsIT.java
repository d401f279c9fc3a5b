package io.leadsync.bootstrap;

import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each Web-to-Lead connection posts to its own org's host (issue 12): a sandbox org's form to the sandbox orgs' host,
 * a My Domain form to that My Domain, a production org's to the production servlet host. Three sandboxes stand for
 * the three hosts; like Salesforce, a host that does not hold the org named by {@code oid} answers 200 and creates
 * nothing, so a lead arriving in the right org and nowhere else shows where it was posted.
 */
class WebToLeadHostsIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    static Path home;

    /** webto.salesforce.com: every production org's form posts here. */
    private static SalesforceSandbox production;
    /** A sandbox org, reached at test.salesforce.com. */
    private static SalesforceSandbox sandboxOrg;
    /** An org whose form posts to its My Domain. */
    private static SalesforceSandbox domained;
    private static RunningLeadSync leadSync;
    private static AdminApi api;

    @BeforeAll
    static void start() {
        production = SalesforceSandbox.startOrg(0, "Production Inc");
        sandboxOrg = SalesforceSandbox.startOrg(0, "Umbrella UAT");
        domained = SalesforceSandbox.startOrg(0, "Domained Ltd");
        leadSync = RunningLeadSync.start(home, Map.of(
                "leadsync.first-start.enabled", false,
                "leadsync.sync.worker.enabled", true,
                "leadsync.sync.worker.interval", "20ms",
                "leadsync.web-to-lead.url", production.baseUrl(),
                "leadsync.web-to-lead.sandbox-url", sandboxOrg.sandboxLoginUrl(),
                // Listed by the operator (as demo mode lists its sandbox): trusted though it is on the loopback.
                "leadsync.salesforce.my-domains", domained.myDomainUrl()));
        api = new AdminApi(leadSync);
    }

    @AfterAll
    static void stop() {
        leadSync.close();
        production.close();
        sandboxOrg.close();
        domained.close();
    }

    @Test
    void a_sandbox_orgs_form_posts_to_the_sandbox_host_and_its_lead_lands_in_that_org_only() throws Exception {
        String key = api.workspaceKey("UAT");
        HttpResponse<String> created = create(key, "{\"kind\":\"SALESFORCE_WEB_TO_LEAD\",\"orgId\":\""
                + sandboxOrg.orgId() + "\",\"loginHost\":\"SANDBOX\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("(sandbox org)");

        capture(key, "uat-1", "uat-1@uat.example");

        await(() -> leads(sandboxOrg, "@uat.example").size() == 1);
        assertThat(leads(production, "@uat.example")).isEmpty();
        assertThat(leads(domained, "@uat.example")).isEmpty();
    }

    @Test
    void a_my_domain_form_posts_to_that_my_domain_and_a_production_form_to_the_production_host() throws Exception {
        String key = api.workspaceKey("Domained");
        assertThat(create(key, "{\"kind\":\"SALESFORCE_WEB_TO_LEAD\",\"orgId\":\"" + domained.orgId()
                + "\",\"loginHost\":\"MY_DOMAIN\",\"myDomainUrl\":\"" + domained.myDomainUrl() + "\"}").statusCode())
                .isEqualTo(201);
        assertThat(create(key, "{\"kind\":\"SALESFORCE_WEB_TO_LEAD\",\"orgId\":\"" + production.orgId() + "\"}")
                .statusCode()).as("no host named: a production org's form").isEqualTo(201);

        capture(key, "dom-1", "dom-1@domained.example");

        await(() -> leads(domained, "@domained.example").size() == 1
                && leads(production, "@domained.example").size() == 1);
        assertThat(leads(sandboxOrg, "@domained.example")).isEmpty();
    }

    @Test
    void a_my_domain_that_is_not_salesforces_or_a_host_choice_on_a_webhook_is_refused_naming_the_field()
            throws Exception {
        String key = api.workspaceKey("Typo");

        HttpResponse<String> badDomain = create(key, "{\"kind\":\"SALESFORCE_WEB_TO_LEAD\",\"orgId\":\""
                + production.orgId() + "\",\"loginHost\":\"MY_DOMAIN\",\"myDomainUrl\":\"https://acme.example.com\"}");
        HttpResponse<String> badKind = create(key, "{\"kind\":\"SALESFORCE_WEB_TO_LEAD\",\"orgId\":\""
                + production.orgId() + "\",\"loginHost\":\"STAGING\"}");
        HttpResponse<String> onWebhook = create(key, "{\"kind\":\"WEBHOOK\",\"url\":\"https://hooks.example.com/x\","
                + "\"loginHost\":\"SANDBOX\"}");

        assertThat(badDomain.statusCode()).isEqualTo(422);
        assertThat(badDomain.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(badDomain.body()).contains("\"pointer\":\"/myDomainUrl\"", ".my.salesforce.com");
        assertThat(badKind.statusCode()).isEqualTo(422);
        assertThat(badKind.body()).contains("\"pointer\":\"/loginHost\"", "PRODUCTION, SANDBOX or MY_DOMAIN");
        assertThat(onWebhook.statusCode()).isEqualTo(422);
        assertThat(onWebhook.body()).contains("\"pointer\":\"/loginHost\"");
        assertThat(api.get(key, "/api/admin/v1/connections").body()).isEqualTo("{\"connections\":[]}");
    }

    private static HttpResponse<String> create(String key, String json) throws Exception {
        return api.send(key, "POST", "/api/admin/v1/connections", json);
    }

    private static void capture(String key, String leadId, String email) throws Exception {
        HttpResponse<String> captured = api.send(key, "POST", "/api/v1/leads", "{\"leadId\":\"" + leadId
                + "\",\"lastName\":\"" + unlike() + "\",\"workEmail\":\"" + email + "\",\"companyName\":\""
                + unlike() + " Inc\"}");
        assertThat(captured.statusCode()).as(captured.body()).isEqualTo(201);
    }

    private static List<Map<String, Object>> leads(SalesforceSandbox org, String emailDomain) {
        return org.records("Lead").stream()
                .filter(lead -> String.valueOf(lead.get("Email")).endsWith(emailDomain)).toList();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s for the background push", PATIENCE).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /**
     * A name like no other lead's: real orgs' duplicate rules match a similar name and company, which would make
     * every lead after the first a duplicate of it.
     */
    private static String unlike() {
        StringBuilder word = new StringBuilder();
        for (char c : UUID.randomUUID().toString().replace("-", "").substring(0, 10).toCharArray()) {
            word.append((char) ('a' + Character.digit(c, 16)));
        }
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
