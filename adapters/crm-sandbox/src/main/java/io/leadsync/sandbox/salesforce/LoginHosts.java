package io.leadsync.sandbox.salesforce;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hosts the org is reached at, each its own listener on the loopback interface (ADR 0036): the production login
 * host (login.salesforce.com, which is also the control API and, until the org moves, its instance), the sandbox-org
 * login host (test.salesforce.com), the org's My Domain (login and instance in one, stable across moves) and the
 * instances the org moved to. Salesforce binds what a login host issues to that host: an authorization code or a
 * refresh token used at another host is refused with {@code invalid_grant}, as clients that refresh a sandbox org's
 * token at login.salesforce.com find out.
 */
final class LoginHosts {

    /** What a listener stands for. */
    enum Role {
        PRODUCTION_LOGIN("login.salesforce.com"),
        SANDBOX_LOGIN("test.salesforce.com"),
        MY_DOMAIN("acme.my.salesforce.com"),
        INSTANCE("instance");

        private final String standsFor;

        Role(String standsFor) {
            this.standsFor = standsFor;
        }

        String standsFor() {
            return standsFor;
        }
    }

    /** One listener: its role and the URL it answers on. */
    record Host(Role role, String url) {
    }

    private final Map<String, String> issuedAt = new ConcurrentHashMap<>();
    private final List<String> retiredInstances = new ArrayList<>();
    private String productionUrl;
    private String instanceUrl;

    synchronized void production(String url) {
        this.productionUrl = url;
        this.instanceUrl = url;
    }

    synchronized String instanceUrl() {
        return instanceUrl;
    }

    /** The org now lives at {@code url}; the instance it left answers API calls no more. */
    synchronized String moveTo(String url) {
        String previous = instanceUrl;
        retiredInstances.add(previous);
        retiredInstances.remove(url);
        instanceUrl = url;
        return previous;
    }

    /** Whether the org's REST API is served at {@code host}: its current instance and its My Domain. */
    synchronized boolean servesApi(Host host) {
        return host.role() == Role.MY_DOMAIN || host.url().equals(instanceUrl);
    }

    /** Whether {@code host} was an instance of the org before a move. */
    synchronized boolean retired(Host host) {
        return retiredInstances.contains(host.url());
    }

    /** A code or refresh token the host at {@code url} issued. */
    void issued(String token, String url) {
        if (token != null) {
            issuedAt.put(token, url);
        }
    }

    /**
     * Whether {@code token} may be used at the host at {@code url}: only where it was issued. Tokens the control API
     * minted (no host recorded) count as the production login host's.
     */
    synchronized boolean usableAt(String token, String url) {
        String issuer = Optional.ofNullable(token).map(issuedAt::get).orElse(productionUrl);
        return issuer.equals(url);
    }

    /** Whether {@code token} is known to have been issued by a host other than the one at {@code url}. */
    boolean issuedElsewhere(String token, String url) {
        String issuer = token == null ? null : issuedAt.get(token);
        return issuer != null && !issuer.equals(url);
    }

    /** Back to one instance at the production host, with nothing issued. */
    synchronized void reset() {
        issuedAt.clear();
        retiredInstances.clear();
        instanceUrl = productionUrl;
    }
}
