package io.leadsync.sandbox.hubspot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The sandbox app's OAuth rules that need no state: allowed redirect URIs, PKCE S256, token endpoint errors. */
final class OAuthRules {

    private OAuthRules() {
    }

    static boolean isAllowedRedirect(String redirectUri) {
        if (redirectUri == null) {
            return false;
        }
        try {
            java.net.URI uri = new java.net.URI(redirectUri);
            String host = uri.getHost();
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && ("localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /**
     * A token endpoint's 400: RFC 6749's {@code error} and {@code error_description}, as the date-versioned API
     * answers them, with HubSpot's older {@code status} and {@code message} beside them (HUBSPOT.md section 9), so a
     * client of either generation finds what it reads.
     */
    static HubSpotError tokenError(String status, String message) {
        ObjectNode body = HubSpotJson.object();
        body.put("error", rfcError(status));
        body.put("error_description", message);
        body.put("status", status);
        body.put("message", message);
        body.put("correlationId", HubSpotError.correlationId());
        return HubSpotError.raw(400, body);
    }

    private static String rfcError(String status) {
        return switch (status) {
            case "BAD_CLIENT_ID" -> "invalid_client";
            case "BAD_GRANT_TYPE" -> "unsupported_grant_type";
            case "BAD_REQUEST" -> "invalid_request";
            default -> "invalid_grant";
        };
    }

    static String s256(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
