package io.leadsync.domain.lead;

import java.util.regex.Pattern;

/**
 * The product's own id of a lead. It is the external id LeadSync upserts by in every CRM, so it must be safe in a
 * Salesforce External ID text field and a HubSpot unique property, and in a URL path segment.
 */
public record LeadId(String value) {
    public static final int MAX_LENGTH = 80;
    static final String RULE = "must be 1 to " + MAX_LENGTH
            + " characters: letters, digits, '-', '_' or ':', starting with a letter or digit";
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_:-]{0," + (MAX_LENGTH - 1) + "}");

    public LeadId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw InvalidLeadException.of(LeadField.LEAD_ID, RULE);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
