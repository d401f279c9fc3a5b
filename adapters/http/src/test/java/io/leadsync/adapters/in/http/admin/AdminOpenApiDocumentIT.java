package io.leadsync.adapters.in.http.admin;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin API's hand-written OpenAPI document is served to anyone and names exactly its routes. */
@MicronautTest(environments = "test")
class AdminOpenApiDocumentIT {
    private static final Pattern PATH = Pattern.compile("^  (/api/admin/v1/[^:]+):\\s*$");
    private static final Pattern METHOD = Pattern.compile("^    (get|post|put|patch|delete):\\s*$");

    @Inject
    EmbeddedServer server;
    @Inject
    Router router;

    @Test
    void the_document_is_served_without_a_key_and_lists_every_admin_route_and_no_other() throws Exception {
        HttpResponse<String> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                server.getURI().resolve("/api/admin/v1/openapi.yaml")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/yaml"));
        assertThat(served.body()).startsWith("openapi: 3.1.0");

        Set<String> documented = new TreeSet<>();
        String path = null;
        for (String line : served.body().split("\n")) {
            Matcher pathLine = PATH.matcher(line);
            Matcher methodLine = METHOD.matcher(line);
            if (pathLine.matches()) {
                path = pathLine.group(1);
            } else if (!line.startsWith("    ") && !line.isBlank()) {
                path = line.startsWith("  ") ? path : null;
            }
            if (path != null && methodLine.matches()) {
                documented.add(methodLine.group(1).toUpperCase(Locale.ROOT) + " " + path);
            }
        }
        Set<String> routed = new TreeSet<>();
        router.uriRoutes().forEach(route -> {
            String template = route.getUriMatchTemplate().toString();
            // Micronaut answers HEAD for every GET by itself; OpenAPI leaves HEAD implied too.
            if (template.startsWith("/api/admin/v1/") && !route.getHttpMethod().name().equals("HEAD")) {
                routed.add(route.getHttpMethod().name() + " " + template);
            }
        });

        assertThat(routed).contains("POST /api/admin/v1/connections", "GET /api/admin/v1/alerts");
        assertThat(documented).isEqualTo(routed);
    }
}
