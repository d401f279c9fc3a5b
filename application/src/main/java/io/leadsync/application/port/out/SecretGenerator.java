package io.leadsync.application.port.out;

/** Makes unguessable secrets, such as API keys. */
public interface SecretGenerator {
    /** A new secret of at least 256 bits of entropy, in URL-safe characters. */
    String newSecret();
}
