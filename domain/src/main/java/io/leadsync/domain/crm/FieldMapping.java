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
    public static final String ACCOUNT_PREFIX = "Account.";
    /** A field name, or with a Contact target a field of the Contact's Account ({@code Account.Name}). */
    private static final Pattern CRM_FIELD_NAME = Pattern.compile("(Account\\.)?[A-Za-z][A-Za-z0-9_]{0,79}");

    public FieldMapping {
        Objects.requireNonNull(appField, "appField");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(conflictOverride, "conflictOverride");
        if (crmField == null || !CRM_FIELD_NAME.matcher(crmField).matches()) {
            throw new IllegalArgumentException(
                    "CRM field name must be 1 to 80 letters, digits or underscores starting with a letter (an Account "
                            + "field of a Contact prefixed Account.): " + crmField);
        }
    }

    public static FieldMapping both(LeadField appField, String crmField) {
        return new FieldMapping(appField, crmField, SyncDirection.BIDIRECTIONAL, Optional.empty());
    }

    /** Whether this maps onto the Account of a Contact target rather than the record itself. */
    public boolean onAccount() {
        return crmField.startsWith(ACCOUNT_PREFIX);
    }

    /** The field's name on the object it lives on ({@code Name} for {@code Account.Name}). */
    public String fieldName() {
        return onAccount() ? crmField.substring(ACCOUNT_PREFIX.length()) : crmField;
    }

    /** The policy that decides a conflict on this field: the override if any, else the connection's. */
    public ConflictPolicy policyUnder(ConflictPolicy connectionPolicy) {
        return conflictOverride.orElse(connectionPolicy);
    }
}
