package io.leadsync.adapters.in.http.web;

import io.micronaut.http.HttpRequest;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;

/**
 * What LeadSync may believe about where a request came from. {@code X-Forwarded-Proto} and {@code X-Forwarded-For}
 * are anyone's to send, so they count only when the connection comes from one of {@code leadsync.web.trusted-proxies}
 * (the TLS-terminating proxy in front of LeadSync); otherwise the socket decides.
 */
public final class ClientRequests {
    private final Set<String> trustedProxies;

    public ClientRequests(List<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies.stream().map(String::strip).filter(s -> !s.isEmpty())
                .toList());
    }

    /** Served over HTTPS, directly or behind a trusted proxy that says so: then cookies get {@code Secure}. */
    public boolean secure(HttpRequest<?> request) {
        if (request.isSecure()) {
            return true;
        }
        String proto = request.getHeaders().get("X-Forwarded-Proto");
        return proto != null && fromTrustedProxy(request)
                && proto.split(",")[0].strip().equalsIgnoreCase("https");
    }

    /**
     * The client's address: the socket's, or behind trusted proxies the nearest {@code X-Forwarded-For} entry that is
     * not itself a trusted proxy (entries further left are the client's to invent).
     */
    public String clientAddress(HttpRequest<?> request) {
        String peer = peer(request);
        if (!trustedProxies.contains(peer)) {
            return peer;
        }
        List<String> forwarded = request.getHeaders().getAll("X-Forwarded-For").stream()
                .flatMap(value -> java.util.Arrays.stream(value.split(","))).map(String::strip)
                .filter(value -> !value.isEmpty()).toList();
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            if (!trustedProxies.contains(forwarded.get(i))) {
                return forwarded.get(i).length() > 64 ? forwarded.get(i).substring(0, 64) : forwarded.get(i);
            }
        }
        return peer;
    }

    private boolean fromTrustedProxy(HttpRequest<?> request) {
        return trustedProxies.contains(peer(request));
    }

    private static String peer(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
    }
}
