package io.leadsync.adapters.in.http.web;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The session signing key: {@code leadsync.web.session-key} (base64 of at least 32 random bytes), which every node of
 * a cluster must share. Without it each start makes a random key, so sessions end with a restart.
 */
@Factory
final class WebConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(WebConfiguration.class);

    @Singleton
    SessionCookies sessionCookies(@Value("${leadsync.web.session-key:}") String configured) {
        if (configured != null && !configured.isBlank()) {
            return new SessionCookies(Base64.getDecoder().decode(configured.strip()));
        }
        LOG.info("No leadsync.web.session-key set: admin UI sessions last until this node restarts");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SessionCookies(key);
    }
}
