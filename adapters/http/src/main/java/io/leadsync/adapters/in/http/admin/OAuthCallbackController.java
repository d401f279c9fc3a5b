package io.leadsync.adapters.in.http.admin;

import io.leadsync.application.port.in.CompleteConnectCommand;
import io.leadsync.application.port.in.CompleteConnectUseCase;
import io.leadsync.application.port.in.ConnectFailedException;
import io.leadsync.domain.crm.ConnectionState;
import io.leadsync.domain.crm.CrmConnection;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a CRM sends the admin's browser after login and consent. Open to anonymous callers: the single-use
 * {@code state} is what ties the callback to a connect an admin started, and the code is worthless without that
 * connect's PKCE verifier.
 */
@Controller("/oauth/callback")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class OAuthCallbackController {
    private final CompleteConnectUseCase complete;

    OAuthCallbackController(CompleteConnectUseCase complete) {
        this.complete = complete;
    }

    @Get
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<String> callback(@Nullable @QueryValue String state, @Nullable @QueryValue String code,
                                  @Nullable @QueryValue String error,
                                  @Nullable @QueryValue("error_description") String errorDescription) {
        if (state == null || state.isBlank()) {
            return page(HttpStatus.BAD_REQUEST, "Connection failed",
                    "The CRM's answer carried no state; start the connect again from LeadSync.");
        }
        try {
            CrmConnection connection = complete.complete(new CompleteConnectCommand(state, Optional.ofNullable(code),
                    Optional.ofNullable(error), Optional.ofNullable(errorDescription)));
            String next = "/app/connections/" + connection.id().value();
            if (connection.state() == ConnectionState.NEEDS_SETUP) {
                // Signed in, but the CRM side is not ready: saying "Connected" here would hide why nothing syncs.
                String who = connection.identity().map(identity -> "Signed in as " + identity.userEmail() + " to "
                        + identity.orgName() + ", but the").orElse("The");
                List<String> problems = connection.readiness().map(readiness -> readiness.problems().stream()
                        .map(p -> p.crmField() + ": " + p.detail().replaceAll("\\.$", "") + ". Fix: " + p.fix()).toList())
                        .filter(list -> !list.isEmpty())
                        .orElse(connection.stateReason().map(List::of).orElse(List.of()));
                return page(HttpStatus.OK, "Needs setup", who + " connection needs setup before it can sync.",
                        problems, next);
            }
            String who = connection.identity().map(identity -> "Connected as " + identity.userEmail() + " to "
                    + identity.orgName() + ".").orElse("Connected.");
            return page(HttpStatus.OK, "Connected", who + " " + connection.stateReason()
                    .map(reason -> "Next: " + reason + ".").orElse(""), List.of(), next);
        } catch (ConnectFailedException e) {
            return page(HttpStatus.BAD_REQUEST, "Connection failed", e.getMessage());
        }
    }

    private static HttpResponse<String> page(HttpStatus status, String title, String message) {
        return page(status, title, message, List.of(), "/app/integrations");
    }

    /** {@code next}: where the admin UI shows the connection (the page asks for a login when there is no session). */
    private static HttpResponse<String> page(HttpStatus status, String title, String message, List<String> problems,
                                             String next) {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + " · LeadSync</title><link rel=\"stylesheet\" href=\"/static/leadsync.css\"></head>"
                + "<body class=\"centered\"><main class=\"card narrow\"><h1>" + escape(title) + "</h1><p id=\"outcome\">"
                + escape(message) + "</p>" + (problems.isEmpty() ? "" : "<ul id=\"problems\">"
                + problems.stream().map(p -> "<li>" + escape(p) + "</li>").collect(Collectors.joining()) + "</ul>")
                + "<p><a class=\"button\" id=\"continue\" href=\"" + escape(next)
                + "\">Continue in LeadSync</a></p></main></body></html>";
        return HttpResponse.<String>status(status).contentType(MediaType.TEXT_HTML_TYPE).body(html);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
