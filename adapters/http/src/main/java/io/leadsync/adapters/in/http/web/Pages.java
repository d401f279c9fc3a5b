package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.administer.UserAccess;
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

    private static final Map<String, String> FIELD_LABELS = Map.ofEntries(
            Map.entry("leadId", "Lead id"), Map.entry("workEmail", "Work email"),
            Map.entry("companyWebsite", "Company website"), Map.entry("linkedinUrl", "LinkedIn URL"),
            Map.entry("aiScore", "AI score"), Map.entry("isDql", "Disqualified (DQL)"),
            Map.entry("lastVisitAt", "Last visit"), Map.entry("agentId", "Agent id"),
            Map.entry("companyName", "Company"));

    /** A LeadSync field as the admin reads it: {@code jobTitle} as "Job title", {@code linkedinUrl} as "LinkedIn URL". */
    static String fieldLabel(String apiName) {
        String known = FIELD_LABELS.get(apiName);
        if (known != null) {
            return known;
        }
        String words = apiName.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** An agent action of the routing rules in words. */
    static String actionLabel(String apiName) {
        return switch (apiName) {
            case "upsertLead" -> "capturing or updating a lead";
            case "changeStatus" -> "changing a lead's status";
            case "logActivity" -> "logging an activity (call, e-mail, meeting)";
            default -> fieldLabel(apiName);
        };
    }
}
