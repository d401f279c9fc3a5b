package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.administer.AdminSessionsUseCase;
import io.leadsync.application.port.in.administer.ChangePasswordCommand;
import io.leadsync.application.port.in.administer.ChangePasswordUseCase;
import io.leadsync.application.port.in.administer.InvalidMemberException;
import io.leadsync.domain.workspace.AdminSession;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Account: the signed-in user's own password and sessions, whatever their role. They see where they are signed in
 * and end any other session; changing the password ends every session and signs this browser in afresh.
 */
@Controller("/app/account")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class AccountController {
    private final AdminSessionsUseCase sessions;
    private final ChangePasswordUseCase passwords;
    private final SessionCookies cookies;

    AccountController(AdminSessionsUseCase sessions, ChangePasswordUseCase passwords, SessionCookies cookies) {
        this.sessions = sessions;
        this.passwords = passwords;
        this.cookies = cookies;
    }

    @Get
    HttpResponse<?> account(HttpRequest<?> request, @Nullable @QueryValue String notice) {
        Map<String, Object> model = model(WebContext.of(request));
        model.put("notice", notice == null ? null : Notices.text(notice));
        return Pages.render("account", model);
    }

    @Post("/password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> changePassword(HttpRequest<?> request, @Body Map<String, Object> form) {
        WebContext context = WebContext.of(request);
        String wanted = Forms.one(form, "newPassword");
        if (wanted == null || !wanted.equals(Forms.one(form, "confirmPassword"))) {
            return refused(context, "newPassword: the two new passwords differ");
        }
        try {
            passwords.change(new ChangePasswordCommand(context.access().userId(), Forms.one(form, "currentPassword"),
                    wanted));
        } catch (InvalidMemberException e) {
            return refused(context, e.field() + ": " + e.getMessage());
        }
        // Every session of the user has ended, this one included; this browser goes on in a new one.
        return Pages.redirect("/app/account?notice=password")
                .cookie(cookies.startFor(request, context.access().userId(), context.workspaceId()));
    }

    @Post("/sessions/end")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> endSession(HttpRequest<?> request, @Body Map<String, Object> form) {
        WebContext context = WebContext.of(request);
        boolean ended;
        try {
            ended = sessions.endOwn(context.access().userId(), UUID.fromString(Forms.one(form, "sessionId")));
        } catch (IllegalArgumentException | NullPointerException notAnId) {
            ended = false;
        }
        if (!ended) {
            return ErrorPages.page(HttpStatus.NOT_FOUND, "No such session", "You have no such session any more.",
                    "/app/account", "Back to Account");
        }
        return Pages.redirect("/app/account?notice=session-ended");
    }

    @Post("/sessions/end-others")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> endOthers(HttpRequest<?> request) {
        WebContext context = WebContext.of(request);
        sessions.endOthers(context.access().userId(), context.session().id());
        return Pages.redirect("/app/account?notice=sessions-ended");
    }

    private HttpResponse<?> refused(WebContext context, String problem) {
        Map<String, Object> model = model(context);
        model.put("problem", "Your password was not changed.");
        model.put("problems", List.of(problem));
        return Pages.render(HttpStatus.UNPROCESSABLE_ENTITY, "account", model);
    }

    private Map<String, Object> model(WebContext context) {
        Map<String, Object> model = Pages.model(context, "account", "Account");
        model.put("problems", null);
        model.put("sessions", sessions.sessionsOf(context.access().userId()).stream().map(session -> row(session,
                session.id().equals(context.session().id()))).toList());
        return model;
    }

    private static Map<String, Object> row(AdminSession session, boolean current) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", session.id().toString());
        row.put("current", current);
        row.put("started", Pages.when(session.createdAt()));
        row.put("lastSeen", Pages.when(session.lastSeenAt()));
        row.put("startedIso", session.createdAt().toString());
        row.put("lastSeenIso", session.lastSeenAt().toString());
        row.put("address", session.clientAddress());
        row.put("agent", session.userAgent().isEmpty() ? "unknown browser" : session.userAgent());
        return row;
    }
}
