package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.connect.ConfirmConnectUseCase;
import io.leadsync.application.port.in.connect.ConnectFailedException;
import io.leadsync.application.port.in.NotAllowedException;
import io.leadsync.application.port.in.administer.UserAccess;
import io.leadsync.domain.crm.CrmConnection;
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
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.Map;
import java.util.Optional;

/**
 * Confirming a CRM connect whose callback reached a browser other than the starting session (ADR 0045): the signed-in
 * user sees which CRM would join which of their workspaces and confirms, in the browser holding the callback's nonce
 * cookie. A workspace they do not belong to is neither named nor connected.
 */
@Controller(OAuthCallbackController.CONFIRM_PATH)
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ConnectConfirmController {
    private final ConfirmConnectUseCase connects;

    ConnectConfirmController(ConfirmConnectUseCase connects) {
        this.connects = connects;
    }

    @Get
    HttpResponse<?> page(HttpRequest<?> request, @Nullable @QueryValue String state) {
        WebContext context = WebContext.of(request);
        Optional<ConfirmConnectUseCase.AwaitingConfirmation> awaiting = Optional.ofNullable(state)
                .flatMap(found -> connects.awaiting(found, nonce(request)));
        if (awaiting.isEmpty()) {
            return nothingToConfirm();
        }
        Optional<UserAccess.WorkspaceChoice> workspace = context.access().workspaces().stream()
                .filter(choice -> choice.id().equals(awaiting.get().workspaceId())).findFirst();
        if (workspace.isEmpty() || !workspace.get().role().mayChange()) {
            return notYours();
        }
        Map<String, Object> model = Pages.model(context, "integrations", "Confirm the connection");
        model.put("state", state);
        model.put("kind", ConnectionViews.kindName(awaiting.get().kind()));
        model.put("targetWorkspace", workspace.get().name());
        model.put("startedBy", awaiting.get().startedBy());
        return Pages.render("connect-confirm", model);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> confirm(HttpRequest<?> request, @Body Map<String, Object> form) {
        WebContext context = WebContext.of(request);
        String state = Forms.one(form, "state");
        if (state == null) {
            return nothingToConfirm();
        }
        try {
            CrmConnection connection = connects.confirm(state, nonce(request), context.access().userId());
            return ConnectPages.outcome(connection)
                    .cookie(Cookie.of(OAuthCallbackController.CONFIRM_COOKIE, "").path("/app/connect").maxAge(0));
        } catch (NotAllowedException e) {
            return notYours();
        } catch (ConnectFailedException e) {
            return ConnectPages.page(HttpStatus.BAD_REQUEST, "Connection failed", e.getMessage());
        }
    }

    private static String nonce(HttpRequest<?> request) {
        return request.getCookies().findCookie(OAuthCallbackController.CONFIRM_COOKIE).map(Cookie::getValue)
                .orElse("");
    }

    private static HttpResponse<?> nothingToConfirm() {
        return ErrorPages.page(HttpStatus.NOT_FOUND, "Nothing to confirm", "No connect is waiting for this browser's "
                + "confirmation: it was confirmed already, took longer than 15 minutes, or the CRM sent another "
                + "browser back. Start the connect again from Integrations.", "/app/integrations",
                "Back to Integrations");
    }

    private static HttpResponse<?> notYours() {
        return ErrorPages.page(HttpStatus.FORBIDDEN, "Not your workspace", "This connect was started in a workspace "
                + "where you may not connect CRMs, so nothing was connected. If you did not start it, someone may "
                + "have sent you their link: your CRM account stays unconnected.", "/app/integrations",
                "Back to Integrations");
    }
}
