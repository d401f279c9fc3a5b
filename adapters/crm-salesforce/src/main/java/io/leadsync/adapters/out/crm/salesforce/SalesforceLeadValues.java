package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.domain.lead.FieldType;
import io.leadsync.domain.lead.LeadField;
import io.micronaut.json.tree.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Salesforce JSON values read back as LeadSync's canonical text: the reverse of
 * {@link SalesforceLeadPayloadMapper#typed}, ending in {@link LeadField#normalise} so a pulled value obeys the same
 * rules as one an agent sends.
 */
final class SalesforceLeadValues {
    /** Salesforce writes offsets without a colon ({@code +0000}), which ISO-8601 parsers in java.time refuse. */
    private static final Pattern COMPACT_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");
    private static final DateTimeFormatter SOQL_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SOQL_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private SalesforceLeadValues() {
    }

    /**
     * The canonical text of a field's JSON value; empty when the CRM field is empty.
     *
     * @throws io.leadsync.domain.lead.InvalidLeadException when the value breaks the field's rule
     */
    static Optional<String> canonical(LeadField field, JsonNode value) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        String raw;
        if (value.isNumber()) {
            // A Number(3,0) field comes back as 87.0: the whole number is what LeadSync keeps. A true fraction stays
            // and fails a score's or a count's rule, rather than being rounded into a value nobody entered.
            raw = value.getBigDecimalValue().stripTrailingZeros().toPlainString();
        } else if (value.isBoolean()) {
            raw = Boolean.toString(value.getBooleanValue());
        } else if (value.isString()) {
            raw = value.getStringValue();
        } else {
            // An object or an array (a compound field mapped by mistake) has no text form LeadSync could keep.
            raw = "\u0000";
        }
        if (field.type() == FieldType.INSTANT) {
            raw = isoOffset(raw.strip());
        }
        return field.normalise(raw);
    }

    /** Salesforce's {@code 2026-01-05T09:00:00.000+0000} as an instant. */
    static Instant instant(String salesforceDateTime) {
        try {
            return OffsetDateTime.parse(isoOffset(salesforceDateTime)).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a Salesforce date-time: " + salesforceDateTime, e);
        }
    }

    /**
     * A SOQL date-time literal in UTC. Whole seconds as the SOQL reference writes them; milliseconds only when the
     * instant has some (Salesforce stamps are whole seconds, a sandbox clock's may not be), so a watermark taken from a
     * record is never rounded onto a neighbour.
     */
    static String soqlLiteral(Instant instant) {
        Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
        return millis.getNano() == 0 ? SOQL_SECONDS.format(millis) : SOQL_MILLIS.format(millis);
    }

    private static String isoOffset(String text) {
        return COMPACT_OFFSET.matcher(text).replaceFirst("$1:$2");
    }
}
