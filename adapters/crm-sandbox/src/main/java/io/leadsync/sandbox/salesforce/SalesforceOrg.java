package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The whole state of the sandbox org "Acme Corp": users, connected app, schema and field-level security, records,
 * tokens, the daily API allowance and call counts. Every operation holds the org's lock, which keeps the sandbox
 * simple and makes an allOrNone collection atomic; the sandbox is not meant to be fast under contention.
 */
final class SalesforceOrg {

    static final String ORG_NAME = "Acme Corp";
    static final String CLIENT_ID = "leadsync-sandbox";
    static final String CLIENT_SECRET = "sandbox-secret";
    static final String ORG_ID = SalesforceIds.to18("00D" + SalesforceIds.POD + "000000Acme");
    static final int DEFAULT_DAILY_API_REQUESTS = 15_000;
    static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(2);
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(15);
    /** Salesforce id_tokens are short-lived: they prove a login, they do not grant access. */
    private static final Duration ID_TOKEN_LIFETIME = Duration.ofMinutes(5);
    private static final Duration API_WINDOW = Duration.ofHours(24);
    private static final Set<String> KNOWN_SCOPES = Set.of("api", "refresh_token", "offline_access", "id", "full",
            "openid", "web", "profile", "email", "address", "phone", "chatter_api", "visualforce");

    record SaveResult(String id, boolean created, List<ApiError> errors) {
        boolean success() {
            return errors.isEmpty();
        }
    }

    record UpsertResult(SaveResult result, List<String> ambiguousIds) {
    }

    /**
     * Which error refuses a non-administrator a setup change. The digest leaves it UNCONFIRMED; Salesforce's
     * errorcodes page gives 403 for "no permission", and INSUFFICIENT_ACCESS_OR_READONLY is the StatusCode a DML
     * denial carries, so both are chosen here, in one place, to be easy to change.
     */
    static final int INSUFFICIENT_ACCESS_STATUS = 403;
    static final String INSUFFICIENT_ACCESS_CODE = "INSUFFICIENT_ACCESS_OR_READONLY";
    /** Creating a field that exists; UNCONFIRMED, the digest's first candidate (the other: DUPLICATE_DEVELOPER_NAME). */
    static final String DUPLICATE_FIELD_CODE = "DUPLICATE_VALUE";
    static final String CUSTOMIZE_APPLICATION = "Customize Application";
    static final String MANAGE_USERS = "Manage Users";
    static final String VIEW_SETUP = "View Setup and Configuration";
    /** Digest section 5: a Collections request of mixed types is saved in at most 10 chunks of one type. */
    static final int COLLECTION_CHUNK_LIMIT = 10;
    /** Digest section 14: 500 Web-to-Lead leads per 24 h; the rest wait in a queue of up to 50,000. */
    static final int WEB_TO_LEAD_DAILY_LIMIT = 500;
    static final int WEB_TO_LEAD_PENDING_LIMIT = 50_000;
    /** Digest section 14: "The e-mail format is not validated." Easy to flip if that reading turns out wrong. */
    static final boolean WEB_TO_LEAD_CHECKS_EMAIL = false;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private String baseUrl = "http://localhost";

    private final Map<String, SandboxUser> users = new LinkedHashMap<>();
    private final Map<String, SObjectSchema> schemas = new LinkedHashMap<>();
    /** Permission sets, field permissions and assignments: where custom-field FLS comes from. */
    private final SetupObjects setup = new SetupObjects(this::nextId, () -> SalesforceTime.format(now()));
    /** Tooling API CustomField rows by id ({@code 00N...}). */
    private final Map<String, ObjectNode> customFields = new LinkedHashMap<>();
    private final Map<String, Map<String, ObjectNode>> records = new HashMap<>();
    private final Map<String, Long> idCounters = new HashMap<>();
    private final OAuthTokens tokens = new OAuthTokens();
    private final IdTokens idTokens = new IdTokens();
    private final Deque<Instant> apiCalls = new ArrayDeque<>();
    private final Map<String, Long> callCounts = new TreeMap<>();
    private final Deque<Instant> webToLeadCreated = new ArrayDeque<>();
    private final Deque<ObjectNode> webToLeadPending = new ArrayDeque<>();
    private int webToLeadDailyLimit;
    /** The org's standard Lead duplicate rule, matching on e-mail and blocking the save; off at reset. */
    private boolean leadEmailDuplicateRule;
    private int webToLeadPendingLimit;
    private long webToLeadAccepted;
    private long webToLeadRejected;
    private long webToLeadDropped;
    /** When the last tombstone was physically removed (or the org was created): /deleted's earliestDateAvailable. */
    private Instant earliestDeletedAvailable;
    private int dailyApiRequests;
    private Duration tokenLifetime;
    private boolean refreshTokenRotation;

    SalesforceOrg(Clock clock) {
        this.clock = clock;
        reset();
    }

    synchronized void baseUrl(String url) {
        this.baseUrl = url;
    }

    synchronized String baseUrl() {
        return baseUrl;
    }

    Instant now() {
        return clock.instant();
    }

    /** Back to the seeded org: two users, the standard Lead schema, no records, no tokens, fresh limits. */
    synchronized void reset() {
        users.clear();
        schemas.clear();
        customFields.clear();
        records.clear();
        idCounters.clear();
        tokens.clear();
        apiCalls.clear();
        callCounts.clear();
        dailyApiRequests = DEFAULT_DAILY_API_REQUESTS;
        tokenLifetime = DEFAULT_TOKEN_LIFETIME;
        refreshTokenRotation = false;
        webToLeadCreated.clear();
        webToLeadPending.clear();
        webToLeadDailyLimit = WEB_TO_LEAD_DAILY_LIMIT;
        leadEmailDuplicateRule = false;
        webToLeadPendingLimit = WEB_TO_LEAD_PENDING_LIMIT;
        webToLeadAccepted = 0;
        webToLeadRejected = 0;
        webToLeadDropped = 0;
        earliestDeletedAvailable = now();
        addUser(new SandboxUser(nextId("005"), "admin@acme.example", "admin@acme.example", "Ada", "Admin",
                SandboxUser.SYSTEM_ADMINISTRATOR, "sandbox"));
        addUser(new SandboxUser(nextId("005"), "rep@acme.example", "rep@acme.example", "Rory", "Rep",
                SandboxUser.STANDARD_USER, "sandbox"));
        setup.reset(users.values());
        for (SObjectSchema schema : List.of(SObjectSchema.lead(), SObjectSchema.account(), SObjectSchema.contact(),
                SObjectSchema.task())) {
            schemas.put(schema.name(), schema);
            records.put(schema.name(), new LinkedHashMap<>());
        }
    }

    private void addUser(SandboxUser user) {
        users.put(user.id(), user);
    }

    private String nextId(String prefix) {
        long next = idCounters.merge(prefix, 1L, Long::sum);
        return SalesforceIds.id(prefix, next);
    }

    // ---- users and OAuth -------------------------------------------------------------------------------------

    synchronized Optional<SandboxUser> userByUsername(String username) {
        return users.values().stream().filter(u -> u.username().equalsIgnoreCase(username)).findFirst();
    }

    synchronized Optional<SandboxUser> userById(String id) {
        return Optional.ofNullable(users.get(SalesforceIds.normalise(id)));
    }

    synchronized Optional<SandboxUser> login(String username, String password) {
        return userByUsername(username == null ? "" : username).filter(u -> u.password().equals(password));
    }

    static boolean isAllowedRedirect(String redirectUri) {
        if (redirectUri == null) {
            return false;
        }
        try {
            java.net.URI uri = new java.net.URI(redirectUri);
            String host = uri.getHost();
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && ("localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** The granted scope, or null when a requested scope is unknown. */
    static String grantedScope(String requested) {
        if (requested == null || requested.isBlank()) {
            return "api refresh_token";
        }
        Set<String> scopes = new LinkedHashSet<>(List.of(requested.trim().split("[\\s+]+")));
        return KNOWN_SCOPES.containsAll(scopes) ? String.join(" ", scopes) : null;
    }

    synchronized String issueCode(String clientId, String redirectUri, String userId, String scope,
            String codeChallenge, String nonce) {
        String code = "aPrx" + randomToken(48);
        tokens.addCode(new OAuthTokens.AuthorizationCode(code, clientId, redirectUri, userId, scope, codeChallenge,
                nonce, now().plus(CODE_LIFETIME)));
        return code;
    }

    synchronized ObjectNode exchangeCode(Map<String, String> form) {
        checkClient(form.get("client_id"), form.get("client_secret"), true);
        OAuthTokens.AuthorizationCode code = tokens.takeCode(form.get("code"))
                .filter(c -> c.clientId().equals(form.get("client_id")))
                .filter(c -> now().isBefore(c.expiresAt()))
                .orElseThrow(() -> new OAuthError("invalid_grant", "invalid authorization code"));
        if (!code.redirectUri().equals(form.get("redirect_uri"))) {
            throw new OAuthError("redirect_uri_mismatch", "redirect_uri must match configuration");
        }
        if (code.codeChallenge() != null) {
            String verifier = form.get("code_verifier");
            if (verifier == null || verifier.isEmpty()) {
                throw new OAuthError("invalid_grant", "invalid code verifier");
            }
            if (!code.codeChallenge().equals(s256(verifier))) {
                throw new OAuthError("invalid_grant", "invalid code verifier");
            }
        }
        SandboxUser user = users.get(code.userId());
        return issueTokens(user, code.scope(), null, true, code.nonce());
    }

    synchronized ObjectNode refresh(Map<String, String> form) {
        checkClient(form.get("client_id"), form.get("client_secret"), false);
        OAuthTokens.RefreshToken refresh = tokens.refreshToken(form.get("refresh_token"))
                .filter(r -> r.clientId().equals(form.get("client_id")))
                .orElseThrow(() -> new OAuthError("invalid_grant", "expired access/refresh token"));
        SandboxUser user = users.get(refresh.userId());
        if (refreshTokenRotation) {
            tokens.removeRefreshTokenOnly(refresh.token());
            return issueTokens(user, refresh.scope(), null, true, null);
        }
        return issueTokens(user, refresh.scope(), refresh.token(), false, null);
    }

    /** What the control API hands a test instead of a browser dance: the same JSON as the token endpoint. */
    synchronized ObjectNode mintTokens(String username) {
        SandboxUser user = userByUsername(username).orElseThrow(() -> new IllegalArgumentException(
                "no user " + username + " in org " + ORG_NAME));
        return issueTokens(user, "api id refresh_token", null, true, null);
    }

    synchronized boolean revoke(String token) {
        return token != null && tokens.revoke(token);
    }

    private void checkClient(String clientId, String clientSecret, boolean secretRequired) {
        if (!CLIENT_ID.equals(clientId)) {
            throw new OAuthError("invalid_client_id", "client identifier invalid");
        }
        if ((secretRequired || clientSecret != null) && !CLIENT_SECRET.equals(clientSecret)) {
            throw new OAuthError("invalid_client", "invalid client credentials");
        }
    }

    private ObjectNode issueTokens(SandboxUser user, String scope, String refreshToken, boolean newRefreshToken,
            String nonce) {
        Instant issuedAt = now();
        String accessToken = ORG_ID.substring(0, 15) + "!" + randomToken(72);
        String refresh = refreshToken;
        boolean offline = scope.contains("refresh_token") || scope.contains("offline_access");
        if (newRefreshToken && offline) {
            refresh = "5Aep861" + randomToken(66);
            tokens.addRefreshToken(new OAuthTokens.RefreshToken(refresh, user.id(), CLIENT_ID, scope));
        }
        tokens.addAccessToken(new OAuthTokens.AccessToken(accessToken, user.id(), refresh, issuedAt));
        String id = identityUrl(user);
        String issued = Long.toString(issuedAt.toEpochMilli());
        ObjectNode body = Json.object();
        body.put("access_token", accessToken);
        if (newRefreshToken && offline) {
            body.put("refresh_token", refresh);
        }
        body.put("signature", signature(id + issued));
        body.put("scope", scope);
        if (List.of(scope.split(" ")).contains("openid")) {
            body.put("id_token", idToken(user, scope, accessToken, issuedAt, nonce));
        }
        body.put("instance_url", baseUrl);
        body.put("id", id);
        body.put("token_type", "Bearer");
        body.put("issued_at", issued);
        return body;
    }

    /**
     * Salesforce's id_token: the identity URL as subject, the consumer key as audience, the login host as issuer, the
     * nonce of the authorize request; email and profile claims only with those scopes.
     */
    private String idToken(SandboxUser user, String scope, String accessToken, Instant issuedAt, String nonce) {
        List<String> scopes = List.of(scope.split(" "));
        ObjectNode claims = Json.object();
        claims.put("at_hash", IdTokens.accessTokenHash(accessToken));
        claims.put("sub", identityUrl(user));
        claims.put("aud", CLIENT_ID);
        claims.put("iss", baseUrl);
        claims.put("exp", issuedAt.getEpochSecond() + ID_TOKEN_LIFETIME.toSeconds());
        claims.put("iat", issuedAt.getEpochSecond());
        if (nonce != null) {
            claims.put("nonce", nonce);
        }
        if (scopes.contains("email")) {
            claims.put("email", user.email());
            claims.put("email_verified", true);
        }
        if (scopes.contains("profile")) {
            claims.put("name", user.displayName());
            claims.put("preferred_username", user.username());
            claims.put("given_name", user.firstName());
            claims.put("family_name", user.lastName());
        }
        return idTokens.sign(claims);
    }

    ObjectNode jwks() {
        return idTokens.jwks();
    }

    /** The OpenID Connect discovery document, with the endpoints this sandbox serves. */
    synchronized ObjectNode openIdConfiguration() {
        ObjectNode body = Json.object();
        body.put("issuer", baseUrl);
        body.put("authorization_endpoint", baseUrl + "/services/oauth2/authorize");
        body.put("token_endpoint", baseUrl + "/services/oauth2/token");
        body.put("revocation_endpoint", baseUrl + "/services/oauth2/revoke");
        body.put("userinfo_endpoint", baseUrl + "/services/oauth2/userinfo");
        body.put("jwks_uri", baseUrl + "/id/keys");
        body.set("scopes_supported", Json.strings(new java.util.TreeSet<>(KNOWN_SCOPES)));
        body.set("response_types_supported", Json.strings(List.of("code")));
        body.set("subject_types_supported", Json.strings(List.of("public")));
        body.set("id_token_signing_alg_values_supported", Json.strings(List.of("RS256")));
        body.set("display_values_supported", Json.strings(List.of("page", "popup", "touch")));
        body.set("token_endpoint_auth_methods_supported",
                Json.strings(List.of("client_secret_post", "client_secret_basic")));
        body.set("claims_supported", Json.strings(List.of("active", "address", "email", "email_verified",
                "family_name", "given_name", "is_app_installed", "language", "locale", "name", "nickname",
                "organization_id", "phone_number", "phone_number_verified", "photos", "picture",
                "preferred_username", "profile", "sub", "updated_at", "urls", "user_id", "user_type", "zoneinfo")));
        return body;
    }

    String identityUrl(SandboxUser user) {
        return baseUrl + "/id/" + ORG_ID + "/" + user.id();
    }

    /** The user behind a bearer token; an unknown, revoked or expired token is Salesforce's 401. */
    synchronized SandboxUser authenticate(String authorization) {
        if (authorization == null) {
            throw ApiException.invalidSession();
        }
        String token = authorization.replaceFirst("(?i)^(Bearer|OAuth)\\s+", "").trim();
        OAuthTokens.AccessToken access = tokens.accessToken(token).orElseThrow(ApiException::invalidSession);
        if (!now().isBefore(access.issuedAt().plus(tokenLifetime))) {
            throw ApiException.invalidSession();
        }
        return users.get(access.userId());
    }

    private String signature(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(CLIENT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomToken(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer).replace('-', '.').replace('_', '9');
    }

    String randomTicket() {
        return randomToken(24);
    }

    synchronized void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    synchronized void refreshTokenRotation(boolean enabled) {
        this.refreshTokenRotation = enabled;
    }

    // ---- limits and call counts ------------------------------------------------------------------------------

    /** Counts one REST call against the rolling 24-hour allowance, refusing it once the allowance is used up. */
    synchronized void consumeApiCall() {
        expireApiCalls();
        if (apiCalls.size() >= dailyApiRequests) {
            throw new ApiException(403, ApiError.of("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."));
        }
        apiCalls.addLast(now());
    }

    private void expireApiCalls() {
        Instant windowStart = now().minus(API_WINDOW);
        while (!apiCalls.isEmpty() && !apiCalls.peekFirst().isAfter(windowStart)) {
            apiCalls.removeFirst();
        }
    }

    synchronized String limitInfo() {
        expireApiCalls();
        return "api-usage=" + apiCalls.size() + "/" + dailyApiRequests;
    }

    synchronized ObjectNode limits() {
        expireApiCalls();
        ObjectNode body = Json.object();
        body.set("DailyApiRequests", maxRemaining(dailyApiRequests, Math.max(0, dailyApiRequests - apiCalls.size())));
        body.set("DailyBulkApiBatches", maxRemaining(15_000, 15_000));
        body.set("DailyBulkV2QueryJobs", maxRemaining(10_000, 10_000));
        body.set("DataStorageMB", maxRemaining(5, 5));
        return body;
    }

    private static ObjectNode maxRemaining(int max, int remaining) {
        ObjectNode node = Json.object();
        node.put("Max", max);
        node.put("Remaining", remaining);
        return node;
    }

    synchronized void dailyApiRequests(int max) {
        this.dailyApiRequests = max;
    }

    synchronized void countCall(String endpoint) {
        callCounts.merge(endpoint, 1L, Long::sum);
    }

    synchronized Map<String, Long> callCounts() {
        return new TreeMap<>(callCounts);
    }

    // ---- schema and field-level security ---------------------------------------------------------------------

    synchronized SObjectSchema schema(String object) {
        SObjectSchema schema = schemas.get(object);
        if (schema == null) {
            schema = schemas.values().stream().filter(s -> s.name().equalsIgnoreCase(object)).findFirst()
                    .orElseThrow(ApiException::notFound);
        }
        return schema;
    }

    synchronized String addCustomField(String object, FieldDefinition field) {
        if (!field.custom() || !field.name().endsWith("__c")) {
            throw new IllegalArgumentException("a custom field's name ends in __c: " + field.name());
        }
        SObjectSchema schema = schema(object);
        schema.add(field);
        return registerCustomField(schema, field, null);
    }

    private String registerCustomField(SObjectSchema schema, FieldDefinition field, ObjectNode metadata) {
        String id = nextId("00N");
        String developerName = field.name().substring(0, field.name().length() - "__c".length());
        ObjectNode row = Json.object();
        row.put("Id", id);
        row.put("DeveloperName", developerName);
        row.put("TableEnumOrId", schema.name());
        row.put("FullName", schema.name() + "." + field.name());
        row.putNull("NamespacePrefix");
        row.put("CreatedDate", SalesforceTime.format(now()));
        row.set("Metadata", metadata != null ? metadata : Json.object().put("label", field.label()));
        customFields.put(id, row);
        return id;
    }

    /** Tooling API {@code POST tooling/sobjects/CustomField}: the new field exists, but nobody has FLS on it. */
    synchronized String createCustomField(SandboxUser user, JsonNode body) {
        requireAdministrator(user, CUSTOMIZE_APPLICATION);
        CustomFieldRequest request = CustomFieldRequest.parse(body);
        SObjectSchema schema = schemas.values().stream()
                .filter(s -> s.name().equalsIgnoreCase(request.object())).findFirst()
                .orElseThrow(() -> new ApiException(400, ApiError.of("INVALID_TYPE", "sObject type '"
                        + request.object() + "' is not supported.", List.of("FullName"))));
        if (schema.field(request.field().name()).isPresent()) {
            throw new ApiException(400, ApiError.of(DUPLICATE_FIELD_CODE, "duplicate value found: <unknown>"
                    + " duplicates value on record with id: <unknown>", List.of()));
        }
        schema.add(request.field());
        return registerCustomField(schema, request.field(), request.metadata());
    }

    /** Tooling API {@code GET tooling/sobjects/CustomField/{id}}. */
    synchronized ObjectNode customField(SandboxUser user, String id, String version) {
        requireAdministrator(user, VIEW_SETUP);
        String normalised = SalesforceIds.normalise(id);
        ObjectNode row = normalised == null ? null : customFields.get(normalised);
        if (row == null) {
            throw ApiException.notFound();
        }
        ObjectNode body = Json.object();
        body.putObject("attributes").put("type", "CustomField")
                .put("url", "/services/data/v" + version + "/tooling/sobjects/CustomField/" + normalised);
        body.setAll(row.deepCopy());
        return body;
    }

    /** The columns of a Tooling CustomField row, in the order Salesforce lists them. */
    private static final List<String> CUSTOM_FIELD_COLUMNS = List.of("Id", "DeveloperName", "TableEnumOrId",
            "NamespacePrefix", "FullName", "Metadata", "CreatedDate");

    /**
     * Tooling API {@code GET tooling/query?q=...} over CustomField. As in Salesforce, FullName and Metadata may only
     * be selected by a query that returns at most one row.
     */
    synchronized List<ObjectNode> toolingQuery(SandboxUser user, io.leadsync.sandbox.salesforce.soql.SoqlQuery query,
            String version) {
        requireAdministrator(user, VIEW_SETUP);
        if (!query.objectName().equalsIgnoreCase("CustomField")) {
            throw new io.leadsync.sandbox.salesforce.soql.SoqlException("INVALID_TYPE", "sObject type '"
                    + query.objectName() + "' is not supported. If you are attempting to use a custom object, be sure "
                    + "to append the '__c' after the entity name. Please reference your WSDL or the describe call for "
                    + "the appropriate names.");
        }
        Map<String, String> canonical = new HashMap<>();
        for (String name : query.referencedFields()) {
            String column = CUSTOM_FIELD_COLUMNS.stream().filter(c -> c.equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new io.leadsync.sandbox.salesforce.soql.SoqlException("INVALID_FIELD",
                            "No such column '" + name + "' on entity 'CustomField'. If you are attempting to use a"
                            + " custom field, be sure to append the '__c' after the custom field name. Please"
                            + " reference your WSDL or the describe call for the appropriate names."));
            canonical.put(name.toLowerCase(Locale.ROOT), column);
        }
        java.util.function.BiFunction<ObjectNode, String, Object> value = (row, name) -> {
            String column = canonical.getOrDefault(name.toLowerCase(Locale.ROOT), name);
            JsonNode stored = row.get(column);
            if (stored == null || stored.isNull() || stored.isObject()) {
                return null;
            }
            return "CreatedDate".equals(column) ? stamp(row, column) : stored.asText();
        };
        List<ObjectNode> matching = customFields.values().stream()
                .filter(row -> query.matches(name -> value.apply(row, name)))
                .sorted(query.ordering(value))
                .toList();
        int from = Math.min(matching.size(), query.offset().orElse(0));
        int to = query.limit().isPresent() ? Math.min(matching.size(), from + query.limit().getAsInt())
                : matching.size();
        List<String> columns = query.fields().stream().map(f -> canonical.get(f.toLowerCase(Locale.ROOT))).toList();
        if (to - from > 1 && (columns.contains("FullName") || columns.contains("Metadata"))) {
            // Wording as reported by Tooling API users; the digest does not quote it (UNCONFIRMED).
            throw new io.leadsync.sandbox.salesforce.soql.SoqlException("MALFORMED_QUERY", "When retrieving results"
                    + " with Metadata or FullName fields, the query qualifications must specify no more than one row"
                    + " for retrieval. Result size: " + (to - from));
        }
        return matching.subList(from, to).stream().map(row -> {
            ObjectNode record = Json.object();
            String id = row.get("Id").textValue();
            record.putObject("attributes").put("type", "CustomField")
                    .put("url", "/services/data/v" + version + "/tooling/sobjects/CustomField/" + id);
            columns.forEach(column -> record.set(column, row.has(column) ? row.get(column).deepCopy()
                    : NullNode.instance));
            return record;
        }).toList();
    }

    /** Tooling CustomField rows as stored, for readers such as a query engine. */
    synchronized List<ObjectNode> customFieldRows() {
        return customFields.values().stream().map(ObjectNode::deepCopy).toList();
    }

    /** The embedding's shortcut: the user's profile gets (or loses) a FieldPermissions row for the field. */
    synchronized void fieldAccess(String object, String fieldName, String username, boolean read, boolean edit) {
        SObjectSchema schema = schema(object);
        FieldDefinition field = schema.field(fieldName)
                .orElseThrow(() -> new IllegalArgumentException("no field " + object + "." + fieldName));
        if (!field.permissionable()) {
            throw new IllegalArgumentException(object + "." + fieldName + " does not take field-level security");
        }
        SandboxUser user = userByUsername(username)
                .orElseThrow(() -> new IllegalArgumentException("no user " + username));
        setup.grantToProfile(user, schema.name(), schema.name() + "." + field.name(), read, edit && read);
    }

    /** Deletes the FieldPermissions rows that let the user see {@code Object.Field}; answers how many. */
    synchronized int revokeFieldAccess(String username, String fieldFullName) {
        SandboxUser user = userByUsername(username)
                .orElseThrow(() -> new IllegalArgumentException("no user " + username));
        return setup.revoke(user, fieldFullName);
    }

    synchronized ObjectNode permissions(String version) {
        return setup.snapshot(version);
    }

    synchronized Map<String, String> userIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        users.values().forEach(u -> ids.put(u.username(), u.id()));
        return ids;
    }

    // ---- setup objects through the sObject endpoints ---------------------------------------------------------

    synchronized String createSetupObject(SandboxUser user, String type, JsonNode body) {
        requireAdministrator(user, MANAGE_USERS);
        return setup.create(user, type, body, this::permissionableField, this::userById);
    }

    synchronized ObjectNode readSetupObject(SandboxUser user, String type, String id, List<String> fields,
            String version) {
        requireAdministrator(user, VIEW_SETUP);
        return setup.read(type, id, fields, version);
    }

    synchronized void updateSetupObject(SandboxUser user, String type, String id, JsonNode body) {
        requireAdministrator(user, MANAGE_USERS);
        setup.update(user, type, id, body);
    }

    synchronized void deleteSetupObject(SandboxUser user, String type, String id) {
        requireAdministrator(user, MANAGE_USERS);
        setup.delete(type, id);
    }

    /** Setup rows as stored, for readers such as a query engine. */
    synchronized List<ObjectNode> setupRows(String type) {
        return setup.rows(type);
    }

    private Optional<String> permissionableField(String fullName) {
        int dot = fullName.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String object = fullName.substring(0, dot);
        return schemas.values().stream().filter(s -> s.name().equalsIgnoreCase(object)).findFirst()
                .flatMap(s -> s.field(fullName.substring(dot + 1))
                        .filter(FieldDefinition::permissionable)
                        .map(f -> s.name() + "." + f.name()));
    }

    private static void requireAdministrator(SandboxUser user, String permission) {
        if (!user.isAdministrator()) {
            throw new ApiException(INSUFFICIENT_ACCESS_STATUS, ApiError.of(INSUFFICIENT_ACCESS_CODE,
                    "insufficient access rights on object id: you need the \"" + permission + "\" permission",
                    List.of()));
        }
    }

    private Predicate<FieldDefinition> readable(SObjectSchema schema, SandboxUser user) {
        return field -> !field.permissionable() || access(schema, field, user).read();
    }

    private Predicate<FieldDefinition> editable(SObjectSchema schema, SandboxUser user) {
        return field -> !field.permissionable() || access(schema, field, user).edit();
    }

    private SetupObjects.Access access(SObjectSchema schema, FieldDefinition field, SandboxUser user) {
        return setup.access(user, schema.name() + "." + field.name());
    }

    synchronized ObjectNode describe(SandboxUser user, String object, String version) {
        SObjectSchema schema = schema(object);
        String base = "/services/data/v" + version + "/sobjects/" + schema.name();
        ObjectNode body = Json.object();
        body.putArray("actionOverrides");
        body.put("activateable", false);
        body.putArray("childRelationships");
        body.put("createable", true);
        body.put("custom", false);
        body.put("customSetting", false);
        body.put("deletable", true);
        body.put("deprecatedAndHidden", false);
        body.put("feedEnabled", true);
        ArrayNode fields = body.putArray("fields");
        Predicate<FieldDefinition> readable = readable(schema, user);
        Predicate<FieldDefinition> editable = editable(schema, user);
        for (FieldDefinition field : schema.fields()) {
            if (readable.test(field)) {
                ObjectNode described = field.describe();
                if (!editable.test(field)) {
                    described.put("createable", false);
                    described.put("updateable", false);
                }
                fields.add(described);
            }
        }
        body.put("keyPrefix", schema.keyPrefix());
        body.put("label", schema.label());
        body.put("labelPlural", schema.label() + "s");
        body.put("layoutable", true);
        body.put("mergeable", true);
        body.put("name", schema.name());
        body.put("queryable", true);
        ArrayNode recordTypes = body.putArray("recordTypeInfos");
        ObjectNode master = recordTypes.addObject();
        master.put("active", true);
        master.put("available", true);
        master.put("defaultRecordTypeMapping", true);
        master.put("developerName", "Master");
        master.put("master", true);
        master.put("name", "Master");
        master.put("recordTypeId", "012000000000000AAA");
        master.putObject("urls").put("layout", base + "/describe/layouts/012000000000000AAA");
        body.put("replicateable", true);
        body.put("retrieveable", true);
        body.put("searchable", true);
        body.put("triggerable", true);
        body.put("undeletable", true);
        body.put("updateable", true);
        ObjectNode urls = body.putObject("urls");
        urls.put("rowTemplate", base + "/{ID}");
        urls.put("describe", base + "/describe");
        urls.put("sobject", base);
        return body;
    }

    // ---- records ---------------------------------------------------------------------------------------------

    synchronized ObjectNode read(SandboxUser user, String object, String id, List<String> fieldNames,
            String version) {
        SObjectSchema schema = schema(object);
        ObjectNode stored = live(schema, id).orElseThrow(ApiException::notFound);
        Predicate<FieldDefinition> readable = readable(schema, user);
        List<FieldDefinition> fields;
        if (fieldNames == null) {
            fields = schema.fields().stream().filter(readable).toList();
        } else {
            fields = new ArrayList<>();
            fields.add(schema.field("Id").orElseThrow());
            for (String name : fieldNames) {
                FieldDefinition field = schema.field(name.trim()).filter(readable).orElseThrow(() ->
                        new ApiException(400, ApiError.of("INVALID_FIELD", "No such column '" + name.trim()
                                + "' on entity '" + schema.name() + "'. If you are attempting to use a custom field,"
                                + " be sure to append the '__c' after the custom field name. Please reference your"
                                + " WSDL or the describe call for the appropriate names.")));
                if (!fields.contains(field)) {
                    fields.add(field);
                }
            }
        }
        return render(schema, stored, fields, version);
    }

    private ObjectNode render(SObjectSchema schema, ObjectNode stored, List<FieldDefinition> fields,
            String version) {
        ObjectNode body = Json.object();
        ObjectNode attributes = body.putObject("attributes");
        attributes.put("type", schema.name());
        attributes.put("url", "/services/data/v" + version + "/sobjects/" + schema.name() + "/"
                + stored.get("Id").textValue());
        for (FieldDefinition field : fields) {
            body.set(field.name(), stored.has(field.name()) ? stored.get(field.name()) : NullNode.instance);
        }
        return body;
    }

    synchronized SaveResult create(SandboxUser user, String object, JsonNode body) {
        SObjectSchema schema = schema(object);
        Map<String, JsonNode> values = RecordValidator.columns(schema, readable(schema, user), body, List.of());
        return save(schema, user, values, null);
    }

    synchronized void update(SandboxUser user, String object, String id, JsonNode body) {
        SObjectSchema schema = schema(object);
        ObjectNode stored = existing(schema, id);
        Map<String, JsonNode> values = RecordValidator.columns(schema, readable(schema, user), body, List.of("Id"));
        SaveResult result = save(schema, user, values, stored);
        if (!result.success()) {
            throw new ApiException(400, result.errors());
        }
    }

    /** {@code GET sobjects/X/updated}: live records whose SystemModstamp falls in the window, oldest first. */
    synchronized ObjectNode updated(SandboxUser user, String object, Replication window) {
        SObjectSchema schema = schema(object);
        purgeDeleted();
        Instant now = now();
        List<String> ids = records.get(schema.name()).values().stream()
                .filter(r -> !r.path("IsDeleted").asBoolean())
                .filter(r -> window.covers(stamp(r), now))
                .sorted(java.util.Comparator.comparing(SalesforceOrg::stamp))
                .map(r -> r.get("Id").textValue())
                .toList();
        if (ids.size() > Replication.ID_LIMIT) {
            throw new ApiException(400, ApiError.of("EXCEEDED_ID_LIMIT", "The number of ids returned exceeds "
                    + Replication.ID_LIMIT + ". Narrow the time window."));
        }
        ObjectNode body = Json.object();
        body.set("ids", Json.strings(ids));
        body.put("latestDateCovered", SalesforceTime.format(window.latestDateCovered(now)));
        return body;
    }

    /** {@code GET sobjects/X/deleted}: tombstones deleted in the window, with their deletion time. */
    synchronized ObjectNode deleted(SandboxUser user, String object, Replication window) {
        SObjectSchema schema = schema(object);
        purgeDeleted();
        Instant now = now();
        ObjectNode body = Json.object();
        ArrayNode deleted = body.putArray("deletedRecords");
        records.get(schema.name()).values().stream()
                .filter(r -> r.path("IsDeleted").asBoolean())
                .filter(r -> window.covers(stamp(r), now))
                .sorted(java.util.Comparator.comparing(SalesforceOrg::stamp))
                .forEach(r -> deleted.addObject().put("id", r.get("Id").textValue())
                        .put("deletedDate", r.get("SystemModstamp").textValue()));
        body.put("earliestDateAvailable", SalesforceTime.format(
                earliestDeletedAvailable.truncatedTo(java.time.temporal.ChronoUnit.MINUTES)));
        body.put("latestDateCovered", SalesforceTime.format(window.latestDateCovered(now)));
        return body;
    }

    /**
     * Tombstones older than the delete log keeps (15 days) are removed for good, as is everything when the
     * Recycle Bin is emptied; then neither /deleted nor queryAll sees them, and earliestDateAvailable moves on.
     */
    private void purgeDeleted() {
        purgeDeletedBefore(now().minus(Replication.DELETED_LOOK_BACK));
    }

    private void purgeDeletedBefore(Instant cutoff) {
        for (Map<String, ObjectNode> table : records.values()) {
            var tombstones = table.values().iterator();
            while (tombstones.hasNext()) {
                ObjectNode record = tombstones.next();
                if (record.path("IsDeleted").asBoolean() && !stamp(record).isAfter(cutoff)) {
                    Instant deletedAt = stamp(record);
                    if (deletedAt.isAfter(earliestDeletedAvailable)) {
                        earliestDeletedAvailable = deletedAt;
                    }
                    tombstones.remove();
                }
            }
        }
    }

    /** Empties the Recycle Bin: every deleted record is gone for good. */
    synchronized void emptyRecycleBin() {
        purgeDeletedBefore(now());
        earliestDeletedAvailable = now();
    }

    private static Instant stamp(ObjectNode record) {
        return stamp(record, "SystemModstamp");
    }

    private static Instant stamp(ObjectNode record, String field) {
        return java.time.OffsetDateTime.parse(record.get(field).textValue(),
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx")).toInstant();
    }

    synchronized void delete(SandboxUser user, String object, String id) {
        SObjectSchema schema = schema(object);
        ObjectNode stored = existing(schema, id);
        stored.put("IsDeleted", true);
        stamp(stored, user, SalesforceTime.format(now()), false);
    }

    private ObjectNode existing(SObjectSchema schema, String id) {
        String normalised = SalesforceIds.normalise(id);
        ObjectNode stored = normalised == null ? null : records.get(schema.name()).get(normalised);
        if (stored == null) {
            throw ApiException.notFound();
        }
        if (stored.path("IsDeleted").asBoolean()) {
            throw new ApiException(404, ApiError.of("ENTITY_IS_DELETED", "entity is deleted", List.of()));
        }
        return stored;
    }

    private Optional<ObjectNode> live(SObjectSchema schema, String id) {
        String normalised = SalesforceIds.normalise(id);
        return Optional.ofNullable(normalised == null ? null : records.get(schema.name()).get(normalised))
                .filter(r -> !r.path("IsDeleted").asBoolean());
    }

    /** Single-record upsert by an external id field (or {@code Id}). */
    synchronized UpsertResult upsert(SandboxUser user, String object, String fieldName, String value,
            JsonNode body, boolean updateOnly) {
        SObjectSchema schema = schema(object);
        FieldDefinition key = externalIdField(schema, user, fieldName);
        Map<String, JsonNode> values = RecordValidator.columns(schema, readable(schema, user), body, List.of());
        JsonNode inBody = values.remove(key.name());
        if (inBody != null && !inBody.isNull() && !sameKey(key, inBody.asText(), value)) {
            throw new ApiException(400, ApiError.of("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update"
                    + " fields: " + key.name() + ". The external id in the URL and in the body differ.",
                    List.of(key.name())));
        }
        List<ObjectNode> matches = matches(schema, key, value);
        if (matches.size() > 1) {
            return new UpsertResult(null, matches.stream().map(r -> r.get("Id").textValue()).toList());
        }
        if (matches.isEmpty()) {
            if (updateOnly) {
                throw ApiException.notFound();
            }
            if (!"Id".equals(key.name())) {
                values.put(key.name(), TextNode.valueOf(value));
            }
            return new UpsertResult(save(schema, user, values, null), List.of());
        }
        return new UpsertResult(save(schema, user, values, matches.get(0)), List.of());
    }

    /**
     * sObject Collections upsert: per-record results in request order. With allOrNone, one failure rolls every
     * record back and the others report ALL_OR_NONE_OPERATION_ROLLED_BACK.
     */
    synchronized ArrayNode upsertCollection(SandboxUser user, String object, String fieldName, List<JsonNode> rows,
            boolean allOrNone, boolean locked) {
        SObjectSchema schema = schema(object);
        FieldDefinition key = externalIdField(schema, user, fieldName);
        Predicate<FieldDefinition> readable = readable(schema, user);
        List<Map<String, JsonNode>> parsed = new ArrayList<>();
        for (JsonNode row : rows) {
            parsed.add(RecordValidator.columns(schema, readable, row, List.of()));
        }
        Map<String, Integer> keyCounts = new HashMap<>();
        for (Map<String, JsonNode> values : parsed) {
            JsonNode keyValue = values.get(key.name());
            if (keyValue != null && !keyValue.isNull()) {
                keyCounts.merge(normaliseKey(key, keyValue.asText()), 1, Integer::sum);
            }
        }
        Map<String, ObjectNode> snapshot = allOrNone ? snapshot(schema) : null;
        List<SaveResult> results = new ArrayList<>();
        for (Map<String, JsonNode> values : parsed) {
            // Contention is found when a row is saved, so a locked call still answers 200, each row failing alone.
            results.add(locked ? failed(SalesforceFaults.lockError())
                    : upsertOne(schema, user, key, values, keyCounts));
        }
        boolean rollBack = allOrNone && results.stream().anyMatch(r -> !r.success());
        if (rollBack) {
            records.put(schema.name(), snapshot);
        }
        return collectionResults(results, rollBack, true);
    }

    /** Per-record results in request order, as every sObject Collections call answers. */
    private static ArrayNode collectionResults(List<SaveResult> results, boolean rolledBack, boolean withCreated) {
        ArrayNode body = Json.array();
        for (SaveResult result : results) {
            ObjectNode entry = body.addObject();
            if (rolledBack && result.success()) {
                entry.put("success", false);
                entry.putArray("errors").add(ApiError.of("ALL_OR_NONE_OPERATION_ROLLED_BACK", "Record rolled back"
                        + " because not all records were valid and the request was using AllOrNone header",
                        List.of()).toRecordJson());
            } else if (result.success()) {
                entry.put("id", result.id());
                entry.put("success", true);
                entry.putArray("errors");
                if (withCreated) {
                    entry.put("created", result.created());
                }
            } else {
                if (result.id() != null) {
                    entry.put("id", result.id());
                }
                entry.put("success", false);
                ArrayNode errors = entry.putArray("errors");
                result.errors().forEach(e -> errors.add(e.toRecordJson()));
            }
        }
        return body;
    }

    /**
     * sObject Collections create ({@code update=false}) or update: records of any stored type, each naming it in
     * {@code attributes.type}, saved in request order. A record that cannot be read (unknown type or column) fails
     * the whole request, as in Salesforce; save-time errors fail the record alone, unless allOrNone.
     */
    synchronized ArrayNode saveCollection(SandboxUser user, List<JsonNode> rows, boolean update, boolean allOrNone,
            boolean locked) {
        List<SObjectSchema> types = new ArrayList<>();
        List<Map<String, JsonNode>> parsed = new ArrayList<>();
        List<JsonNode> ids = new ArrayList<>();
        int chunks = 0;
        for (JsonNode row : rows) {
            JsonNode type = row.path("attributes").path("type");
            if (!type.isTextual()) {
                // The digest names the case (a malformed request, 400) but not its code: UNCONFIRMED.
                throw new ApiException(400, ApiError.of("INVALID_TYPE", "No SObject Type defined in JSON"));
            }
            SObjectSchema schema;
            try {
                schema = schema(type.textValue());
            } catch (ApiException e) {
                throw new ApiException(400, ApiError.of("INVALID_TYPE", "sObject type '" + type.textValue()
                        + "' is not supported."));
            }
            if (types.isEmpty() || types.get(types.size() - 1) != schema) {
                chunks++;
            }
            types.add(schema);
            JsonNode id = null;
            var members = row.fields();
            while (members.hasNext()) {
                var member = members.next();
                if (member.getKey().equalsIgnoreCase("Id")) {
                    id = member.getValue();
                }
            }
            ids.add(id);
            parsed.add(RecordValidator.columns(schema, readable(schema, user), row, List.of("Id")));
        }
        if (chunks > COLLECTION_CHUNK_LIMIT) {
            // Digest section 5: mixed types are saved in chunks, at most 10; the error code is UNCONFIRMED.
            throw new ApiException(400, ApiError.of("INVALID_BATCH_REQUEST", "A request may contain at most "
                    + COLLECTION_CHUNK_LIMIT + " chunks of records of one type; this one has " + chunks));
        }
        Map<String, Map<String, ObjectNode>> snapshots = new HashMap<>();
        if (allOrNone) {
            types.forEach(t -> snapshots.computeIfAbsent(t.name(), n -> snapshot(t)));
        }
        List<SaveResult> results = new ArrayList<>();
        for (int i = 0; i < parsed.size(); i++) {
            SObjectSchema schema = types.get(i);
            JsonNode id = ids.get(i);
            if (locked) {
                results.add(failed(SalesforceFaults.lockError()));
            } else if (!update && id != null && !id.isNull()) {
                results.add(failed(ApiError.of("INVALID_FIELD_FOR_INSERT_UPDATE",
                        "cannot specify Id in an insert call", List.of("Id"))));
            } else if (!update) {
                results.add(save(schema, user, parsed.get(i), null));
            } else if (id == null || id.isNull() || id.asText().isEmpty()) {
                results.add(failed(ApiError.of("MISSING_ARGUMENT", "Id not specified in an update call",
                        List.of())));
            } else {
                results.add(updateOne(schema, user, id.asText(), parsed.get(i)));
            }
        }
        boolean rollBack = allOrNone && results.stream().anyMatch(r -> !r.success());
        if (rollBack) {
            records.putAll(snapshots);
        }
        return collectionResults(results, rollBack, false);
    }

    private SaveResult updateOne(SObjectSchema schema, SandboxUser user, String id, Map<String, JsonNode> values) {
        String normalised = SalesforceIds.normalise(id);
        if (normalised == null || !normalised.startsWith(schema.keyPrefix())) {
            return failed(ApiError.of("MALFORMED_ID", schema.label() + " ID: id value of incorrect type: " + id,
                    List.of("Id")));
        }
        ObjectNode stored = records.get(schema.name()).get(normalised);
        if (stored == null) {
            return new SaveResult(normalised, false, List.of(ApiError.of("INVALID_CROSS_REFERENCE_KEY",
                    "invalid cross reference id", List.of())));
        }
        if (stored.path("IsDeleted").asBoolean()) {
            return new SaveResult(normalised, false, List.of(ApiError.of("ENTITY_IS_DELETED", "entity is deleted",
                    List.of())));
        }
        return save(schema, user, values, stored);
    }

    /** sObject Collections delete: ids of any stored type, per-id results in request order. */
    synchronized ArrayNode deleteCollection(SandboxUser user, List<String> ids, boolean allOrNone, boolean locked) {
        Map<String, Map<String, ObjectNode>> snapshots = new HashMap<>();
        if (allOrNone) {
            schemas.values().forEach(t -> snapshots.put(t.name(), snapshot(t)));
        }
        List<SaveResult> results = new ArrayList<>();
        for (String id : ids) {
            String normalised = SalesforceIds.normalise(id.trim());
            Optional<SObjectSchema> schema = normalised == null ? Optional.empty() : schemas.values().stream()
                    .filter(t -> normalised.startsWith(t.keyPrefix())).findFirst();
            ObjectNode stored = schema.map(t -> records.get(t.name()).get(normalised)).orElse(null);
            if (locked) {
                results.add(failed(SalesforceFaults.lockError()));
            } else if (normalised == null) {
                results.add(failed(ApiError.of("MALFORMED_ID", "malformed id " + id, List.of())));
            } else if (stored == null) {
                results.add(new SaveResult(normalised, false, List.of(ApiError.of("INVALID_CROSS_REFERENCE_KEY",
                        "invalid cross reference id", List.of()))));
            } else if (stored.path("IsDeleted").asBoolean()) {
                results.add(new SaveResult(normalised, false, List.of(ApiError.of("ENTITY_IS_DELETED",
                        "entity is deleted", List.of()))));
            } else {
                stored.put("IsDeleted", true);
                stamp(stored, user, SalesforceTime.format(now()), false);
                results.add(new SaveResult(normalised, false, List.of()));
            }
        }
        boolean rollBack = allOrNone && results.stream().anyMatch(r -> !r.success());
        if (rollBack) {
            records.putAll(snapshots);
        }
        return collectionResults(results, rollBack, false);
    }

    /** sObject Collections retrieve: the records in the order asked for, null where an id finds none. */
    synchronized ArrayNode retrieveCollection(SandboxUser user, String object, List<String> ids,
            List<String> fieldNames, String version) {
        SObjectSchema schema = schema(object);
        ArrayNode body = Json.array();
        for (String id : ids) {
            Optional<ObjectNode> stored = live(schema, id.trim());
            if (stored.isEmpty()) {
                body.addNull();
            } else {
                body.add(read(user, schema.name(), id.trim(), fieldNames, version));
            }
        }
        return body;
    }

    private SaveResult upsertOne(SObjectSchema schema, SandboxUser user, FieldDefinition key,
            Map<String, JsonNode> values, Map<String, Integer> keyCounts) {
        JsonNode keyValue = values.get(key.name());
        if (keyValue == null || keyValue.isNull()) {
            return failed(ApiError.of("MISSING_ARGUMENT", key.name() + " not specified", List.of()));
        }
        String value = keyValue.asText();
        if (keyCounts.getOrDefault(normaliseKey(key, value), 0) > 1) {
            return failed(ApiError.of("DUPLICATE_EXTERNAL_ID", "Duplicate external id specified: " + value,
                    List.of(key.name())));
        }
        List<ObjectNode> matches = matches(schema, key, value);
        if (matches.size() > 1) {
            return failed(ApiError.of("DUPLICATE_EXTERNAL_ID", "more than one record found for external id field: "
                    + matches.stream().map(r -> r.get("Id").textValue()).toList(), List.of(key.name())));
        }
        Map<String, JsonNode> changes = new LinkedHashMap<>(values);
        if (matches.isEmpty()) {
            return save(schema, user, changes, null);
        }
        changes.remove(key.name());
        return save(schema, user, changes, matches.get(0));
    }

    private static SaveResult failed(ApiError error) {
        return new SaveResult(null, false, List.of(error));
    }

    private FieldDefinition externalIdField(SObjectSchema schema, SandboxUser user, String fieldName) {
        FieldDefinition key = schema.field(fieldName).filter(readable(schema, user)).orElseThrow(() ->
                new ApiException(404, ApiError.of("NOT_FOUND",
                        "Provided external ID field does not exist or is not accessible: " + fieldName)));
        if (!key.externalId() && !"Id".equals(key.name())) {
            throw new ApiException(400, ApiError.of("INVALID_FIELD", "Field name provided, " + key.name()
                    + " is not an External ID or indexed field for " + schema.name()));
        }
        return key;
    }

    private List<ObjectNode> matches(SObjectSchema schema, FieldDefinition key, String value) {
        if ("Id".equals(key.name())) {
            return live(schema, value).map(List::of).orElse(List.of());
        }
        return records.get(schema.name()).values().stream()
                .filter(r -> !r.path("IsDeleted").asBoolean())
                .filter(r -> r.hasNonNull(key.name()) && sameKey(key, r.get(key.name()).asText(), value))
                .toList();
    }

    private static boolean sameKey(FieldDefinition key, String a, String b) {
        return normaliseKey(key, a).equals(normaliseKey(key, b));
    }

    private static String normaliseKey(FieldDefinition key, String value) {
        return key.caseSensitive() ? value : value.toLowerCase(Locale.ROOT);
    }

    private Map<String, ObjectNode> snapshot(SObjectSchema schema) {
        Map<String, ObjectNode> copy = new LinkedHashMap<>();
        records.get(schema.name()).forEach((id, record) -> copy.put(id, record.deepCopy()));
        return copy;
    }

    /** Validates and, when valid, writes one record; {@code stored} is null for an insert. */
    private SaveResult save(SObjectSchema schema, SandboxUser user, Map<String, JsonNode> values,
            ObjectNode stored) {
        return save(schema, user, values, stored, editable(schema, user), true);
    }

    private SaveResult save(SObjectSchema schema, SandboxUser user, Map<String, JsonNode> values,
            ObjectNode stored, Predicate<FieldDefinition> editable, boolean checkEmail) {
        List<ApiError> errors = new ArrayList<>(RecordValidator.validate(schema, editable, values, stored));
        errors.addAll(referenceErrors(schema, values));
        duplicateRule(schema, values, stored).ifPresent(errors::add);
        if (!checkEmail) {
            errors.removeIf(e -> e.code().equals("INVALID_EMAIL_ADDRESS"));
        }
        String selfId = stored == null ? null : stored.get("Id").textValue();
        for (Map.Entry<String, JsonNode> entry : values.entrySet()) {
            FieldDefinition field = schema.field(entry.getKey()).orElseThrow();
            if (!field.unique() || entry.getValue().isNull()) {
                continue;
            }
            matches(schema, field, entry.getValue().asText()).stream()
                    .map(r -> r.get("Id").textValue())
                    .filter(id -> !id.equals(selfId))
                    .findFirst()
                    .ifPresent(id -> errors.add(ApiError.of("DUPLICATE_VALUE", "duplicate value found: "
                            + field.name() + " duplicates value on record with id: " + id, List.of())));
        }
        if (!errors.isEmpty()) {
            return new SaveResult(selfId, false, errors);
        }
        boolean insert = stored == null;
        String now = SalesforceTime.format(now());
        ObjectNode record = insert ? Json.object() : stored;
        if (insert) {
            record.put("Id", nextId(schema.keyPrefix()));
            record.put("IsDeleted", false);
            for (FieldDefinition field : schema.fields()) {
                if ("boolean".equals(field.type()) && field.createable()) {
                    record.put(field.name(), false);
                }
            }
            if (schema.field("IsConverted").isPresent()) {
                record.put("IsConverted", false);
                record.put("IsUnreadByOwner", true);
            }
            schema.field("Status").ifPresent(f -> record.put("Status", f.picklistValues().get(0)));
            // A Task's Priority defaults to Normal, its closed flag follows its status below.
            schema.field("Priority").ifPresent(f -> record.put("Priority", "Normal"));
            record.put("OwnerId", user.id());
            record.put("CreatedById", user.id());
            record.put("CreatedDate", now);
        }
        values.forEach((name, value) -> {
            FieldDefinition field = schema.field(name).orElseThrow();
            if (field.defaultedOnCreate() && value.isNull()) {
                return;
            }
            record.set(name, value);
        });
        if (schema.field("LastName").isPresent()) {
            // A person's Name is computed; an Account's is the one it was given.
            String fullName = (record.path("FirstName").isTextual() ? record.get("FirstName").textValue() + " " : "")
                    + record.path("LastName").asText("");
            record.put("Name", fullName.trim());
        }
        if (schema.field("IsClosed").isPresent()) {
            record.put("IsClosed", "Completed".equals(record.path("Status").asText()));
        }
        stamp(record, user, now, true);
        if (insert) {
            records.get(schema.name()).put(record.get("Id").textValue(), record);
        }
        return new SaveResult(record.get("Id").textValue(), insert, List.of());
    }

    synchronized void leadEmailDuplicateRule(boolean active) {
        leadEmailDuplicateRule = active;
    }

    synchronized boolean leadEmailDuplicateRule() {
        return leadEmailDuplicateRule;
    }

    /**
     * With the duplicate rule on, a Lead saved with the e-mail of another live Lead is blocked, as Salesforce's
     * Standard_Lead_Duplicate_Rule set to Block does: {@code DUPLICATES_DETECTED} with every match in its
     * {@code duplicateResult}. It runs when a Lead is created and when an edit sets its e-mail.
     */
    private Optional<ApiError> duplicateRule(SObjectSchema schema, Map<String, JsonNode> values, ObjectNode stored) {
        if (!leadEmailDuplicateRule || !"Lead".equals(schema.name())) {
            return Optional.empty();
        }
        JsonNode email = values.get("Email");
        if (email == null || email.isNull() || email.asText().isBlank()) {
            return Optional.empty();
        }
        String selfId = stored == null ? null : stored.get("Id").textValue();
        List<ObjectNode> matches = records.get("Lead").values().stream()
                .filter(r -> !r.path("IsDeleted").asBoolean())
                .filter(r -> !r.get("Id").textValue().equals(selfId))
                .filter(r -> r.hasNonNull("Email") && r.get("Email").asText().equalsIgnoreCase(email.asText()))
                .toList();
        if (matches.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode result = Json.object();
        result.put("allowSave", false);
        result.put("duplicateRule", "Standard_Lead_Duplicate_Rule");
        result.put("duplicateRuleEntityType", "Lead");
        result.put("errorMessage", "Use one of these records?");
        ObjectNode match = result.putArray("matchResults").addObject();
        match.put("entityType", "Lead");
        match.putArray("errors");
        match.put("matchEngine", "ExactMatchEngine");
        var records = match.putArray("matchRecords");
        for (ObjectNode found : matches) {
            ObjectNode record = records.addObject();
            record.putArray("additionalInformation");
            record.putArray("fieldDiffs");
            record.put("matchConfidence", 100.0);
            ObjectNode shown = record.putObject("record");
            shown.putObject("attributes").put("type", "Lead").put("url", "/services/data/v62.0/sobjects/Lead/"
                    + found.get("Id").textValue());
            shown.put("Id", found.get("Id").textValue());
        }
        match.put("rule", "Standard_Lead_Match_Rule_v1_0");
        match.put("size", matches.size());
        match.put("success", true);
        return Optional.of(ApiError.duplicates(result));
    }

    /**
     * Lookups to the sObjects this org stores (Contact.AccountId, Account.ParentId...) must name a live record of
     * the right type. Owner and user lookups are not checked: the sandbox has no Group records to check against.
     */
    private List<ApiError> referenceErrors(SObjectSchema schema, Map<String, JsonNode> values) {
        List<ApiError> errors = new ArrayList<>();
        values.forEach((name, value) -> {
            FieldDefinition field = schema.field(name).orElseThrow();
            if (!"reference".equals(field.type()) || !field.createable() || value.isNull() || field.referenceTo().isEmpty()
                    || !field.referenceTo().stream().allMatch(schemas::containsKey)) {
                return;
            }
            String id = SalesforceIds.normalise(value.asText());
            if (id == null) {
                errors.add(ApiError.of("MALFORMED_ID", field.label() + ": id value of incorrect type: "
                        + value.asText(), List.of(field.name())));
                return;
            }
            Optional<SObjectSchema> target = field.referenceTo().stream().map(schemas::get)
                    .filter(s -> id.startsWith(s.keyPrefix())).findFirst();
            if (target.isEmpty()) {
                errors.add(ApiError.of("FIELD_INTEGRITY_EXCEPTION", field.label() + ": id value of incorrect type: "
                        + value.asText(), List.of(field.name())));
            } else if (live(target.get(), id).isEmpty()) {
                errors.add(ApiError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id",
                        List.of(field.name())));
            }
        });
        return errors;
    }

    private static void stamp(ObjectNode record, SandboxUser user, String now, boolean userEdit) {
        if (userEdit) {
            record.put("LastModifiedDate", now);
            record.put("LastModifiedById", user.id());
        }
        record.put("SystemModstamp", now);
    }

    // ---- Bulk API 2.0 ingest (BulkIngest calls these, one internal batch at a time) ---------------------------

    /** The canonical name of the object a Bulk job names; a 404 NOT_FOUND when the org has no such object. */
    synchronized String bulkObject(String object) {
        return schema(object).name();
    }

    /**
     * The canonical name of an upsert job's external id field: {@code Id}, or an external id field the user can
     * see; empty when there is no such field.
     */
    synchronized Optional<String> bulkExternalIdField(SandboxUser user, String object, String fieldName) {
        SObjectSchema schema = schema(object);
        return schema.field(fieldName).filter(readable(schema, user))
                .filter(f -> f.externalId() || "Id".equals(f.name()))
                .map(FieldDefinition::name);
    }

    /** The CSV header columns that name no field the user can see (relationship columns included). */
    synchronized List<String> bulkUnknownColumns(SandboxUser user, String object, List<String> columns) {
        SObjectSchema schema = schema(object);
        Predicate<FieldDefinition> readable = readable(schema, user);
        return columns.stream().filter(c -> schema.field(c).filter(readable).isEmpty()).toList();
    }

    /**
     * One internal batch of a Bulk API 2.0 ingest job: every row goes through the REST write path (the same
     * validation, field-level security, external-id matching and stamps), and fails alone. {@code rows} hold the
     * CSV cells by column as text, a {@code #N/A} cell as null and an empty cell left out. One result per row,
     * in order. With {@code locked}, every row fails with UNABLE_TO_LOCK_ROW and nothing is saved.
     */
    synchronized List<SaveResult> bulkBatch(SandboxUser user, String object, String operation,
            String externalIdFieldName, List<ObjectNode> rows, boolean locked) {
        SObjectSchema schema = schema(object);
        Predicate<FieldDefinition> readable = readable(schema, user);
        boolean byId = "update".equals(operation) || "delete".equals(operation);
        FieldDefinition key = "upsert".equals(operation) ? externalIdField(schema, user, externalIdFieldName) : null;
        List<Map<String, JsonNode>> parsed = new ArrayList<>();
        List<SaveResult> early = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (ObjectNode row : rows) {
            String id = null;
            var members = row.fields();
            while (members.hasNext()) {
                var member = members.next();
                if (member.getKey().equalsIgnoreCase("Id") && !member.getValue().isNull()) {
                    id = member.getValue().asText();
                }
            }
            ids.add(id);
            if ("delete".equals(operation)) {
                parsed.add(Map.of());
                early.add(null);
                continue;
            }
            try {
                parsed.add(RecordValidator.columns(schema, readable, row, byId ? List.of("Id") : List.of()));
                early.add(null);
            } catch (ApiException e) {
                parsed.add(null);
                early.add(new SaveResult(null, false, e.errors()));
            }
        }
        Map<String, Integer> keyCounts = new HashMap<>();
        if (key != null) {
            for (Map<String, JsonNode> values : parsed) {
                JsonNode keyValue = values == null ? null : values.get(key.name());
                if (keyValue != null && !keyValue.isNull()) {
                    keyCounts.merge(normaliseKey(key, keyValue.asText()), 1, Integer::sum);
                }
            }
        }
        List<SaveResult> results = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String id = ids.get(i);
            if (early.get(i) != null) {
                results.add(early.get(i));
            } else if (locked) {
                results.add(failed(SalesforceFaults.lockError()));
            } else if ("insert".equals(operation)) {
                results.add(id != null ? failed(ApiError.of("INVALID_FIELD_FOR_INSERT_UPDATE",
                        "cannot specify Id in an insert call", List.of("Id")))
                        : save(schema, user, parsed.get(i), null));
            } else if ("upsert".equals(operation)) {
                results.add(upsertOne(schema, user, key, parsed.get(i), keyCounts));
            } else if (id == null || id.isEmpty()) {
                results.add(failed(ApiError.of("MISSING_ARGUMENT", "Id not specified in an " + operation
                        + " call", List.of())));
            } else if ("update".equals(operation)) {
                results.add(updateOne(schema, user, id, parsed.get(i)));
            } else {
                results.add(deleteOne(schema, user, id));
            }
        }
        return results;
    }

    private SaveResult deleteOne(SObjectSchema schema, SandboxUser user, String id) {
        String normalised = SalesforceIds.normalise(id.trim());
        if (normalised == null || !normalised.startsWith(schema.keyPrefix())) {
            return failed(ApiError.of("MALFORMED_ID", "bad id " + id, List.of()));
        }
        ObjectNode stored = records.get(schema.name()).get(normalised);
        if (stored == null) {
            return new SaveResult(normalised, false, List.of(ApiError.of("INVALID_CROSS_REFERENCE_KEY",
                    "invalid cross reference id", List.of())));
        }
        if (stored.path("IsDeleted").asBoolean()) {
            return new SaveResult(normalised, false, List.of(ApiError.of("ENTITY_IS_DELETED", "entity is deleted",
                    List.of())));
        }
        stored.put("IsDeleted", true);
        stamp(stored, user, SalesforceTime.format(now()), false);
        return new SaveResult(normalised, false, List.of());
    }

    // ---- Web-to-Lead -----------------------------------------------------------------------------------------

    /**
     * One form post for this org. Within the daily allowance the lead is created at once; past it the submission
     * waits (in order, behind any already waiting) until the rolling 24 hours free a slot; past the queue's
     * capacity it is dropped. Invalid submissions are rejected when they would be created. None of this reaches
     * the submitter.
     */
    synchronized void submitWebToLead(Map<String, String> form) {
        processWebToLeadQueue();
        ObjectNode fields = WebToLead.fields(schema("Lead"), form, this::customFieldName);
        if (webToLeadPending.isEmpty() && webToLeadCreated.size() < webToLeadDailyLimit) {
            createWebToLead(fields);
        } else if (webToLeadPending.size() < webToLeadPendingLimit) {
            webToLeadPending.addLast(fields);
        } else {
            webToLeadDropped++;
        }
    }

    /** Creates the waiting Web-to-Lead leads the rolling window now has room for; called whenever the org is used. */
    synchronized void processWebToLeadQueue() {
        Instant windowStart = now().minus(API_WINDOW);
        while (!webToLeadCreated.isEmpty() && !webToLeadCreated.peekFirst().isAfter(windowStart)) {
            webToLeadCreated.removeFirst();
        }
        while (!webToLeadPending.isEmpty() && webToLeadCreated.size() < webToLeadDailyLimit) {
            createWebToLead(webToLeadPending.removeFirst());
        }
    }

    private void createWebToLead(ObjectNode fields) {
        SObjectSchema lead = schema("Lead");
        SandboxUser defaultLeadCreator = userByUsername("admin@acme.example").orElseThrow();
        SaveResult result;
        try {
            Map<String, JsonNode> values = RecordValidator.columns(lead, f -> true, fields, List.of());
            result = save(lead, defaultLeadCreator, values, null, f -> true, WEB_TO_LEAD_CHECKS_EMAIL);
        } catch (ApiException e) {
            result = failed(e.errors().get(0));
        }
        if (result.success()) {
            webToLeadAccepted++;
            webToLeadCreated.addLast(now());
        } else {
            webToLeadRejected++;
        }
    }

    private Optional<String> customFieldName(String id) {
        String normalised = SalesforceIds.normalise(id);
        return Optional.ofNullable(normalised == null ? null : customFields.get(normalised))
                .map(row -> row.get("FullName").textValue())
                .map(fullName -> fullName.substring(fullName.indexOf('.') + 1));
    }

    synchronized ObjectNode webToLeadStats() {
        processWebToLeadQueue();
        ObjectNode body = Json.object();
        body.put("dailyLimit", webToLeadDailyLimit);
        body.put("pendingLimit", webToLeadPendingLimit);
        body.put("createdLast24h", webToLeadCreated.size());
        body.put("accepted", webToLeadAccepted);
        body.put("pending", webToLeadPending.size());
        body.put("dropped", webToLeadDropped);
        body.put("rejected", webToLeadRejected);
        return body;
    }

    synchronized void webToLeadLimits(int daily, int pending) {
        if (daily < 0 || pending < 0) {
            throw new IllegalArgumentException("Web-to-Lead limits must be 0 or more");
        }
        webToLeadDailyLimit = daily;
        webToLeadPendingLimit = pending;
    }

    // ---- control API -----------------------------------------------------------------------------------------

    /** Every live record with every field, whatever the field-level security. */
    synchronized List<ObjectNode> allRecords(String object, String version) {
        processWebToLeadQueue();
        SObjectSchema schema = schema(object);
        return records.get(schema.name()).values().stream()
                .filter(r -> !r.path("IsDeleted").asBoolean())
                .map(r -> render(schema, r, schema.fields(), version))
                .toList();
    }

    /** An edit made in the Salesforce UI by the sales rep: the usual validation, no field-level security. */
    synchronized ObjectNode editAsRep(String object, String id, JsonNode body, String version) {
        SObjectSchema schema = schema(object);
        SandboxUser rep = userByUsername("rep@acme.example").orElseThrow();
        ObjectNode stored = existing(schema, id);
        Map<String, JsonNode> values = RecordValidator.columns(schema, f -> true, body, List.of("Id"));
        SaveResult result = save(schema, rep, values, stored);
        if (!result.success()) {
            throw new ApiException(400, result.errors());
        }
        return render(schema, stored, schema.fields(), version);
    }

    synchronized java.util.Set<String> liveTokens() {
        return tokens.all();
    }

    Clock clock() {
        return clock;
    }

    /**
     * The records a SOQL query selects, as the user may see them: every field the query names must exist and be
     * readable by the user, exactly as a field without field-level security does not exist in Salesforce. Deleted
     * records only with {@code queryAll}. LIMIT and OFFSET are applied here.
     */
    synchronized List<ObjectNode> query(SandboxUser user, io.leadsync.sandbox.salesforce.soql.SoqlQuery query,
            boolean includeDeleted, String version) {
        purgeDeleted();
        if (query.objectName().equalsIgnoreCase("Organization")) {
            return organization(query, version);
        }
        Optional<String> setupType = SetupObjects.type(query.objectName());
        if (setupType.isPresent()) {
            requireAdministrator(user, "View Setup and Configuration");
            return setup.query(setupType.get(), query, version);
        }
        SObjectSchema schema;
        try {
            schema = schema(query.objectName());
        } catch (ApiException e) {
            throw new io.leadsync.sandbox.salesforce.soql.SoqlException("INVALID_TYPE", "sObject type '"
                    + query.objectName() + "' is not supported. If you are attempting to use a custom object, be sure "
                    + "to append the '__c' after the entity name. Please reference your WSDL or the describe call for "
                    + "the appropriate names.");
        }
        Predicate<FieldDefinition> visible = readable(schema, user);
        Map<String, FieldDefinition> byName = new HashMap<>();
        for (String name : query.referencedFields()) {
            FieldDefinition field = schema.field(name).filter(visible).orElseThrow(() ->
                    new io.leadsync.sandbox.salesforce.soql.SoqlException("INVALID_FIELD", "No such column '" + name
                            + "' on entity '" + schema.name() + "'. If you are attempting to use a custom field, be "
                            + "sure to append the '__c' after the custom field name. Please reference your WSDL or "
                            + "the describe call for the appropriate names."));
            byName.put(name.toLowerCase(java.util.Locale.ROOT), field);
        }
        List<FieldDefinition> selected = query.fields().stream()
                .map(name -> byName.get(name.toLowerCase(java.util.Locale.ROOT))).toList();
        java.util.function.BiFunction<ObjectNode, String, Object> value = (record, name) -> {
            FieldDefinition field = byName.get(name.toLowerCase(java.util.Locale.ROOT));
            return field == null ? null : typed(field, record.get(field.name()));
        };
        List<ObjectNode> matching = records.get(schema.name()).values().stream()
                .filter(record -> includeDeleted || !record.path("IsDeleted").asBoolean())
                .filter(record -> query.matches(name -> value.apply(record, name)))
                .sorted(query.ordering(value))
                .toList();
        int from = Math.min(matching.size(), query.offset().orElse(0));
        int to = query.limit().isPresent() ? Math.min(matching.size(), from + query.limit().getAsInt()) : matching.size();
        return matching.subList(from, to).stream().map(record -> render(schema, record, selected, version)).toList();
    }

    private List<ObjectNode> organization(io.leadsync.sandbox.salesforce.soql.SoqlQuery query, String version) {
        ObjectNode org = Json.object();
        ObjectNode attributes = org.putObject("attributes");
        attributes.put("type", "Organization");
        attributes.put("url", "/services/data/v" + version + "/sobjects/Organization/" + ORG_ID);
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("Id", ORG_ID);
        fields.put("Name", ORG_NAME);
        fields.put("InstanceName", "SANDBOX1");
        fields.put("IsSandbox", true);
        fields.put("OrganizationType", "Developer Edition");
        for (String name : query.fields()) {
            String key = fields.keySet().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst().orElseThrow(() ->
                    new io.leadsync.sandbox.salesforce.soql.SoqlException("INVALID_FIELD", "No such column '" + name
                            + "' on entity 'Organization'."));
            Object v = fields.get(key);
            if (v instanceof Boolean b) {
                org.put(key, b);
            } else {
                org.put(key, String.valueOf(v));
            }
        }
        return query.matches(name -> fields.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null)) ? List.of(org) : List.of();
    }

    /** A stored JSON value as the SOQL engine compares it, by the field's describe type. */
    private static Object typed(FieldDefinition field, JsonNode stored) {
        if (stored == null || stored.isNull()) {
            return null;
        }
        return switch (field.type()) {
            case "datetime" -> java.time.OffsetDateTime.parse(stored.asText(),
                    java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx")).toInstant();
            case "date" -> java.time.LocalDate.parse(stored.asText());
            case "double", "int", "currency", "percent" -> stored.isNumber() ? stored.decimalValue()
                    : new java.math.BigDecimal(stored.asText());
            case "boolean" -> stored.asBoolean();
            default -> stored.asText();
        };
    }
}
