package io.leadsync.sandbox.salesforce;

import static io.leadsync.sandbox.salesforce.SandboxHttp.V;
import static io.leadsync.sandbox.salesforce.SandboxHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The org's login hosts (production, sandbox org, My Domain) and its instance, each a listener of its own: what one
 * login host issues works only there, and an org moved to another instance is followed through a refresh.
 */
class LoginHostsIT {

    private static final String REDIRECT = "http://localhost:8080/oauth/callback";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private static SalesforceSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = SalesforceSandbox.start(0);
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
    void each_login_host_listens_on_its_own_loopback_port_and_the_control_api_names_them() {
        JsonNode hosts = json(new SandboxHttp(sandbox.baseUrl()).get("/__sandbox/salesforce/hosts", null));

        assertThat(hosts.get("productionLoginUrl").asText()).isEqualTo(sandbox.baseUrl());
        assertThat(hosts.get("sandboxLoginUrl").asText()).isEqualTo(sandbox.sandboxLoginUrl())
                .isNotEqualTo(sandbox.baseUrl());
        assertThat(hosts.get("myDomainUrl").asText()).isEqualTo(sandbox.myDomainUrl())
                .isNotEqualTo(sandbox.sandboxLoginUrl());
        assertThat(hosts.get("instanceUrl").asText()).isEqualTo(sandbox.baseUrl());
    }

    @Test
    void a_refresh_token_from_the_sandbox_login_host_works_there_and_nowhere_else() {
        JsonNode tokens = logIn(sandbox.sandboxLoginUrl());
        String refreshToken = tokens.get("refresh_token").asText();

        HttpResponse<String> atProduction = refresh(sandbox.baseUrl(), refreshToken);
        HttpResponse<String> atMyDomain = refresh(sandbox.myDomainUrl(), refreshToken);
        HttpResponse<String> atIssuer = refresh(sandbox.sandboxLoginUrl(), refreshToken);

        assertThat(atProduction.statusCode()).isEqualTo(400);
        assertThat(json(atProduction).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(atMyDomain.statusCode()).isEqualTo(400);
        assertThat(atIssuer.statusCode()).isEqualTo(200);
        assertThat(json(atIssuer).get("instance_url").asText()).isEqualTo(sandbox.instanceUrl());
    }

    @Test
    void a_code_is_exchanged_only_at_the_host_that_issued_it_and_revoke_only_there() {
        Map<String, String> redirect = dance(sandbox.sandboxLoginUrl());
        HttpResponse<String> elsewhere = exchange(sandbox.baseUrl(), redirect.get("code"));
        assertThat(elsewhere.statusCode()).isEqualTo(400);
        assertThat(json(elsewhere).get("error").asText()).isEqualTo("invalid_grant");

        JsonNode tokens = logIn(sandbox.sandboxLoginUrl());
        String refreshToken = tokens.get("refresh_token").asText();
        HttpResponse<String> revokeElsewhere = new SandboxHttp(sandbox.baseUrl())
                .form("/services/oauth2/revoke", Map.of("token", refreshToken));
        assertThat(revokeElsewhere.statusCode()).isEqualTo(400);
        assertThat(refresh(sandbox.sandboxLoginUrl(), refreshToken).statusCode()).isEqualTo(200);
        assertThat(new SandboxHttp(sandbox.sandboxLoginUrl()).form("/services/oauth2/revoke",
                Map.of("token", refreshToken)).statusCode()).isEqualTo(200);
        assertThat(refresh(sandbox.sandboxLoginUrl(), refreshToken).statusCode()).isEqualTo(400);
    }

    @Test
    void a_my_domain_login_names_the_my_domain_as_instance_and_serves_the_api_there() {
        JsonNode tokens = logIn(sandbox.myDomainUrl());

        assertThat(tokens.get("instance_url").asText()).isEqualTo(sandbox.myDomainUrl());
        HttpResponse<String> limits = new SandboxHttp(sandbox.myDomainUrl()).get(V + "/limits",
                tokens.get("access_token").asText());
        assertThat(limits.statusCode()).isEqualTo(200);
        assertThat(refresh(sandbox.myDomainUrl(), tokens.get("refresh_token").asText()).statusCode()).isEqualTo(200);
        assertThat(refresh(sandbox.baseUrl(), tokens.get("refresh_token").asText()).statusCode()).isEqualTo(400);
    }

    @Test
    void a_login_host_that_is_not_the_instance_knows_no_session() {
        JsonNode tokens = logIn(sandbox.sandboxLoginUrl());

        HttpResponse<String> atLoginHost = new SandboxHttp(sandbox.sandboxLoginUrl()).get(V + "/limits",
                tokens.get("access_token").asText());

        assertThat(atLoginHost.statusCode()).isEqualTo(401);
        assertThat(json(atLoginHost).get(0).get("errorCode").asText()).isEqualTo("INVALID_SESSION_ID");
    }

    @Test
    void after_an_instance_move_the_old_instance_refuses_the_session_and_a_refresh_names_the_new_one() {
        JsonNode tokens = logIn(sandbox.baseUrl());
        String access = tokens.get("access_token").asText();
        String oldInstance = tokens.get("instance_url").asText();

        JsonNode moved = json(new SandboxHttp(sandbox.baseUrl()).send("POST", "/__sandbox/salesforce/instance",
                null, "{}"));
        String newInstance = moved.get("instanceUrl").asText();

        assertThat(newInstance).isNotEqualTo(oldInstance);
        assertThat(moved.get("previousInstanceUrl").asText()).isEqualTo(oldInstance);
        HttpResponse<String> atOld = new SandboxHttp(oldInstance).get(V + "/limits", access);
        assertThat(atOld.statusCode()).isEqualTo(401);
        assertThat(json(atOld).get(0).get("errorCode").asText()).isEqualTo("INVALID_SESSION_ID");
        HttpResponse<String> page = new SandboxHttp(oldInstance).get("/lightning/o/Lead/list", null);
        assertThat(page.statusCode()).isEqualTo(301);
        assertThat(page.headers().firstValue("Location")).contains(newInstance + "/lightning/o/Lead/list");

        JsonNode refreshed = json(refresh(sandbox.baseUrl(), tokens.get("refresh_token").asText()));
        assertThat(refreshed.get("instance_url").asText()).isEqualTo(newInstance);
        assertThat(new SandboxHttp(newInstance).get(V + "/limits", refreshed.get("access_token").asText())
                .statusCode()).isEqualTo(200);
        assertThat(new SandboxHttp(newInstance).get(V + "/limits", access).statusCode())
                .as("access tokens issued before the move work at the new instance").isEqualTo(200);
    }

    private static JsonNode logIn(String host) {
        HttpResponse<String> response = exchange(host, dance(host).get("code"));
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response);
    }

    private static Map<String, String> dance(String host) {
        SandboxHttp http = new SandboxHttp(host);
        String authorize = "/services/oauth2/authorize?response_type=code&client_id=leadsync-sandbox&redirect_uri="
                + HttpCall.encode(REDIRECT) + "&scope=" + HttpCall.encode("api refresh_token id")
                + "&state=st&code_challenge=" + OrgAuth.s256(VERIFIER) + "&code_challenge_method=S256";
        Map<String, String> login = hiddenFields(http.get(authorize, null).body());
        login.put("username", "admin@acme.example");
        login.put("pw", "sandbox");
        Map<String, String> consent = hiddenFields(http.form("/services/oauth2/authorize", login).body());
        consent.put("decision", "Allow");
        HttpResponse<String> redirect = http.form("/services/oauth2/authorize", consent);
        assertThat(redirect.statusCode()).isEqualTo(302);
        return HttpCall.parseForm(URI.create(redirect.headers().firstValue("Location").orElseThrow()).getRawQuery());
    }

    private static HttpResponse<String> exchange(String host, String code) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("client_id", "leadsync-sandbox");
        form.put("client_secret", "sandbox-secret");
        form.put("redirect_uri", REDIRECT);
        form.put("code_verifier", VERIFIER);
        return new SandboxHttp(host).form("/services/oauth2/token", form);
    }

    private static HttpResponse<String> refresh(String host, String refreshToken) {
        return new SandboxHttp(host).form("/services/oauth2/token", Map.of("grant_type", "refresh_token",
                "refresh_token", refreshToken, "client_id", "leadsync-sandbox", "client_secret", "sandbox-secret"));
    }

    private static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher matcher = HIDDEN.matcher(html);
        while (matcher.find()) {
            fields.put(matcher.group(1), matcher.group(2).replace("&amp;", "&"));
        }
        return fields;
    }
}
