package io.leadsync.sandbox.salesforce.soql;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** How record values compare with literals and with each other. */
final class Values {

    private Values() {
    }

    /** Callers may hand us ints, doubles or offset datetimes; the engine only reasons about the canonical types. */
    static Object normalize(Object value) {
        if (value == null || value instanceof String || value instanceof BigDecimal || value instanceof Boolean
                || value instanceof Instant || value instanceof LocalDate) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((java.lang.Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((java.lang.Number) value).doubleValue());
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof ZonedDateTime zdt) {
            return zdt.toInstant();
        }
        if (value instanceof CharSequence cs) {
            return cs.toString();
        }
        throw new IllegalArgumentException("unsupported field value type: " + value.getClass().getName());
    }

    static boolean compare(String field, Object rawActual, Operator op, Literal literal) {
        Object actual = normalize(rawActual);
        if (literal instanceof Literal.Null) {
            return switch (op) {
                case EQ -> actual == null;
                case NE -> actual != null;
                default -> false;
            };
        }
        if (actual == null) {
            // SOQL (unlike SQL) counts a null field as "not equal" to any value.
            return op == Operator.NE;
        }
        if (literal instanceof Literal.DateRange range) {
            return inRange(field, actual, op, range);
        }
        return op.holds(compareToLiteral(field, actual, literal));
    }

    static boolean equalsLiteral(String field, Object rawActual, Literal literal) {
        Object actual = normalize(rawActual);
        if (literal instanceof Literal.Null || actual == null) {
            return literal instanceof Literal.Null && actual == null;
        }
        if (literal instanceof Literal.DateRange range) {
            return inRange(field, actual, Operator.EQ, range);
        }
        return compareToLiteral(field, actual, literal) == 0;
    }

    private static int compareToLiteral(String field, Object actual, Literal literal) {
        if (literal instanceof Literal.Text text && actual instanceof String s) {
            return compareText(s, unescapeLikeOnly(text.value()));
        }
        if (literal instanceof Literal.Number number && actual instanceof BigDecimal d) {
            return d.compareTo(number.value());
        }
        if (literal instanceof Literal.Bool bool && actual instanceof Boolean b) {
            return Boolean.compare(b, bool.value());
        }
        if (literal instanceof Literal.DateTime dt && actual instanceof Instant i) {
            return i.compareTo(dt.value());
        }
        if (literal instanceof Literal.Date d && actual instanceof LocalDate ld) {
            return ld.compareTo(d.value());
        }
        throw SoqlException.wrongFilterType(field, typeName(actual));
    }

    private static boolean inRange(String field, Object actual, Operator op, Literal.DateRange range) {
        int vsStart;
        int vsEnd;
        if (actual instanceof LocalDate d) {
            vsStart = d.compareTo(range.start());
            vsEnd = d.compareTo(range.endExclusive());
        } else if (actual instanceof Instant i) {
            vsStart = i.compareTo(range.start().atStartOfDay().toInstant(ZoneOffset.UTC));
            vsEnd = i.compareTo(range.endExclusive().atStartOfDay().toInstant(ZoneOffset.UTC));
        } else {
            throw SoqlException.wrongFilterType(field, typeName(actual));
        }
        boolean inside = vsStart >= 0 && vsEnd < 0;
        // A range literal compares as a whole: "> TODAY" means after today ends, "< TODAY" before it starts.
        return switch (op) {
            case EQ -> inside;
            case NE -> !inside;
            case LT -> vsStart < 0;
            case LE -> vsEnd < 0;
            case GT -> vsEnd >= 0;
            case GE -> vsStart >= 0;
        };
    }

    static boolean like(String field, Object rawActual, Literal.Text pattern) {
        Object actual = normalize(rawActual);
        if (actual == null) {
            return false;
        }
        if (!(actual instanceof String s)) {
            throw SoqlException.wrongFilterType(field, typeName(actual));
        }
        return LikePatterns.compile(pattern.value()).matcher(s).matches();
    }

    /** ORDER BY order of two non-null values of one field. */
    static int compareValues(String field, Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return compareText(x, y);
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        if (a instanceof Instant x && b instanceof Instant y) {
            return x.compareTo(y);
        }
        if (a instanceof LocalDate x && b instanceof LocalDate y) {
            return x.compareTo(y);
        }
        throw new IllegalArgumentException("cannot order field " + field + ": mixed value types "
                + a.getClass().getSimpleName() + " and " + b.getClass().getSimpleName());
    }

    /** SOQL text comparison ignores case, for equality and for ordering alike, so keyset paging stays consistent. */
    static int compareText(String a, String b) {
        return String.CASE_INSENSITIVE_ORDER.compare(a, b);
    }

    /** Outside LIKE, {@code \%} and {@code \_} just mean the character itself. */
    static String unescapeLikeOnly(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        return value.replace("\\%", "%").replace("\\_", "_");
    }

    static String typeName(Object normalized) {
        if (normalized instanceof String) {
            return "string";
        }
        if (normalized instanceof BigDecimal) {
            return "double";
        }
        if (normalized instanceof Boolean) {
            return "boolean";
        }
        if (normalized instanceof Instant) {
            return "dateTime";
        }
        if (normalized instanceof LocalDate) {
            return "date";
        }
        return normalized.getClass().getSimpleName();
    }
}
