package io.leadsync.sandbox.salesforce;

import static io.leadsync.sandbox.salesforce.SandboxHttp.V;
import static io.leadsync.sandbox.salesforce.SandboxHttp.json;
import static io.leadsync.sandbox.salesforce.SandboxHttp.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OAuthFlowIT {

    private static final String REDIRECT = "http://localhost:8080/oauth/salesforce/callback";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
    private static SalesforceSandbox sandbox;
    private static SandboxHttp http;

    @BeforeAll
    static void start() {
        sandbox = SalesforceSandbox.start(0, CLOCK);
        http = new SandboxHttp(sandbox.baseUrl());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
    }

    private static String authorizeUrl(String state) {
        return "/services/oauth2/authorize?response_type=code&client_id=leadsync-sandbox&redirect_uri="
                + HttpCall.encode(REDIRECT) + "&scope=" + HttpCall.encode("api refresh_token") + "&state=" + state
                + "&code_challenge=" + OrgAuth.s256(VERIFIER) + "&code_challenge_method=S256";
    }

    private static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher matcher = HIDDEN.matcher(html);
        while (matcher.find()) {
            fields.put(matcher.group(1), matcher.group(2).replace("&amp;", "&"));
        }
        return fields;
    }

    /** Login page, then consent page, then the redirect; returns the redirect's query parameters. */
    private static Map<String, String> dance(String username, String password, String decision, String state) {
        return danceAt(authorizeUrl(state), username, password, decision);
    }

    private static Map<String, String> danceAt(String authorizeUrl, String username, String password,
            String decision) {
        HttpResponse<String> loginPage = http.get(authorizeUrl, null);
        assertThat(loginPage.statusCode()).isEqualTo(200);
        assertThat(loginPage.body()).contains("<form id=\"login_form\"", "name=\"username\"", "name=\"pw\"");
        Map<String, String> login = hiddenFields(loginPage.body());
        login.put("username", username);
        login.put("pw", password);
        HttpResponse<String> consentPage = http.form("/services/oauth2/authorize", login);
        assertThat(consentPage.body()).contains("Allow Access?");
        Map<String, String> consent = hiddenFields(consentPage.body());
        consent.put("decision", decision);
        HttpResponse<String> redirect = http.form("/services/oauth2/authorize", consent);
        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT + "?");
        return HttpCall.parseForm(URI.create(location).getRawQuery());
    }

    private static HttpResponse<String> exchange(String code, String verifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("client_id", "leadsync-sandbox");
        form.put("client_secret", "sandbox-secret");
        form.put("redirect_uri", REDIRECT);
        form.put("code_verifier", verifier);
        return http.form("/services/oauth2/token", form);
    }

    private static HttpResponse<String> refresh(String refreshToken) {
        return http.form("/services/oauth2/token", Map.of("grant_type", "refresh_token",
                "refresh_token", refreshToken, "client_id", "leadsync-sandbox", "client_secret", "sandbox-secret"));
    }

    @Test
    void admin_logs_in_consents_and_gets_tokens_shaped_as_salesforce_documents() throws Exception {
        Map<String, String> redirect = dance("admin@acme.example", "sandbox", "Allow", "st-42");
        assertThat(redirect).containsEntry("state", "st-42").containsKey("code");

        HttpResponse<String> response = exchange(redirect.get("code"), VERIFIER);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode token = json(response);
        List<String> keys = new java.util.ArrayList<>();
        token.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("access_token", "refresh_token", "signature", "scope", "instance_url", "id",
                "token_type", "issued_at");
        assertThat(token.get("access_token").asText()).startsWith(SalesforceSandbox.ORG_ID.substring(0, 15) + "!");
        assertThat(token.get("issued_at").isTextual()).isTrue();
        assertThat(token.get("issued_at").asText()).isEqualTo(Long.toString(CLOCK.instant().toEpochMilli()));
        assertThat(token.get("instance_url").asText()).isEqualTo(sandbox.baseUrl());
        assertThat(token.get("token_type").asText()).isEqualTo("Bearer");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("sandbox-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(
                (token.get("id").asText() + token.get("issued_at").asText()).getBytes(StandardCharsets.UTF_8)));
        assertThat(token.get("signature").asText()).isEqualTo(expected);

        JsonNode identity = json(http.get(token.get("id").asText(), token.get("access_token").asText()));
        assertThat(identity.get("email").asText()).isEqualTo("admin@acme.example");
        assertThat(identity.get("username").asText()).isEqualTo("admin@acme.example");
        assertThat(identity.get("display_name").asText()).isEqualTo("Ada Admin");
        assertThat(identity.get("organization_id").asText()).isEqualTo(SalesforceSandbox.ORG_ID).startsWith("00D")
                .hasSize(18);

        HttpResponse<String> call = http.get(V + "/limits", token.get("access_token").asText());
        assertThat(call.statusCode()).isEqualTo(200);
    }

    @Test
    void with_the_openid_scope_the_token_response_carries_an_rs256_id_token_that_the_published_keys_verify()
            throws Exception {
        JsonNode discovery = json(http.get("/.well-known/openid-configuration", null));
        assertThat(discovery.get("issuer").asText()).isEqualTo(sandbox.baseUrl());
        assertThat(discovery.get("jwks_uri").asText()).isEqualTo(sandbox.baseUrl() + "/id/keys");
        assertThat(discovery.get("id_token_signing_alg_values_supported").toString()).isEqualTo("[\"RS256\"]");
        String authorize = discovery.get("authorization_endpoint").asText().substring(sandbox.baseUrl().length())
                + "?response_type=code&client_id=leadsync-sandbox&redirect_uri=" + HttpCall.encode(REDIRECT)
                + "&scope=" + HttpCall.encode("openid email") + "&state=s&nonce=n-0S6_WzA2Mj";
        String code = danceAt(authorize, "admin@acme.example", "sandbox", "Allow").get("code");

        // client_secret_basic, as the discovery document offers it: the client in the header, not the body.
        HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(URI.create(discovery.get("token_endpoint").asText()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "leadsync-sandbox:sandbox-secret".getBytes(StandardCharsets.UTF_8)))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code="
                        + HttpCall.encode(code) + "&redirect_uri=" + HttpCall.encode(REDIRECT)))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode token = json(response);
        assertThat(token.has("refresh_token")).isFalse();
        String[] parts = token.get("id_token").asText().split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode header = Json.MAPPER.readTree(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
        JsonNode claims = Json.MAPPER.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        JsonNode jwk = json(http.get("/id/keys", null)).get("keys").get(0);
        assertThat(jwk.get("kid").asText()).isEqualTo(header.get("kid").asText());
        java.security.PublicKey key = java.security.KeyFactory.getInstance("RSA").generatePublic(
                new java.security.spec.RSAPublicKeySpec(
                        new java.math.BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("n").asText())),
                        new java.math.BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("e").asText()))));
        java.security.Signature verifier = java.security.Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        assertThat(claims.get("iss").asText()).isEqualTo(sandbox.baseUrl());
        assertThat(claims.get("aud").asText()).isEqualTo("leadsync-sandbox");
        assertThat(claims.get("sub").asText()).isEqualTo(token.get("id").asText());
        assertThat(claims.get("nonce").asText()).isEqualTo("n-0S6_WzA2Mj");
        assertThat(claims.get("email").asText()).isEqualTo("admin@acme.example");
        assertThat(claims.get("email_verified").asBoolean()).isTrue();
        assertThat(claims.get("exp").asLong()).isGreaterThan(claims.get("iat").asLong());

        HttpResponse<String> userInfo = http.get(discovery.get("userinfo_endpoint").asText(),
                token.get("access_token").asText());
        assertThat(json(userInfo).get("email").asText()).isEqualTo("admin@acme.example");
        assertThat(json(userInfo).get("sub").asText()).isEqualTo(claims.get("sub").asText());
    }

    @Test
    void a_wrong_code_verifier_is_invalid_grant_and_burns_the_code() {
        String code = dance("admin@acme.example", "sandbox", "Allow", "s").get("code");

        HttpResponse<String> wrong = exchange(code, "wrong-verifier-wrong-verifier-wrong-verifier-0");

        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(json(wrong).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(json(exchange(code, VERIFIER)).get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void a_wrong_password_shows_the_login_page_again_with_an_error() {
        Map<String, String> login = hiddenFields(http.get(authorizeUrl("s"), null).body());
        login.put("username", "admin@acme.example");
        login.put("pw", "nope");

        HttpResponse<String> page = http.form("/services/oauth2/authorize", login);

        assertThat(page.body()).contains("login_form", "Please check your username and password");
    }

    @Test
    void denying_consent_redirects_with_access_denied_and_the_state() {
        Map<String, String> redirect = dance("rep@acme.example", "sandbox", "Deny", "st-7");

        assertThat(redirect).containsEntry("error", "access_denied").containsEntry("state", "st-7")
                .doesNotContainKey("code");
    }

    @Test
    void an_unregistered_redirect_uri_is_refused_without_redirecting() {
        HttpResponse<String> page = http.get("/services/oauth2/authorize?response_type=code&client_id="
                + "leadsync-sandbox&redirect_uri=" + HttpCall.encode("https://evil.example/cb"), null);

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void refresh_gives_a_new_access_token_without_a_refresh_token() {
        JsonNode tokens = http.mint("admin@acme.example");

        JsonNode refreshed = json(refresh(tokens.get("refresh_token").asText()));

        assertThat(refreshed.has("refresh_token")).isFalse();
        assertThat(refreshed.has("expires_in")).isFalse();
        assertThat(http.get(V + "/limits", refreshed.get("access_token").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void with_rotation_on_refresh_returns_a_new_refresh_token_and_the_old_one_stops_working() {
        http.send("POST", "/__sandbox/salesforce/refresh-token-rotation", null, "{\"enabled\":true}");
        String first = http.mint("admin@acme.example").get("refresh_token").asText();

        JsonNode refreshed = json(refresh(first));

        assertThat(refreshed.get("refresh_token").asText()).isNotEqualTo(first);
        assertThat(json(refresh(first))).isEqualTo(
                tree("{'error':'invalid_grant','error_description':'expired access/refresh token'}"));
    }

    @Test
    void revoking_the_refresh_token_kills_its_access_tokens_and_further_refreshes() {
        JsonNode tokens = http.mint("admin@acme.example");

        HttpResponse<String> revoke = http.form("/services/oauth2/revoke",
                Map.of("token", tokens.get("refresh_token").asText()));

        assertThat(revoke.statusCode()).isEqualTo(200);
        HttpResponse<String> call = http.get(V + "/limits", tokens.get("access_token").asText());
        assertThat(call.statusCode()).isEqualTo(401);
        assertThat(json(call)).isEqualTo(
                tree("[{'message':'Session expired or invalid','errorCode':'INVALID_SESSION_ID'}]"));
        assertThat(json(refresh(tokens.get("refresh_token").asText())).get("error").asText())
                .isEqualTo("invalid_grant");
    }

    @Test
    void an_access_token_past_its_lifetime_is_an_invalid_session_until_refreshed() {
        http.send("POST", "/__sandbox/salesforce/token-lifetime", null, "{\"seconds\":900}");
        JsonNode tokens = http.mint("admin@acme.example");
        String access = tokens.get("access_token").asText();
        assertThat(http.get(V + "/limits", access).statusCode()).isEqualTo(200);

        CLOCK.advance(Duration.ofSeconds(900));

        HttpResponse<String> expired = http.get(V + "/limits", access);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(json(expired).get(0).get("errorCode").asText()).isEqualTo("INVALID_SESSION_ID");
        String renewed = json(refresh(tokens.get("refresh_token").asText())).get("access_token").asText();
        assertThat(http.get(V + "/limits", renewed).statusCode()).isEqualTo(200);
    }
}
