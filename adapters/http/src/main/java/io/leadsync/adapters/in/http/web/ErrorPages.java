package io.leadsync.adapters.in.http.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;

/**
 * A small page for a refusal that happens before any controller runs (in {@link WebGuard}), in the UI's style, saying
 * what to do next.
 */
final class ErrorPages {
    private ErrorPages() {
    }

    static HttpResponse<String> page(HttpStatus status, String title, String message, String next, String nextLabel) {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + " · LeadSync</title><link rel=\"stylesheet\" href=\"/static/leadsync.css\">"
                + "</head><body class=\"centered\"><main class=\"card narrow\"><h1>" + escape(title) + "</h1>"
                + "<p data-testid=\"refusal\">" + escape(message) + "</p><p><a class=\"button\" href=\"" + escape(next)
                + "\">" + escape(nextLabel) + "</a></p></main></body></html>";
        return HttpResponse.<String>status(status).contentType(MediaType.TEXT_HTML_TYPE).body(html);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
