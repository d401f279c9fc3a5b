package io.leadsync.domain.lead;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A work e-mail address, trimmed and lower-cased (CRMs match e-mail case-insensitively, so two spellings of one
 * address must not become two records). At most 80 characters, Salesforce's {@code Lead.Email} length.
 */
public record EmailAddress(String value) {
    public static final int MAX_LENGTH = 80;
    static final String RULE = "must be an e-mail address like name@company.com, at most " + MAX_LENGTH + " characters";
    // Deliberately stricter than RFC 5322: CRMs refuse quoted local parts and dotless domains.
    private static final Pattern SHAPE = Pattern.compile(
            "[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    public EmailAddress {
        String normalised = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (normalised.length() > MAX_LENGTH || !SHAPE.matcher(normalised).matches()) {
            throw InvalidLeadException.of(LeadField.WORK_EMAIL, RULE);
        }
        value = normalised;
    }

    public String domain() {
        return value.substring(value.indexOf('@') + 1);
    }

    @Override
    public String toString() {
        return value;
    }
}
