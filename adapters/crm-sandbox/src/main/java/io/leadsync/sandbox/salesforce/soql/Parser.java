package io.leadsync.sandbox.salesforce.soql;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Recursive descent over the token list. Grammar (keywords case-insensitive):
 * <pre>
 * query      := SELECT (COUNT '(' ')' | field (',' field)*) FROM object
 *               [WHERE condition] [ORDER BY key (',' key)*] [LIMIT int] [OFFSET int]
 * condition  := unary (AND unary)* | unary (OR unary)*      -- mixing needs parentheses, as in Salesforce
 * unary      := NOT unary | '(' condition ')' | field op literal | field [NOT] IN '(' literal (',' literal)* ')'
 *             | field LIKE string
 * key        := field [ASC | DESC] [NULLS (FIRST | LAST)]
 * </pre>
 */
final class Parser {

    /** Salesforce's reserved SOQL keywords, which can never name a field or an object. */
    private static final Set<String> RESERVED = Set.of("AND", "ASC", "DESC", "EXCLUDES", "FIRST", "FROM", "GROUP",
            "HAVING", "IN", "INCLUDES", "LAST", "LIKE", "LIMIT", "NOT", "NULL", "NULLS", "OR", "SELECT", "WHERE",
            "WITH", "ORDER", "OFFSET", "TRUE", "FALSE");

    /** Salesforce caps OFFSET at 2,000 rows. */
    static final int MAX_OFFSET = 2000;

    private final String soql;
    private final List<Token> tokens;
    private final Clock clock;
    private int index;

    private Parser(String soql, Clock clock) {
        this.soql = soql;
        this.tokens = Lexer.tokenize(soql);
        this.clock = clock;
    }

    static SoqlQuery parse(String soql, Clock clock) {
        return new Parser(soql, clock).query();
    }

    private SoqlQuery query() {
        expectKeyword("SELECT");
        List<String> fields = new ArrayList<>();
        boolean count = false;
        if (peek().isKeyword("COUNT") && peek(1).isSymbol("(")) {
            advance();
            advance();
            if (peek().isSymbol(")")) {
                advance();
                count = true;
            } else {
                // COUNT(field) is an aggregate that needs GROUP BY support this engine lacks.
                throw unexpected(peek());
            }
        } else {
            fields.add(field());
            while (peek().isSymbol(",")) {
                advance();
                fields.add(field());
            }
        }
        expectKeyword("FROM");
        String objectName = name();

        Optional<Condition> where = Optional.empty();
        if (peek().isKeyword("WHERE")) {
            advance();
            where = Optional.of(condition());
        }
        List<Ordering> orderBy = new ArrayList<>();
        if (peek().isKeyword("ORDER")) {
            advance();
            expectKeyword("BY");
            orderBy.add(orderingKey());
            while (peek().isSymbol(",")) {
                advance();
                orderBy.add(orderingKey());
            }
        }
        OptionalInt limit = OptionalInt.empty();
        if (peek().isKeyword("LIMIT")) {
            advance();
            limit = OptionalInt.of(nonNegativeInt());
        }
        OptionalInt offset = OptionalInt.empty();
        if (peek().isKeyword("OFFSET")) {
            advance();
            Token at = peek();
            int value = nonNegativeInt();
            if (value > MAX_OFFSET) {
                throw new SoqlException(SoqlException.NUMBER_OUTSIDE_VALID_RANGE,
                        "Maximum SOQL offset allowed is " + MAX_OFFSET + " (got " + at.text() + ")");
            }
            offset = OptionalInt.of(value);
        }
        if (peek().kind() != Token.Kind.EOF) {
            throw unexpected(peek());
        }
        return new SoqlQuery(fields, count, objectName, where, orderBy, limit, offset);
    }

    private Condition condition() {
        Condition first = unary();
        if (!peek().isKeyword("AND") && !peek().isKeyword("OR")) {
            return first;
        }
        String joiner = peek().upper();
        String other = joiner.equals("AND") ? "OR" : "AND";
        List<Condition> operands = new ArrayList<>();
        operands.add(first);
        while (peek().isKeyword(joiner)) {
            advance();
            operands.add(unary());
        }
        if (peek().isKeyword(other)) {
            // Salesforce has no AND/OR precedence: "a AND b OR c" is rejected at the OR.
            throw unexpected(peek());
        }
        return joiner.equals("AND") ? new Condition.And(operands) : new Condition.Or(operands);
    }

    private Condition unary() {
        if (peek().isKeyword("NOT")) {
            advance();
            return new Condition.Not(unary());
        }
        if (peek().isSymbol("(")) {
            advance();
            Condition inner = condition();
            expectSymbol(")");
            return inner;
        }
        String field = field();
        Token op = peek();
        if (op.isKeyword("LIKE")) {
            advance();
            Token pattern = advance();
            if (pattern.kind() != Token.Kind.STRING) {
                throw unexpected(pattern);
            }
            return new Condition.Like(field, (String) pattern.value());
        }
        if (op.isKeyword("IN")) {
            advance();
            return new Condition.In(field, literalList(), false);
        }
        if (op.isKeyword("NOT") && peek(1).isKeyword("IN")) {
            advance();
            advance();
            return new Condition.In(field, literalList(), true);
        }
        if (op.kind() == Token.Kind.SYMBOL) {
            Operator operator = switch (op.text()) {
                case "=" -> Operator.EQ;
                case "!=" -> Operator.NE;
                case "<" -> Operator.LT;
                case "<=" -> Operator.LE;
                case ">" -> Operator.GT;
                case ">=" -> Operator.GE;
                default -> throw unexpected(op);
            };
            advance();
            return new Condition.Comparison(field, operator, literal());
        }
        throw unexpected(op);
    }

    private List<Literal> literalList() {
        expectSymbol("(");
        List<Literal> values = new ArrayList<>();
        values.add(literal());
        while (peek().isSymbol(",")) {
            advance();
            values.add(literal());
        }
        expectSymbol(")");
        return values;
    }

    private Literal literal() {
        Token token = advance();
        switch (token.kind()) {
            case STRING:
                return new Literal.Text((String) token.value());
            case NUMBER:
                return new Literal.Number((BigDecimal) token.value());
            case DATE:
                return new Literal.Date((LocalDate) token.value());
            case DATETIME:
                return new Literal.DateTime((Instant) token.value());
            case IDENTIFIER:
                return keywordLiteral(token);
            default:
                throw unexpected(token);
        }
    }

    private Literal keywordLiteral(Token token) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        switch (token.upper()) {
            case "TRUE":
                return new Literal.Bool(true);
            case "FALSE":
                return new Literal.Bool(false);
            case "NULL":
                return new Literal.Null();
            case "TODAY":
                return new Literal.DateRange("TODAY", today, today.plusDays(1));
            case "YESTERDAY":
                return new Literal.DateRange("YESTERDAY", today.minusDays(1), today);
            case "TOMORROW":
                return new Literal.DateRange("TOMORROW", today.plusDays(1), today.plusDays(2));
            case "LAST_N_DAYS": {
                int n = dateLiteralArgument();
                // Salesforce documents LAST_N_DAYS:n as the past n days including today.
                return new Literal.DateRange("LAST_N_DAYS:" + n, today.minusDays(n), today.plusDays(1));
            }
            case "NEXT_N_DAYS": {
                int n = dateLiteralArgument();
                return new Literal.DateRange("NEXT_N_DAYS:" + n, today.plusDays(1), today.plusDays(n + 1L));
            }
            default:
                throw unexpected(token);
        }
    }

    private int dateLiteralArgument() {
        expectSymbol(":");
        return nonNegativeInt();
    }

    private Ordering orderingKey() {
        String field = field();
        boolean ascending = true;
        if (peek().isKeyword("ASC")) {
            advance();
        } else if (peek().isKeyword("DESC")) {
            advance();
            ascending = false;
        }
        boolean nullsFirst = ascending;
        if (peek().isKeyword("NULLS")) {
            advance();
            Token which = advance();
            if (which.isKeyword("FIRST")) {
                nullsFirst = true;
            } else if (which.isKeyword("LAST")) {
                nullsFirst = false;
            } else {
                throw unexpected(which);
            }
        }
        return new Ordering(field, ascending, nullsFirst);
    }

    private int nonNegativeInt() {
        Token token = advance();
        if (token.kind() != Token.Kind.NUMBER) {
            throw unexpected(token);
        }
        BigDecimal value = (BigDecimal) token.value();
        try {
            if (value.signum() < 0 || token.text().contains(".") || token.text().contains("e") || token.text().contains("E")) {
                throw unexpected(token);
            }
            return value.intValueExact();
        } catch (ArithmeticException e) {
            throw new SoqlException(SoqlException.NUMBER_OUTSIDE_VALID_RANGE, "number out of range: " + token.text());
        }
    }

    private String field() {
        return name();
    }

    private String name() {
        Token token = advance();
        if (token.kind() != Token.Kind.IDENTIFIER || RESERVED.contains(token.upper())) {
            throw unexpected(token);
        }
        return token.text();
    }

    private void expectKeyword(String keyword) {
        Token token = advance();
        if (!token.isKeyword(keyword)) {
            throw unexpected(token);
        }
    }

    private void expectSymbol(String symbol) {
        Token token = advance();
        if (!token.isSymbol(symbol)) {
            throw unexpected(token);
        }
    }

    private SoqlException unexpected(Token token) {
        return SoqlException.malformed(soql, token.offset(), "unexpected token: '" + token.display() + "'");
    }

    private Token peek() {
        return peek(0);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    private Token advance() {
        Token token = peek();
        if (token.kind() != Token.Kind.EOF) {
            index++;
        }
        return token;
    }
}
