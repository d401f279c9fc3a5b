package io.leadsync.sandbox.salesforce.soql;

import java.time.Clock;
import java.util.Objects;

/** Entry point: turns SOQL text into a {@link SoqlQuery}. */
public final class Soql {

    private Soql() {
    }

    /** @throws SoqlException MALFORMED_QUERY (syntax) or NUMBER_OUTSIDE_VALID_RANGE (OFFSET over 2,000) */
    public static SoqlQuery parse(String soql) {
        return parse(soql, Clock.systemUTC());
    }

    /** As {@link #parse(String)}, resolving relative date literals (TODAY, LAST_N_DAYS:n...) against {@code clock} in UTC. */
    public static SoqlQuery parse(String soql, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        if (soql == null || soql.isBlank()) {
            throw new SoqlException(SoqlException.MALFORMED_QUERY, "unexpected token: '<EOF>'");
        }
        return Parser.parse(soql, clock);
    }
}
