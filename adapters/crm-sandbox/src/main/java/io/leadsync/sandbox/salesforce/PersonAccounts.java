package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Person Accounts (B2C): off in a new org, as in Salesforce, where they are enabled on request and cannot be turned
 * off again. Enabled, the Account gets the person fields (FirstName, LastName, PersonEmail, PersonMailing...),
 * {@code IsPersonAccount}, {@code PersonContactId} and {@code RecordTypeId}; the org gets two Account record types,
 * {@code PersonAccount} ({@code IsPersonType = true}) and a business one (the default). An Account written with the
 * person record type is a person account: its Name is FirstName + LastName (giving Name is refused with Salesforce's
 * "bad field names on insert/update call: Name"), LastName is required, and a person contact (Contact with
 * {@code IsPersonAccount = true}) is kept in step with it. Business accounts refuse person fields. Sources:
 * sforce_api_guidelines_personaccounts.htm, Salesforce Help 000386207. Not thread-safe: {@link SalesforceOrg}'s lock.
 */
final class PersonAccounts {

    static final String PERSON_DEVELOPER_NAME = "PersonAccount";
    static final String BUSINESS_DEVELOPER_NAME = "Business_Account";
    /** Fields of a person that a business account refuses; Name is the one a person account refuses. */
    private static final List<String> PERSON_ONLY = List.of("FirstName", "LastName", "Salutation", "PersonEmail",
            "PersonTitle", "PersonMobilePhone", "PersonHomePhone", "PersonBirthdate", "PersonLeadSource",
            "PersonDepartment", "PersonMailingStreet", "PersonMailingCity", "PersonMailingState",
            "PersonMailingPostalCode", "PersonMailingCountry");
    /** Person-account field -> person-contact field, copied on every save. */
    private static final Map<String, String> TO_CONTACT = contactFields();

    private final OrgSchema schemas;
    private final Function<String, Map<String, ObjectNode>> tables;
    private final Function<String, String> nextId;
    private boolean enabled;
    private String personTypeId;
    private String businessTypeId;

    PersonAccounts(OrgSchema schemas, Function<String, Map<String, ObjectNode>> tables,
            Function<String, String> nextId) {
        this.schemas = schemas;
        this.tables = tables;
        this.nextId = nextId;
    }

    /** A reset org has no Person Accounts (the schema was rebuilt without the person fields). */
    void reset() {
        enabled = false;
        personTypeId = null;
        businessTypeId = null;
    }

    boolean enabled() {
        return enabled;
    }

    String personRecordTypeId() {
        return personTypeId;
    }

    /** Enables Person Accounts; enabling twice changes nothing (Salesforce cannot turn them off either). */
    void enable(String now) {
        if (enabled) {
            return;
        }
        SObjectSchema account = schemas.schema("Account");
        account.add(FieldDefinition.standard("RecordTypeId", "Account Record Type", "reference", 18)
                .withReferenceTo(List.of("RecordType")));
        account.add(FieldDefinition.readOnly("IsPersonAccount", "Is Person Account", "boolean", 0)
                .withNillable(false));
        account.add(FieldDefinition.readOnly("PersonContactId", "Person Contact ID", "reference", 18)
                .withReferenceTo(List.of("Contact")));
        account.add(FieldDefinition.standard("FirstName", "First Name", "string", 40));
        account.add(FieldDefinition.standard("LastName", "Last Name", "string", 80));
        account.add(FieldDefinition.standard("Salutation", "Salutation", "picklist", 40)
                .withPicklist(List.of("Mr.", "Ms.", "Mrs.", "Dr.", "Prof.")));
        account.add(FieldDefinition.standard("PersonEmail", "Email", "email", 80));
        account.add(FieldDefinition.standard("PersonTitle", "Title", "string", 80));
        account.add(FieldDefinition.standard("PersonMobilePhone", "Mobile", "phone", 40));
        account.add(FieldDefinition.standard("PersonHomePhone", "Home Phone", "phone", 40));
        account.add(FieldDefinition.standard("PersonBirthdate", "Birthdate", "date", 0));
        account.add(FieldDefinition.standard("PersonDepartment", "Department", "string", 80));
        account.add(FieldDefinition.standard("PersonLeadSource", "Lead Source", "picklist", 40)
                .withPicklist(List.of("Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other")));
        account.add(FieldDefinition.standard("PersonMailingStreet", "Mailing Street", "textarea", 255));
        account.add(FieldDefinition.standard("PersonMailingCity", "Mailing City", "string", 40));
        account.add(FieldDefinition.standard("PersonMailingState", "Mailing State/Province", "string", 80));
        account.add(FieldDefinition.standard("PersonMailingPostalCode", "Mailing Zip/Postal Code", "string", 20));
        account.add(FieldDefinition.standard("PersonMailingCountry", "Mailing Country", "string", 80));
        schemas.schema("Contact").add(FieldDefinition.readOnly("IsPersonAccount", "Is Person Account", "boolean", 0)
                .withNillable(false));
        businessTypeId = recordType(BUSINESS_DEVELOPER_NAME, "Business Account", false, now);
        personTypeId = recordType(PERSON_DEVELOPER_NAME, "Person Account", true, now);
        // Existing accounts stay business accounts of the default record type; existing contacts are not persons.
        tables.apply("Account").values().forEach(a -> {
            a.put("RecordTypeId", businessTypeId);
            a.put("IsPersonAccount", false);
        });
        tables.apply("Contact").values().forEach(c -> c.put("IsPersonAccount", false));
        enabled = true;
    }

    private String recordType(String developerName, String name, boolean person, String now) {
        ObjectNode row = Json.object();
        String id = nextId.apply("012");
        row.put("Id", id);
        row.put("Name", name);
        row.put("DeveloperName", developerName);
        row.put("SobjectType", "Account");
        row.put("IsPersonType", person);
        row.put("IsActive", true);
        row.put("Description", person ? "Individual customers (B2C)" : "Companies (B2B)");
        row.put("CreatedDate", now);
        row.put("LastModifiedDate", now);
        row.put("SystemModstamp", now);
        tables.apply("RecordType").put(id, row);
        return id;
    }

    /** The RecordType sObject: always queryable (a new org has no Account record types until it needs them). */
    static SObjectSchema recordTypeSchema() {
        return new SObjectSchema("RecordType", "Record Type", "012", List.of(
                FieldDefinition.readOnly("Id", "Record Type ID", "id", 18).withNillable(false),
                FieldDefinition.readOnly("Name", "Record Type Label", "string", 80),
                FieldDefinition.readOnly("DeveloperName", "Record Type Name", "string", 80),
                FieldDefinition.readOnly("SobjectType", "SObject Type Name", "picklist", 40),
                FieldDefinition.readOnly("IsPersonType", "Is Person Type", "boolean", 0).withNillable(false),
                FieldDefinition.readOnly("IsActive", "Active", "boolean", 0).withNillable(false),
                FieldDefinition.readOnly("Description", "Description", "string", 255),
                FieldDefinition.readOnly("CreatedDate", "Created Date", "datetime", 0),
                FieldDefinition.readOnly("LastModifiedDate", "Last Modified Date", "datetime", 0),
                FieldDefinition.readOnly("SystemModstamp", "System Modstamp", "datetime", 0)));
    }

    /**
     * Checks an Account write before the usual validation. Answers the errors (none: the write may go on) and, for a
     * new person account, puts its computed Name into {@code values} so the required-Name check passes.
     */
    List<ApiError> prepare(SObjectSchema schema, Map<String, JsonNode> values, ObjectNode stored) {
        if (!enabled || !"Account".equals(schema.name())) {
            return List.of();
        }
        JsonNode typeValue = values.get("RecordTypeId");
        String recordType = typeValue != null && !typeValue.isNull()
                ? SalesforceIds.normalise(typeValue.asText()) : stored != null
                ? stored.path("RecordTypeId").asText(businessTypeId) : businessTypeId;
        boolean person = personTypeId.equals(recordType);
        boolean wasPerson = stored != null && stored.path("IsPersonAccount").asBoolean();
        if (stored != null && person != wasPerson && values.size() > 1) {
            // Salesforce's answer when a change of record type between person and business carries other fields.
            return List.of(ApiError.of("INVALID_FIELD_FOR_INSERT_UPDATE", "Cannot specify any additional fields when"
                    + " marrying or separating a Person-Account", List.of("RecordTypeId")));
        }
        if (person && values.containsKey("Name")) {
            return List.of(ApiError.of("INVALID_FIELD", "Account: bad field names on insert/update call: Name",
                    List.of("Name")));
        }
        if (!person) {
            List<String> bad = PERSON_ONLY.stream().filter(values::containsKey).toList();
            return bad.isEmpty() ? List.of() : List.of(ApiError.of("INVALID_FIELD",
                    "Account: bad field names on insert/update call: " + String.join(", ", bad), bad));
        }
        JsonNode lastName = values.containsKey("LastName") ? values.get("LastName")
                : stored == null || !wasPerson ? null : stored.get("LastName");
        if (lastName == null || lastName.isNull() || lastName.asText().isBlank()) {
            return List.of(ApiError.of("REQUIRED_FIELD_MISSING", "Required fields are missing: [LastName]",
                    List.of("LastName")));
        }
        if (stored == null) {
            values.put("Name", TextNode.valueOf(fullName(values.get("FirstName"), lastName)));
        }
        return List.of();
    }

    /** After a saved Account write: the person flag, the computed Name and the person contact. */
    void saved(SObjectSchema schema, ObjectNode account, SandboxUser user, String now) {
        if (!enabled || !"Account".equals(schema.name())) {
            return;
        }
        if (!account.hasNonNull("RecordTypeId")) {
            account.put("RecordTypeId", businessTypeId);
        }
        boolean person = personTypeId.equals(account.get("RecordTypeId").asText());
        account.put("IsPersonAccount", person);
        if (!person) {
            return;
        }
        account.put("Name", fullName(account.get("FirstName"), account.get("LastName")));
        Map<String, ObjectNode> contacts = tables.apply("Contact");
        ObjectNode contact = account.hasNonNull("PersonContactId") ? contacts.get(account.get("PersonContactId")
                .asText()) : null;
        if (contact == null) {
            contact = Json.object();
            String id = nextId.apply("003");
            contact.put("Id", id);
            contact.put("IsDeleted", false);
            contact.put("HasOptedOutOfEmail", false);
            contact.put("DoNotCall", false);
            contact.put("CreatedById", user.id());
            contact.put("CreatedDate", now);
            contacts.put(id, contact);
            account.put("PersonContactId", id);
        }
        contact.put("AccountId", account.get("Id").asText());
        contact.put("IsPersonAccount", true);
        contact.set("OwnerId", account.get("OwnerId"));
        for (Map.Entry<String, String> copy : TO_CONTACT.entrySet()) {
            contact.set(copy.getValue(), account.hasNonNull(copy.getKey()) ? account.get(copy.getKey())
                    : Json.MAPPER.nullNode());
        }
        contact.put("Name", account.get("Name").asText());
        RecordStore.stamp(contact, user, now, true);
    }

    /** Describe of Account in a Person-Account org lists both record types; the business one is the default. */
    void decorate(SObjectSchema schema, ObjectNode describe, String version) {
        if (!enabled || !"Account".equals(schema.name())) {
            return;
        }
        ArrayNode infos = describe.putArray("recordTypeInfos");
        String base = "/services/data/v" + version + "/sobjects/Account/describe/layouts/";
        for (String id : List.of(businessTypeId, personTypeId, "012000000000000AAA")) {
            ObjectNode info = infos.addObject();
            boolean master = id.startsWith("012000000000000");
            info.put("active", true);
            info.put("available", !master);
            info.put("defaultRecordTypeMapping", id.equals(businessTypeId));
            info.put("developerName", master ? "Master" : id.equals(personTypeId) ? PERSON_DEVELOPER_NAME
                    : BUSINESS_DEVELOPER_NAME);
            info.put("master", master);
            info.put("name", master ? "Master" : id.equals(personTypeId) ? "Person Account" : "Business Account");
            info.put("recordTypeId", id);
            info.putObject("urls").put("layout", base + id);
        }
    }

    /**
     * What an endpoint's class or flow writes for a Lead-shaped input in a Person-Account org: the person fields of
     * the same meaning, the person record type, and no Company (a person account has none).
     */
    static ObjectNode fromLeadInput(ObjectNode input, String personTypeId) {
        ObjectNode account = Json.object();
        input.fields().forEachRemaining(entry -> {
            String name = LEAD_TO_PERSON.getOrDefault(entry.getKey(), entry.getKey());
            if (!name.isEmpty()) {
                account.set(name, entry.getValue());
            }
        });
        account.put("RecordTypeId", personTypeId);
        return account;
    }

    private static final Map<String, String> LEAD_TO_PERSON = Map.ofEntries(Map.entry("Company", ""),
            Map.entry("Email", "PersonEmail"), Map.entry("Title", "PersonTitle"),
            Map.entry("MobilePhone", "PersonMobilePhone"), Map.entry("LeadSource", "PersonLeadSource"),
            Map.entry("Street", "PersonMailingStreet"), Map.entry("City", "PersonMailingCity"),
            Map.entry("State", "PersonMailingState"), Map.entry("PostalCode", "PersonMailingPostalCode"),
            Map.entry("Country", "PersonMailingCountry"));

    static boolean personField(String name) {
        return PERSON_ONLY.contains(name) || Set.of("IsPersonAccount", "PersonContactId").contains(name);
    }

    private static String fullName(JsonNode first, JsonNode last) {
        String given = first == null || first.isNull() ? "" : first.asText() + " ";
        return (given + (last == null || last.isNull() ? "" : last.asText())).trim();
    }

    private static Map<String, String> contactFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("FirstName", "FirstName");
        fields.put("LastName", "LastName");
        fields.put("Salutation", "Salutation");
        fields.put("PersonEmail", "Email");
        fields.put("PersonTitle", "Title");
        fields.put("PersonMobilePhone", "MobilePhone");
        fields.put("PersonHomePhone", "HomePhone");
        fields.put("PersonBirthdate", "Birthdate");
        fields.put("PersonDepartment", "Department");
        fields.put("PersonLeadSource", "LeadSource");
        fields.put("PersonMailingStreet", "MailingStreet");
        fields.put("PersonMailingCity", "MailingCity");
        fields.put("PersonMailingState", "MailingState");
        fields.put("PersonMailingPostalCode", "MailingPostalCode");
        fields.put("PersonMailingCountry", "MailingCountry");
        return fields;
    }
}
