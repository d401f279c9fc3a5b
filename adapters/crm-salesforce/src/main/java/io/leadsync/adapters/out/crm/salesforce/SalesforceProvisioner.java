package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.application.port.out.AccessTokenRejectedException;
import io.leadsync.application.port.out.CrmProvisioner;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.Readiness;
import io.leadsync.domain.crm.TargetObject;
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.lead.LeadField;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Provisions a Salesforce org for a connection (ARCHITECTURE.md section 3, SALESFORCE.md sections 8 to 10): creates the
 * mapping's custom fields through the Tooling API, grants Read and Edit on them through a dedicated permission set
 * assigned to the connected user, then checks with describe, as that user, that every mapped field is present,
 * writable and of a fitting type. Every step first looks at what exists, so running it again is safe.
 */
@Singleton
@Requires(beans = SalesforceSettings.class)
final class SalesforceProvisioner implements CrmProvisioner {
    static final String PERMISSION_SET = "LeadSync_Integration";
    /** What Salesforce answers when the user lacks the right; either code means "not an administrator". */
    private static final Set<String> NO_ACCESS = Set.of("INSUFFICIENT_ACCESS", "INSUFFICIENT_ACCESS_OR_READONLY",
            "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY");
    /** Where LeadSync's fields go: the Lead, and the Contact a rep may convert it into. */
    static final List<String> OBJECTS = List.of("Lead", "Contact");
    private static final Set<String> ALREADY_EXISTS = Set.of("DUPLICATE_VALUE", "DUPLICATE_DEVELOPER_NAME");

    private final SalesforceSettings settings;
    private final SalesforceHttp http;
    private final SalesforcePageLayouts layouts;

    SalesforceProvisioner(SalesforceSettings settings, SalesforceHttp http) {
        this.settings = settings;
        this.http = http;
        this.layouts = new SalesforcePageLayouts(settings, http);
    }

    @Override
    public CrmKind kind() {
        return CrmKind.SALESFORCE;
    }

    /** Calls made before a failure are not counted; the refused call is, by the caller. */
    @Override
    public Provisioned provisionCounting(CrmSession session) {
        return provisionCounting(session, false);
    }

    /**
     * Provisioning, then the page layouts of each object the fields were made on: once every field is ready, the
     * layouts that hide a mapped custom field are named (advice), after adding the fields to them when
     * {@code placeOnPageLayouts}.
     */
    @Override
    public Provisioned provisionCounting(CrmSession session, boolean placeOnPageLayouts) {
        int before = http.callsOnThisThread();
        Readiness readiness = provision(session);
        if (readiness.isReady()) {
            // Every object LeadSync's fields were made on has layouts reps read them on: the Lead's and the Contact's
            // a rep converts it into, or for a Contact target the Contact's and its Account's.
            List<Readiness.Problem> problems = new ArrayList<>(readiness.problems());
            customFields(session).forEach((object, fields) -> problems.addAll(layouts.check(session, object,
                    fields.stream().map(FieldMapping::fieldName).distinct().toList(), placeOnPageLayouts)));
            readiness = new Readiness(problems);
        }
        return new Provisioned(readiness, http.callsOnThisThread() - before);
    }

    @Override
    public Readiness provision(CrmSession session) {
        List<Readiness.Problem> problems = new ArrayList<>();
        Map<String, List<FieldMapping>> custom = customFields(session);
        for (Map.Entry<String, List<FieldMapping>> object : custom.entrySet()) {
            Map<String, JsonNode> visible = describe(session, object.getKey());
            for (FieldMapping mapping : object.getValue()) {
                if (!visible.containsKey(mapping.fieldName())) {
                    createField(session, object.getKey(), mapping).ifPresent(problems::add);
                }
            }
        }
        if (problems.isEmpty()) {
            grantAccess(session, custom).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            return new Readiness(problems);
        }
        return verify(session);
    }

    /**
     * The custom fields to create, by object. A Lead target's go on the Lead and on the Contact as well: when a rep
     * converts a lead, LeadSync writes the lead to its Contact. A Contact target's go on the Contact, and its
     * {@code Account.} fields on the Account.
     */
    static Map<String, List<FieldMapping>> customFields(CrmSession session) {
        Map<String, List<FieldMapping>> byObject = new LinkedHashMap<>();
        for (FieldMapping mapping : session.mappings()) {
            if (!mapping.fieldName().endsWith("__c")) {
                continue;
            }
            // A Person Account target's fields go on the Account: every Account field is a person account's too,
            // and LeadSync's upsert goes by its external id on the Account (ADR 0082).
            List<String> objects = session.target() == TargetObject.CONTACT
                    ? List.of(mapping.onAccount() ? "Account" : "Contact")
                    : session.target() == TargetObject.PERSON_ACCOUNT ? List.of("Account") : OBJECTS;
            objects.forEach(object -> byObject.computeIfAbsent(object, k -> new ArrayList<>()).add(mapping));
        }
        return byObject;
    }

    /** The object a mapping's field lives on, as the readiness check reads it. */
    private static String objectOf(CrmSession session, FieldMapping mapping) {
        return session.target() == TargetObject.CONTACT ? (mapping.onAccount() ? "Account" : "Contact")
                : session.target() == TargetObject.PERSON_ACCOUNT ? "Account" : "Lead";
    }

    @Override
    public Readiness verify(CrmSession session) {
        Map<String, Map<String, JsonNode>> described = new HashMap<>();
        String user = session.identity().userEmail();
        List<Readiness.Problem> problems = new ArrayList<>();
        for (FieldMapping mapping : session.mappings()) {
            String object = objectOf(session, mapping);
            Map<String, JsonNode> visible = described.computeIfAbsent(object, o -> describe(session, o));
            String name = mapping.fieldName();
            JsonNode field = visible.get(name);
            String grant = "in Setup, give " + user + " Read and Edit on " + object + "." + name
                    + " (LeadSync's permission set " + PERMISSION_SET + " does this), or choose Provision again";
            if (field == null) {
                problems.add(new Readiness.Problem(Readiness.Kind.MISSING, mapping.crmField(),
                        "does not exist on " + object + " or " + user + " cannot see it", grant));
                continue;
            }
            String type = SalesforceAuthorization.text(field, "type").orElse("");
            if (!SalesforceFieldMetadata.holds(type, mapping.appField())) {
                problems.add(new Readiness.Problem(Readiness.Kind.WRONG_TYPE, mapping.crmField(), "is of type " + type
                        + ", which cannot hold " + mapping.appField().apiName(),
                        "map " + mapping.appField().apiName() + " to a field of a fitting type"));
            }
            SyncDirection direction = mapping.direction();
            if (direction.allowsPush() && !flag(field, "updateable") && !(mapping.onAccount() && flag(field, "createable"))) {
                problems.add(new Readiness.Problem(Readiness.Kind.NOT_WRITABLE, mapping.crmField(),
                        user + " cannot edit it", grant));
            }
            if (mapping.appField() == LeadField.LEAD_ID && !flag(field, "externalId")) {
                problems.add(new Readiness.Problem(Readiness.Kind.NOT_EXTERNAL_ID, mapping.crmField(),
                        "is not an External ID, so upserts cannot match records by LeadSync's lead id",
                        "in Setup, edit " + object + "." + name + " and tick External ID and Unique"));
            }
        }
        return new Readiness(problems);
    }

    private Optional<Readiness.Problem> createField(CrmSession session, String object, FieldMapping mapping) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("FullName", object + "." + mapping.fieldName());
        body.put("Metadata", SalesforceFieldMetadata.metadata(mapping.appField(),
                SalesforceFieldMetadata.label(mapping.fieldName()), mapping.appField() == LeadField.LEAD_ID));
        SalesforceHttp.Response response = http.postJson(uri(session, "/tooling/sobjects/CustomField"),
                session.tokens().accessToken(), json(body));
        if (response.ok()) {
            return Optional.empty();
        }
        check(response);
        String code = SalesforceErrors.code(response);
        if (ALREADY_EXISTS.contains(code)) {
            // It exists but this user cannot see it yet: the permission set below makes it visible.
            return Optional.empty();
        }
        if (NO_ACCESS.contains(code) || response.status() == 403) {
            return Optional.of(noAccess(session, "create custom fields", "Customize Application", response));
        }
        return Optional.of(new Readiness.Problem(Readiness.Kind.MISSING, object.equals("Lead") ? mapping.crmField()
                : object + "." + mapping.fieldName(), "could not be created: " + SalesforceErrors.describe(response),
                "create " + object + "." + mapping.fieldName() + " in Setup, or fix the cause and choose Provision again"));
    }

    /** The permission set, Read and Edit on every custom field, and its assignment to the connected user. */
    private Optional<Readiness.Problem> grantAccess(CrmSession session, Map<String, List<FieldMapping>> custom) {
        String userId = session.identity().userId().orElse(null);
        if (userId == null) {
            return Optional.of(new Readiness.Problem(Readiness.Kind.MISSING_PERMISSION, PERMISSION_SET,
                    "the connected user's Salesforce id is unknown", "connect again"));
        }
        String token = session.tokens().accessToken();
        List<JsonNode> sets = query(session, "SELECT Id FROM PermissionSet WHERE Name = '" + PERMISSION_SET + "'");
        String permissionSetId;
        if (sets.isEmpty()) {
            SalesforceHttp.Response created = http.postJson(uri(session, "/sobjects/PermissionSet"), token, json(Map.of(
                    "Name", PERMISSION_SET, "Label", "LeadSync Integration",
                    "Description", "Read and Edit on the Lead and Contact fields LeadSync syncs")));
            if (!created.ok()) {
                return Optional.of(refusal(session, "create permission sets", created));
            }
            permissionSetId = created.body().get("id").getStringValue();
        } else {
            permissionSetId = sets.get(0).get("Id").getStringValue();
        }
        Map<String, JsonNode> granted = new HashMap<>();
        for (String object : custom.keySet()) {
            for (JsonNode row : query(session, "SELECT Id, Field, PermissionsRead, PermissionsEdit FROM "
                    + "FieldPermissions WHERE ParentId = '" + permissionSetId + "' AND SobjectType = '" + object + "'")) {
                granted.put(row.get("Field").getStringValue(), row);
            }
        }
        for (String[] objectAndField : custom.entrySet().stream().flatMap(entry -> entry.getValue().stream()
                .map(mapping -> new String[] {entry.getKey(), mapping.fieldName()})).toList()) {
            String object = objectAndField[0];
            String field = object + "." + objectAndField[1];
            JsonNode row = granted.get(field);
            SalesforceHttp.Response response = null;
            if (row == null) {
                response = http.postJson(uri(session, "/sobjects/FieldPermissions"), token, json(Map.of(
                        "ParentId", permissionSetId, "SobjectType", object, "Field", field,
                        "PermissionsRead", true, "PermissionsEdit", true)));
            } else if (!flag(row, "PermissionsRead") || !flag(row, "PermissionsEdit")) {
                response = http.patchJson(uri(session, "/sobjects/FieldPermissions/" + row.get("Id").getStringValue()),
                        token, json(Map.of("PermissionsRead", true, "PermissionsEdit", true)));
            }
            if (response != null && !response.ok()) {
                return Optional.of(refusal(session, "grant field access", response));
            }
        }
        List<JsonNode> assigned = query(session, "SELECT Id FROM PermissionSetAssignment WHERE PermissionSetId = '"
                + permissionSetId + "' AND AssigneeId = '" + userId + "'");
        if (assigned.isEmpty()) {
            SalesforceHttp.Response response = http.postJson(uri(session, "/sobjects/PermissionSetAssignment"), token,
                    json(Map.of("AssigneeId", userId, "PermissionSetId", permissionSetId)));
            if (!response.ok() && !ALREADY_EXISTS.contains(SalesforceErrors.code(response))) {
                return Optional.of(refusal(session, "assign permission sets", response));
            }
        }
        return Optional.empty();
    }

    private Readiness.Problem refusal(CrmSession session, String what, SalesforceHttp.Response response) {
        check(response);
        return noAccess(session, what, "Manage Users", response);
    }

    private Readiness.Problem noAccess(CrmSession session, String what, String permission,
                                       SalesforceHttp.Response response) {
        return new Readiness.Problem(Readiness.Kind.MISSING_PERMISSION, "Lead",
                session.identity().userEmail() + " may not " + what + " (Salesforce: "
                        + SalesforceErrors.describe(response) + ")",
                "connect as a System Administrator, or give " + session.identity().userEmail() + " the '"
                        + permission + "' permission, then choose Provision again");
    }

    /**
     * Describe of the object leads are written as (Lead, or Contact and its Account), as the connected user: each
     * visible field with its label and type, and the LeadSync fields that type holds (the readiness rule).
     */
    /** Lead and Contact always; Person Account where the org has a person record type the user can create. */
    @Override
    public TargetObjects targetObjects(CrmSession session) {
        SalesforcePersonTypes.Found person = SalesforcePersonTypes.find(http, session,
                session.identity().instanceUrl().orElseThrow() + "/services/data/" + settings.apiVersion());
        return new TargetObjects(person.recordTypeId().isPresent()
                ? java.util.EnumSet.allOf(TargetObject.class) : java.util.EnumSet.of(TargetObject.LEAD,
                TargetObject.CONTACT), person.calls());
    }

    @Override
    public Fields fields(CrmSession session) {
        List<CrmField> fields = new ArrayList<>();
        List<String> objects = session.target() == TargetObject.CONTACT ? List.of("Contact", "Account")
                : session.target() == TargetObject.PERSON_ACCOUNT ? List.of("Account") : List.of("Lead");
        for (String object : objects) {
            // A person account's fields are its own (no "Account." prefix); a Contact target's Account is another's.
            String prefix = object.equals("Account") && session.target() == TargetObject.CONTACT ? "Account." : "";
            for (JsonNode field : describe(session, object).values()) {
                String type = SalesforceAuthorization.text(field, "type").orElse("");
                Set<LeadField> holds = java.util.EnumSet.noneOf(LeadField.class);
                for (LeadField each : LeadField.values()) {
                    if (SalesforceFieldMetadata.holds(type, each)) {
                        holds.add(each);
                    }
                }
                fields.add(new CrmField(prefix + field.get("name").getStringValue(),
                        (prefix.isEmpty() ? "" : "Account: ") + SalesforceAuthorization.text(field, "label")
                                .orElse(field.get("name").getStringValue()), type,
                        flag(field, "updateable") || flag(field, "createable"), holds));
            }
        }
        return new Fields(fields, objects.size());
    }

    /** Describe of {@code object} as the connected user: the fields it can see, by name. */
    private Map<String, JsonNode> describe(CrmSession session, String object) {
        SalesforceHttp.Response response = http.get(uri(session, "/sobjects/" + object + "/describe"),
                session.tokens().accessToken());
        check(response);
        if (!response.ok() || response.body() == null || response.body().get("fields") == null) {
            throw new CrmUnavailableException("Salesforce's " + object + " describe answered " + response.status() + ": "
                    + SalesforceErrors.describe(response));
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (JsonNode field : response.body().get("fields").values()) {
            fields.put(field.get("name").getStringValue(), field);
        }
        return fields;
    }

    private List<JsonNode> query(CrmSession session, String soql) {
        SalesforceHttp.Response response = http.get(uri(session, "/query?q=" + SalesforceHttp.encode(soql)),
                session.tokens().accessToken());
        check(response);
        if (!response.ok() || response.body() == null) {
            throw new CrmUnavailableException("Salesforce's query answered " + response.status() + ": "
                    + SalesforceErrors.describe(response));
        }
        List<JsonNode> records = new ArrayList<>();
        response.body().get("records").values().forEach(records::add);
        return records;
    }

    /** A refused token or a failing Salesforce ends the step; the caller refreshes or retries. */
    private static void check(SalesforceHttp.Response response) {
        if (response.status() == 401) {
            throw new AccessTokenRejectedException(SalesforceErrors.describe(response));
        }
        if (response.status() >= 500) {
            throw new CrmUnavailableException("Salesforce answered " + response.status());
        }
    }

    private URI uri(CrmSession session, String path) {
        return URI.create(session.identity().instanceUrl().orElseThrow() + "/services/data/" + settings.apiVersion() + path);
    }

    private static boolean flag(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isBoolean() && value.getBooleanValue();
    }

    private static String json(Object value) {
        try {
            return ObjectMapper.getDefault().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
