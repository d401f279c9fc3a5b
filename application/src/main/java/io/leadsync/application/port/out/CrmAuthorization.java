package io.leadsync.application.port.out;

import io.leadsync.domain.crm.CrmIdentity;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmTokens;

import java.net.URI;
import java.util.Objects;

/** One CRM's OAuth: where an admin logs in and consents, and what the CRM gives LeadSync in return. */
public interface CrmAuthorization {
    CrmKind kind();

    /** The CRM's authorize page for this connect, carrying {@code state} and the PKCE S256 challenge. */
    URI authorizeUrl(String state, String codeChallenge);

    /**
     * Exchanges the code the CRM sent to the callback, then reads who authorised and which org or portal it is.
     *
     * @throws CrmRejectedException    when the CRM refuses the code (expired, replayed, wrong verifier)
     * @throws CrmUnavailableException when the CRM cannot be reached or fails
     */
    Authorized exchange(String code, String codeVerifier);

    /**
     * A new access token (and a rotated refresh token, where the CRM rotates them).
     *
     * @throws ReauthorizationRequiredException when the CRM refuses the refresh token for good
     * @throws CrmUnavailableException          when the CRM cannot be reached or fails; the tokens may still be good
     */
    CrmTokens refresh(CrmTokens tokens);

    /** Revokes the tokens at the CRM, so they stop working there too; best effort, never throws for a dead token. */
    void revoke(CrmTokens tokens);

    /** What a successful code exchange yields. */
    record Authorized(CrmTokens tokens, CrmIdentity identity) {
        public Authorized {
            Objects.requireNonNull(tokens, "tokens");
            Objects.requireNonNull(identity, "identity");
        }
    }
}
