package io.leadsync.adapters.in.http.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings → API reference: both OpenAPI documents (agent and admin) browsable in the UI, each operation with its
 * method, path and what it does, and the document itself for OpenAPI tools. Read from the same hand-written files
 * the API serves, so the page cannot drift from them.
 */
@Controller("/app/api")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ApiReferenceController {
    private static final Pattern PATH = Pattern.compile("^  (/[^:]*):\\s*$");
    private static final Pattern METHOD = Pattern.compile("^    (get|post|put|patch|delete):\\s*$");
    private static final Pattern SUMMARY = Pattern.compile("^      summary:\\s*(.+)$");

    private final List<Map<String, Object>> documents = List.of(
            document("agent", "Agent API", "/api/v1/openapi.yaml", "openapi/agent-api.yaml",
                    "What agents call with an agent key: capture and change leads, track actions, log activities."),
            document("admin", "Admin API", "/api/admin/v1/openapi.yaml", "openapi/admin-api.yaml",
                    "What an admin (or the host product) calls with an admin key or this session: connections, "
                            + "settings, mappings, errors, routing, alerts, audit."));

    @Get
    HttpResponse<?> page(HttpRequest<?> request) {
        Map<String, Object> model = Pages.model(WebContext.of(request), "settings", "API reference");
        model.put("documents", documents);
        return Pages.render("api", model);
    }

    private static Map<String, Object> document(String id, String title, String url, String resource,
                                                String description) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", id);
        document.put("title", title);
        document.put("url", url);
        document.put("description", description);
        document.put("operations", operations(read(resource)));
        return document;
    }

    /** Each path's operations in the document's order: method, path, summary. */
    static List<Map<String, String>> operations(String yaml) {
        List<Map<String, String>> operations = new ArrayList<>();
        boolean inPaths = false;
        String path = null;
        Map<String, String> current = null;
        for (String line : yaml.split("\n")) {
            if (!line.startsWith(" ") && !line.isBlank()) {
                inPaths = line.startsWith("paths:");
                continue;
            }
            if (!inPaths) {
                continue;
            }
            Matcher matched = PATH.matcher(line);
            if (matched.matches()) {
                path = matched.group(1);
                continue;
            }
            matched = METHOD.matcher(line);
            if (matched.matches() && path != null) {
                current = new LinkedHashMap<>();
                current.put("method", matched.group(1).toUpperCase(Locale.ROOT));
                current.put("path", path);
                current.put("summary", "");
                operations.add(current);
                continue;
            }
            matched = SUMMARY.matcher(line);
            if (matched.matches() && current != null) {
                current.put("summary", matched.group(1).strip());
            }
        }
        return operations;
    }

    private static String read(String resource) {
        try (InputStream in = ApiReferenceController.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
