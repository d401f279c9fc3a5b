package io.leadsync.bootstrap;

import io.leadsync.adapters.out.crypto.KeyRing;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the key ring the token vault's cipher uses, from {@link CryptoConfiguration}. */
@Factory
final class CryptoFactory {
    private static final Logger LOG = LoggerFactory.getLogger(CryptoFactory.class);

    @Singleton
    KeyRing keyRing(CryptoConfiguration configuration) {
        if (configuration.keys() != null && !configuration.keys().isEmpty()) {
            if (configuration.currentKey() == null) {
                throw new ConfigurationException("leadsync.crypto.current-key must name one of leadsync.crypto.keys");
            }
            return KeyRing.fromBase64(configuration.currentKey(), configuration.keys());
        }
        if (configuration.keyFile() != null) {
            return KeyRing.fromKeyFile(configuration.keyFile());
        }
        if (configuration.demoKeyFile() != null) {
            LOG.warn("Encrypting tokens with the demo key in {}; configure LEADSYNC_CRYPTO_KEY_FILE for production",
                    configuration.demoKeyFile().toAbsolutePath());
            return KeyRing.generateDemoKeyFile(configuration.demoKeyFile());
        }
        throw new ConfigurationException("No master key for encrypting OAuth tokens: set LEADSYNC_CRYPTO_KEY_FILE to a "
                + "key file (current=<id>, key.<id>=<base64 of 32 random bytes>, mode 600)");
    }
}
