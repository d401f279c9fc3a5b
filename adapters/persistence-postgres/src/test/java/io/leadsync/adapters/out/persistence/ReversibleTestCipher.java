package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.SecretCipher;
import io.leadsync.application.port.out.SecretUnreadableException;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Stands in for the crypto adapter in this module's tests: not secure, but it changes the text (so a test can see
 * that no plaintext reaches a column) and it checks the purpose (so a test can see the purpose is bound).
 */
@Singleton
final class ReversibleTestCipher implements SecretCipher {
    /** The "key" new ciphertexts name, so a test can rotate it and watch re-encryption. */
    private volatile String currentKey = "k1";

    void rotateTo(String keyId) {
        currentKey = keyId;
    }

    @Override
    public String encrypt(String plaintext, String purpose) {
        return "test:" + currentKey + ":"
                + Base64.getEncoder().encodeToString((purpose + "|" + plaintext).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String decrypt(String ciphertext, String purpose) {
        String data = ciphertext.substring(ciphertext.indexOf(':', "test:".length()) + 1);
        String opened = new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
        if (!opened.startsWith(purpose + "|")) {
            throw new SecretUnreadableException("made for another purpose");
        }
        return opened.substring(purpose.length() + 1);
    }

    @Override
    public boolean needsReencryption(String ciphertext) {
        return !ciphertext.startsWith("test:" + currentKey + ":");
    }
}
