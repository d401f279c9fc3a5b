package io.leadsync.sandbox.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The field registry of one sObject type: the standard fields seeded at reset and the custom fields added since.
 * Salesforce matches field names case-insensitively, so lookups do too.
 */
final class SObjectSchema {

    private final String name;
    private final String label;
    private final String keyPrefix;
    private final Map<String, FieldDefinition> fields = new LinkedHashMap<>();

    SObjectSchema(String name, String label, String keyPrefix, List<FieldDefinition> standardFields) {
        this.name = name;
        this.label = label;
        this.keyPrefix = keyPrefix;
        standardFields.forEach(this::add);
    }

    String name() {
        return name;
    }

    String label() {
        return label;
    }

    String keyPrefix() {
        return keyPrefix;
    }

    void add(FieldDefinition field) {
        String key = field.name().toLowerCase(Locale.ROOT);
        if (fields.containsKey(key)) {
            throw new IllegalArgumentException("field " + name + "." + field.name() + " already exists");
        }
        fields.put(key, field);
    }

    Optional<FieldDefinition> field(String fieldName) {
        return Optional.ofNullable(fields.get(fieldName.toLowerCase(Locale.ROOT)));
    }

    List<FieldDefinition> fields() {
        return new ArrayList<>(fields.values());
    }

    /** The standard Lead fields of the contract digest (section 12), with the lengths of a current org. */
    static SObjectSchema lead() {
        List<String> statuses = List.of("Open - Not Contacted", "Working - Contacted", "Closed - Converted",
                "Closed - Not Converted");
        List<FieldDefinition> fields = List.of(
                FieldDefinition.readOnly("Id", "Lead ID", "id", 18).withNillable(false),
                FieldDefinition.readOnly("IsDeleted", "Deleted", "boolean", 0).withNillable(false),
                FieldDefinition.readOnly("MasterRecordId", "Master Record ID", "reference", 18)
                        .withReferenceTo(List.of("Lead")),
                FieldDefinition.standard("LastName", "Last Name", "string", 80).withRequired(),
                FieldDefinition.standard("FirstName", "First Name", "string", 40),
                FieldDefinition.standard("Salutation", "Salutation", "picklist", 40)
                        .withPicklist(List.of("Mr.", "Ms.", "Mrs.", "Dr.", "Prof.")),
                FieldDefinition.readOnly("Name", "Full Name", "string", 121).withNillable(false),
                FieldDefinition.standard("Title", "Title", "string", 128),
                FieldDefinition.standard("Company", "Company", "string", 255).withRequired(),
                FieldDefinition.standard("Street", "Street", "textarea", 255),
                FieldDefinition.standard("City", "City", "string", 40),
                FieldDefinition.standard("State", "State/Province", "string", 80),
                FieldDefinition.standard("PostalCode", "Zip/Postal Code", "string", 20),
                FieldDefinition.standard("Country", "Country", "string", 80),
                FieldDefinition.standard("Phone", "Phone", "phone", 40),
                FieldDefinition.standard("MobilePhone", "Mobile Phone", "phone", 40),
                FieldDefinition.standard("Fax", "Fax", "phone", 40),
                FieldDefinition.standard("Email", "Email", "email", 80),
                FieldDefinition.standard("Website", "Website", "url", 255),
                FieldDefinition.standard("Description", "Description", "textarea", 32000),
                FieldDefinition.standard("LeadSource", "Lead Source", "picklist", 40)
                        .withPicklist(List.of("Web", "Phone Inquiry", "Partner Referral", "Purchased List",
                                "Other")),
                FieldDefinition.standard("Status", "Status", "picklist", 40).withDefaultedOnCreate()
                        .withPicklist(statuses),
                FieldDefinition.standard("Industry", "Industry", "picklist", 40)
                        .withPicklist(List.of("Agriculture", "Banking", "Consulting", "Education", "Finance",
                                "Healthcare", "Manufacturing", "Retail", "Technology", "Other")),
                FieldDefinition.standard("Rating", "Rating", "picklist", 40)
                        .withPicklist(List.of("Hot", "Warm", "Cold")),
                new FieldDefinition("AnnualRevenue", "Annual Revenue", "currency", 0, false, false, false, false,
                        true, true, true, false, false, 18, 0, List.of(), List.of()),
                new FieldDefinition("NumberOfEmployees", "Employees", "int", 0, false, false, false, false, true,
                        true, true, false, false, 0, 0, List.of(), List.of()),
                FieldDefinition.standard("OwnerId", "Owner ID", "reference", 18).withDefaultedOnCreate()
                        .withReferenceTo(List.of("Group", "User")),
                FieldDefinition.readOnly("IsConverted", "Converted", "boolean", 0).withNillable(false),
                FieldDefinition.readOnly("ConvertedDate", "Converted Date", "date", 0),
                FieldDefinition.readOnly("ConvertedAccountId", "Converted Account ID", "reference", 18)
                        .withReferenceTo(List.of("Account")),
                FieldDefinition.readOnly("ConvertedContactId", "Converted Contact ID", "reference", 18)
                        .withReferenceTo(List.of("Contact")),
                FieldDefinition.readOnly("ConvertedOpportunityId", "Converted Opportunity ID", "reference", 18)
                        .withReferenceTo(List.of("Opportunity")),
                FieldDefinition.readOnly("IsUnreadByOwner", "Unread By Owner", "boolean", 0).withNillable(false),
                FieldDefinition.readOnly("CreatedDate", "Created Date", "datetime", 0).withNillable(false),
                FieldDefinition.readOnly("CreatedById", "Created By ID", "reference", 18).withNillable(false)
                        .withReferenceTo(List.of("User")),
                FieldDefinition.readOnly("LastModifiedDate", "Last Modified Date", "datetime", 0)
                        .withNillable(false),
                FieldDefinition.readOnly("LastModifiedById", "Last Modified By ID", "reference", 18)
                        .withNillable(false).withReferenceTo(List.of("User")),
                FieldDefinition.readOnly("SystemModstamp", "System Modstamp", "datetime", 0).withNillable(false),
                FieldDefinition.readOnly("LastActivityDate", "Last Activity", "date", 0),
                FieldDefinition.standard("HasOptedOutOfEmail", "Email Opt Out", "boolean", 0).withNillable(false));
        return new SObjectSchema("Lead", "Lead", "00Q", fields);
    }

    /** Fields every sObject here has: id, deletion flag, owner and the audit stamps. */
    private static List<FieldDefinition> system(String label, String type) {
        return List.of(
                FieldDefinition.readOnly("Id", label + " ID", "id", 18).withNillable(false),
                FieldDefinition.readOnly("IsDeleted", "Deleted", "boolean", 0).withNillable(false),
                FieldDefinition.readOnly("MasterRecordId", "Master Record ID", "reference", 18)
                        .withReferenceTo(List.of(type)));
    }

    private static List<FieldDefinition> audit() {
        return List.of(
                FieldDefinition.standard("OwnerId", "Owner ID", "reference", 18).withDefaultedOnCreate()
                        .withReferenceTo(List.of("User")),
                FieldDefinition.readOnly("CreatedDate", "Created Date", "datetime", 0).withNillable(false),
                FieldDefinition.readOnly("CreatedById", "Created By ID", "reference", 18).withNillable(false)
                        .withReferenceTo(List.of("User")),
                FieldDefinition.readOnly("LastModifiedDate", "Last Modified Date", "datetime", 0)
                        .withNillable(false),
                FieldDefinition.readOnly("LastModifiedById", "Last Modified By ID", "reference", 18)
                        .withNillable(false).withReferenceTo(List.of("User")),
                FieldDefinition.readOnly("SystemModstamp", "System Modstamp", "datetime", 0).withNillable(false),
                FieldDefinition.readOnly("LastActivityDate", "Last Activity", "date", 0));
    }

    private static List<FieldDefinition> address(String prefix, String label) {
        return List.of(
                FieldDefinition.standard(prefix + "Street", label + " Street", "textarea", 255),
                FieldDefinition.standard(prefix + "City", label + " City", "string", 40),
                FieldDefinition.standard(prefix + "State", label + " State/Province", "string", 80),
                FieldDefinition.standard(prefix + "PostalCode", label + " Zip/Postal Code", "string", 20),
                FieldDefinition.standard(prefix + "Country", label + " Country", "string", 80));
    }

    /** Standard Account fields of a current org (OBJ sforce_api_objects_account.htm); Name is the one required. */
    static SObjectSchema account() {
        List<FieldDefinition> fields = new ArrayList<>(system("Account", "Account"));
        fields.add(FieldDefinition.standard("Name", "Account Name", "string", 255).withRequired());
        fields.add(FieldDefinition.standard("Type", "Account Type", "picklist", 255)
                .withPicklist(List.of("Prospect", "Customer - Direct", "Customer - Channel",
                        "Channel Partner / Reseller", "Installation Partner", "Technology Partner", "Other")));
        fields.add(FieldDefinition.standard("ParentId", "Parent Account ID", "reference", 18)
                .withReferenceTo(List.of("Account")));
        fields.addAll(address("Billing", "Billing"));
        fields.addAll(address("Shipping", "Shipping"));
        fields.add(FieldDefinition.standard("Phone", "Account Phone", "phone", 40));
        fields.add(FieldDefinition.standard("Fax", "Account Fax", "phone", 40));
        fields.add(FieldDefinition.standard("AccountNumber", "Account Number", "string", 40));
        fields.add(FieldDefinition.standard("Website", "Website", "url", 255));
        fields.add(FieldDefinition.standard("Industry", "Industry", "picklist", 40)
                .withPicklist(List.of("Agriculture", "Banking", "Consulting", "Education", "Finance", "Healthcare",
                        "Manufacturing", "Retail", "Technology", "Other")));
        fields.add(new FieldDefinition("AnnualRevenue", "Annual Revenue", "currency", 0, false, false, false, false,
                true, true, true, false, false, 18, 0, List.of(), List.of()));
        fields.add(new FieldDefinition("NumberOfEmployees", "Employees", "int", 0, false, false, false, false, true,
                true, true, false, false, 0, 0, List.of(), List.of()));
        fields.add(FieldDefinition.standard("Description", "Account Description", "textarea", 32000));
        fields.addAll(audit());
        return new SObjectSchema("Account", "Account", "001", fields);
    }

    /** Standard Contact fields of a current org (OBJ sforce_api_objects_contact.htm); LastName is required. */
    static SObjectSchema contact() {
        List<FieldDefinition> fields = new ArrayList<>(system("Contact", "Contact"));
        fields.add(FieldDefinition.standard("AccountId", "Account ID", "reference", 18)
                .withReferenceTo(List.of("Account")));
        fields.add(FieldDefinition.standard("LastName", "Last Name", "string", 80).withRequired());
        fields.add(FieldDefinition.standard("FirstName", "First Name", "string", 40));
        fields.add(FieldDefinition.standard("Salutation", "Salutation", "picklist", 40)
                .withPicklist(List.of("Mr.", "Ms.", "Mrs.", "Dr.", "Prof.")));
        fields.add(FieldDefinition.readOnly("Name", "Full Name", "string", 121).withNillable(false));
        fields.addAll(address("Mailing", "Mailing"));
        fields.add(FieldDefinition.standard("Phone", "Business Phone", "phone", 40));
        fields.add(FieldDefinition.standard("Fax", "Business Fax", "phone", 40));
        fields.add(FieldDefinition.standard("MobilePhone", "Mobile Phone", "phone", 40));
        fields.add(FieldDefinition.standard("HomePhone", "Home Phone", "phone", 40));
        fields.add(FieldDefinition.standard("ReportsToId", "Reports To ID", "reference", 18)
                .withReferenceTo(List.of("Contact")));
        fields.add(FieldDefinition.standard("Email", "Email", "email", 80));
        fields.add(FieldDefinition.standard("Title", "Title", "string", 128));
        fields.add(FieldDefinition.standard("Department", "Department", "string", 80));
        fields.add(FieldDefinition.standard("LeadSource", "Lead Source", "picklist", 40)
                .withPicklist(List.of("Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other")));
        fields.add(FieldDefinition.standard("Birthdate", "Birthdate", "date", 0));
        fields.add(FieldDefinition.standard("Description", "Contact Description", "textarea", 32000));
        fields.add(FieldDefinition.standard("HasOptedOutOfEmail", "Email Opt Out", "boolean", 0).withNillable(false));
        fields.add(FieldDefinition.standard("DoNotCall", "Do Not Call", "boolean", 0).withNillable(false));
        fields.addAll(audit());
        return new SObjectSchema("Contact", "Contact", "003", fields);
    }
    /**
     * The org's Lead statuses (OBJ sforce_api_objects_leadstatus.htm): queryable, read-only through the API. Rows with
     * {@code IsConverted} name the statuses a conversion may set.
     */
    static SObjectSchema leadStatus() {
        List<FieldDefinition> fields = List.of(
                FieldDefinition.readOnly("Id", "Lead Status ID", "id", 18).withNillable(false),
                FieldDefinition.readOnly("IsDeleted", "Deleted", "boolean", 0).withNillable(false),
                FieldDefinition.readOnly("MasterLabel", "Master Label", "string", 255),
                FieldDefinition.readOnly("ApiName", "Api Name", "string", 255),
                FieldDefinition.readOnly("SortOrder", "Sort Order", "int", 0),
                FieldDefinition.readOnly("IsDefault", "Is Default", "boolean", 0).withNillable(false),
                FieldDefinition.readOnly("IsConverted", "Is Converted", "boolean", 0).withNillable(false),
                FieldDefinition.readOnly("CreatedDate", "Created Date", "datetime", 0).withNillable(false),
                FieldDefinition.readOnly("LastModifiedDate", "Last Modified Date", "datetime", 0).withNillable(false),
                FieldDefinition.readOnly("SystemModstamp", "System Modstamp", "datetime", 0).withNillable(false));
        return new SObjectSchema("LeadStatus", "Lead Status", "01J", fields);
    }

    /**
     * Standard Task fields of a current org (OBJ sforce_api_objects_task.htm), those an integration logging an email,
     * call or meeting writes: WhoId (a Lead or Contact), WhatId (an Account here), Subject, ActivityDate, Status and
     * Priority (defaulted: "Not Started", "Normal"), TaskSubtype (set on create only), Type, Description.
     */
    static SObjectSchema task() {
        List<FieldDefinition> fields = new ArrayList<>(List.of(
                FieldDefinition.readOnly("Id", "Activity ID", "id", 18).withNillable(false),
                FieldDefinition.readOnly("IsDeleted", "Deleted", "boolean", 0).withNillable(false)));
        fields.add(FieldDefinition.standard("WhoId", "Name ID", "reference", 18)
                .withReferenceTo(List.of("Contact", "Lead")));
        fields.add(FieldDefinition.standard("WhatId", "Related To ID", "reference", 18)
                .withReferenceTo(List.of("Account")));
        fields.add(FieldDefinition.standard("Subject", "Subject", "combobox", 255));
        fields.add(FieldDefinition.standard("ActivityDate", "Due Date Only", "date", 0));
        fields.add(FieldDefinition.standard("Status", "Status", "picklist", 40).withDefaultedOnCreate()
                .withPicklist(List.of("Not Started", "In Progress", "Completed", "Waiting on someone else",
                        "Deferred")));
        fields.add(FieldDefinition.standard("Priority", "Priority", "picklist", 40).withDefaultedOnCreate()
                .withPicklist(List.of("High", "Normal", "Low")));
        fields.add(FieldDefinition.standard("TaskSubtype", "Task Subtype", "picklist", 40)
                .withPicklist(List.of("Task", "Email", "ListEmail", "Cadence", "Call", "LinkedIn")));
        fields.add(FieldDefinition.standard("Type", "Type", "picklist", 40)
                .withPicklist(List.of("Call", "Email", "Meeting", "Other")));
        fields.add(FieldDefinition.standard("Description", "Comments", "textarea", 32000));
        fields.add(FieldDefinition.readOnly("IsClosed", "Closed", "boolean", 0).withNillable(false));
        fields.add(FieldDefinition.standard("CallDurationInSeconds", "Call Duration", "int", 9));
        fields.addAll(audit());
        return new SObjectSchema("Task", "Task", "00T", fields);
    }
}
