package io.leadsync.domain.crm;

import io.leadsync.domain.lead.LeadField;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The field mapping a new connection starts with: the seeds' tables. Standard CRM fields where the CRM has one, custom
 * fields named with the workspace's prefix (default {@code LeadSync}) for the rest.
 */
public final class DefaultMappings {
    public static final String DEFAULT_PREFIX = "LeadSync";
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,19}");

    private DefaultMappings() {
    }

    /** Salesforce Lead fields; {@code <prefix>_Lead_ID__c} is the external id every upsert goes by. */
    public static List<FieldMapping> salesforce(String prefix) {
        String p = requirePrefix(prefix);
        List<FieldMapping> mappings = new ArrayList<>();
        mappings.add(FieldMapping.both(LeadField.LEAD_ID, p + "_Lead_ID__c"));
        mappings.add(FieldMapping.both(LeadField.FIRST_NAME, "FirstName"));
        mappings.add(FieldMapping.both(LeadField.LAST_NAME, "LastName"));
        mappings.add(FieldMapping.both(LeadField.WORK_EMAIL, "Email"));
        mappings.add(FieldMapping.both(LeadField.JOB_TITLE, "Title"));
        mappings.add(FieldMapping.both(LeadField.COMPANY_NAME, "Company"));
        mappings.add(FieldMapping.both(LeadField.COMPANY_WEBSITE, "Website"));
        mappings.add(FieldMapping.both(LeadField.INDUSTRY, "Industry"));
        mappings.add(FieldMapping.both(LeadField.CITY, "City"));
        mappings.add(FieldMapping.both(LeadField.MOBILE_PHONE, "MobilePhone"));
        mappings.add(FieldMapping.both(LeadField.LINKEDIN_URL, "LinkedIn_URL__c"));
        mappings.add(FieldMapping.both(LeadField.OUTREACH_SCORE, p + "_Outreach_Score__c"));
        mappings.add(FieldMapping.both(LeadField.STATUS, p + "_Status__c"));
        mappings.add(FieldMapping.both(LeadField.ABOUT, "Description"));
        // LeadSource is always the workspace's product name on push; reps' edits to it are not pulled back.
        mappings.add(new FieldMapping(LeadField.LEAD_SOURCE, "LeadSource", SyncDirection.PUSH, Optional.empty()));
        mappings.add(FieldMapping.both(LeadField.AGENT_ID, p + "_Agent_ID__c"));
        mappings.add(FieldMapping.both(LeadField.AI_SCORE, p + "_AI_Score__c"));
        mappings.add(FieldMapping.both(LeadField.IS_DQL, p + "_Is_DQL__c"));
        mappings.add(FieldMapping.both(LeadField.LAST_VISIT, p + "_Last_Visit__c"));
        mappings.add(FieldMapping.both(LeadField.VISIT_COUNT, p + "_Visit_Count__c"));
        mappings.add(FieldMapping.both(LeadField.ENGAGEMENT_LEVEL, p + "_Engagement_Level__c"));
        return List.copyOf(mappings);
    }

    /**
     * Salesforce Contact fields with the Contact's Account: the person on the Contact (LeadSync's custom fields on
     * the Contact too), the company on the Account ({@code Account.Name}, {@code Account.Website},
     * {@code Account.Industry}), which LeadSync finds by website domain, then name, or creates.
     */
    public static List<FieldMapping> salesforceContact(String prefix) {
        String p = requirePrefix(prefix);
        List<FieldMapping> mappings = new ArrayList<>();
        for (FieldMapping lead : salesforce(p)) {
            String crmField = switch (lead.crmField()) {
                case "Company" -> "Account.Name";
                case "Website" -> "Account.Website";
                case "Industry" -> "Account.Industry";
                case "City" -> "MailingCity";
                default -> lead.crmField();
            };
            mappings.add(new FieldMapping(lead.appField(), crmField, lead.direction(), lead.conflictOverride()));
        }
        return List.copyOf(mappings);
    }

    /**
     * Salesforce Person Account fields: the person fields of the Account ({@code PersonEmail}, {@code PersonTitle},
     * {@code PersonMailingCity}...), the Account's own Website and Industry, and LeadSync's custom fields on the
     * Account; a person account has no company, so the company name goes to {@code <prefix>_Company__c}.
     */
    public static List<FieldMapping> salesforcePersonAccount(String prefix) {
        String p = requirePrefix(prefix);
        List<FieldMapping> mappings = new ArrayList<>();
        for (FieldMapping lead : salesforce(p)) {
            String crmField = switch (lead.crmField()) {
                case "Company" -> p + "_Company__c";
                case "Email" -> "PersonEmail";
                case "Title" -> "PersonTitle";
                case "City" -> "PersonMailingCity";
                case "MobilePhone" -> "PersonMobilePhone";
                case "LeadSource" -> "PersonLeadSource";
                default -> lead.crmField();
            };
            mappings.add(new FieldMapping(lead.appField(), crmField, lead.direction(), lead.conflictOverride()));
        }
        return List.copyOf(mappings);
    }

    /** The default mapping of a kind for a target object; only Salesforce tells Leads, Contacts and persons apart. */
    public static List<FieldMapping> forTarget(CrmKind kind, TargetObject target, String prefix) {
        if (kind != CrmKind.SALESFORCE) {
            return forKind(kind, prefix);
        }
        return switch (target) {
            case CONTACT -> salesforceContact(prefix);
            case PERSON_ACCOUNT -> salesforcePersonAccount(prefix);
            case LEAD -> salesforce(prefix);
        };
    }

    /** HubSpot contact properties; {@code <prefix>_lead_id} (unique values) is the id every upsert goes by. */
    public static List<FieldMapping> hubspot(String prefix) {
        String p = requirePrefix(prefix).toLowerCase(java.util.Locale.ROOT);
        List<FieldMapping> mappings = new ArrayList<>();
        mappings.add(FieldMapping.both(LeadField.LEAD_ID, p + "_lead_id"));
        mappings.add(FieldMapping.both(LeadField.FIRST_NAME, "firstname"));
        mappings.add(FieldMapping.both(LeadField.LAST_NAME, "lastname"));
        mappings.add(FieldMapping.both(LeadField.WORK_EMAIL, "email"));
        mappings.add(FieldMapping.both(LeadField.JOB_TITLE, "jobtitle"));
        mappings.add(FieldMapping.both(LeadField.COMPANY_NAME, "company"));
        mappings.add(FieldMapping.both(LeadField.COMPANY_WEBSITE, "website"));
        mappings.add(FieldMapping.both(LeadField.INDUSTRY, "industry"));
        mappings.add(FieldMapping.both(LeadField.CITY, "city"));
        mappings.add(FieldMapping.both(LeadField.MOBILE_PHONE, "mobilephone"));
        mappings.add(FieldMapping.both(LeadField.LINKEDIN_URL, p + "_linkedin_url"));
        mappings.add(FieldMapping.both(LeadField.OUTREACH_SCORE, p + "_outreach_score"));
        mappings.add(FieldMapping.both(LeadField.STATUS, p + "_status"));
        mappings.add(FieldMapping.both(LeadField.ABOUT, p + "_about"));
        mappings.add(new FieldMapping(LeadField.LEAD_SOURCE, p + "_lead_source", SyncDirection.PUSH, Optional.empty()));
        mappings.add(FieldMapping.both(LeadField.AGENT_ID, p + "_agent_id"));
        mappings.add(FieldMapping.both(LeadField.AI_SCORE, p + "_ai_score"));
        mappings.add(FieldMapping.both(LeadField.IS_DQL, p + "_is_dql"));
        mappings.add(FieldMapping.both(LeadField.LAST_VISIT, p + "_last_visit"));
        mappings.add(FieldMapping.both(LeadField.VISIT_COUNT, p + "_visit_count"));
        mappings.add(FieldMapping.both(LeadField.ENGAGEMENT_LEVEL, p + "_engagement_level"));
        return List.copyOf(mappings);
    }

    /** The default mapping of a kind; Web-to-Lead and webhooks have theirs configured by the admin. */
    public static List<FieldMapping> forKind(CrmKind kind, String prefix) {
        return switch (kind) {
            case SALESFORCE -> salesforce(prefix);
            case HUBSPOT -> hubspot(prefix);
            case SALESFORCE_WEB_TO_LEAD, WEBHOOK, SALESFORCE_ENDPOINT -> List.of();
        };
    }

    /** A webhook's default body: every app field under its own JSON name ({@code workEmail}, {@code jobTitle}). */
    public static List<FieldMapping> webhook() {
        List<FieldMapping> mappings = new ArrayList<>();
        for (LeadField field : LeadField.values()) {
            mappings.add(push(field, field.apiName()));
        }
        return List.copyOf(mappings);
    }

    /**
     * A Salesforce endpoint's default body: the standard Lead fields under their API names, which is what a Flow's
     * input variables or an Apex class's JSON keys are most often named after. The admin maps to the endpoint's own
     * names where they differ.
     */
    public static List<FieldMapping> salesforceEndpoint() {
        return List.of(push(LeadField.FIRST_NAME, "FirstName"), push(LeadField.LAST_NAME, "LastName"),
                push(LeadField.WORK_EMAIL, "Email"), push(LeadField.COMPANY_NAME, "Company"),
                push(LeadField.JOB_TITLE, "Title"), push(LeadField.CITY, "City"),
                push(LeadField.MOBILE_PHONE, "MobilePhone"), push(LeadField.COMPANY_WEBSITE, "Website"),
                push(LeadField.ABOUT, "Description"), push(LeadField.LEAD_SOURCE, "LeadSource"));
    }

    /** The names of the form Salesforce generates for Web-to-Lead, for the app fields that have one. */
    public static List<FieldMapping> webToLead() {
        return List.of(push(LeadField.FIRST_NAME, "first_name"), push(LeadField.LAST_NAME, "last_name"),
                push(LeadField.WORK_EMAIL, "email"), push(LeadField.COMPANY_NAME, "company"),
                push(LeadField.JOB_TITLE, "title"), push(LeadField.CITY, "city"),
                push(LeadField.MOBILE_PHONE, "mobile"), push(LeadField.COMPANY_WEBSITE, "URL"),
                push(LeadField.INDUSTRY, "industry"), push(LeadField.ABOUT, "description"),
                push(LeadField.LEAD_SOURCE, "lead_source"));
    }

    private static FieldMapping push(LeadField field, String name) {
        return new FieldMapping(field, name, SyncDirection.PUSH, Optional.empty());
    }

    private static String requirePrefix(String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(
                    "the field prefix must be 1 to 20 letters or digits starting with a letter: " + prefix);
        }
        return prefix;
    }
}
