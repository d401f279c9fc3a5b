package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * The org's OpenID Connect signing key: RS256 id_tokens and the JWKS Salesforce publishes at /id/keys. The key pair is
 * made per sandbox start, so a client can only trust an id_token by fetching the keys, as with Salesforce.
 */
final class IdTokens {

    /** Salesforce's key ids are short numbers that change with key rotation. */
    static final String KEY_ID = "254";

    private final KeyPair keys;

    IdTokens() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    ObjectNode jwks() {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        ObjectNode jwk = Json.object();
        jwk.put("kty", "RSA");
        jwk.put("n", unsigned(key.getModulus()));
        jwk.put("e", unsigned(key.getPublicExponent()));
        jwk.put("alg", "RS256");
        jwk.put("use", "sig");
        jwk.put("kid", KEY_ID);
        ObjectNode body = Json.object();
        body.putArray("keys").add(jwk);
        return body;
    }

    String sign(ObjectNode claims) {
        ObjectNode header = Json.object();
        header.put("kid", KEY_ID);
        header.put("typ", "JWT");
        header.put("alg", "RS256");
        String input = base64Url(bytes(header)) + "." + base64Url(bytes(claims));
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keys.getPrivate());
            signer.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + base64Url(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** OpenID Connect's at_hash: the left half of the access token's SHA-256, base64url. */
    static String accessTokenHash(String accessToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return base64Url(Arrays.copyOf(digest, digest.length / 2));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return base64Url(bytes);
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
