package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.configure.AlertSettingsUseCase;
import io.leadsync.application.port.in.configure.InvalidSettingsException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settings → Alerts, as {@code PUT /api/admin/v1/alerts} sets them. The Settings page loads the section through htmx
 * and the form answers the section again (with each field's reason beside it, and what was typed kept); without htmx
 * it is a page of its own.
 */
@Controller("/app/settings/alerts")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class AlertSettingsPageController {
    private final AlertSettingsUseCase alerts;

    AlertSettingsPageController(AlertSettingsUseCase alerts) {
        this.alerts = alerts;
    }

    @Get
    HttpResponse<?> show(HttpRequest<?> request) {
        WebContext context = WebContext.of(request);
        AlertSettingsUseCase.View view = alerts.settings(context.workspaceId());
        Map<String, Object> model = model(context, view, String.join(", ", view.emails()));
        return Pages.render(htmx(request) ? "alerts-form" : "alerts", model);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> save(HttpRequest<?> request, @Body Map<String, Object> form) {
        WebContext context = WebContext.of(request);
        String typed = Optional.ofNullable(Forms.one(form, "emails")).orElse("");
        List<String> emails = Arrays.stream(typed.split("[,;\\s]+")).filter(email -> !email.isBlank()).toList();
        String chat = Optional.ofNullable(Forms.one(form, "chatWebhook")).orElse("").strip();
        Optional<String> chatWebhook = Forms.checked(form, "removeChatWebhook") ? Optional.of("")
                : chat.isEmpty() ? Optional.empty() : Optional.of(chat);
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<Integer> threshold = Optional.empty();
        String thresholdText = Optional.ofNullable(Forms.one(form, "failedLeadsThreshold")).orElse("").strip();
        if (!thresholdText.isEmpty()) {
            try {
                threshold = Optional.of(Integer.parseInt(thresholdText));
            } catch (NumberFormatException e) {
                errors.put("failedLeadsThreshold", "must be a whole number from 1 to 1000000");
            }
        }
        AlertSettingsUseCase.View saved = null;
        if (errors.isEmpty()) {
            try {
                saved = alerts.change(new AlertSettingsUseCase.Command(context.workspaceId(), context.actor(), emails,
                        chatWebhook, threshold));
            } catch (InvalidSettingsException e) {
                for (InvalidSettingsException.Violation violation : e.violations()) {
                    String field = violation.path().startsWith("emails/") ? "emails" : violation.path();
                    String rule = violation.path().startsWith("emails/") ? "\""
                            + emails.get(Integer.parseInt(violation.path().substring(7))) + "\" " + violation.rule()
                            : violation.rule();
                    errors.merge(field, rule, (a, b) -> a + "; " + b);
                }
            }
        }
        if (saved == null) {
            Map<String, Object> model = model(context, alerts.settings(context.workspaceId()), typed);
            // A refused save keeps everything that was typed, the threshold too, so fixing one field loses nothing.
            if (!thresholdText.isEmpty()) {
                model.put("failedLeadsThreshold", thresholdText);
            }
            model.put("alertErrors", errors);
            model.put("alertsProblem", "The alert settings were not saved; fix the fields below.");
            return Pages.render(HttpStatus.UNPROCESSABLE_ENTITY, htmx(request) ? "alerts-form" : "alerts", model);
        }
        if (!htmx(request)) {
            return Pages.redirect("/app/settings/alerts");
        }
        Map<String, Object> model = model(context, saved, String.join(", ", saved.emails()));
        model.put("alertsNotice", "Alerts saved.");
        return Pages.render("alerts-form", model);
    }

    private static Map<String, Object> model(WebContext context, AlertSettingsUseCase.View view, String emails) {
        Map<String, Object> model = Pages.model(context, "settings", "Alerts");
        model.put("alertEmails", emails);
        model.put("chatWebhookHost", view.chatWebhookHost().orElse(null));
        model.put("failedLeadsThreshold", view.failedLeadsThreshold());
        model.put("mailConfigured", view.mailConfigured());
        model.put("alertErrors", Map.of());
        model.put("alertsNotice", null);
        model.put("alertsProblem", null);
        return model;
    }

    private static boolean htmx(HttpRequest<?> request) {
        return "true".equals(request.getHeaders().get("HX-Request"));
    }
}
