package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.UserAccess;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What every page's layout needs (who, where, the CSRF token, the nav), and the ways a page answers. */
final class Pages {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Pages() {
    }

    static Map<String, Object> model(WebContext context, String active, String title) {
        Map<String, Object> model = new LinkedHashMap<>();
        UserAccess access = context.access();
        model.put("title", title);
        model.put("active", active);
        model.put("csrf", context.csrfToken());
        model.put("userEmail", access.email());
        model.put("userName", access.displayName());
        model.put("workspaceName", access.workspaceName());
        model.put("workspaceId", access.workspaceId().toString());
        model.put("role", access.role().name());
        model.put("roleLabel", label(access.role().name()));
        model.put("mayChange", access.role().mayChange());
        model.put("mayManageUsers", access.role().mayManageUsers());
        List<Map<String, Object>> workspaces = new ArrayList<>();
        for (UserAccess.WorkspaceChoice choice : access.workspaces()) {
            workspaces.add(Map.of("id", choice.id().toString(), "name", choice.name(),
                    "role", label(choice.role().name()), "current", choice.id().equals(access.workspaceId())));
        }
        model.put("workspaces", workspaces);
        model.put("notice", null);
        model.put("problem", null);
        return model;
    }

    static HttpResponse<?> render(String view, Map<String, Object> model) {
        return HttpResponse.ok(new ModelAndView<>(view, model));
    }

    static HttpResponse<?> render(HttpStatus status, String view, Map<String, Object> model) {
        return HttpResponse.status(status).body(new ModelAndView<>(view, model));
    }

    /** Post, redirect, get: a reload never repeats a change. */
    static MutableHttpResponse<?> redirect(String path) {
        return HttpResponse.seeOther(URI.create(path));
    }

    static String when(Instant instant) {
        return instant == null ? null : WHEN.format(instant);
    }

    /** {@code NEEDS_SETUP} as "Needs setup". */
    static String label(String constant) {
        switch (constant) {
            case "CRM_WINS" -> {
                return "CRM wins";
            }
            case "APP_WINS" -> {
                return "LeadSync wins";
            }
            case "PUSH" -> {
                return "LeadSync to CRM";
            }
            case "PULL" -> {
                return "CRM to LeadSync";
            }
            case "BIDIRECTIONAL" -> {
                return "Both ways";
            }
            default -> {
            }
        }
        String words = constant.replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
