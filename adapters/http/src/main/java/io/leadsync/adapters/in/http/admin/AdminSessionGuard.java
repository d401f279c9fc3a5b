package io.leadsync.adapters.in.http.admin;

import io.leadsync.domain.workspace.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;

import java.util.Map;

/**
 * The admin API called with an admin UI session rather than an API key: a change needs the session's CSRF token in
 * {@code X-CSRF-Token} (a cookie alone is sent by any site's form) and a role that may change things; a viewer reads
 * only. API-key calls pass untouched.
 */
@ServerFilter("/api/admin/**")
final class AdminSessionGuard implements Ordered {

    @RequestFilter
    @Nullable
    HttpResponse<?> guard(HttpRequest<?> request) {
        Authentication authentication = request.getUserPrincipal(Authentication.class).orElse(null);
        if (authentication == null || !Boolean.TRUE.equals(authentication.getAttributes().get(AdminCaller.SESSION))
                || request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD) {
            return null;
        }
        Map<String, Object> attributes = authentication.getAttributes();
        if (!Boolean.TRUE.equals(attributes.get(AdminCaller.CSRF_VALID))) {
            return forbidden(request, "A change through the admin UI's session needs its CSRF token in the "
                    + "X-CSRF-Token header.");
        }
        if (!Role.valueOf(String.valueOf(attributes.get(AdminCaller.ROLE))).mayChange()) {
            return forbidden(request, "A viewer may read this workspace but not change it.");
        }
        return null;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    private static HttpResponse<?> forbidden(HttpRequest<?> request, String detail) {
        String json = "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\""
                + detail.replace("\"", "'") + "\",\"instance\":\"" + request.getPath().replace("\"", "") + "\"}";
        return HttpResponse.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_JSON_PROBLEM_TYPE)
                .body(json);
    }
}
