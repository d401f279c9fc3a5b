package io.leadsync.bootstrap;

import io.leadsync.application.port.in.administer.ReencryptSecretsUseCase;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the re-encryption after a key rotation: shortly after start (when a new key has just been configured) and
 * hourly. Every node may run it; the conditional updates make concurrent runs harmless.
 */
@Singleton
final class SecretRotationJob {
    private static final Logger LOG = LoggerFactory.getLogger(SecretRotationJob.class);

    private final ReencryptSecretsUseCase reencrypt;

    SecretRotationJob(ReencryptSecretsUseCase reencrypt) {
        this.reencrypt = reencrypt;
    }

    @Scheduled(initialDelay = "${leadsync.crypto.reencrypt-initial-delay:30s}",
            fixedDelay = "${leadsync.crypto.reencrypt-interval:1h}")
    void run() {
        try {
            int done = reencrypt.reencryptAll();
            if (done > 0) {
                LOG.info("Re-encrypted the tokens of {} connection(s) under the current master key", done);
            }
        } catch (RuntimeException e) {
            // A key that is gone makes a ciphertext unreadable: say so, the connection's own use will fail loudly too.
            LOG.warn("Re-encrypting stored tokens failed: {}", e.getMessage());
        }
    }
}
