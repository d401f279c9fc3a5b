package io.leadsync.application.testing;

import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmRejectedException;
import io.leadsync.application.port.out.ReauthorizationRequiredException;
import io.leadsync.domain.crm.CrmIdentity;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmTokens;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CRM's OAuth as the services see it: it remembers the challenge of each authorize URL it handed out and, like a
 * real CRM, exchanges a code only with the verifier whose S256 matches.
 */
public final class FakeCrmAuthorization implements CrmAuthorization {
    private final CrmKind kind;
    private final Map<String, String> challengeByCode = new HashMap<>();
    private final List<CrmTokens> revoked = new ArrayList<>();
    private boolean revokeFails;
    private boolean refreshRefused;
    private int refreshes;
    private Runnable duringRefresh = () -> { };
    private String orgId = "00D000000000001AAA";
    private String orgName = "Acme Corp";
    private final List<Optional<io.leadsync.domain.crm.LoginHost>> loginHosts = new ArrayList<>();

    public FakeCrmAuthorization(CrmKind kind) {
        this.kind = kind;
    }

    @Override
    public CrmKind kind() {
        return kind;
    }

    @Override
    public URI authorizeUrl(String state, String codeChallenge) {
        return URI.create("https://login.example/authorize?state=" + state + "&code_challenge=" + codeChallenge
                + "&code_challenge_method=S256");
    }

    @Override
    public URI authorizeUrl(String state, String codeChallenge, Optional<io.leadsync.domain.crm.LoginHost> loginHost) {
        loginHosts.add(loginHost);
        return authorizeUrl(state, codeChallenge);
    }

    @Override
    public Authorized exchange(String code, String codeVerifier, Optional<io.leadsync.domain.crm.LoginHost> loginHost) {
        loginHosts.add(loginHost);
        return exchange(code, codeVerifier);
    }

    /** The login hosts the authorize URLs and code exchanges were asked for, in order. */
    public List<Optional<io.leadsync.domain.crm.LoginHost>> loginHosts() {
        return loginHosts;
    }

    /** From now on the admin who consents is in another org (a sandbox org, another company's). */
    public void nowReaches(String orgId, String orgName) {
        this.orgId = orgId;
        this.orgName = orgName;
    }

    /** What the CRM does when the admin consents: a code for the challenge of this authorize URL. */
    public String consent(URI authorizeUrl) {
        String challenge = parameter(authorizeUrl, "code_challenge");
        String code = "code-" + challengeByCode.size();
        challengeByCode.put(code, challenge);
        return code;
    }

    @Override
    public Authorized exchange(String code, String codeVerifier) {
        String challenge = challengeByCode.remove(code);
        if (challenge == null || !challenge.equals(s256(codeVerifier))) {
            throw new CrmRejectedException("invalid_grant: authentication failure");
        }
        return new Authorized(new CrmTokens("access-for-" + code, Optional.of("refresh-for-" + code), Optional.empty(),
                Instant.parse("2026-01-05T09:00:00Z")),
                new CrmIdentity("admin@acme.example", orgName, orgId, Optional.empty()));
    }

    @Override
    public CrmTokens refresh(CrmTokens tokens) {
        refreshes++;
        duringRefresh.run();
        if (refreshRefused) {
            throw new ReauthorizationRequiredException("invalid_grant: expired access/refresh token");
        }
        return tokens.refreshedWith(tokens.accessToken() + "-refreshed", Optional.empty(), Optional.empty(),
                tokens.issuedAt().plusSeconds(1));
    }

    /** Something that happens while a refresh is at the CRM (an admin disconnecting the connection). */
    public void duringRefresh(Runnable meanwhile) {
        this.duringRefresh = meanwhile;
    }

    public void refuseRefresh() {
        refreshRefused = true;
    }

    public int refreshes() {
        return refreshes;
    }

    @Override
    public void revoke(CrmTokens tokens) {
        if (revokeFails) {
            throw new IllegalStateException("the CRM is down");
        }
        revoked.add(tokens);
    }

    public void failRevokes() {
        revokeFails = true;
    }

    public List<CrmTokens> revoked() {
        return revoked;
    }

    public static String parameter(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts[0].equals(name)) {
                return URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            }
        }
        throw new IllegalArgumentException("no " + name + " in " + uri);
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
