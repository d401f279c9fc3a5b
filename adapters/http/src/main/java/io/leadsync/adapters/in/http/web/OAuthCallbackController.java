package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.connect.CompleteConnectCommand;
import io.leadsync.application.port.in.connect.ConfirmConnectUseCase;
import io.leadsync.application.port.in.connect.ConnectFailedException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a CRM sends the browser after login and consent. Open to anonymous callers, but it connects only when the
 * browser carries the admin UI session that started the connect (ADR 0045). Any other browser gets a nonce cookie and
 * is sent to sign in and confirm which workspace receives the CRM; the code waits, usable only with that cookie.
 */
@Controller("/oauth/callback")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class OAuthCallbackController {
    static final String CONFIRM_COOKIE = "leadsync_connect";
    static final String CONFIRM_PATH = "/app/connect/confirm";

    private final ConfirmConnectUseCase connects;
    private final SessionCookies cookies;
    private final ClientRequests clients;
    private final SecureRandom random = new SecureRandom();

    OAuthCallbackController(ConfirmConnectUseCase connects, SessionCookies cookies, ClientRequests clients) {
        this.connects = connects;
        this.cookies = cookies;
        this.clients = clients;
    }

    @Get
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<String> callback(HttpRequest<?> request, @Nullable @QueryValue String state,
                                  @Nullable @QueryValue String code, @Nullable @QueryValue String error,
                                  @Nullable @QueryValue("error_description") String errorDescription) {
        if (state == null || state.isBlank()) {
            return ConnectPages.page(HttpStatus.BAD_REQUEST, "Connection failed",
                    "The CRM's answer carried no state; start the connect again from LeadSync.");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try {
            ConfirmConnectUseCase.CallbackOutcome outcome = connects.receive(new CompleteConnectCommand(state,
                    Optional.ofNullable(code), Optional.ofNullable(error), Optional.ofNullable(errorDescription)),
                    cookies.resume(request).map(found -> found.session().id()), nonce);
            if (outcome.connected().isPresent()) {
                return ConnectPages.outcome(outcome.connected().get());
            }
            return HttpResponse.<String>seeOther(URI.create(CONFIRM_PATH + "?state="
                            + URLEncoder.encode(state, StandardCharsets.UTF_8)))
                    .cookie(Cookie.of(CONFIRM_COOKIE, nonce).path("/app/connect").httpOnly(true)
                            .sameSite(SameSite.Lax).secure(clients.secure(request)).maxAge(15 * 60));
        } catch (ConnectFailedException e) {
            return ConnectPages.page(HttpStatus.BAD_REQUEST, "Connection failed", e.getMessage());
        }
    }
}
