package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.administer.AdminSessionsUseCase;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Arrays;

/**
 * The admin UI's cookies and what it trusts about requests: {@code leadsync.web.trusted-proxies} (addresses of the
 * proxies whose {@code X-Forwarded-*} headers count; none by default) and the session lifetime (the cookie lasts as
 * long as the session may).
 */
@Factory
final class WebConfiguration {

    @Singleton
    ClientRequests clientRequests(@Value("${leadsync.web.trusted-proxies:}") String trustedProxies) {
        return new ClientRequests(Arrays.asList(trustedProxies.split(",")));
    }

    @Singleton
    SessionCookies sessionCookies(AdminSessionsUseCase sessions, ClientRequests clients,
                                  @Value("${leadsync.web.session.absolute-lifetime:12h}") Duration lifetime) {
        return new SessionCookies(sessions, clients, lifetime);
    }
}
