package io.leadsync.adapters.in.http.web;

import io.leadsync.domain.crm.ConnectionState;
import io.leadsync.domain.crm.CrmConnection;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.HttpResponse;

import java.util.List;
import java.util.stream.Collectors;

/** The standalone page a connect ends on (after the CRM's callback, or after confirming it): what came of it. */
final class ConnectPages {
    private ConnectPages() {
    }

    static MutableHttpResponse<String> outcome(CrmConnection connection) {
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
    }

    static MutableHttpResponse<String> page(HttpStatus status, String title, String message) {
        return page(status, title, message, List.of(), "/app/integrations");
    }

    /** {@code next}: where the admin UI shows the connection (the page asks for a login when there is no session). */
    static MutableHttpResponse<String> page(HttpStatus status, String title, String message, List<String> problems,
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

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
