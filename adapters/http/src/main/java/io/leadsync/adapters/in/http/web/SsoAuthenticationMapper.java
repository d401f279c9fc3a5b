package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.administer.SignOnUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.oauth2.endpoint.authorization.state.State;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdAuthenticationMapper;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdClaims;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdTokenResponse;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;

/**
 * Single sign-on (ADR 0028): the provider's verified email claim names an existing local user with a membership.
 * An unverified or unknown email fails with a code the login page turns into its message; nobody signs up this way.
 */
@Singleton
@Named(SsoAuthenticationMapper.PROVIDER)
@Requires(property = "micronaut.security.oauth2.enabled", value = "true")
final class SsoAuthenticationMapper implements OpenIdAuthenticationMapper {
    static final String PROVIDER = "sso";
    static final String UNVERIFIED = "unverified";
    static final String UNKNOWN = "unknown";

    private final SignOnUseCase signOn;
    private final ExecutorService blocking;

    SsoAuthenticationMapper(SignOnUseCase signOn, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.signOn = signOn;
        this.blocking = blocking;
    }

    @Override
    public Publisher<AuthenticationResponse> createAuthenticationResponse(String providerName,
            OpenIdTokenResponse tokenResponse, OpenIdClaims claims, @Nullable State state) {
        String email = claims.getEmail();
        if (email == null || !Boolean.TRUE.equals(claims.isEmailVerified())) {
            return Publishers.just(AuthenticationResponse.failure(UNVERIFIED));
        }
        // The user lookup reads the database; keep it off the event loop.
        return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(() -> signOn.signOn(email)
                .map(user -> AuthenticationResponse.success(user.toString()))
                .orElseGet(() -> AuthenticationResponse.failure(UNKNOWN)), blocking));
    }
}
