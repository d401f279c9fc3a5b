package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.administer.GetUserAccessUseCase;
import io.leadsync.application.port.in.administer.UserAccess;
import io.leadsync.application.port.in.administer.UserAccessQuery;
import io.leadsync.domain.workspace.UserId;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthenticationFailed;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.handlers.RedirectingLoginHandler;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * What happens after the identity provider's login: LeadSync's own server-side session, exactly as the password
 * login starts it (ADR 0045), so the rest of the UI cannot tell the two apart. A refusal goes back to the login page
 * with a fixed code, never the provider's text.
 */
@Singleton
@Requires(property = "micronaut.security.oauth2.enabled", value = "true")
final class SsoLoginHandler implements RedirectingLoginHandler<HttpRequest<?>, MutableHttpResponse<?>> {
    private final GetUserAccessUseCase access;
    private final SessionCookies cookies;

    SsoLoginHandler(GetUserAccessUseCase access, SessionCookies cookies) {
        this.access = access;
        this.cookies = cookies;
    }

    @Override
    public MutableHttpResponse<?> loginSuccess(Authentication authentication, HttpRequest<?> request) {
        Optional<UserAccess> userAccess;
        try {
            userAccess = access.access(new UserAccessQuery(UserId.of(authentication.getName()), Optional.empty()));
        } catch (IllegalArgumentException e) {
            userAccess = Optional.empty();
        }
        if (userAccess.isEmpty()) {
            return Pages.redirect("/login?sso=" + SsoAuthenticationMapper.UNKNOWN);
        }
        // The same server-side session as the password login (ADR 0045), a new one whatever the browser carried.
        return Pages.redirect("/app/overview")
                .cookie(cookies.startFor(request, userAccess.get().userId(), userAccess.get().workspaceId()));
    }

    @Override
    public MutableHttpResponse<?> loginRefresh(Authentication authentication, String refreshToken,
            HttpRequest<?> request) {
        return loginSuccess(authentication, request);
    }

    @Override
    public MutableHttpResponse<?> loginFailed(AuthenticationResponse response, HttpRequest<?> request) {
        String code = response instanceof AuthenticationFailed failed
                && SsoAuthenticationMapper.UNVERIFIED.equals(failed.getMessage().orElse(""))
                ? SsoAuthenticationMapper.UNVERIFIED
                : response.getMessage().filter(SsoAuthenticationMapper.UNKNOWN::equals).orElse("failed");
        return Pages.redirect("/login?sso=" + code);
    }
}
