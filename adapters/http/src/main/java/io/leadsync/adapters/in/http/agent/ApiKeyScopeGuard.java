package io.leadsync.adapters.in.http.agent;

import io.leadsync.application.port.in.capture.AgentPrincipal;
import io.leadsync.domain.workspace.ApiKeyScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;

import java.util.Optional;

/**
 * Refuses an API key on an API its scopes do not open (ADR 0048): the admin API needs {@code admin}, the agent API
 * {@code agent}. Answered 403 problem+json naming the missing scope, before any controller runs. Admin UI sessions
 * are not keys and pass (their role is checked by AdminSessionGuard).
 */
@ServerFilter({"/api/admin/**", "/api/v1/**"})
final class ApiKeyScopeGuard implements Ordered {
    private static final String ADMIN_API = "/api/admin/";
    private static final String OPENAPI = "/api/v1/openapi.yaml";

    @RequestFilter
    @Nullable
    HttpResponse<?> guard(HttpRequest<?> request) {
        Authentication authentication = request.getUserPrincipal(Authentication.class).orElse(null);
        if (authentication == null || !AgentAuthentications.isApiKey(authentication)
                || request.getPath().equals(OPENAPI)) {
            return null;
        }
        ApiKeyScope needed = request.getPath().startsWith(ADMIN_API) ? ApiKeyScope.ADMIN : ApiKeyScope.AGENT;
        AgentPrincipal key = AgentAuthentications.toPrincipal(authentication);
        return missing(key, needed).map(problem -> HttpResponse.status(HttpStatus.FORBIDDEN)
                .contentType(io.leadsync.adapters.in.http.problem.ProblemResponses.PROBLEM_JSON)
                .body(problem.withInstance(request.getPath()))).orElse(null);
    }

    static Optional<ScopeProblem> missing(AgentPrincipal key, ApiKeyScope needed) {
        if (key.allows(needed)) {
            return Optional.empty();
        }
        String has = key.scopes().isEmpty() ? "no scope" : "the scope "
                + key.scopes().stream().map(ApiKeyScope::apiName).sorted().reduce((a, b) -> a + " " + b).orElseThrow();
        String api = needed == ApiKeyScope.ADMIN ? "The admin API" : "The agent API";
        return Optional.of(new ScopeProblem(needed.apiName(), api + " needs an API key with the scope "
                + needed.apiName() + "; this key (" + key.keyPrefix() + "...) has " + has
                + ". An admin issues keys of either scope in Settings."));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
