package io.leadsync.application.port.in.administer;

/**
 * After a master-key rotation, brings every stored secret under the current key in the background, so the old key can
 * be retired once nothing needs it.
 */
public interface ReencryptSecretsUseCase {
    /** Re-encrypts every stale secret, a batch per transaction; returns how many were re-encrypted. */
    int reencryptAll();
}
