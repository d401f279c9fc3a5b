package io.leadsync.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.leadsync.sandbox.hubspot.HubSpotCall.Reply;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import io.leadsync.sandbox.faults.FaultPlan;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running HubSpot sandbox: the portal "Acme HubSpot" (hub id 123456) served over HTTP on the loopback interface.
 * One port serves what HubSpot splits over two hosts: the API of {@code https://api.hubapi.com} and the authorize
 * pages of {@code https://app.hubspot.com/oauth/authorize}, plus the control API under {@code /__sandbox/}. Built on
 * the JDK's HTTP server, not Micronaut, so that it can run inside LeadSync's JVM (ADR 0011).
 */
public final class HubSpotSandbox implements AutoCloseable {

    public static final String CLIENT_ID = HubSpotAuth.CLIENT_ID;
    public static final String CLIENT_SECRET = HubSpotAuth.CLIENT_SECRET;
    public static final long HUB_ID = HubSpotAuth.HUB_ID;
    public static final String PORTAL_NAME = AccountInfoEndpoint.PORTAL_NAME;

    private final HubSpotAuth auth;
    private final CrmStore store;
    private final RateLimits limits;
    private final CallCounter counter = new CallCounter();
    private final FaultPlan faults = new FaultPlan();
    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final HubSpotOAuthEndpoints oauth;
    private final CrmRouter crm;
    private final AccountInfoEndpoint accountInfo;
    private final HubSpotControlEndpoints control;

    private HubSpotSandbox(int port, Clock clock) throws IOException {
        this.auth = new HubSpotAuth(clock);
        this.store = new CrmStore(clock);
        this.limits = new RateLimits(clock);
        this.oauth = new HubSpotOAuthEndpoints(auth, counter);
        this.crm = new CrmRouter(auth, store, limits, counter);
        this.accountInfo = new AccountInfoEndpoint(auth, limits, counter);
        this.control = new HubSpotControlEndpoints(this);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        // Unbounded: an injected timeout holds its thread for as long as it lasts, and must not starve other calls.
        this.executor = Executors.newCachedThreadPool(daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
        this.baseUrl = "http://localhost:" + server.getAddress().getPort();
    }

    /** Starts the sandbox on {@code port} (0 picks a free port) with the system clock. */
    public static HubSpotSandbox start(int port) {
        return start(port, Clock.systemUTC());
    }

    /** Starts the sandbox with a clock of the caller's choice, so tests can move time instead of waiting. */
    public static HubSpotSandbox start(int port, Clock clock) {
        try {
            return new HubSpotSandbox(port, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the HubSpot sandbox on port " + port, e);
        }
    }

    /** API base, authorize host and control API, e.g. {@code http://localhost:54321}. */
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- control operations (also served under /__sandbox/hubspot/) ----------------------------------------

    /** Back to the seeded portal: records, custom properties, tokens, limits, lag and counts all cleared. */
    public void reset() {
        faults.clear();
        auth.reset();
        store.reset();
        limits.reset();
        counter.reset();
        oauth.reset();
    }

    /** Tokens for a seeded user without the browser dance, as the token endpoint answers them (every app scope). */
    public Map<String, Object> tokensFor(String username) {
        return toMap(auth.mint(username));
    }

    JsonNode mintTokens(String username) {
        return auth.mint(username);
    }

    /** Applies to tokens already issued too: a lifetime of 0 expires every access token at once. */
    public void accessTokenLifetime(Duration lifetime) {
        if (lifetime.isNegative()) {
            throw new IllegalArgumentException("\"seconds\" must be 0 or more");
        }
        auth.accessTokenLifetime(lifetime);
    }

    /**
     * Off, the v1 OAuth API answers as HubSpot says it will from 16 February 2027: {@code /oauth/v1/...} is gone
     * (404), only the date-versioned API ({@code /oauth/2026-03/...}) issues and describes tokens. On by default.
     */
    public void oauthV1(boolean enabled) {
        auth.oauthV1(enabled);
    }

    /** When on, every refresh answers a new refresh token and retires the old one. */
    public void refreshTokenRotation(boolean enabled) {
        auth.refreshTokenRotation(enabled);
    }

    /**
     * Pins the app's scopes as configured in a HubSpot developer account: the install URL's {@code scope} must then
     * be exactly the required ones and {@code optional_scope} a subset of the optional ones. Until called (and after
     * a reset) any subset of the sandbox app's scopes is accepted.
     */
    public void appScopes(List<String> required, List<String> optional) {
        auth.appScopes(required, optional);
    }

    /**
     * The portal setting that creates and associates a company from a new contact's e-mail domain (free-mail domains
     * excepted). On by default, as in most portals.
     */
    public void automaticCompanies(boolean enabled) {
        store.automaticCompanies(enabled);
    }

    /** How long a write takes to become visible to search (default 1 s). */
    public void searchLag(Duration lag) {
        if (lag.isNegative()) {
            throw new IllegalArgumentException("\"millis\" must be 0 or more");
        }
        store.searchLag(lag);
    }

    /** Sets the limits; null leaves one as it is. {@code dailyHeaders} makes the sandbox answer like a private app. */
    public void limits(Integer tenSecondly, Integer daily, Integer searchPerSecond, Boolean dailyHeaders) {
        limits.set(tenSecondly, daily, searchPerSecond, dailyHeaders);
    }

    /**
     * Every note logged in the portal: {@code id}, {@code properties} ({@code hs_note_body}, {@code hs_timestamp}...),
     * and the ids of the contacts ({@code contactIds}) and companies ({@code companyIds}) it is associated with.
     */
    public List<Map<String, Object>> notes() {
        return store.notes().stream().map(HubSpotSandbox::toMap).toList();
    }

    /** Every record of the type ({@code contacts}, {@code companies}), archived ones included, every property. */
    public List<Map<String, Object>> records(String objectType) {
        ObjectType type = objectType(objectType);
        return store.all(type).stream().map(r -> toMap(store.toJson(type, r, null, true))).toList();
    }

    /** The ids of the companies a contact is associated with (either direction of HubSpot's pair). */
    public List<String> associatedCompanies(String contactId) {
        return store.associated(ObjectType.CONTACTS, Long.parseLong(contactId)).stream().map(String::valueOf).toList();
    }

    /**
     * A sales rep edits the record in HubSpot's UI: the values are checked like an API write and
     * {@code lastmodifieddate} moves. Answers the record as the API would show it, every property.
     */
    public Map<String, Object> editAsRep(String objectType, String id, Map<String, String> properties) {
        try {
            return toMap(editAsRep(objectType(objectType), id, HubSpotJson.MAPPER.valueToTree(properties)));
        } catch (HubSpotError e) {
            // The error type is the sandbox's own; callers of the Java API get a plain exception with its text.
            throw new IllegalArgumentException(e.httpStatus() + " " + HubSpotJson.text(e.body()), e);
        }
    }

    JsonNode editAsRep(ObjectType type, String id, JsonNode properties) {
        return crm.objects().editAsRep(type, id, properties);
    }

    /** A rep creates a record in HubSpot's UI (not an API call: no limits, no call count). Answers it. */
    public Map<String, Object> createAsRep(String objectType, Map<String, String> properties) {
        try {
            return toMap(crm.objects().createAsRep(objectType(objectType), HubSpotJson.MAPPER.valueToTree(properties)));
        } catch (HubSpotError e) {
            throw new IllegalArgumentException(e.httpStatus() + " " + HubSpotJson.text(e.body()), e);
        }
    }

    /** A rep deletes a record in HubSpot's UI: archived, as an API DELETE would. */
    public void archiveAsRep(String objectType, String id) {
        try {
            crm.objects().archiveAsRep(objectType(objectType), id);
        } catch (HubSpotError e) {
            throw new IllegalArgumentException(e.httpStatus() + " " + HubSpotJson.text(e.body()), e);
        }
    }

    /**
     * A rep merges two records in HubSpot's UI: {@code mergedId} disappears (GET is 404 from then on) and the
     * primary absorbs it ({@code hs_merged_object_ids}, {@code hs_additional_emails}). Answers the primary.
     */
    public Map<String, Object> mergeAsRep(String objectType, String primaryId, String mergedId) {
        try {
            return toMap(crm.objects().merge(objectType(objectType), primaryId, mergedId));
        } catch (HubSpotError e) {
            throw new IllegalArgumentException(e.httpStatus() + " " + HubSpotJson.text(e.body()), e);
        }
    }

    /**
     * The faults and latencies injected into calls to this sandbox (every path but the control API): a status fault
     * answers with HubSpot's body for its kind ({@code 500}, {@code 503}, {@code EXPIRED_AUTHENTICATION},
     * {@code LOCKED}, {@code TEN_SECONDLY_ROLLING}, {@code DAILY}, ...), a timeout holds the call and closes it.
     */
    public FaultPlan faults() {
        return faults;
    }

    /** The next {@code times} calls whose path starts with {@code pathPrefix} (and of {@code method}, if given) fail. */
    public void injectFault(String method, String pathPrefix, String kind, int times) {
        faults.inject(method, pathPrefix, HubSpotFaults.kind(kind.toUpperCase(java.util.Locale.ROOT)).orElseThrow(() ->
                new IllegalArgumentException("unknown fault kind " + kind + "; one of " + HubSpotFaults.kinds())), times);
    }

    /** Every call waits this long first, as a slow or distant HubSpot would. */
    public void latency(Duration latency) {
        faults.latency(null, null, latency);
    }

    /** Every access and refresh token the portal still honours: what a client must never store or log in clear. */
    public java.util.Set<String> liveTokens() {
        return auth.liveTokens();
    }

    public Map<String, Long> callCounts() {
        return counter.snapshot();
    }

    static ObjectType objectType(String name) {
        return ObjectType.parse(name).orElseThrow(() -> new IllegalArgumentException("no object type " + name));
    }

    /** A path's object type; an unknown one is HubSpot's 404, not a sandbox error. */
    static ObjectType objectType404(String name) {
        return ObjectType.parse(name).orElseThrow(HubSpotError::notFound);
    }

    CrmObjectEndpoints crmObjects() {
        return crm.objects();
    }

    CrmStore store() {
        return store;
    }

    RateLimits rateLimits() {
        return limits;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(JsonNode node) {
        return HubSpotJson.MAPPER.convertValue(node, LinkedHashMap.class);
    }

    // ---- HTTP ----------------------------------------------------------------------------------------------

    private void dispatch(HttpExchange exchange) {
        try (exchange) {
            Reply reply;
            try {
                HubSpotCall call = new HubSpotCall(exchange);
                String path = call.path();
                if (!path.startsWith("/__sandbox/")) {
                    FaultPlan.Outcome outcome = faults.onCall(call.method(), path);
                    try {
                        outcome.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    if (outcome.fault().isPresent()) {
                        counter.count(call.method() + " " + path + " (fault " + outcome.fault().get().kind() + ")");
                        if (outcome.fault().get().isTimeout()) {
                            // Closing the exchange before any response headers drops the connection unanswered.
                            return;
                        }
                        throw HubSpotFaults.error(outcome.fault().get());
                    }
                }
                if (path.startsWith("/__sandbox/")) {
                    reply = control.handle(call);
                } else if (path.startsWith("/oauth/")) {
                    reply = oauth.handle(call);
                } else if (path.startsWith("/crm/")) {
                    reply = crm.handle(call);
                } else if (path.startsWith("/account-info/")) {
                    reply = accountInfo.handle(call);
                } else {
                    reply = Reply.error(HubSpotError.notFound());
                }
            } catch (HubSpotError e) {
                reply = Reply.error(e);
            } catch (RuntimeException e) {
                reply = Reply.error(HubSpotError.of(500, "INTERNAL_ERROR", "internal error (" + e + ")"));
            }
            write(exchange, reply);
        } catch (IOException e) {
            // The client went away; there is nobody left to tell.
        }
    }

    private static void write(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (reply.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        }
        byte[] body = reply.body();
        boolean noBody = body.length == 0 || reply.status() == 204 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(reply.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "hubspot-sandbox-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
