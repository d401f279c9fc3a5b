package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.administer.InvalidMemberException;
import io.leadsync.application.port.in.administer.InviteMemberCommand;
import io.leadsync.application.port.in.administer.InviteMemberUseCase;
import io.leadsync.application.port.in.administer.IssuedInvitation;
import io.leadsync.application.port.in.NotAllowedException;
import io.leadsync.application.port.in.administer.RemoveMemberCommand;
import io.leadsync.application.port.in.administer.RemoveMemberUseCase;
import io.leadsync.domain.workspace.Role;
import io.leadsync.domain.workspace.UserId;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;

import java.util.Map;
import java.util.UUID;

/**
 * Settings → Users and roles (owners): inviting someone (the invitation link is shown once, the same answer for any
 * email that is not a member yet: ADR 0047), changing a member's role, removing a member (their sessions here end).
 */
@Controller("/app/settings/users")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class MembersController {
    private final InviteMemberUseCase invitations;
    private final RemoveMemberUseCase removeMember;
    private final ClientRequests clients;

    MembersController(InviteMemberUseCase invitations, RemoveMemberUseCase removeMember, ClientRequests clients) {
        this.invitations = invitations;
        this.removeMember = removeMember;
        this.clients = clients;
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> invite(HttpRequest<?> request, @Body Map<String, Object> form) {
        WebContext context = WebContext.of(request);
        Role role;
        try {
            role = Role.valueOf(String.valueOf(Forms.one(form, "role")));
        } catch (IllegalArgumentException e) {
            role = null;
        }
        IssuedInvitation issued;
        try {
            issued = invitations.invite(new InviteMemberCommand(context.workspaceId(), context.access().userId(),
                    Forms.one(form, "email"), role));
        } catch (NotAllowedException e) {
            return ErrorPages.page(HttpStatus.FORBIDDEN, "Owners only", e.getMessage(), "/app/settings",
                    "Back to Settings");
        } catch (InvalidMemberException e) {
            return ErrorPages.page(HttpStatus.UNPROCESSABLE_ENTITY, "Not saved", e.field() + ": " + e.getMessage(),
                    "/app/settings", "Back to Settings");
        }
        if (issued.invitation().isEmpty()) {
            return Pages.redirect("/app/settings?notice=member");
        }
        Map<String, Object> model = Pages.model(context, "settings", "Invitation");
        String host = request.getHeaders().get(HttpHeaders.HOST);
        model.put("invitationLink", (clients.secure(request) ? "https://" : "http://")
                + (host == null ? "localhost" : host) + "/invite/" + issued.token());
        model.put("invitedEmail", issued.invitation().get().email());
        model.put("invitedRole", Pages.label(issued.invitation().get().role().name()));
        model.put("expires", Pages.when(issued.invitation().get().expiresAt()));
        // The link is a secret, shown this once: keep the page out of every cache.
        return HttpResponse.ok(new ModelAndView<>("invited", model)).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /** Takes a user out of this workspace; their sessions here end at once (ADR 0045). */
    @Post("/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> remove(HttpRequest<?> request, @Body Map<String, Object> form) {
        WebContext context = WebContext.of(request);
        String userId = Forms.one(form, "userId");
        boolean removed;
        try {
            removed = removeMember.remove(new RemoveMemberCommand(context.workspaceId(), context.access().userId(),
                    new UserId(UUID.fromString(userId))));
        } catch (NotAllowedException e) {
            return ErrorPages.page(HttpStatus.FORBIDDEN, "Owners only", e.getMessage(), "/app/settings",
                    "Back to Settings");
        } catch (InvalidMemberException e) {
            return ErrorPages.page(HttpStatus.UNPROCESSABLE_ENTITY, "Not removed", e.getMessage(), "/app/settings",
                    "Back to Settings");
        } catch (IllegalArgumentException | NullPointerException notAnId) {
            removed = false;
        }
        if (!removed) {
            return ErrorPages.page(HttpStatus.NOT_FOUND, "No such user", "This workspace has no such user.",
                    "/app/settings", "Back to Settings");
        }
        if (context.access().userId().toString().equals(userId)) {
            return Pages.redirect("/login");
        }
        return Pages.redirect("/app/settings?notice=removed");
    }
}
