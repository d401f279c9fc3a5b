package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.administer.AcceptInvitationUseCase;
import io.leadsync.application.port.in.administer.AdminSessionsUseCase;
import io.leadsync.application.port.in.administer.GetUserAccessUseCase;
import io.leadsync.application.port.in.administer.InvalidMemberException;
import io.leadsync.application.port.in.NotAllowedException;
import io.leadsync.application.port.in.administer.UserAccessQuery;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An invitation's link (ADR 0047). {@code /invite/{token}} is open to whoever holds the link: someone new chooses a
 * name and password there; someone with an account follows "log in to accept" to {@code /app/invitation}, which the
 * admin UI's guard puts behind a login. The page is the same whether or not the email has an account.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class InvitationController {
    private final AcceptInvitationUseCase invitations;
    private final AdminSessionsUseCase sessions;
    private final GetUserAccessUseCase access;

    InvitationController(AcceptInvitationUseCase invitations, AdminSessionsUseCase sessions,
                         GetUserAccessUseCase access) {
        this.invitations = invitations;
        this.sessions = sessions;
        this.access = access;
    }

    @Get("/invite/{token}")
    HttpResponse<?> invitation(@PathVariable String token) {
        return invitations.find(token).<HttpResponse<?>>map(open -> page(HttpStatus.OK, token, open, List.of()))
                .orElseGet(InvitationController::gone);
    }

    /** Someone new creates their account with the invitation, then logs in. */
    @Post("/invite/{token}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> createAccount(@PathVariable String token, @Body Map<String, Object> form) {
        Optional<AcceptInvitationUseCase.OpenInvitation> open = invitations.find(token);
        if (open.isEmpty()) {
            return gone();
        }
        String password = Forms.one(form, "password");
        if (password == null || !password.equals(Forms.one(form, "confirmPassword"))) {
            return page(HttpStatus.UNPROCESSABLE_ENTITY, token, open.get(),
                    List.of("password: the two passwords differ"));
        }
        try {
            invitations.acceptAsNewUser(token, Forms.one(form, "displayName"), password);
        } catch (InvalidMemberException e) {
            return page(HttpStatus.UNPROCESSABLE_ENTITY, token, open.get(), List.of(e.field() + ": " + e.getMessage()));
        }
        return ErrorPages.page(HttpStatus.OK, "Welcome to " + open.get().workspaceName(), "Your account is ready. "
                + "Log in as " + open.get().email() + " with the password you chose.", "/login", "Log in");
    }

    /** Someone signed in accepts for their existing account (the guard has asked them to log in first). */
    @Get("/app/invitation")
    HttpResponse<?> acceptPage(HttpRequest<?> request, @Nullable @QueryValue String token) {
        WebContext context = WebContext.of(request);
        Optional<AcceptInvitationUseCase.OpenInvitation> open = Optional.ofNullable(token).flatMap(invitations::find);
        if (open.isEmpty()) {
            return gone();
        }
        Map<String, Object> model = Pages.model(context, "settings", "Accept the invitation");
        model.put("token", token);
        model.put("invitedWorkspace", open.get().workspaceName());
        model.put("invitedEmail", open.get().email());
        model.put("invitedRole", Pages.label(open.get().role().name()));
        model.put("forYou", open.get().email().equals(context.access().email()));
        return Pages.render("invitation-accept", model);
    }

    @Post("/app/invitation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> accept(HttpRequest<?> request, @Body Map<String, Object> form) {
        WebContext context = WebContext.of(request);
        String token = Forms.one(form, "token");
        Optional<AcceptInvitationUseCase.OpenInvitation> open = Optional.ofNullable(token).flatMap(invitations::find);
        if (open.isEmpty()) {
            return gone();
        }
        try {
            invitations.acceptAs(token, context.access().userId());
        } catch (NotAllowedException e) {
            return ErrorPages.page(HttpStatus.FORBIDDEN, "Not your invitation", e.getMessage(), "/app/integrations",
                    "Back to LeadSync");
        } catch (InvalidMemberException e) {
            return gone();
        }
        // Act in the workspace just joined.
        access.access(new UserAccessQuery(context.access().userId(), Optional.empty())).ifPresent(found ->
                found.workspaces().stream().filter(choice -> choice.name().equals(open.get().workspaceName()))
                        .findFirst().ifPresent(choice -> sessions.switchWorkspace(context.session(), choice.id())));
        return Pages.redirect("/app/overview");
    }

    private static HttpResponse<?> page(HttpStatus status, String token, AcceptInvitationUseCase.OpenInvitation open,
                                        List<String> problems) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Join " + open.workspaceName());
        model.put("token", token);
        model.put("invitedWorkspace", open.workspaceName());
        model.put("invitedEmail", open.email());
        model.put("invitedRole", Pages.label(open.role().name()));
        model.put("problems", problems.isEmpty() ? null : problems);
        model.put("loginToAccept", "/login?next=" + URLEncoder.encode("/app/invitation?token=" + token,
                StandardCharsets.UTF_8));
        return HttpResponse.status(status).body(new ModelAndView<>("invitation", model))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private static HttpResponse<?> gone() {
        return ErrorPages.page(HttpStatus.NOT_FOUND, "Invitation not valid", "This invitation has expired or was "
                + "used already. Ask an owner of the workspace for a new one.", "/login", "Log in");
    }
}
