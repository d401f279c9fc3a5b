package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.administer.UserAccess;
import io.leadsync.domain.workspace.AdminSession;
import io.leadsync.domain.workspace.WorkspaceId;
import io.micronaut.http.HttpRequest;

/**
 * The signed-in user of one request, as {@link WebGuard} resolved it: their session, their access in the workspace
 * they act in, and the CSRF token their forms carry. Every page takes the workspace from here, never from the URL.
 */
record WebContext(AdminSession session, UserAccess access, String csrfToken) {
    static final String ATTRIBUTE = "leadsync.web.context";

    static WebContext of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, WebContext.class)
                .orElseThrow(() -> new IllegalStateException("a page under /app without WebGuard"));
    }

    WorkspaceId workspaceId() {
        return access.workspaceId();
    }

    boolean mayChange() {
        return access.role().mayChange();
    }

    /** Who did it, in the audit log. */
    String actor() {
        return "user:" + access.email();
    }
}
