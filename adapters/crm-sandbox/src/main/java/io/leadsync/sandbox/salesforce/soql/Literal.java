package io.leadsync.sandbox.salesforce.soql;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/** A value written in a query. */
public sealed interface Literal {

    /** A quoted string, already unescaped except for {@code \%} and {@code \_}, which only LIKE interprets. */
    record Text(String value) implements Literal {
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

    record Number(BigDecimal value) implements Literal {
        public Number {
            Objects.requireNonNull(value, "value");
        }
    }

    record Bool(boolean value) implements Literal {
    }

    record Null() implements Literal {
    }

    /** An unquoted datetime such as {@code 2026-01-05T09:00:00Z}; the offset is folded into the instant. */
    record DateTime(Instant value) implements Literal {
        public DateTime {
            Objects.requireNonNull(value, "value");
        }
    }

    /** An unquoted date such as {@code 2026-01-05}. */
    record Date(LocalDate value) implements Literal {
        public Date {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A relative date literal such as TODAY or LAST_N_DAYS:7, resolved against the parse clock (UTC) into
     * the whole days {@code [start, endExclusive)}; it matches date and datetime fields alike.
     */
    record DateRange(String name, LocalDate start, LocalDate endExclusive) implements Literal {
        public DateRange {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(endExclusive, "endExclusive");
        }
    }
}
