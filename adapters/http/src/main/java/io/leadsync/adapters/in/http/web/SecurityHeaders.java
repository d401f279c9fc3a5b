package io.leadsync.adapters.in.http.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Security headers on every answer, page or API (issue 14). The Content-Security-Policy allows scripts, styles and
 * everything else only from LeadSync itself, no inline script or style attribute and no framing (clickjacking);
 * {@code nosniff} stops a browser guessing a JSON answer is HTML; no referrer leaves for other sites (an OAuth
 * callback's address holds its code). Answers other than static files are {@code no-store}: pages show an API key or
 * a webhook's signing secret once, and none should outlive the visit in a browser or proxy cache. HSTS is sent over
 * HTTPS: on a direct TLS connection, or behind a proxy that terminates it when the operator says the proxy's
 * {@code X-Forwarded-Proto} is to be trusted ({@code leadsync.web.trust-forwarded-proto}).
 */
@ServerFilter("/**")
final class SecurityHeaders implements Ordered {
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final boolean trustForwardedProto;

    SecurityHeaders(@Value("${leadsync.web.trust-forwarded-proto:false}") boolean trustForwardedProto) {
        this.trustForwardedProto = trustForwardedProto;
    }

    /** First in, so last out: the headers land on answers that filters after it make (the security filter's 401). */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @ResponseFilter
    void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("Content-Security-Policy", POLICY);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("X-Frame-Options", "DENY");
        response.header("Referrer-Policy", "no-referrer");
        response.header("Cross-Origin-Opener-Policy", "same-origin");
        if (!request.getPath().startsWith("/static/")) {
            response.header("Cache-Control", "no-store");
        }
        if (https(request)) {
            response.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
    }

    private boolean https(HttpRequest<?> request) {
        return request.isSecure() || trustForwardedProto && request.getHeaders().findFirst("X-Forwarded-Proto")
                .filter(proto -> proto.trim().equalsIgnoreCase("https")).isPresent();
    }
}
