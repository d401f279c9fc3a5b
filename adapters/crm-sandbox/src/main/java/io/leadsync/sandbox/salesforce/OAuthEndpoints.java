package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.salesforce.HttpCall.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OAuth 2.0 web-server flow of the login host: login page, consent page, token, revoke and identity URL.
 * The login and consent forms post back to the authorize path; a client only ever sees the authorize URL and the
 * redirect, as with Salesforce.
 */
final class OAuthEndpoints {

    private static final List<String> AUTHORIZE_PARAMS = List.of("response_type", "client_id", "redirect_uri",
            "scope", "state", "code_challenge", "code_challenge_method", "prompt", "display", "login_hint", "nonce");

    private record Consent(Map<String, String> params, String userId) {
    }

    private final SalesforceOrg org;
    private final LoginHosts hosts;
    private final LoginHosts.Host host;
    private final Map<String, Consent> pendingConsents = new ConcurrentHashMap<>();

    /** The OAuth endpoints as one host serves them: what it issues works only there (see {@link LoginHosts}). */
    OAuthEndpoints(SalesforceOrg org, LoginHosts hosts, LoginHosts.Host host) {
        this.org = org;
        this.hosts = hosts;
        this.host = host;
    }

    Response handle(HttpCall call) {
        String path = call.path();
        if (path.equals("/services/oauth2/authorize")) {
            org.usage().countCall(call.method() + " /services/oauth2/authorize");
            return "POST".equals(call.method()) ? authorizeStep(call.form()) : authorize(queryParams(call));
        }
        if (path.equals("/services/oauth2/token") && "POST".equals(call.method())) {
            org.usage().countCall("POST /services/oauth2/token");
            return token(withBasicClient(call));
        }
        if (path.equals("/services/oauth2/userinfo")) {
            org.usage().countCall(call.method() + " /services/oauth2/userinfo");
            return userInfo(call);
        }
        if (path.equals("/id/keys") && "GET".equals(call.method())) {
            org.usage().countCall("GET /id/keys");
            return Response.json(200, org.auth().jwks());
        }
        if (path.equals("/services/oauth2/revoke")) {
            org.usage().countCall(call.method() + " /services/oauth2/revoke");
            String token = "POST".equals(call.method()) ? call.form().get("token") : call.query("token");
            if (hosts.issuedElsewhere(token, host.url())) {
                return oauthError(new OAuthError("invalid_token", "invalid token"));
            }
            if (org.auth().revoke(token)) {
                return Response.empty(200);
            }
            return oauthError(new OAuthError("invalid_token", "invalid token"));
        }
        if (path.startsWith("/id/")) {
            org.usage().countCall("GET /id/{orgId}/{userId}");
            return identity(call);
        }
        return Response.text(404, "Not Found");
    }

    private static Map<String, String> queryParams(HttpCall call) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        for (String name : AUTHORIZE_PARAMS) {
            if (call.query(name) != null) {
                params.put(name, call.query(name));
            }
        }
        return params;
    }

    private Response authorize(Map<String, String> params) {
        String redirectUri = params.get("redirect_uri");
        if (!SalesforceOrg.CLIENT_ID.equals(params.get("client_id"))) {
            return Response.html(400, page("Error", "<p>error=invalid_client_id</p><p>client identifier invalid</p>"));
        }
        if (!OrgAuth.isAllowedRedirect(redirectUri)) {
            return Response.html(400, page("Error",
                    "<p>error=redirect_uri_mismatch</p><p>redirect_uri must match configuration</p>"));
        }
        if (!"code".equals(params.get("response_type"))) {
            return redirectError(params, "unsupported_response_type", "response type not supported");
        }
        if (OrgAuth.grantedScope(params.get("scope")) == null) {
            return redirectError(params, "invalid_scope", "the requested scope is not allowed");
        }
        String challenge = params.get("code_challenge");
        if (challenge != null && !challenge.matches("[A-Za-z0-9_-]{43}")) {
            return redirectError(params, "invalid_request", "invalid code_challenge");
        }
        String method = params.get("code_challenge_method");
        if (method != null && !"S256".equals(method)) {
            return redirectError(params, "invalid_request", "unsupported code_challenge_method");
        }
        return Response.html(200, loginPage(params, null));
    }

    private Response authorizeStep(Map<String, String> form) {
        if ("consent".equals(form.get("step"))) {
            Consent consent = pendingConsents.remove(form.getOrDefault("ticket", ""));
            if (consent == null) {
                return Response.html(400, page("Error", "<p>This login has expired. Start again.</p>"));
            }
            if (!"Allow".equals(form.get("decision"))) {
                return redirectError(consent.params(), "access_denied", "end-user denied authorization");
            }
            Map<String, String> params = consent.params();
            String code = org.auth().issueCode(params.get("client_id"), params.get("redirect_uri"), consent.userId(),
                    OrgAuth.grantedScope(params.get("scope")), params.get("code_challenge"), params.get("nonce"));
            hosts.issued(code, host.url());
            return Response.redirect(withParams(params.get("redirect_uri"), "code", code, params.get("state")));
        }
        Map<String, String> params = new java.util.LinkedHashMap<>();
        for (String name : AUTHORIZE_PARAMS) {
            String value = form.get(name);
            if (value != null && !value.isEmpty()) {
                params.put(name, value);
            }
        }
        if (!SalesforceOrg.CLIENT_ID.equals(params.get("client_id"))
                || !OrgAuth.isAllowedRedirect(params.get("redirect_uri"))) {
            return Response.html(400, page("Error", "<p>error=invalid_request</p>"));
        }
        return org.auth().login(form.get("username"), form.get("pw"))
                .map(user -> {
                    String ticket = org.auth().randomTicket();
                    pendingConsents.put(ticket, new Consent(params, user.id()));
                    return Response.html(200, consentPage(ticket, user));
                })
                .orElseGet(() -> Response.html(200, loginPage(params,
                        "Please check your username and password. If you still can't log in, contact your"
                                + " Salesforce administrator.")));
    }

    private Response token(Map<String, String> form) {
        try {
            ObjectNode body = switch (form.getOrDefault("grant_type", "")) {
                case "authorization_code" -> {
                    if (!hosts.usableAt(form.get("code"), host.url())) {
                        throw new OAuthError("invalid_grant", "invalid authorization code");
                    }
                    yield org.auth().exchangeCode(form);
                }
                case "refresh_token" -> {
                    // A refresh token works only at the login host that issued it (a sandbox org's at
                    // test.salesforce.com, a My Domain login's at the My Domain).
                    if (!hosts.usableAt(form.get("refresh_token"), host.url())) {
                        throw new OAuthError("invalid_grant", "expired access/refresh token");
                    }
                    yield org.auth().refresh(form);
                }
                default -> throw new OAuthError("unsupported_grant_type", "grant type not supported");
            };
            if (body.hasNonNull("refresh_token")) {
                hosts.issued(body.get("refresh_token").asText(), host.url());
            }
            if (host.role() == LoginHosts.Role.MY_DOMAIN) {
                // A My Domain login's instance is the My Domain itself, which stays put when the org moves.
                body.put("instance_url", host.url());
            }
            return Response.json(200, body);
        } catch (OAuthError e) {
            return oauthError(e);
        }
    }

    /**
     * client_secret_basic (which the discovery document names): the consumer key and secret in the Authorization header,
     * form-encoded then base64 as RFC 6749 2.3.1 says, count as if they were in the body.
     */
    private static Map<String, String> withBasicClient(HttpCall call) {
        Map<String, String> form = new java.util.LinkedHashMap<>(call.form());
        String authorization = call.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(java.util.Base64.getDecoder().decode(authorization.substring(6).trim()),
                        java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = "";
            }
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                form.putIfAbsent("client_id", java.net.URLDecoder.decode(decoded.substring(0, colon),
                        java.nio.charset.StandardCharsets.UTF_8));
                form.putIfAbsent("client_secret", java.net.URLDecoder.decode(decoded.substring(colon + 1),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    /** OpenID Connect UserInfo: the identity service's user in standard claim names, for a valid access token. */
    private Response userInfo(HttpCall call) {
        SandboxUser user;
        try {
            user = org.auth().authenticate(call.header("Authorization"));
        } catch (ApiException e) {
            return Response.text(403, "Bad_OAuth_Token");
        }
        ObjectNode body = Json.object();
        body.put("sub", org.auth().identityUrl(user));
        body.put("user_id", user.id());
        body.put("organization_id", org.orgId());
        body.put("preferred_username", user.username());
        body.put("nickname", user.username().substring(0, user.username().indexOf('@')));
        body.put("name", user.displayName());
        body.put("email", user.email());
        body.put("email_verified", true);
        body.put("given_name", user.firstName());
        body.put("family_name", user.lastName());
        body.put("zoneinfo", "America/Los_Angeles");
        body.put("profile", org.baseUrl() + "/" + user.id());
        body.put("active", true);
        body.put("user_type", "STANDARD");
        body.put("language", "en_US");
        body.put("locale", "en_US");
        body.put("utcOffset", -28800000);
        body.put("updated_at", "2026-01-05T09:00:00Z");
        return Response.json(200, body);
    }

    /** Salesforce's identity service answers a bad token with a plain-text 403, not the REST error array. */
    private Response identity(HttpCall call) {
        List<String> segments = call.segments();
        SandboxUser user;
        try {
            String authorization = call.header("Authorization");
            if (authorization == null && call.query("oauth_token") != null) {
                authorization = "Bearer " + call.query("oauth_token");
            }
            user = org.auth().authenticate(authorization);
        } catch (ApiException e) {
            return Response.text(403, "Bad_OAuth_Token");
        }
        if (segments.size() != 3 || !org.orgId().equals(SalesforceIds.normalise(segments.get(1)))
                || !user.id().equals(SalesforceIds.normalise(segments.get(2)))) {
            return Response.text(403, "Bad_Id");
        }
        String base = org.baseUrl();
        ObjectNode body = Json.object();
        body.put("id", org.auth().identityUrl(user));
        body.put("asserted_user", true);
        body.put("user_id", user.id());
        body.put("organization_id", org.orgId());
        body.put("username", user.username());
        body.put("nick_name", user.username().substring(0, user.username().indexOf('@')));
        body.put("display_name", user.displayName());
        body.put("email", user.email());
        body.put("email_verified", true);
        body.put("first_name", user.firstName());
        body.put("last_name", user.lastName());
        body.put("timezone", "America/Los_Angeles");
        ObjectNode photos = body.putObject("photos");
        photos.put("picture", base + "/profilephoto/005/F");
        photos.put("thumbnail", base + "/profilephoto/005/T");
        body.putNull("addr_street");
        body.putNull("addr_city");
        body.putNull("addr_state");
        body.put("addr_country", "US");
        body.putNull("addr_zip");
        body.putNull("mobile_phone");
        body.put("mobile_phone_verified", false);
        ObjectNode status = body.putObject("status");
        status.putNull("created_date");
        status.putNull("body");
        String version = call.query("version") == null ? "{version}" : call.query("version");
        ObjectNode urls = body.putObject("urls");
        urls.put("enterprise", base + "/services/Soap/c/" + version + "/" + org.orgId());
        urls.put("metadata", base + "/services/Soap/m/" + version + "/" + org.orgId());
        urls.put("partner", base + "/services/Soap/u/" + version + "/" + org.orgId());
        urls.put("rest", base + "/services/data/v" + version + "/");
        urls.put("sobjects", base + "/services/data/v" + version + "/sobjects/");
        urls.put("search", base + "/services/data/v" + version + "/search/");
        urls.put("query", base + "/services/data/v" + version + "/query/");
        urls.put("recent", base + "/services/data/v" + version + "/recent/");
        urls.put("profile", base + "/" + user.id());
        body.put("active", true);
        body.put("user_type", "STANDARD");
        body.put("language", "en_US");
        body.put("locale", "en_US");
        body.put("utcOffset", -28800000);
        body.put("last_modified_date", "2026-01-05T09:00:00.000+0000");
        body.put("is_app_installed", true);
        return Response.json(200, body);
    }

    private static Response oauthError(OAuthError e) {
        ObjectNode body = Json.object();
        body.put("error", e.error());
        body.put("error_description", e.description());
        return Response.json(400, body);
    }

    private static Response redirectError(Map<String, String> params, String error, String description) {
        String location = withParams(params.get("redirect_uri"), "error", error, params.get("state"))
                + "&error_description=" + HttpCall.encode(description);
        return Response.redirect(location);
    }

    private static String withParams(String redirectUri, String name, String value, String state) {
        StringBuilder location = new StringBuilder(redirectUri);
        location.append(redirectUri.contains("?") ? '&' : '?').append(name).append('=').append(HttpCall.encode(value));
        if (state != null) {
            location.append("&state=").append(HttpCall.encode(state));
        }
        return location.toString();
    }

    private String loginPage(Map<String, String> params, String error) {
        StringBuilder form = new StringBuilder();
        form.append("<form id=\"login_form\" method=\"POST\" action=\"/services/oauth2/authorize\">\n");
        form.append("<input type=\"hidden\" name=\"step\" value=\"login\">\n");
        params.forEach((name, value) -> form.append("<input type=\"hidden\" name=\"").append(escape(name))
                .append("\" value=\"").append(escape(value)).append("\">\n"));
        if (error != null) {
            form.append("<div id=\"error\" class=\"loginError\">").append(escape(error)).append("</div>\n");
        }
        form.append("<label for=\"username\">Username</label>")
                .append("<input id=\"username\" name=\"username\" type=\"email\" value=\"")
                .append(escape(params.getOrDefault("login_hint", ""))).append("\">\n")
                .append("<label for=\"password\">Password</label>")
                .append("<input id=\"password\" name=\"pw\" type=\"password\">\n")
                .append("<input id=\"Login\" type=\"submit\" value=\"Log In\">\n</form>");
        return page("Login | Salesforce", "<h1>" + escape(org.orgName()) + "</h1>\n" + form);
    }

    private static String consentPage(String ticket, SandboxUser user) {
        String form = "<p>Logged in as " + escape(user.username()) + "</p>\n"
                + "<p><b>LeadSync</b> is asking to:</p><ul><li>Access and manage your data (api)</li>"
                + "<li>Perform requests on your behalf at any time (refresh_token, offline_access)</li></ul>\n"
                + "<form id=\"consent_form\" method=\"POST\" action=\"/services/oauth2/authorize\">\n"
                + "<input type=\"hidden\" name=\"step\" value=\"consent\">\n"
                + "<input type=\"hidden\" name=\"ticket\" value=\"" + escape(ticket) + "\">\n"
                + "<button type=\"submit\" name=\"decision\" value=\"Deny\">Deny</button>\n"
                + "<button id=\"oaapprove\" type=\"submit\" name=\"decision\" value=\"Allow\">Allow</button>\n"
                + "</form>";
        return page("Allow Access? | Salesforce", "<h1>Allow Access?</h1>\n" + form);
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
