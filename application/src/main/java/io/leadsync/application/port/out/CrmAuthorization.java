package io.leadsync.application.port.out;

import io.leadsync.domain.crm.CrmIdentity;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.crm.LoginHost;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

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
     * The authorize page at the login host the admin chose (Salesforce: production, sandbox or a My Domain); CRMs
     * with one login host ignore it. The host is where the tokens will be issued, and they record it
     * ({@link CrmTokens#issuer()}), so refresh and revoke find their way back.
     */
    default URI authorizeUrl(String state, String codeChallenge, Optional<LoginHost> loginHost) {
        return authorizeUrl(state, codeChallenge);
    }

    /** As {@link #exchange(String, String)}, at the login host the authorize page was served from. */
    default Authorized exchange(String code, String codeVerifier, Optional<LoginHost> loginHost) {
        return exchange(code, codeVerifier);
    }

    /**
     * A new access token (and a rotated refresh token, where the CRM rotates them), asked of the login host that
     * issued the tokens; with it, where the CRM says the org lives now ({@link CrmTokens#instanceUrl()}).
     *
     * @throws ReauthorizationRequiredException when the CRM refuses the refresh token for good
     * @throws CrmUnavailableException          when the CRM cannot be reached or fails; the tokens may still be good
     */
    CrmTokens refresh(CrmTokens tokens);

    /**
     * Revokes the tokens at the CRM (at the login host that issued them), so they stop working there too; best
     * effort, never throws for a dead token.
     */
    void revoke(CrmTokens tokens);

    /** What a successful code exchange yields. */
    record Authorized(CrmTokens tokens, CrmIdentity identity) {
        public Authorized {
            Objects.requireNonNull(tokens, "tokens");
            Objects.requireNonNull(identity, "identity");
        }
    }
}
