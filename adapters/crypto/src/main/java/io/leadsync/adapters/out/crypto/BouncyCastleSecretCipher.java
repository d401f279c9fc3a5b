package io.leadsync.adapters.out.crypto;

import io.leadsync.application.port.out.SecretCipher;
import io.leadsync.application.port.out.SecretUnreadableException;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-256-GCM with a random 96-bit nonce per secret and the purpose as associated data, so a ciphertext copied onto
 * another record's column does not decrypt there. A ciphertext reads {@code v1:<keyId>:<base64url(nonce || ciphertext
 * || tag)>} without padding; see ADR 0010.
 */
@Singleton
public final class BouncyCastleSecretCipher implements SecretCipher {
    static final String VERSION = "v1";
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final int TAG_BYTES = TAG_BITS / 8;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();

    private final KeyRing keyRing;
    private final SecureRandom random = new SecureRandom();

    public BouncyCastleSecretCipher(KeyRing keyRing) {
        this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
    }

    @Override
    public String encrypt(String plaintext, String purpose) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] associatedData = associatedData(purpose);
        String keyId = keyRing.currentKeyId();
        byte[] key = keyRing.key(keyId).orElseThrow();
        // A nonce must never repeat under one key; 96 random bits keep that safe for 2^32 encryptions per key.
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] input = plaintext.getBytes(StandardCharsets.UTF_8);
        try {
            GCMModeCipher gcm = gcm(true, key, nonce, associatedData);
            byte[] payload = new byte[NONCE_BYTES + gcm.getOutputSize(input.length)];
            System.arraycopy(nonce, 0, payload, 0, NONCE_BYTES);
            int written = gcm.processBytes(input, 0, input.length, payload, NONCE_BYTES);
            gcm.doFinal(payload, NONCE_BYTES + written);
            return VERSION + ":" + keyId + ":" + BASE64URL.encodeToString(payload);
        } catch (InvalidCipherTextException e) {
            // Encryption computes the tag rather than checking one; this cannot happen.
            throw new IllegalStateException("AES-GCM encryption failed", e);
        } finally {
            Arrays.fill(input, (byte) 0);
        }
    }

    @Override
    public String decrypt(String ciphertext, String purpose) {
        byte[] associatedData = associatedData(purpose);
        Sealed sealed = parse(ciphertext);
        byte[] key = keyRing.key(sealed.keyId()).orElseThrow(() -> new SecretUnreadableException(
                "The secret was encrypted with key '" + sealed.keyId() + "', which is not in the key ring "
                        + keyRing.keyIds()));
        byte[] payload = sealed.payload();
        GCMModeCipher gcm = gcm(false, key, Arrays.copyOf(payload, NONCE_BYTES), associatedData);
        byte[] plaintext = new byte[gcm.getOutputSize(payload.length - NONCE_BYTES)];
        try {
            int written = gcm.processBytes(payload, NONCE_BYTES, payload.length - NONCE_BYTES, plaintext, 0);
            gcm.doFinal(plaintext, written);
            return new String(plaintext, StandardCharsets.UTF_8);
        } catch (InvalidCipherTextException e) {
            throw new SecretUnreadableException("The secret failed authentication under key '" + sealed.keyId()
                    + "': it was altered, or encrypted for another purpose than the one given", e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * True for ciphertexts under any key but the current one, including a key the ring no longer has (decrypting
     * those fails; a re-encryption job reports them).
     *
     * @throws SecretUnreadableException if the text is not a ciphertext this cipher made
     */
    @Override
    public boolean needsReencryption(String ciphertext) {
        return !parse(ciphertext).keyId().equals(keyRing.currentKeyId());
    }

    private static GCMModeCipher gcm(boolean encrypt, byte[] key, byte[] nonce, byte[] associatedData) {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, associatedData));
        return gcm;
    }

    private static byte[] associatedData(String purpose) {
        Objects.requireNonNull(purpose, "purpose");
        if (purpose.isBlank()) {
            throw new IllegalArgumentException("A secret's purpose must not be blank: it binds the secret to its record");
        }
        return purpose.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Messages describe the shape that is wrong, never the text: a caller may have passed a plaintext by mistake.
     */
    private static Sealed parse(String ciphertext) {
        if (ciphertext == null) {
            throw new SecretUnreadableException("There is no ciphertext");
        }
        String[] parts = ciphertext.split(":", -1);
        if (parts.length != 3) {
            throw new SecretUnreadableException("Not a LeadSync ciphertext: expected 'v1:<keyId>:<data>'");
        }
        if (!parts[0].equals(VERSION)) {
            throw new SecretUnreadableException("Unsupported ciphertext format (this version reads only 'v1')");
        }
        if (!KeyRing.isValidId(parts[1])) {
            throw new SecretUnreadableException("Not a LeadSync ciphertext: the key id is malformed");
        }
        byte[] payload;
        try {
            payload = BASE64URL_DECODER.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new SecretUnreadableException("Not a LeadSync ciphertext: the data is not unpadded base64url");
        }
        // The decoder ignores the unused low bits of the last character and accepts padding; insisting on the one
        // canonical spelling means no edit to the text, however small, goes unnoticed.
        if (!BASE64URL.encodeToString(payload).equals(parts[2])) {
            throw new SecretUnreadableException("Not a LeadSync ciphertext: the data is not canonical base64url");
        }
        if (payload.length < NONCE_BYTES + TAG_BYTES) {
            throw new SecretUnreadableException("The ciphertext is truncated");
        }
        return new Sealed(parts[1], payload);
    }

    private record Sealed(String keyId, byte[] payload) {
    }
}
