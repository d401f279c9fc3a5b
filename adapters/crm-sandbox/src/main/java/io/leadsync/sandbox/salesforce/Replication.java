package io.leadsync.sandbox.salesforce;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;

/**
 * The time window of {@code sobjects/X/updated} and {@code sobjects/X/deleted} (digest section 7; SOAP
 * getUpdated/getDeleted "Rules and Guidelines"): UTC, seconds ignored, start more than a minute before end,
 * start no further back than 30 days (updated) or 15 days (deleted).
 */
record Replication(Instant start, Instant end) {

    static final Duration UPDATED_LOOK_BACK = Duration.ofDays(30);
    static final Duration DELETED_LOOK_BACK = Duration.ofDays(15);
    static final int ID_LIMIT = 600_000;
    static final String INVALID_DATE = "INVALID_REPLICATION_DATE";

    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm")
            .optionalStart().appendPattern(":ss").optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .parseDefaulting(ChronoField.OFFSET_SECONDS, 0)
            .toFormatter();

    /**
     * Parses and checks the window. The messages for a missing or unparseable parameter are UNCONFIRMED (the
     * digest has none); the look-back and ordering ones follow the SOAP guide's wording of the same rules.
     */
    static Replication parse(String start, String end, Instant now, Duration lookBack) {
        Instant from = instant("start", start);
        Instant to = instant("end", end);
        if (!to.isAfter(from.plus(Duration.ofMinutes(1)))) {
            throw new ApiException(400, ApiError.of(INVALID_DATE,
                    "startDate must chronologically precede endDate by more than one minute"));
        }
        if (from.isBefore(now.truncatedTo(ChronoUnit.MINUTES).minus(lookBack))) {
            throw new ApiException(400, ApiError.of(INVALID_DATE,
                    "startDate cannot be more than " + lookBack.toDays() + " days ago"));
        }
        return new Replication(from, to);
    }

    /** The end of the window actually covered: the requested end, but never past the current minute. */
    Instant latestDateCovered(Instant now) {
        Instant current = now.truncatedTo(ChronoUnit.MINUTES);
        return end.isAfter(current) ? current : end;
    }

    boolean covers(Instant stamp, Instant now) {
        return !stamp.isBefore(start) && stamp.isBefore(latestDateCovered(now));
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new ApiException(400, ApiError.of("MISSING_ARGUMENT", name + " not specified"));
        }
        try {
            return OffsetDateTime.parse(value.trim(), FORMAT).toInstant().truncatedTo(ChronoUnit.MINUTES);
        } catch (DateTimeParseException e) {
            // A '+' sent unencoded arrives as a space, which is why the digest says to encode it.
            throw new ApiException(400, ApiError.of(INVALID_DATE, "Unable to parse " + name + " date: " + value));
        }
    }

    static String format(Instant instant) {
        return SalesforceTime.format(instant.atOffset(ZoneOffset.UTC).toInstant());
    }
}
