package io.leadsync.domain.crm;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where a Salesforce org's admin logs in to authorise LeadSync, chosen at connect: a production org's login host
 * (login.salesforce.com), a sandbox org's (test.salesforce.com), or the org's My Domain
 * ({@code https://<name>.my.salesforce.com}). Salesforce binds a refresh token to the host that issued it, so the
 * connection keeps this choice: refreshes and the revocation go back there.
 *
 * @param myDomain the My Domain's origin, present exactly for {@link Kind#MY_DOMAIN}
 */
public record LoginHost(Kind kind, Optional<URI> myDomain) {
    /** The admin's choice. */
    public enum Kind {
        PRODUCTION,
        SANDBOX,
        MY_DOMAIN
    }

    /** The rule a My Domain URL must meet, in words an admin can act on. */
    public static final String MY_DOMAIN_RULE =
            "must be your org's My Domain URL, https://<your domain>.my.salesforce.com";

    public LoginHost {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(myDomain, "myDomain");
        if ((kind == Kind.MY_DOMAIN) != myDomain.isPresent()) {
            throw new IllegalArgumentException("a My Domain URL goes with a My Domain login host, and only there");
        }
    }

    public static LoginHost production() {
        return new LoginHost(Kind.PRODUCTION, Optional.empty());
    }

    public static LoginHost sandbox() {
        return new LoginHost(Kind.SANDBOX, Optional.empty());
    }

    /**
     * A My Domain login host from what an admin typed: https, a host under {@code .my.salesforce.com} (sandbox and
     * other My Domains, such as {@code acme--uat.sandbox.my.salesforce.com}, are under it too), no path, query or
     * credentials; kept as its origin. {@code alsoAccepted} lists origins the installation accepts besides (demo mode's
     * sandbox, a government cloud's domain), compared exactly.
     *
     * @throws IllegalArgumentException with {@link #MY_DOMAIN_RULE} when the URL breaks the rule
     */
    public static LoginHost myDomain(String url, Set<String> alsoAccepted) {
        String trimmed = url == null ? "" : url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (alsoAccepted.contains(trimmed)) {
            return new LoginHost(Kind.MY_DOMAIN, Optional.of(URI.create(trimmed)));
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(MY_DOMAIN_RULE);
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                && uri.getRawFragment() == null && uri.getRawUserInfo() == null && uri.getPort() == -1;
        String name = host.endsWith(".my.salesforce.com")
                ? host.substring(0, host.length() - ".my.salesforce.com".length()) : "";
        if (!"https".equalsIgnoreCase(uri.getScheme()) || !bare || name.isEmpty()
                || !name.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
            throw new IllegalArgumentException(MY_DOMAIN_RULE);
        }
        return new LoginHost(Kind.MY_DOMAIN, Optional.of(URI.create("https://" + host)));
    }

    @Override
    public String toString() {
        return myDomain.map(URI::toString).orElse(kind.name());
    }
}
