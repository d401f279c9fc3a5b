package io.leadsync.domain.crm;

import io.leadsync.domain.lead.LeadField;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One app field to one CRM field, with the direction values may flow for this field and an optional conflict
 * policy that overrides the connection's.
 */
public record FieldMapping(LeadField appField, String crmField, SyncDirection direction,
                           Optional<ConflictPolicy> conflictOverride) {
    private static final Pattern CRM_FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");

    public FieldMapping {
        Objects.requireNonNull(appField, "appField");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(conflictOverride, "conflictOverride");
        if (crmField == null || !CRM_FIELD_NAME.matcher(crmField).matches()) {
            throw new IllegalArgumentException(
                    "CRM field name must be 1 to 80 letters, digits or underscores starting with a letter: " + crmField);
        }
    }

    public static FieldMapping both(LeadField appField, String crmField) {
        return new FieldMapping(appField, crmField, SyncDirection.BIDIRECTIONAL, Optional.empty());
    }

    /** The policy that decides a conflict on this field: the override if any, else the connection's. */
    public ConflictPolicy policyUnder(ConflictPolicy connectionPolicy) {
        return conflictOverride.orElse(connectionPolicy);
    }
}
