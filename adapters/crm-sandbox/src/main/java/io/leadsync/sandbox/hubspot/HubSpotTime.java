package io.leadsync.sandbox.hubspot;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** HubSpot's timestamps: ISO-8601 UTC with milliseconds, e.g. {@code 2019-10-30T03:30:17.883Z}. */
final class HubSpotTime {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private HubSpotTime() {
    }

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
