package io.leadsync.domain.crm;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code a CRM gave for refusing a lead ({@code INVALID_FIELD}, {@code DUPLICATES_DETECTED},
 * {@code PROPERTY_DOESNT_EXIST}...), found wherever it sits in the reason LeadSync kept ("Salesforce refused the upsert
 * (400): INVALID_FIELD: No such column..."), or LeadSync's own code for a lead it did not send. Errors are grouped by
 * it, and it decides whether sending the lead again can help at all.
 */
public record CrmErrorCode(String value) {
    /** LeadSync's own: a lead without a work email is never sent (CRMs match and route by email). */
    public static final String NO_WORK_EMAIL = "NO_WORK_EMAIL";
    /** An upper-case word with at least one underscore, as both CRMs spell their codes. */
    private static final Pattern CODE = Pattern.compile("\\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\\b");

    public CrmErrorCode {
        Objects.requireNonNull(value, "value");
    }

    /** The code in {@code reason}; without one, the reason up to its first ':' (or all of it). */
    public static CrmErrorCode of(String reason) {
        String text = reason == null || reason.isBlank() ? "UNKNOWN" : reason.strip();
        if (text.toLowerCase(Locale.ROOT).startsWith("no work email")) {
            return new CrmErrorCode(NO_WORK_EMAIL);
        }
        Matcher code = CODE.matcher(text);
        if (code.find()) {
            return new CrmErrorCode(code.group(1));
        }
        int colon = text.indexOf(':');
        return new CrmErrorCode(colon > 0 ? text.substring(0, colon).strip() : text);
    }

    /**
     * Whether sending the same lead again can succeed without the lead changing: not for a lead with no work email
     * (it goes by itself once the agent adds one) nor a suppressed one, but yes after a fix in the CRM or on the
     * connection.
     */
    public boolean resyncCanHelp() {
        // A suppressed lead is refused by this connection's own list: removing it from the list sends it again.
        return !NO_WORK_EMAIL.equals(value) && !"suppressed".equalsIgnoreCase(value);
    }
}
