package io.leadsync.adapters.out.crm.salesforce;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SalesforceAuthorizationTest {
    private static final SalesforceSettings SETTINGS = new SalesforceSettings(URI.create("https://login.salesforce.com"),
            "leadsync-app", "app-secret", URI.create("https://leadsync.example/oauth/salesforce/callback"), "v62.0",
            Duration.ofSeconds(5));

    @Test
    void the_authorize_url_carries_the_app_the_callback_state_and_the_s256_challenge() {
        SalesforceAuthorization authorization = new SalesforceAuthorization(SETTINGS, new SalesforceHttp(SETTINGS));

        URI url = authorization.authorizeUrl("state-123", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");

        assertThat(url.getPath()).isEqualTo("/services/oauth2/authorize");
        assertThat(url.getQuery()).contains("response_type=code", "client_id=leadsync-app",
                "redirect_uri=https://leadsync.example/oauth/salesforce/callback", "state=state-123",
                "code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "code_challenge_method=S256",
                "scope=api refresh_token id");
    }

    @Test
    void settings_never_show_the_client_secret_and_pin_a_real_version() {
        assertThat(SETTINGS.toString()).doesNotContain("app-secret");
        assertThatThrownBy(() -> new SalesforceSettings(URI.create("https://login.salesforce.com"), "a", "b",
                URI.create("https://x"), "latest", Duration.ofSeconds(5))).hasMessageContaining("v62.0");
    }
}
