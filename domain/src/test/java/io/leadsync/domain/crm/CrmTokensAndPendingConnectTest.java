package io.leadsync.domain.crm;

import io.leadsync.domain.lead.LeadFixtures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CrmTokensAndPendingConnectTest {
    private static final String STATE = "s".repeat(43);

    @Test
    void tokens_never_show_in_their_string_form() {
        CrmTokens tokens = new CrmTokens("00Dxx!secret-access", Optional.of("5Aep-secret-refresh"), Optional.empty(), T0);

        assertThat(tokens.toString()).doesNotContain("secret");
    }

    @Test
    void a_refresh_keeps_the_old_refresh_token_unless_the_crm_rotated_it() {
        CrmTokens tokens = new CrmTokens("a1", Optional.of("r1"), Optional.empty(), T0);

        assertThat(tokens.refreshedWith("a2", Optional.empty(), Optional.empty(), T0.plusSeconds(5)).refreshToken())
                .contains("r1");
        assertThat(tokens.refreshedWith("a2", Optional.of("r2"), Optional.empty(), T0.plusSeconds(5)).refreshToken())
                .contains("r2");
    }

    @Test
    void an_access_token_is_refreshed_ahead_of_a_known_expiry_only() {
        CrmTokens hubspot = new CrmTokens("a", Optional.of("r"), Optional.of(T0.plusSeconds(1800)), T0);
        CrmTokens salesforce = new CrmTokens("a", Optional.of("r"), Optional.empty(), T0);

        assertThat(hubspot.expiresWithin(Duration.ofMinutes(5), T0.plusSeconds(1400))).isFalse();
        assertThat(hubspot.expiresWithin(Duration.ofMinutes(5), T0.plusSeconds(1500))).isTrue();
        assertThat(salesforce.expiresWithin(Duration.ofMinutes(5), T0.plus(Duration.ofDays(30)))).isFalse();
    }

    @Test
    void the_pkce_challenge_is_the_rfc_7636_s256_of_the_verifier() {
        // RFC 7636 appendix B.
        PendingConnect connect = pending("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", T0);

        assertThat(connect.codeChallenge()).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void a_connect_expires_after_fifteen_minutes() {
        PendingConnect connect = pending("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", T0);

        assertThat(connect.expiredAt(T0.plus(Duration.ofMinutes(14)))).isFalse();
        assertThat(connect.expiredAt(T0.plus(Duration.ofMinutes(15)))).isTrue();
    }

    @Test
    void a_short_state_or_verifier_is_refused() {
        assertThatThrownBy(() -> new PendingConnect("short", LeadFixtures.WORKSPACE, new ConnectionId(UUID.randomUUID()),
                CrmKind.SALESFORCE, "v".repeat(43), "admin", T0)).hasMessageContaining("state");
        assertThatThrownBy(() -> pending("too-short", T0)).hasMessageContaining("verifier");
    }

    private static PendingConnect pending(String verifier, Instant at) {
        return new PendingConnect(STATE, LeadFixtures.WORKSPACE, new ConnectionId(UUID.randomUUID()),
                CrmKind.SALESFORCE, verifier, "admin@acme.example", at);
    }
}
