package io.leadsync.domain.lead;

import java.util.regex.Pattern;

/**
 * A phone number reduced to an optional leading {@code +} and its digits (7 to 15, the E.164 range), so the
 * formatting a person or a CRM adds never reads as a change.
 */
public record PhoneNumber(String value) {
    static final String RULE = "must be a phone number of 7 to 15 digits, optionally starting with '+'; "
            + "spaces, dots, dashes and parentheses are allowed";
    private static final Pattern ALLOWED = Pattern.compile("\\+?[0-9 .()\\-]+");

    public PhoneNumber {
        String text = value == null ? "" : value.strip();
        if (!ALLOWED.matcher(text).matches()) {
            throw InvalidLeadException.of(LeadField.MOBILE_PHONE, RULE);
        }
        String digits = text.replaceAll("[^0-9]", "");
        if (digits.length() < 7 || digits.length() > 15) {
            throw InvalidLeadException.of(LeadField.MOBILE_PHONE, RULE);
        }
        value = (text.startsWith("+") ? "+" : "") + digits;
    }

    @Override
    public String toString() {
        return value;
    }
}
