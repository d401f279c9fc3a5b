package io.leadsync.application.service.configure;

import io.leadsync.application.port.in.configure.InvalidSettingsException;
import io.leadsync.application.port.in.configure.InvalidSettingsException.Violation;
import io.leadsync.application.port.in.configure.MappingInput;
import io.leadsync.domain.crm.ConflictPolicy;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.lead.FieldType;
import io.leadsync.domain.lead.LeadField;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything about a requested field mapping that can be checked without calling the CRM. What only the CRM knows
 * (the field exists, is visible, is writable, has the type LeadSync needs) is the readiness check's, run by "Provision
 * again"; refusing here what is surely wrong keeps a bad mapping from failing every lead's push later.
 */
public final class MappingRules {
    /** Salesforce standard field names have no underscores ({@code FirstName}). */
    private static final String SF_NAME = "[A-Za-z][A-Za-z0-9]*";
    private static final String SF_PART = "[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*";
    /** Custom fields, optionally from a managed package's namespace, end in __c ({@code ns__Score__c}). */
    private static final Pattern SALESFORCE = Pattern.compile(SF_NAME + "|(?:" + SF_PART + "__)?" + SF_PART + "__c");
    private static final Pattern HUBSPOT = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern OTHER = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final int MAX_CRM_FIELD = 80;
    private static final Pattern SALESFORCE_LEAD_ID = Pattern.compile("([A-Za-z][A-Za-z0-9]{0,19})_Lead_ID__c");
    private static final Pattern HUBSPOT_LEAD_ID = Pattern.compile("([a-z][a-z0-9]{0,19})_lead_id");

    private MappingRules() {
    }

    /**
     * The mapping {@code inputs} ask for, checked against {@code connection}'s kind and current mapping.
     *
     * @throws InvalidSettingsException naming every bad row and member
     */
    public static List<FieldMapping> check(CrmConnection connection, List<MappingInput> inputs) {
        List<Violation> violations = new ArrayList<>();
        List<FieldMapping> mappings = new ArrayList<>();
        Map<LeadField, Integer> rowOfAppField = new HashMap<>();
        Map<String, Integer> rowOfCrmField = new HashMap<>();
        Map<String, LeadField> provisionedTypes = provisionedTypes(connection);
        Optional<FieldMapping> currentLeadId = connection.mappings().stream()
                .filter(mapping -> mapping.appField() == LeadField.LEAD_ID).findFirst();
        for (int row = 0; row < inputs.size(); row++) {
            MappingInput input = inputs.get(row);
            String at = "mappings/" + row + "/";
            int before = violations.size();
            Optional<LeadField> appField = appField(input.appField(), at, violations);
            Optional<String> crmField = crmField(connection, input.crmField(), at, violations);
            Optional<SyncDirection> direction = direction(input.direction(), at, violations);
            Optional<Optional<ConflictPolicy>> policy = conflictPolicy(input.conflictPolicy(), at, violations);
            if (appField.isPresent()) {
                Integer earlier = rowOfAppField.putIfAbsent(appField.get(), row);
                if (earlier != null) {
                    violations.add(new Violation(at + "appField", appField.get().apiName() + " is already mapped in row "
                            + earlier + "; each app field may be mapped at most once"));
                }
            }
            if (crmField.isPresent()) {
                Integer earlier = rowOfCrmField.putIfAbsent(key(connection.kind(), crmField.get()), row);
                if (earlier != null) {
                    violations.add(new Violation(at + "crmField", crmField.get() + " is already mapped in row " + earlier
                            + "; two app fields writing one CRM field would overwrite each other"));
                }
            }
            if (appField.isPresent() && direction.isPresent()) {
                ruleOfField(appField.get(), direction.get(), crmField, currentLeadId, at, violations);
            }
            if (appField.isPresent() && crmField.isPresent()) {
                typeFits(connection.kind(), appField.get(), crmField.get(), provisionedTypes, at, violations);
            }
            if (violations.size() == before) {
                mappings.add(new FieldMapping(appField.orElseThrow(), crmField.orElseThrow(), direction.orElseThrow(),
                        policy.orElseThrow()));
            }
        }
        // Push-only kinds (webhooks, Web-to-Lead) never upsert or match by it: their receivers take it when mapped.
        if (!rowOfAppField.containsKey(LeadField.LEAD_ID) && connection.kind().canPull()) {
            violations.add(new Violation("mappings", "must map leadId" + currentLeadId.map(m -> " to " + m.crmField())
                    .orElse("") + ": every upsert and every pull finds the CRM record by LeadSync's lead id"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidSettingsException("The field mapping has invalid rows; nothing was changed.", violations);
        }
        return mappings;
    }

    private static Optional<LeadField> appField(String raw, String at, List<Violation> violations) {
        String names = Arrays.toString(Arrays.stream(LeadField.values()).map(LeadField::apiName).toArray());
        if (raw == null || raw.isBlank()) {
            violations.add(new Violation(at + "appField", "is required: one of " + names));
            return Optional.empty();
        }
        Optional<LeadField> field = LeadField.byApiName(raw);
        if (field.isEmpty()) {
            violations.add(new Violation(at + "appField", "must be one of " + names));
        }
        return field;
    }

    private static Optional<String> crmField(CrmConnection connection, String raw, String at,
                                             List<Violation> violations) {
        if (raw != null && raw.startsWith(FieldMapping.ACCOUNT_PREFIX)) {
            // With a Contact target, the company goes to the Contact's Account: Account.Name, Account.Website, ...
            if (connection.kind() != CrmKind.SALESFORCE
                    || connection.settings().targetObject() != io.leadsync.domain.crm.TargetObject.CONTACT) {
                violations.add(new Violation(at + "crmField", "Account fields can be mapped only when the connection's "
                        + "target is Contact (targetObject CONTACT); a Lead holds the company itself (Company)"));
                return Optional.empty();
            }
            return crmField(CrmKind.SALESFORCE, raw.substring(FieldMapping.ACCOUNT_PREFIX.length()), at, violations)
                    .map(name -> FieldMapping.ACCOUNT_PREFIX + name);
        }
        return crmField(connection.kind(), raw, at, violations);
    }

    private static Optional<String> crmField(CrmKind kind, String raw, String at, List<Violation> violations) {
        if (raw == null || raw.isBlank()) {
            violations.add(new Violation(at + "crmField", "is required: the CRM field's API name"));
            return Optional.empty();
        }
        String rule;
        Pattern shape;
        if (kind == CrmKind.SALESFORCE) {
            shape = SALESFORCE;
            rule = "must be a Salesforce field API name: a standard field (letters and digits, like Title) or a custom "
                    + "field ending in __c (like LeadSync_Title__c)";
        } else if (kind == CrmKind.HUBSPOT) {
            shape = HUBSPOT;
            rule = "must be a HubSpot property internal name: lower case letters, digits and underscores, starting "
                    + "with a letter (like jobtitle or leadsync_ai_score)";
        } else {
            shape = OTHER;
            rule = "must be letters, digits and underscores, starting with a letter";
        }
        if (raw.length() > MAX_CRM_FIELD || !shape.matcher(raw).matches()) {
            violations.add(new Violation(at + "crmField", rule + ", at most " + MAX_CRM_FIELD + " characters"));
            return Optional.empty();
        }
        return Optional.of(raw);
    }

    private static Optional<SyncDirection> direction(String raw, String at, List<Violation> violations) {
        if (raw == null) {
            return Optional.of(SyncDirection.BIDIRECTIONAL);
        }
        try {
            return Optional.of(SyncDirection.valueOf(raw));
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(at + "direction", "must be one of " + Arrays.toString(SyncDirection.values())));
            return Optional.empty();
        }
    }

    private static Optional<Optional<ConflictPolicy>> conflictPolicy(String raw, String at, List<Violation> violations) {
        if (raw == null) {
            return Optional.of(Optional.empty());
        }
        try {
            return Optional.of(Optional.of(ConflictPolicy.valueOf(raw)));
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(at + "conflictPolicy", "must be null (the connection's policy) or one of "
                    + Arrays.toString(ConflictPolicy.values())));
            return Optional.empty();
        }
    }

    private static void ruleOfField(LeadField field, SyncDirection direction, Optional<String> crmField,
                                    Optional<FieldMapping> currentLeadId, String at, List<Violation> violations) {
        if (field == LeadField.LEAD_SOURCE && direction != SyncDirection.PUSH) {
            violations.add(new Violation(at + "direction", "must be PUSH for leadSource: it is the workspace's product "
                    + "name, written on push; a rep's edit of it in the CRM is not pulled back"));
        }
        if (field == LeadField.LEAD_ID) {
            if (direction != SyncDirection.BIDIRECTIONAL) {
                violations.add(new Violation(at + "direction", "must be BIDIRECTIONAL for leadId: pushes upsert by it "
                        + "and pulls match records by it"));
            }
            // The lead-id field is created in the CRM as the external id (Salesforce) or unique property (HubSpot)
            // that every upsert goes by; another field is not one, and records already written carry the old one.
            if (currentLeadId.isPresent() && crmField.isPresent()
                    && !currentLeadId.get().crmField().equalsIgnoreCase(crmField.get())) {
                violations.add(new Violation(at + "crmField", "must stay " + currentLeadId.get().crmField()
                        + " for leadId: it is the external id every record in the CRM is upserted and matched by"));
            }
        }
    }

    /**
     * Refuses an app field on a CRM field whose type LeadSync knows, because LeadSync provisions it (or the default
     * mapping uses it), and which cannot hold the app field's values. Other CRM fields' types are unknown here.
     */
    private static void typeFits(CrmKind kind, LeadField field, String crmField, Map<String, LeadField> provisionedTypes,
                                 String at, List<Violation> violations) {
        LeadField owner = provisionedTypes.get(key(kind, crmField));
        if (owner == null || owner == field) {
            return;
        }
        String target = storage(owner.type());
        String source = storage(field.type());
        if (!target.equals(source)) {
            violations.add(new Violation(at + "crmField", crmField + " is " + target + " field (LeadSync maps "
                    + owner.apiName() + " to it); " + field.apiName() + " is " + source + " and cannot be stored there"));
        } else if (kind == CrmKind.SALESFORCE && field.maxLength() > owner.maxLength()) {
            // Salesforce fields have a fixed length; HubSpot's text and number properties do not.
            violations.add(new Violation(at + "crmField", crmField + " holds at most " + owner.maxLength()
                    + (source.equals("a number") ? " digits" : " characters") + "; " + field.apiName()
                    + " can be up to " + field.maxLength() + " and would be cut off or refused"));
        }
    }

    private static String storage(FieldType type) {
        return switch (type) {
            case SCORE, COUNT -> "a number";
            case BOOLEAN -> "a checkbox";
            case INSTANT -> "a date-time";
            case STATUS -> "a lead status picklist";
            case ENGAGEMENT -> "an engagement level picklist";
            case EMAIL -> "an email";
            case TEXT, LONG_TEXT, URL, LINKEDIN_URL, PHONE, LEAD_ID, AGENT_ID -> "a text";
        };
    }

    /** The CRM fields of the kind's default mapping, with the app field whose type LeadSync gives them. */
    private static Map<String, LeadField> provisionedTypes(CrmConnection connection) {
        Map<String, LeadField> types = new HashMap<>();
        for (FieldMapping mapping : DefaultMappings.forKind(connection.kind(), prefix(connection))) {
            types.put(key(connection.kind(), mapping.crmField()), mapping.appField());
        }
        return types;
    }

    /** The workspace's field prefix, as the current lead-id field shows it (the default when it does not). */
    private static String prefix(CrmConnection connection) {
        Pattern pattern = connection.kind() == CrmKind.HUBSPOT ? HUBSPOT_LEAD_ID : SALESFORCE_LEAD_ID;
        return connection.mappings().stream().filter(mapping -> mapping.appField() == LeadField.LEAD_ID)
                .map(mapping -> pattern.matcher(mapping.crmField())).filter(Matcher::matches)
                .map(matcher -> matcher.group(1)).findFirst().orElse(DefaultMappings.DEFAULT_PREFIX);
    }

    /** Salesforce API names are case-insensitive; HubSpot's internal names are lower case anyway. */
    private static String key(CrmKind kind, String crmField) {
        return kind == CrmKind.SALESFORCE ? crmField.toLowerCase(Locale.ROOT) : crmField;
    }
}
