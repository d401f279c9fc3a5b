package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.salesforce.soql.SoqlQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox org "Acme Corp". Users and OAuth ({@link OrgAuth}), the API allowance ({@link ApiUsage}) and the
 * Web-to-Lead queue ({@link WebToLeadQueue}) keep their own locks. Schema, setup objects and records are one piece
 * of state behind this object's lock: every data operation below holds it, which keeps the sandbox simple and makes
 * an allOrNone collection atomic; the classes behind it ({@link OrgSchema}, {@link ToolingFields},
 * {@link RecordStore}, {@link RecordWrites}, {@link CollectionWrites}, {@link BulkWrites}, {@link RecordFeed},
 * {@link RecordQuery}) are not thread-safe and are only called from here. Lock order: Web-to-Lead queue, then this
 * object, then auth; never the other way round. The sandbox is not meant to be fast under contention.
 */
final class SalesforceOrg {

    static final String ORG_NAME = OrgProfile.ACME.name();
    static final String CLIENT_ID = "leadsync-sandbox";
    static final String CLIENT_SECRET = "sandbox-secret";
    static final String ORG_ID = OrgProfile.ACME.id();
    /** Digest section 14: "The e-mail format is not validated." Easy to flip if that reading turns out wrong. */
    static final boolean WEB_TO_LEAD_CHECKS_EMAIL = false;

    private final Clock clock;
    private final OrgProfile profile;
    private volatile String baseUrl = "http://localhost";
    private final IdSequence ids = new IdSequence();
    private final OrgAuth auth;
    private final ApiUsage usage;
    private final WebToLeadQueue webToLead;
    private final OrgSchema schemas;
    private final ToolingFields tooling;
    private final DuplicateRules duplicateRules = new DuplicateRules();
    private final ValidationRules validationRules = new ValidationRules();
    private final AssignmentRules assignmentRules = new AssignmentRules();
    private final RecordStore store;
    private final LeadConversions conversions;
    private final RecordFeed feed;
    private final RecordWrites writes;
    private final CollectionWrites collections;
    private final BulkWrites bulk;
    private final RecordQuery queries;
    private final PersonAccounts personAccounts;

    SalesforceOrg(Clock clock) {
        this(clock, OrgProfile.ACME);
    }

    SalesforceOrg(Clock clock, OrgProfile profile) {
        this.clock = clock;
        this.profile = profile;
        this.auth = new OrgAuth(clock, this::baseUrl, profile);
        this.usage = new ApiUsage(clock);
        this.webToLead = new WebToLeadQueue(clock, this::saveWebToLead);
        this.schemas = new OrgSchema(auth, ids::next, () -> SalesforceTime.format(now()));
        this.tooling = new ToolingFields(schemas, ids::next, () -> SalesforceTime.format(now()));
        this.store = new RecordStore(schemas, ids, clock, duplicateRules, validationRules, assignmentRules);
        this.personAccounts = new PersonAccounts(schemas, store::table, ids::next);
        store.personAccounts(personAccounts);
        this.feed = new RecordFeed(schemas, store, clock);
        this.writes = new RecordWrites(auth, schemas, store, clock);
        this.collections = new CollectionWrites(schemas, store, writes, clock);
        this.bulk = new BulkWrites(schemas, store, writes);
        this.queries = new RecordQuery(schemas, store, feed, auth, assignmentRules, profile);
        this.conversions = new LeadConversions(new OrgRecordStore(OrgRecordStore.of(store::table, ids::next,
                schemas::schema, clock::instant, () -> List.copyOf(store.table("LeadStatus").values()),
                (user, object, record, values) -> RecordValidator.validate(schemas.schema(object),
                        schemas.editable(schemas.schema(object), user), values, record))));
        reset();
    }

    /** The org's 18-character id ({@code 00D...}). */
    String orgId() {
        return profile.id();
    }

    String orgName() {
        return profile.name();
    }

    void baseUrl(String url) {
        this.baseUrl = url;
    }

    String baseUrl() {
        return baseUrl;
    }

    Instant now() {
        return clock.instant();
    }

    Clock clock() {
        return clock;
    }

    OrgAuth auth() {
        return auth;
    }

    ApiUsage usage() {
        return usage;
    }

    WebToLeadQueue webToLead() {
        return webToLead;
    }

    /** Back to the seeded org: two users, the standard schema, no records, no tokens, fresh limits. */
    void reset() {
        webToLead.reset();
        usage.reset();
        synchronized (this) {
            ids.reset();
            auth.reset(ids);
            tooling.reset();
            schemas.reset(auth.users());
            store.reset();
            personAccounts.reset();
            seedLeadStatuses();
            feed.reset();
            duplicateRules.active(true);
            validationRules.reset();
            assignmentRules.reset(ids.next("01Q"), auth.userByUsername("rep@acme.example").orElseThrow().id());
        }
    }

    // ---- schema, field-level security, setup objects, Tooling CustomField ------------------------------------

    synchronized SObjectSchema schema(String object) {
        return schemas.schema(object);
    }

    synchronized ObjectNode describe(SandboxUser user, String object, String version) {
        ObjectNode describe = schemas.describe(user, object, version);
        validationRules.decorate(schemas.schema(object), describe);
        personAccounts.decorate(schemas.schema(object), describe, version);
        return describe;
    }

    /** Enables Person Accounts (control API); off in a new org, as Salesforce enables them on request. */
    synchronized void enablePersonAccounts() {
        personAccounts.enable(SalesforceTime.format(now()));
    }

    synchronized boolean personAccountsEnabled() {
        return personAccounts.enabled();
    }

    /** The PersonAccount record type's id, or null when the org has no Person Accounts. */
    synchronized String personRecordTypeId() {
        return personAccounts.personRecordTypeId();
    }

    synchronized String addCustomField(String object, FieldDefinition field) {
        return tooling.addCustomField(object, field);
    }

    synchronized String createCustomField(SandboxUser user, JsonNode body) {
        return tooling.createCustomField(user, body);
    }

    synchronized ObjectNode customField(SandboxUser user, String id, String version) {
        return tooling.customField(user, id, version);
    }

    synchronized List<ObjectNode> toolingQuery(SandboxUser user, SoqlQuery query, String version) {
        return tooling.toolingQuery(user, query, version);
    }

    synchronized List<ObjectNode> customFieldRows() {
        return tooling.customFieldRows();
    }

    synchronized void fieldAccess(String object, String fieldName, String username, boolean read, boolean edit) {
        schemas.fieldAccess(object, fieldName, username, read, edit);
    }

    synchronized int revokeFieldAccess(String username, String fieldFullName) {
        return schemas.revokeFieldAccess(username, fieldFullName);
    }

    synchronized ObjectNode permissions(String version) {
        return schemas.permissions(version);
    }

    synchronized String createSetupObject(SandboxUser user, String type, JsonNode body) {
        return schemas.createSetupObject(user, type, body);
    }

    synchronized ObjectNode readSetupObject(SandboxUser user, String type, String id, List<String> fields,
            String version) {
        return schemas.readSetupObject(user, type, id, fields, version);
    }

    synchronized void updateSetupObject(SandboxUser user, String type, String id, JsonNode body) {
        schemas.updateSetupObject(user, type, id, body);
    }

    synchronized void deleteSetupObject(SandboxUser user, String type, String id) {
        schemas.deleteSetupObject(user, type, id);
    }

    synchronized List<ObjectNode> setupRows(String type) {
        return schemas.setupRows(type);
    }

    // ---- records ---------------------------------------------------------------------------------------------

    synchronized ObjectNode read(SandboxUser user, String object, String id, List<String> fieldNames,
            String version) {
        return store.read(user, object, id, fieldNames, version);
    }

    synchronized SaveResult create(SandboxUser user, String object, JsonNode body) {
        return writes.create(user, object, body);
    }

    synchronized void update(SandboxUser user, String object, String id, JsonNode body) {
        writes.update(user, object, id, body);
    }

    synchronized void delete(SandboxUser user, String object, String id) {
        writes.delete(user, object, id);
    }

    synchronized UpsertResult upsert(SandboxUser user, String object, String fieldName, String value,
            JsonNode body, boolean updateOnly) {
        return writes.upsert(user, object, fieldName, value, body, updateOnly);
    }

    synchronized ArrayNode upsertCollection(SandboxUser user, String object, String fieldName, List<JsonNode> rows,
            boolean allOrNone, boolean locked) {
        return collections.upsertCollection(user, object, fieldName, rows, allOrNone, locked);
    }

    synchronized ArrayNode saveCollection(SandboxUser user, List<JsonNode> rows, boolean update, boolean allOrNone,
            boolean locked) {
        return collections.saveCollection(user, rows, update, allOrNone, locked);
    }

    synchronized ArrayNode deleteCollection(SandboxUser user, List<String> ids, boolean allOrNone, boolean locked) {
        return collections.deleteCollection(user, ids, allOrNone, locked);
    }

    synchronized ArrayNode retrieveCollection(SandboxUser user, String object, List<String> ids,
            List<String> fieldNames, String version) {
        return collections.retrieveCollection(user, object, ids, fieldNames, version);
    }

    synchronized ObjectNode updated(SandboxUser user, String object, Replication window) {
        return feed.updated(user, object, window);
    }

    synchronized ObjectNode deleted(SandboxUser user, String object, Replication window) {
        return feed.deleted(user, object, window);
    }

    synchronized void emptyRecycleBin() {
        feed.emptyRecycleBin();
    }

    synchronized List<ObjectNode> query(SandboxUser user, SoqlQuery query, boolean includeDeleted, String version) {
        return queries.query(user, query, includeDeleted, version);
    }

    /** The admin's validation rules and picklist settings (control API). */
    synchronized <T> T validationRules(java.util.function.Function<ValidationRules, T> work) {
        return work.apply(validationRules);
    }

    /** Turns the standard duplicate rules on or off (on at reset: a new org has them active). */
    synchronized void duplicateRules(boolean active) {
        duplicateRules.active(active);
    }

    synchronized boolean duplicateRules() {
        return duplicateRules.active();
    }

    /** Turns the Lead assignment rule on or off (on at reset: a real org routes new leads to reps). */
    synchronized void leadAssignmentRule(boolean active) {
        assignmentRules.active(active);
    }

    synchronized ObjectNode leadAssignmentRule() {
        ObjectNode body = Json.object();
        assignmentRules.row().forEach((k, v) -> body.set(k, Json.MAPPER.valueToTree(v)));
        body.put("assigneeUsername", "rep@acme.example");
        return body;
    }

    // ---- Bulk API 2.0 ingest (BulkIngest calls these, one internal batch at a time) ---------------------------

    synchronized String bulkObject(String object) {
        return bulk.bulkObject(object);
    }

    synchronized Optional<String> bulkExternalIdField(SandboxUser user, String object, String fieldName) {
        return bulk.bulkExternalIdField(user, object, fieldName);
    }

    synchronized List<String> bulkUnknownColumns(SandboxUser user, String object, List<String> columns) {
        return bulk.bulkUnknownColumns(user, object, columns);
    }

    synchronized List<SaveResult> bulkBatch(SandboxUser user, String object, String operation,
            String externalIdFieldName, String assignmentRuleId, List<ObjectNode> rows, boolean locked) {
        // Bulk jobs run no assignment rule unless the job names one (assignmentRuleId), applied to created rows.
        // Bulk has no duplicate rule header: an alert refuses the row; rows of one batch are not matched together.
        return DuplicateRuleHeader.during(DuplicateRuleHeader.bulk(), () -> AutoAssign.during(
                AutoAssign.rule(assignmentRuleId),
                () -> bulk.bulkBatch(user, object, operation, externalIdFieldName, rows, locked)));
    }

    // ---- Web-to-Lead -----------------------------------------------------------------------------------------

    /** A form post for this org: its Lead fields are read under the org's lock, then queued (outside it). */
    void submitWebToLead(Map<String, String> form) {
        ObjectNode fields;
        synchronized (this) {
            fields = WebToLead.fields(schemas.schema("Lead"), form, tooling::customFieldName);
        }
        webToLead.submit(fields);
    }

    /** Creates one Web-to-Lead lead as the default lead creator: no field-level security, no e-mail check. */
    private synchronized boolean saveWebToLead(ObjectNode fields) {
        SObjectSchema lead = schemas.schema("Lead");
        SandboxUser defaultLeadCreator = auth.userByUsername("admin@acme.example").orElseThrow();
        try {
            Map<String, JsonNode> values = RecordValidator.columns(lead, f -> true, fields, List.of());
            // Web-to-Lead leads go through the active Lead assignment rule, as in Salesforce.
            return AutoAssign.during(AutoAssign.ACTIVE, () -> store.save(lead, defaultLeadCreator, values, null,
                    f -> true, WEB_TO_LEAD_CHECKS_EMAIL)).success();
        } catch (ApiException e) {
            return false;
        }
    }

    // ---- control API -----------------------------------------------------------------------------------------

    /** Every live record with every field, whatever the field-level security (waiting Web-to-Lead leads first). */
    List<ObjectNode> allRecords(String object, String version) {
        webToLead.process();
        synchronized (this) {
            return store.allRecords(object, version);
        }
    }

    /** An edit made in the Salesforce UI by the sales rep: the usual validation, no field-level security. */
    synchronized ObjectNode editAsRep(String object, String id, JsonNode body, String version) {
        return writes.editAsRep(object, id, body, version);
    }

    // ---- lead conversion and merge (SOAP convertLead and merge, and a rep doing them in the UI) ------------------

    /** The standard Lead statuses of a new org; one converts. */
    private void seedLeadStatuses() {
        int order = 1;
        String now = SalesforceTime.format(now());
        for (String[] status : LeadConversions.defaultStatuses()) {
            ObjectNode row = Json.object();
            String id = ids.next("01J");
            row.put("Id", id);
            row.put("IsDeleted", false);
            row.put("MasterLabel", status[0]);
            row.put("ApiName", status[0]);
            row.put("SortOrder", order++);
            row.put("IsConverted", Boolean.parseBoolean(status[1]));
            row.put("IsDefault", Boolean.parseBoolean(status[2]));
            row.put("CreatedDate", now);
            row.put("LastModifiedDate", now);
            row.put("SystemModstamp", now);
            store.table("LeadStatus").put(id, row);
        }
    }

    /** SOAP {@code convertLead}: one result per request, in order; each request stands or fails alone. */
    synchronized List<SoapEndpoint.ConvertResult> convertLeads(SandboxUser user,
            List<SoapEndpoint.ConvertRequest> requests) {
        return requests.stream().map(request -> conversions.convert(user, request)).toList();
    }

    /** SOAP {@code merge}: one result per request, in order. */
    synchronized List<SoapEndpoint.MergeResult> merge(SandboxUser user, List<SoapEndpoint.MergeRequest> requests) {
        return requests.stream().map(request -> conversions.merge(user, request)).toList();
    }

    /** The sales rep (rep@acme.example) doing it in Salesforce's UI: the same operations, not an API call. */
    synchronized SandboxUser rep() {
        return auth.users().stream().filter(u -> u.username().equals("rep@acme.example")).findFirst().orElseThrow();
    }
}
