package io.leadsync.adapters.in.http.web;

import io.leadsync.domain.workspace.UserId;
import io.leadsync.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SessionCookiesTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final UserId USER = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000a1"));
    private static final WorkspaceId ACME = new WorkspaceId(UUID.fromString("00000000-0000-0000-0000-0000000000b1"));
    private static final WorkspaceId GLOBEX = new WorkspaceId(UUID.fromString("00000000-0000-0000-0000-0000000000b2"));

    private final SessionCookies cookies = new SessionCookies(key('k'));

    @Test
    void a_sealed_session_opens_again_until_it_expires() {
        SessionCookies.Session session = cookies.start(USER, ACME, NOW);

        assertThat(cookies.open(cookies.seal(session), NOW.plusSeconds(3600))).contains(session);
        assertThat(cookies.open(cookies.seal(session), NOW.plus(SessionCookies.LIFETIME))).isEmpty();
    }

    @Test
    void a_cookie_changed_to_another_workspace_or_signed_with_another_key_does_not_open() {
        String sealed = cookies.seal(cookies.start(USER, ACME, NOW));
        String payload = new String(Base64.getUrlDecoder().decode(sealed.substring(0, sealed.indexOf('.'))),
                StandardCharsets.UTF_8);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace(ACME.toString(), GLOBEX.toString()).getBytes(StandardCharsets.UTF_8))
                + sealed.substring(sealed.indexOf('.'));

        assertThat(cookies.open(forged, NOW)).isEmpty();
        assertThat(new SessionCookies(key('x')).open(sealed, NOW)).isEmpty();
        assertThat(cookies.open("garbage", NOW)).isEmpty();
        assertThat(cookies.open("", NOW)).isEmpty();
        assertThat(cookies.open(null, NOW)).isEmpty();
    }

    @Test
    void the_csrf_token_belongs_to_one_session_and_survives_a_workspace_switch() {
        SessionCookies.Session mine = cookies.start(USER, ACME, NOW);
        SessionCookies.Session another = cookies.start(USER, ACME, NOW);

        assertThat(cookies.csrfMatches(mine, cookies.csrfToken(mine))).isTrue();
        assertThat(cookies.csrfMatches(mine.inWorkspace(GLOBEX), cookies.csrfToken(mine))).isTrue();
        assertThat(cookies.csrfMatches(mine, cookies.csrfToken(another))).isFalse();
        assertThat(cookies.csrfMatches(mine, null)).isFalse();
        assertThat(cookies.csrfMatches(mine, "")).isFalse();
    }

    private static byte[] key(char fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }
}
