package io.leadsync.sandbox.hubspot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.hubspot.HubSpotCall.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * app.hubspot.com's authorize pages (login, then scope consent) and api.hubapi.com's OAuth v1 endpoints. The login
 * and consent forms post back to {@code /oauth/authorize}; a client only ever sees the authorize URL and the
 * redirect. A bad client id, redirect URI or scope is an error page and never a redirect, so a misconfigured app
 * cannot leak a code to a foreign URL.
 */
final class HubSpotOAuthEndpoints {

    private static final List<String> AUTHORIZE_PARAMS = List.of("client_id", "redirect_uri", "scope",
            "optional_scope", "state", "code_challenge", "code_challenge_method");

    private record Consent(Map<String, String> params, PortalUser user) {
    }

    /** The date-versioned OAuth API that replaces v1. */
    static final String DATED = "2026-03";

    private final HubSpotAuth auth;
    private final CallCounter counter;
    private final Map<String, Consent> pendingConsents = new ConcurrentHashMap<>();

    HubSpotOAuthEndpoints(HubSpotAuth auth, CallCounter counter) {
        this.auth = auth;
        this.counter = counter;
    }

    void reset() {
        pendingConsents.clear();
    }

    Reply handle(HubSpotCall call) {
        String path = call.path();
        List<String> s = call.segments();
        if (s.size() == 3 && s.get(2).equals("authorize") && !"POST".equals(call.method())) {
            // The account-specific form app.hubspot.com/oauth/{accountId}/authorize: only this portal's id is known.
            counter.count("GET /oauth/{accountId}/authorize");
            if (!s.get(1).equals(Long.toString(HubSpotAuth.HUB_ID))) {
                return Reply.html(404, page("Authorization failed", "<h1>Authorization failed</h1>\n"
                        + "<p id=\"error\">You don't have access to account " + escape(s.get(1)) + ".</p>"));
            }
        }
        if (path.equals("/oauth/authorize") || (s.size() == 3 && s.get(2).equals("authorize")
                && s.get(1).equals(Long.toString(HubSpotAuth.HUB_ID)))) {
            if (path.equals("/oauth/authorize")) {
                counter.count(call.method() + " /oauth/authorize");
            }
            if ("POST".equals(call.method())) {
                return authorizeStep(call.form());
            }
            Map<String, String> params = new LinkedHashMap<>();
            AUTHORIZE_PARAMS.forEach(name -> {
                if (call.query(name) != null) {
                    params.put(name, call.query(name));
                }
            });
            return authorize(params);
        }
        if (s.size() >= 2 && (s.get(1).equals(DATED) || s.get(1).equals("v3"))) {
            return tokenApi(call, s);
        }
        if (s.size() >= 2 && s.get(1).equals("v1")) {
            if (!auth.oauthV1()) {
                counter.count(call.method() + " /oauth/v1/... (switched off)");
                throw HubSpotError.of(404, "OBJECT_NOT_FOUND", "The OAuth v1 API was retired on 16 February 2027."
                        + " Use the OAuth API " + DATED + " (/oauth/" + DATED + "/token).");
            }
            return v1(call, s);
        }
        throw HubSpotError.notFound();
    }

    /**
     * The date-versioned OAuth API ({@code /oauth/2026-03/...}) and v3 before it: token (both grants), introspect,
     * revoke. Form bodies only, with the client's id and secret in the body: credentials or tokens in the query
     * string, or another body type, are refused with RFC 6749's {@code invalid_request}.
     */
    private Reply tokenApi(HubSpotCall call, List<String> s) {
        String path = call.path();
        String what = s.size() == 3 && s.get(2).equals("token") ? "token"
                : s.size() == 4 && s.get(2).equals("token") ? s.get(3) : "";
        if (!"POST".equals(call.method()) || !List.of("token", "introspect", "revoke").contains(what)) {
            throw HubSpotError.notFound();
        }
        counter.count("POST " + path);
        String type = call.header("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw OAuthRules.tokenError("BAD_REQUEST", "the body must be application/x-www-form-urlencoded");
        }
        for (String secret : List.of("client_id", "client_secret", "token", "refresh_token", "code")) {
            if (call.query(secret) != null) {
                throw OAuthRules.tokenError("BAD_REQUEST", secret + " belongs in the form body, not in the URL");
            }
        }
        Map<String, String> form = call.form();
        return switch (what) {
            case "introspect" -> Reply.json(200, auth.introspect(form));
            case "revoke" -> {
                auth.revoke(form);
                yield Reply.empty(200);
            }
            default -> Reply.json(200, grant(form));
        };
    }

    private ObjectNode grant(Map<String, String> form) {
        return switch (form.getOrDefault("grant_type", "")) {
            case "authorization_code" -> auth.exchangeCode(form);
            case "refresh_token" -> auth.refresh(form);
            default -> throw OAuthRules.tokenError("BAD_GRANT_TYPE",
                    "grant_type must be authorization_code or refresh_token");
        };
    }

    /** The v1 OAuth API, until its switch-off: token, and token information and deletion with the token in the path. */
    private Reply v1(HubSpotCall call, List<String> s) {
        String path = call.path();
        if (path.equals("/oauth/v1/token") && "POST".equals(call.method())) {
            counter.count("POST " + path);
            return Reply.json(200, grant(call.form()));
        }
        if (s.size() == 4 && s.get(1).equals("v1") && s.get(2).equals("access-tokens") && "GET".equals(call.method())) {
            counter.count("GET /oauth/v1/access-tokens/{token}");
            return Reply.json(200, auth.accessTokenInfo(s.get(3)));
        }
        if (s.size() == 4 && s.get(1).equals("v1") && s.get(2).equals("refresh-tokens")) {
            if ("GET".equals(call.method())) {
                counter.count("GET /oauth/v1/refresh-tokens/{token}");
                return Reply.json(200, auth.refreshTokenInfo(s.get(3)));
            }
            if ("DELETE".equals(call.method())) {
                counter.count("DELETE /oauth/v1/refresh-tokens/{token}");
                if (!auth.revokeRefreshToken(s.get(3))) {
                    throw HubSpotError.notFound();
                }
                return Reply.empty(204);
            }
        }
        throw HubSpotError.notFound();
    }

    private Reply authorize(Map<String, String> params) {
        String problem = problem(params);
        if (problem != null) {
            return Reply.html(400, page("Authorization failed", "<h1>Authorization failed</h1>\n<p id=\"error\">"
                    + escape(problem) + "</p>"));
        }
        return Reply.html(200, loginPage(params, null));
    }

    /** What HubSpot's authorize page would refuse, or null when the request is acceptable. */
    private String problem(Map<String, String> params) {
        if (!HubSpotAuth.CLIENT_ID.equals(params.get("client_id"))) {
            return "Couldn't complete the connection: the client_id is unknown.";
        }
        if (!OAuthRules.isAllowedRedirect(params.get("redirect_uri"))) {
            return "Couldn't complete the connection: the redirect_uri does not match the app's redirect URLs.";
        }
        List<String> scopes = HubSpotAuth.parseScopes(params.get("scope"));
        if (scopes == null || scopes.isEmpty()) {
            return "Couldn't complete the connection: the app is requesting scopes it isn't configured with ("
                    + params.getOrDefault("scope", "") + ").";
        }
        if (HubSpotAuth.parseScopes(params.get("optional_scope")) == null) {
            return "Couldn't complete the connection: the app is requesting optional scopes it isn't configured"
                    + " with (" + params.get("optional_scope") + ").";
        }
        String mismatch = auth.scopeMismatch(scopes, HubSpotAuth.parseScopes(params.get("optional_scope")));
        if (mismatch != null) {
            return "Authorization failed because there is a mismatch between the scopes in the install URL and the"
                    + " app's configured scopes: " + mismatch + ".";
        }
        String challenge = params.get("code_challenge");
        if (challenge != null && !challenge.matches("[A-Za-z0-9_-]{43}")) {
            return "Couldn't complete the connection: invalid code_challenge.";
        }
        String method = params.get("code_challenge_method");
        if (method != null && !"S256".equals(method)) {
            return "Couldn't complete the connection: unsupported code_challenge_method.";
        }
        return null;
    }

    private Reply authorizeStep(Map<String, String> form) {
        if ("consent".equals(form.get("step"))) {
            Consent consent = pendingConsents.remove(form.getOrDefault("ticket", ""));
            if (consent == null) {
                return Reply.html(400, page("Authorization failed", "<p id=\"error\">This login has expired."
                        + " Start again.</p>"));
            }
            Map<String, String> params = consent.params();
            if (!"connect".equals(form.get("decision"))) {
                return Reply.redirect(withParams(params.get("redirect_uri"), "error", "access_denied",
                        params.get("state")));
            }
            List<String> scopes = new ArrayList<>(HubSpotAuth.parseScopes(params.get("scope")));
            HubSpotAuth.parseScopes(params.get("optional_scope")).stream().filter(s -> !scopes.contains(s))
                    .forEach(scopes::add);
            String code = auth.issueCode(consent.user(), List.copyOf(scopes), params.get("redirect_uri"),
                    params.get("code_challenge"));
            return Reply.redirect(withParams(params.get("redirect_uri"), "code", code, params.get("state")));
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : AUTHORIZE_PARAMS) {
            String value = form.get(name);
            if (value != null && !value.isEmpty()) {
                params.put(name, value);
            }
        }
        String problem = problem(params);
        if (problem != null) {
            return Reply.html(400, page("Authorization failed", "<p id=\"error\">" + escape(problem) + "</p>"));
        }
        return auth.login(form.get("email"), form.get("password"))
                .map(user -> {
                    String ticket = java.util.UUID.randomUUID().toString();
                    pendingConsents.put(ticket, new Consent(params, user));
                    return Reply.html(200, consentPage(ticket, user, params));
                })
                .orElseGet(() -> Reply.html(200, loginPage(params, "That email address and password combination"
                        + " doesn't match our records.")));
    }

    private static String withParams(String redirectUri, String name, String value, String state) {
        StringBuilder location = new StringBuilder(redirectUri);
        location.append(redirectUri.contains("?") ? '&' : '?').append(name).append('=')
                .append(HubSpotCall.encode(value));
        if (state != null) {
            location.append("&state=").append(HubSpotCall.encode(state));
        }
        return location.toString();
    }

    private static String loginPage(Map<String, String> params, String error) {
        StringBuilder form = new StringBuilder();
        form.append("<form id=\"login_form\" method=\"POST\" action=\"/oauth/authorize\">\n");
        form.append("<input type=\"hidden\" name=\"step\" value=\"login\">\n");
        params.forEach((name, value) -> form.append("<input type=\"hidden\" name=\"").append(escape(name))
                .append("\" value=\"").append(escape(value)).append("\">\n"));
        if (error != null) {
            form.append("<div id=\"error\" class=\"loginError\">").append(escape(error)).append("</div>\n");
        }
        form.append("<label for=\"email\">Email</label><input id=\"email\" name=\"email\" type=\"email\">\n")
                .append("<label for=\"password\">Password</label>")
                .append("<input id=\"password\" name=\"password\" type=\"password\">\n")
                .append("<input id=\"loginBtn\" type=\"submit\" value=\"Log in\">\n</form>");
        return page("HubSpot Login", "<h1>Log in to HubSpot</h1>\n" + form);
    }

    private static String consentPage(String ticket, PortalUser user, Map<String, String> params) {
        StringBuilder scopes = new StringBuilder("<ul id=\"scopes\">");
        for (String scope : HubSpotAuth.parseScopes(params.get("scope"))) {
            scopes.append("<li>").append(escape(scope)).append("</li>");
        }
        for (String scope : HubSpotAuth.parseScopes(params.get("optional_scope"))) {
            scopes.append("<li>").append(escape(scope)).append(" (optional)</li>");
        }
        scopes.append("</ul>\n");
        String form = "<p>Logged in as " + escape(user.email()) + " to account " + escape(HubSpotSandbox.PORTAL_NAME)
                + " (" + HubSpotAuth.HUB_ID + ")</p>\n"
                + "<p><b>LeadSync</b> is requesting access to:</p>" + scopes
                + "<form id=\"consent_form\" method=\"POST\" action=\"/oauth/authorize\">\n"
                + "<input type=\"hidden\" name=\"step\" value=\"consent\">\n"
                + "<input type=\"hidden\" name=\"ticket\" value=\"" + escape(ticket) + "\">\n"
                + "<button type=\"submit\" name=\"decision\" value=\"cancel\">Cancel</button>\n"
                + "<button id=\"connect\" type=\"submit\" name=\"decision\" value=\"connect\">Connect app</button>\n"
                + "</form>";
        return page("Connect app | HubSpot", "<h1>Connect LeadSync to " + escape(HubSpotSandbox.PORTAL_NAME)
                + "</h1>\n" + form);
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"><title>" + escape(title)
                + "</title></head>\n<body>\n" + body + "\n</body></html>\n";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
