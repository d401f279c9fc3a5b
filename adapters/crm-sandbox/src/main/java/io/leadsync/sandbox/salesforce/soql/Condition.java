package io.leadsync.sandbox.salesforce.soql;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** A WHERE clause tree. Field names are kept as written in the query. */
public sealed interface Condition {

    /** Throws {@link SoqlException} (INVALID_FIELD) when a value's type cannot be compared with the literal. */
    boolean test(Function<String, Object> fieldValue);

    record And(List<Condition> operands) implements Condition {
        public And {
            operands = List.copyOf(operands);
        }

        @Override
        public boolean test(Function<String, Object> fieldValue) {
            for (Condition operand : operands) {
                if (!operand.test(fieldValue)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Or(List<Condition> operands) implements Condition {
        public Or {
            operands = List.copyOf(operands);
        }

        @Override
        public boolean test(Function<String, Object> fieldValue) {
            for (Condition operand : operands) {
                if (operand.test(fieldValue)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(Condition operand) implements Condition {
        public Not {
            Objects.requireNonNull(operand, "operand");
        }

        @Override
        public boolean test(Function<String, Object> fieldValue) {
            return !operand.test(fieldValue);
        }
    }

    record Comparison(String field, Operator operator, Literal value) implements Condition {
        public Comparison {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean test(Function<String, Object> fieldValue) {
            return Values.compare(field, fieldValue.apply(field), operator, value);
        }
    }

    /** {@code field IN (...)}, or NOT IN when {@code negated}; like {@code !=}, NOT IN keeps null fields. */
    record In(String field, List<Literal> values, boolean negated) implements Condition {
        public In {
            Objects.requireNonNull(field, "field");
            values = List.copyOf(values);
        }

        @Override
        public boolean test(Function<String, Object> fieldValue) {
            Object actual = fieldValue.apply(field);
            for (Literal value : values) {
                if (Values.equalsLiteral(field, actual, value)) {
                    return !negated;
                }
            }
            return negated;
        }
    }

    /** {@code field LIKE 'pattern'}; the pattern keeps its {@code \%} and {@code \_} escapes. */
    record Like(String field, String pattern) implements Condition {
        public Like {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public boolean test(Function<String, Object> fieldValue) {
            return Values.like(field, fieldValue.apply(field), new Literal.Text(pattern));
        }
    }
}
