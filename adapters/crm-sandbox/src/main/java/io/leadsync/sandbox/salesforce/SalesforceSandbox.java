package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadsync.sandbox.faults.Fault;
import io.leadsync.sandbox.faults.FaultPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A running Salesforce sandbox: the org "Acme Corp" served over HTTP on the loopback interface. {@link #baseUrl()}
 * serves the production login host, the control API and, until {@link #moveInstance()}, the instance, so
 * {@code instance_url} starts as {@link #baseUrl()}. The sandbox-org login host ({@link #sandboxLoginUrl()}) and the
 * org's My Domain ({@link #myDomainUrl()}) are listeners of their own, and a refresh token works only at the host
 * that issued it (ADR 0036). Built on the JDK's HTTP server, not Micronaut, so that it can run inside LeadSync's JVM
 * (ADR 0011).
 */
public final class SalesforceSandbox implements AutoCloseable {

    public static final String CLIENT_ID = SalesforceOrg.CLIENT_ID;
    public static final String CLIENT_SECRET = SalesforceOrg.CLIENT_SECRET;
    public static final String ORG_NAME = SalesforceOrg.ORG_NAME;
    public static final String ORG_ID = SalesforceOrg.ORG_ID;

    private final SalesforceOrg org;
    private final SandboxListeners listeners;
    private final String baseUrl;
    private final LoginHosts hosts = new LoginHosts();
    private final PageLayouts layouts;
    private final String sandboxLoginUrl;
    private final String myDomainUrl;
    private final DataEndpoints data;
    private final BulkIngest bulk;
    private final WebToLead webToLead;
    private final ControlEndpoints control;
    private final SoapEndpoint soap;
    private final FaultPlan faults = new FaultPlan();
    private final SandboxDispatch dispatch;

    private SalesforceSandbox(int port, Clock clock, OrgProfile profile) throws IOException {
        this.org = new SalesforceOrg(clock, profile);
        this.bulk = new BulkIngest(org);
        this.layouts = new PageLayouts(org);
        this.data = new DataEndpoints(org, bulk, layouts);
        this.webToLead = new WebToLead(org);
        this.control = new ControlEndpoints(this);
        this.soap = new SoapEndpoint(new SoapOperations(org));
        this.dispatch = new SandboxDispatch(org, hosts, faults, data, webToLead, control, soap);
        this.listeners = new SandboxListeners(port, org, hosts, dispatch);
        this.baseUrl = listeners.baseUrl();
        hosts.production(baseUrl);
        org.baseUrl(baseUrl);
        this.sandboxLoginUrl = listeners.listen(LoginHosts.Role.SANDBOX_LOGIN);
        this.myDomainUrl = listeners.listen(LoginHosts.Role.MY_DOMAIN);
    }

    /** Starts the sandbox on {@code port} (0 picks a free port) with the system clock. */
    public static SalesforceSandbox start(int port) {
        return start(port, Clock.systemUTC());
    }

    /** Starts the sandbox with a clock of the caller's choice, so tests can move time instead of waiting. */
    public static SalesforceSandbox start(int port, Clock clock) {
        return start(port, clock, OrgProfile.ACME);
    }

    /**
     * A sandbox standing for another org than Acme Corp: named {@code orgName}, with an org id of its own, as when an
     * admin connects an integration to another company's org or to a sandbox org (which has its own id).
     */
    public static SalesforceSandbox startOrg(int port, String orgName) {
        return start(port, Clock.systemUTC(), OrgProfile.named(orgName));
    }

    private static SalesforceSandbox start(int port, Clock clock, OrgProfile profile) {
        try {
            return new SalesforceSandbox(port, clock, profile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Salesforce sandbox on port " + port, e);
        }
    }

    /** The org's id: {@link #ORG_ID} unless started for another org. */
    public String orgId() {
        return org.orgId();
    }

    public String orgName() {
        return org.orgName();
    }

    /**
     * The production login host (login.salesforce.com), the control API and, until the org moves, its instance, e.g.
     * {@code http://localhost:54321}.
     */
    public String baseUrl() {
        return baseUrl;
    }

    /** The sandbox-org login host (test.salesforce.com): authorize, token and revoke, on a port of its own. */
    public String sandboxLoginUrl() {
        return sandboxLoginUrl;
    }

    /**
     * The org's My Domain (acme.my.salesforce.com): a login host whose tokens name it as their instance, and the
     * org's REST API, wherever the org's instance is.
     */
    public String myDomainUrl() {
        return myDomainUrl;
    }

    /** Where the org's REST API lives now: {@link #baseUrl()} until {@link #moveInstance()}. */
    public String instanceUrl() {
        return hosts.instanceUrl();
    }

    /**
     * Moves the org to a new instance, as a Salesforce org migration does: tokens issued from now on name the new
     * {@code instance_url}, access tokens keep working there, and the old instance answers REST calls with 401
     * {@code INVALID_SESSION_ID} (the session is not found there), so a client refreshes and learns the new URL.
     * Browser pages on the old instance redirect (301) to the same path on the new one. Answers the new URL.
     */
    public String moveInstance() {
        try {
            String url = listeners.listen(LoginHosts.Role.INSTANCE);
            hosts.moveTo(url);
            org.baseUrl(url);
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a new instance listener", e);
        }
    }

    @Override
    public void close() {
        listeners.close(bulk::close);
    }

    // ---- control operations (also served under /__sandbox/) ---------------------------------------------------

    /** Back to the seeded org, with no faults and no latency. */
    public void reset() {
        faults.clear();
        org.reset();
        bulk.reset();
        hosts.reset();
        layouts.reset();
        org.baseUrl(baseUrl);
    }

    /**
     * The faults and latencies injected into calls to this sandbox (every path but the control API). Status faults
     * answer with Salesforce's error array for their kind; see {@link #injectFault}.
     */
    public FaultPlan faults() {
        return faults;
    }

    /**
     * Injects a fault into the next {@code times} calls whose path starts with {@code pathPrefix} ({@code null} or
     * {@code "any"}: every path) and whose method is {@code method} ({@code null}: any). {@code kind} is one of
     * {@code 500}/{@code UNKNOWN_EXCEPTION}, {@code 503}/{@code SERVER_UNAVAILABLE}, {@code 401}/{@code
     * INVALID_SESSION_ID}, {@code 403}/{@code REQUEST_LIMIT_EXCEEDED}, {@code UNABLE_TO_LOCK_ROW}; for a timeout use
     * {@link #injectTimeout}.
     */
    public void injectFault(String method, String pathPrefix, String kind, int times) {
        String name = kind.trim().toUpperCase(java.util.Locale.ROOT);
        Fault fault = SalesforceFaults.kind(name)
                .orElseThrow(() -> new IllegalArgumentException("unknown fault kind: " + kind));
        faults.inject(method, pathPrefix, fault, times);
    }

    /** The next {@code times} matching calls get no answer: the connection is held for {@code hold}, then closed. */
    public void injectTimeout(String method, String pathPrefix, Duration hold, int times) {
        faults.inject(method, pathPrefix, Fault.timeout(hold), times);
    }

    /** Adds {@code latency} to every call (zero removes it). */
    public void latency(Duration latency) {
        faults.latency(null, null, latency);
    }

    /** Adds {@code latency} to every call whose path starts with {@code pathPrefix}. */
    public void latency(String pathPrefix, Duration latency) {
        faults.latency(null, pathPrefix, latency);
    }

    /**
     * Web-to-Lead allowances: leads created per rolling 24 h (Salesforce: 500) and submissions allowed to wait for
     * the next window (Salesforce: 50,000); a pending limit of 0 drops everything past the daily one.
     */
    public void webToLeadLimits(int daily, int pending) {
        org.webToLead().limits(daily, pending);
    }

    /**
     * Turns the org's Lead assignment rule on or off. On at reset, as in a real org: REST writes without
     * {@code Sforce-Auto-Assign: FALSE} give their Leads to rep@acme.example, on create and on update.
     */
    public void leadAssignmentRule(boolean active) {
        org.leadAssignmentRule(active);
    }

    /**
     * Turns the org's standard Lead duplicate rule on or off (off at reset): on, a Lead created or edited with the
     * e-mail of another live Lead is refused with {@code DUPLICATES_DETECTED} naming the matches.
     */
    public void leadEmailDuplicateRule(boolean active) {
        org.leadEmailDuplicateRule(active);
    }

    /** {@code accepted}, {@code pending}, {@code dropped}, {@code rejected}, {@code createdLast24h} and the limits. */
    public Map<String, Object> webToLeadStats() {
        return toMap(org.webToLead().stats());
    }

    /**
     * Empties the Recycle Bin: deleted records vanish from queryAll and /deleted, and /deleted's
     * earliestDateAvailable becomes now, the signal that a client must resync.
     */
    public void emptyRecycleBin() {
        org.emptyRecycleBin();
    }

    public void clearFaults() {
        faults.clear();
    }

    /** Tokens for a seeded user without the browser dance, as {@code token_type, access_token, ...}. */
    public Map<String, Object> tokensFor(String username) {
        return toMap(mintTokens(username));
    }

    JsonNode mintTokens(String username) {
        return org.auth().mintTokens(username);
    }

    public void dailyApiRequests(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("\"dailyApiRequests\" must be 0 or more");
        }
        org.usage().dailyApiRequests(max);
    }

    /** Applies to tokens already issued too: a lifetime of 0 expires every access token at once. */
    public void tokenLifetime(Duration lifetime) {
        if (lifetime.isNegative()) {
            throw new IllegalArgumentException("\"seconds\" must be 0 or more");
        }
        org.auth().tokenLifetime(lifetime);
    }

    public void refreshTokenRotation(boolean enabled) {
        org.auth().refreshTokenRotation(enabled);
    }

    /** Adds a custom field; like a field created through the Tooling API, nobody can see it until granted. */
    public String addCustomField(String object, FieldDefinition field) {
        return org.addCustomField(object, field);
    }

    /** Field-level security for a custom field, as a permission set assigned to the user would grant it. */
    public void fieldAccess(String object, String field, String username, boolean read, boolean edit) {
        org.fieldAccess(object, field, username, read, edit);
    }

    /** Deletes the FieldPermissions rows that let the user see {@code Object.Field__c}; answers how many went. */
    public int revokeFieldAccess(String username, String fieldFullName) {
        return org.revokeFieldAccess(username, fieldFullName);
    }

    /** The user id ({@code 005...}, 18 characters) of a seeded user, e.g. for a PermissionSetAssignment. */
    public String userId(String username) {
        return org.auth().userByUsername(username).map(SandboxUser::id)
                .orElseThrow(() -> new IllegalArgumentException("no user " + username));
    }

    /** Username to user id for every user of the org. */
    public Map<String, String> userIds() {
        return org.auth().userIds();
    }

    /**
     * The fields each page layout of {@code object} shows, by layout name, in layout order: what a rep opening a
     * record sees.
     */
    public Map<String, List<String>> layoutFields(String object) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        layouts.fieldsOn(object).fields().forEachRemaining(entry -> {
            List<String> names = new java.util.ArrayList<>();
            entry.getValue().forEach(name -> names.add(name.asText()));
            fields.put(entry.getKey(), names);
        });
        return fields;
    }

    PageLayouts layouts() {
        return layouts;
    }

    /** Every live record of the object, every field, as JSON objects. */
    public List<Map<String, Object>> records(String object) {
        return org.allRecords(object, "62.0").stream().map(SalesforceSandbox::toMap).toList();
    }

    /**
     * A sales rep edits the record in Salesforce's UI (as {@code PATCH /__sandbox/salesforce/records/...}): the values
     * are validated and {@code LastModifiedDate}/{@code SystemModstamp} move; not an API call. Answers the record.
     */
    public Map<String, Object> editAsRep(String object, String id, Map<String, Object> fields) {
        return toMap(org.editAsRep(object, id, Json.MAPPER.valueToTree(fields), "62.0"));
    }

    /**
     * The sales rep converts the Lead in Salesforce's UI (as {@code POST /__sandbox/salesforce/leads/{id}/convert}):
     * a new Account from its company and a Contact, no Opportunity, the Lead read-only afterwards. Answers the
     * LeadConvertResult's ids ({@code leadId}, {@code contactId}, {@code accountId}), or throws with the reason.
     */
    public Map<String, String> convertAsRep(String leadId, String convertedStatus, String accountId) {
        SoapEndpoint.ConvertResult result = org.convertLeads(org.rep(), List.of(new SoapEndpoint.ConvertRequest(
                leadId, convertedStatus == null ? "Closed - Converted" : convertedStatus,
                java.util.Optional.ofNullable(accountId), java.util.Optional.empty(), true, false,
                java.util.Optional.empty()))).get(0);
        if (!result.errors().isEmpty()) {
            throw new IllegalArgumentException(result.errors().get(0).code() + ": " + result.errors().get(0).message());
        }
        return Map.of("leadId", result.leadId().orElseThrow(), "contactId", result.contactId().orElseThrow(),
                "accountId", result.accountId().orElseThrow());
    }

    /** The sales rep merges records in Salesforce's UI: the losers deleted, naming the master. */
    public Map<String, Object> mergeAsRep(String type, String masterId, List<String> mergeIds) {
        SoapEndpoint.MergeResult result = org.merge(org.rep(), List.of(new SoapEndpoint.MergeRequest(type,
                java.util.Optional.of(masterId), Map.of(), mergeIds))).get(0);
        if (!result.errors().isEmpty()) {
            throw new IllegalArgumentException(result.errors().get(0).code() + ": " + result.errors().get(0).message());
        }
        return Map.of("id", result.id().orElseThrow(), "mergedRecordIds", result.mergedRecordIds(),
                "updatedRelatedIds", result.updatedRelatedIds());
    }

    /** Every Bulk API 2.0 ingest job, oldest first, as the detailed JobInfo of {@code GET jobs/ingest/{id}}. */
    public List<Map<String, Object>> bulkJobs() {
        return bulk.jobs().stream().map(SalesforceSandbox::toMap).toList();
    }

    /**
     * How long after the close (UploadComplete) a Bulk job is processed. Zero (the default after a reset): before
     * the close call answers, so the next GET already sees JobComplete or Failed.
     */
    public void bulkProcessingDelay(Duration delay) {
        bulk.processingDelay(delay);
    }

    /** Whether a Bulk job accepts more than one PUT of data (default off: the second is refused). */
    public void bulkMultipleUploads(boolean allowed) {
        bulk.multipleUploads(allowed);
    }

    BulkIngest bulk() {
        return bulk;
    }

    /** Every access and refresh token the org still honours: what a client must never store or log in clear. */
    public java.util.Set<String> liveTokens() {
        return org.auth().liveTokens();
    }

    public Map<String, Long> callCounts() {
        return org.usage().callCounts();
    }

    SalesforceOrg org() {
        return org;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(JsonNode node) {
        return Json.MAPPER.convertValue(node, LinkedHashMap.class);
    }
}
