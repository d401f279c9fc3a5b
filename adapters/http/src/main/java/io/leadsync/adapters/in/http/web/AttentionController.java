package io.leadsync.adapters.in.http.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * The navigation's badge: how many of the workspace's connections need an admin (degraded, failing, needs re-auth).
 * Every page loads it (htmx, and again every 30 seconds), so no page has to compute it, and an open page notices
 * trouble that starts while it is open.
 */
@Controller("/app/attention")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class AttentionController {
    private final ConnectionViews views;

    AttentionController(ConnectionViews views) {
        this.views = views;
    }

    @Get
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<String> attention(HttpRequest<?> request) {
        long count = views.needingAttention(WebContext.of(request).workspaceId());
        if (count == 0) {
            return HttpResponse.ok("");
        }
        String words = count + (count == 1 ? " connection needs" : " connections need") + " attention";
        return HttpResponse.ok("<span class=\"attention\" data-testid=\"attention\" title=\"" + words
                + "\" aria-label=\"" + words + "\">" + count + "</span>");
    }
}
