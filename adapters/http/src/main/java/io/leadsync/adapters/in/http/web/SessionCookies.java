package io.leadsync.adapters.in.http.web;

import io.leadsync.domain.workspace.UserId;
import io.leadsync.domain.workspace.WorkspaceId;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The admin UI's session as a signed cookie (HMAC-SHA256): who is signed in, the workspace they act in, until when,
 * and a random nonce the CSRF token is derived from. Nothing secret is in it, and any change to it breaks the
 * signature. The user's role is not in it: it is read from the database on every request, so a changed role counts
 * at once (ADR 0024).
 */
final class SessionCookies {
    static final String COOKIE = "leadsync_session";
    static final Duration LIFETIME = Duration.ofHours(12);

    /** One signed-in user's session. */
    record Session(UserId userId, WorkspaceId workspaceId, Instant expiresAt, String nonce) {
        Session inWorkspace(WorkspaceId other) {
            return new Session(userId, other, expiresAt, nonce);
        }
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] key;
    private final SecureRandom random = new SecureRandom();

    SessionCookies(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the session key must have at least 32 bytes");
        }
        this.key = key.clone();
    }

    Session start(UserId userId, WorkspaceId workspaceId, Instant now) {
        byte[] nonce = new byte[18];
        random.nextBytes(nonce);
        return new Session(userId, workspaceId, now.plus(LIFETIME), ENCODER.encodeToString(nonce));
    }

    String seal(Session session) {
        String payload = session.userId() + "|" + session.workspaceId() + "|" + session.expiresAt().getEpochSecond()
                + "|" + session.nonce();
        return ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + ENCODER.encodeToString(mac("session|" + payload));
    }

    /** The session in the cookie, when its signature holds and it has not expired. */
    Optional<Session> open(String cookie, Instant now) {
        if (cookie == null) {
            return Optional.empty();
        }
        int dot = cookie.indexOf('.');
        if (dot < 1) {
            return Optional.empty();
        }
        try {
            String payload = new String(DECODER.decode(cookie.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] signature = DECODER.decode(cookie.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac("session|" + payload))) {
                return Optional.empty();
            }
            String[] parts = payload.split("\\|");
            if (parts.length != 4) {
                return Optional.empty();
            }
            Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[2]));
            if (!now.isBefore(expiresAt)) {
                return Optional.empty();
            }
            return Optional.of(new Session(UserId.of(parts[0]), WorkspaceId.of(parts[1]), expiresAt, parts[3]));
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    /** The token every form of this session carries; another session's token does not match. */
    String csrfToken(Session session) {
        return ENCODER.encodeToString(mac("csrf|" + session.userId() + "|" + session.nonce()));
    }

    boolean csrfMatches(Session session, String token) {
        return token != null && MessageDigest.isEqual(csrfToken(session).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
