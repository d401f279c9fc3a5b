package io.leadsync.adapters.in.http.web;

import io.micronaut.context.annotation.Value;

import io.leadsync.application.port.in.administer.AdminSessionsUseCase;
import io.leadsync.application.port.in.administer.GetUserAccessUseCase;
import io.leadsync.application.port.in.administer.AttemptLogInUseCase;
import io.leadsync.application.port.in.administer.LogInAttempt;
import io.leadsync.application.port.in.administer.LogInOutcome;
import io.leadsync.application.port.in.administer.UserAccess;
import io.leadsync.application.port.in.administer.UserAccessQuery;
import io.leadsync.domain.workspace.WorkspaceId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Login, logout and the workspace switcher. The login form carries a token bound to a short-lived cookie (double
 * submit), so another site cannot sign a browser in to an account of its choosing.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class LoginController {
    static final String LOGIN_COOKIE = "leadsync_login";

    private final AttemptLogInUseCase logIn;
    private final ClientRequests clients;
    private final GetUserAccessUseCase access;
    private final SessionCookies cookies;
    private final AdminSessionsUseCase sessions;
    private final SecureRandom random = new SecureRandom();

    /** The "Sign in with ..." button's provider name; null when single sign-on is off (ADR 0028). */
    private final @Nullable String ssoName;

    LoginController(AttemptLogInUseCase logIn, GetUserAccessUseCase access, SessionCookies cookies,
                    AdminSessionsUseCase sessions, ClientRequests clients,
                    @Value("${micronaut.security.oauth2.enabled:false}") boolean ssoEnabled,
                    @Value("${leadsync.sso.name:your company account}") String ssoName) {
        this.ssoName = ssoEnabled ? ssoName : null;
        this.logIn = logIn;
        this.clients = clients;
        this.access = access;
        this.cookies = cookies;
        this.sessions = sessions;
    }

    @Get
    HttpResponse<?> home() {
        return Pages.redirect("/app/overview");
    }

    @Get("/app")
    HttpResponse<?> app() {
        return Pages.redirect("/app/overview");
    }

    @Get("/login")
    HttpResponse<?> loginPage(HttpRequest<?> request) {
        boolean signedIn = cookies.resume(request).isPresent();
        if (signedIn) {
            return Pages.redirect(next(request.getParameters().get("next")));
        }
        String sso = request.getParameters().get("sso");
        return loginForm(HttpStatus.OK, sso == null ? null : ssoRefusal(sso), "", next(request.getParameters()
                .get("next")));
    }

    /** Fixed texts for the codes the single sign-on handler sends back; the provider's own words are never shown. */
    private static String ssoRefusal(String code) {
        return switch (code) {
            case SsoAuthenticationMapper.UNKNOWN -> "No LeadSync account uses that email address. Ask an owner of"
                    + " your workspace to add you, then sign in again.";
            case SsoAuthenticationMapper.UNVERIFIED -> "Your sign-in provider did not confirm your email address, so"
                    + " LeadSync cannot tell which account is yours.";
            default -> "Single sign-on did not complete. Please try again.";
        };
    }

    @Post("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> logIn(HttpRequest<?> request, @Body Map<String, String> form) {
        String next = next(form.get("next"));
        String expected = request.getCookies().findCookie(LOGIN_COOKIE).map(Cookie::getValue).orElse("");
        String sent = form.getOrDefault("_csrf", "");
        if (expected.isEmpty() || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                sent.getBytes(StandardCharsets.US_ASCII))) {
            return loginForm(HttpStatus.FORBIDDEN, "The login form had expired. Please try again.",
                    form.getOrDefault("email", ""), next);
        }
        String email = form.getOrDefault("email", "");
        LogInOutcome outcome = logIn.attempt(new LogInAttempt(email, form.getOrDefault("password", ""),
                clients.clientAddress(request)));
        if (outcome.retryAfter().isPresent()) {
            long seconds = Math.max(1, (outcome.retryAfter().get().toMillis() + 999) / 1000);
            return loginForm(HttpStatus.TOO_MANY_REQUESTS, "Too many failed attempts. For your security, logging in"
                    + " is paused: try again in " + inWords(seconds) + ".", email, next)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        }
        Optional<UserAccess> userAccess = outcome.user()
                .flatMap(user -> access.access(new UserAccessQuery(user, Optional.empty())));
        if (userAccess.isEmpty()) {
            return loginForm(HttpStatus.UNAUTHORIZED, "That email and password do not match an account.", email, next);
        }
        return Pages.redirect(next)
                .cookie(cookies.startFor(request, userAccess.get().userId(), userAccess.get().workspaceId()))
                .cookie(Cookie.of(LOGIN_COOKIE, "").path("/login").maxAge(0));
    }

    @Post("/app/logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> logOut(HttpRequest<?> request) {
        // Ends the session in the database: a copy of the cookie taken before opens nothing afterwards.
        SessionCookies.token(request).ifPresent(sessions::end);
        return Pages.redirect("/login").cookie(cookies.cleared(request));
    }

    /** Acts in another workspace of the user's; one they do not belong to is refused. */
    @Post("/app/switch")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> switchWorkspace(HttpRequest<?> request, @Body Map<String, String> form) {
        WebContext context = WebContext.of(request);
        Optional<WorkspaceId> wanted;
        try {
            wanted = Optional.of(WorkspaceId.of(form.getOrDefault("workspaceId", "")));
        } catch (IllegalArgumentException e) {
            wanted = Optional.empty();
        }
        Optional<UserAccess> there = wanted.flatMap(id -> access.access(
                new UserAccessQuery(context.access().userId(), Optional.of(id))));
        if (there.isEmpty()) {
            return ErrorPages.page(HttpStatus.FORBIDDEN, "Not your workspace",
                    "You do not belong to that workspace.", "/app/integrations", "Back to LeadSync");
        }
        sessions.switchWorkspace(context.session(), there.get().workspaceId());
        return Pages.redirect("/app/overview");
    }

    /** "45 seconds", "1 minute", "15 minutes": how long the login form asks to wait. */
    static String inWords(long seconds) {
        if (seconds < 60) {
            return seconds == 1 ? "1 second" : seconds + " seconds";
        }
        long minutes = (seconds + 59) / 60;
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }

    /** Where to go after signing in: a page of the admin UI, never another site. */
    static String next(@Nullable String wanted) {
        if (wanted == null || !wanted.startsWith("/app/") || wanted.contains("//") || wanted.contains("\\")
                || wanted.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            return "/app/overview";
        }
        return wanted;
    }

    private MutableHttpResponse<?> loginForm(HttpStatus status, @Nullable String error, String email) {
        return loginForm(status, error, email, "/app/overview");
    }

    private MutableHttpResponse<?> loginForm(HttpStatus status, @Nullable String error, String email, String next) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Log in");
        model.put("error", error);
        model.put("email", email);
        model.put("csrf", token);
        model.put("next", next);
        model.put("ssoName", ssoName);
        model.put("ssoPath", "/sso/login/" + SsoAuthenticationMapper.PROVIDER);
        return HttpResponse.status(status).body(new ModelAndView<>("login", model))
                .cookie(Cookie.of(LOGIN_COOKIE, token).path("/login").httpOnly(true).sameSite(SameSite.Lax)
                        .maxAge(3600));
    }
}
