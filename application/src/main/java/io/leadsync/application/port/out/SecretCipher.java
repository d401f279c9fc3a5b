package io.leadsync.application.port.out;

/**
 * Encrypts secrets that LeadSync must keep (OAuth access and refresh tokens, webhook secrets) so that none is ever
 * stored in plain text. A ciphertext names the key it was made with, so keys can rotate without downtime: new
 * secrets use the current key, older ones stay readable until they are re-encrypted.
 */
public interface SecretCipher {
    /**
     * Encrypts under the current key.
     *
     * @param purpose what the secret is and whose, for example {@code "connection:<id>:refresh_token"}; bound into
     *                the ciphertext so that it cannot be decrypted as another record's secret
     */
    String encrypt(String plaintext, String purpose);

    /**
     * Decrypts a ciphertext made by {@link #encrypt} for the same purpose.
     *
     * @throws SecretUnreadableException if it was tampered with, made for another purpose, or made with a key this
     *                                   installation no longer has
     */
    String decrypt(String ciphertext, String purpose);

    /** Whether the ciphertext was made with a key other than the current one and should be encrypted again. */
    boolean needsReencryption(String ciphertext);
}
