package io.leadsync.sandbox.salesforce.soql;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits SOQL into tokens. Dates and datetimes are unquoted in SOQL, so they are lexed before numbers. */
final class Lexer {

    private static final Pattern DATE_OR_DATETIME = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})(?:T(\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?)(Z|[+-]\\d{2}:?\\d{2})?)?");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*");

    private final String soql;
    private int pos;

    private Lexer(String soql) {
        this.soql = soql;
    }

    static List<Token> tokenize(String soql) {
        return new Lexer(soql).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            while (pos < soql.length() && Character.isWhitespace(soql.charAt(pos))) {
                pos++;
            }
            if (pos >= soql.length()) {
                tokens.add(new Token(Token.Kind.EOF, "", null, pos));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        int start = pos;
        char c = soql.charAt(pos);
        if (c == '\'') {
            return string(start);
        }
        if (Character.isDigit(c) || ((c == '-' || c == '+' || c == '.') && pos + 1 < soql.length()
                && Character.isDigit(soql.charAt(pos + 1)))) {
            return numeric(start);
        }
        Matcher identifier = IDENTIFIER.matcher(soql).region(pos, soql.length());
        if (identifier.lookingAt()) {
            pos = identifier.end();
            return new Token(Token.Kind.IDENTIFIER, identifier.group(), null, start);
        }
        for (String symbol : new String[] {"!=", "<>", "<=", ">=", "=", "<", ">", "(", ")", ",", ":"}) {
            if (soql.startsWith(symbol, pos)) {
                pos += symbol.length();
                // <> is SOQL's other spelling of !=.
                return new Token(Token.Kind.SYMBOL, symbol.equals("<>") ? "!=" : symbol, null, start);
            }
        }
        throw SoqlException.malformed(soql, start, "no viable alternative at character '" + c + "'");
    }

    private Token numeric(int start) {
        Matcher date = DATE_OR_DATETIME.matcher(soql).region(pos, soql.length());
        if (Character.isDigit(soql.charAt(pos)) && date.lookingAt()) {
            pos = date.end();
            requireBoundary(start);
            String text = date.group();
            try {
                LocalDate day = LocalDate.parse(date.group(1));
                if (date.group(2) == null) {
                    return new Token(Token.Kind.DATE, text, day, start);
                }
                if (date.group(3) == null) {
                    // Salesforce rejects a datetime without Z or an offset rather than guessing a zone.
                    throw SoqlException.malformed(soql, start, "Invalid datetime: " + text + " (a time zone, Z or +hh:mm, is required)");
                }
                LocalDateTime local = LocalDateTime.of(day, LocalTime.parse(date.group(2)));
                String zone = date.group(3);
                ZoneOffset offset = zone.equals("Z") ? ZoneOffset.UTC
                        : ZoneOffset.of(zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone);
                return new Token(Token.Kind.DATETIME, text, local.toInstant(offset), start);
            } catch (DateTimeException e) {
                throw SoqlException.malformed(soql, start,
                        (date.group(2) == null ? "Invalid date: " : "Invalid datetime: ") + text);
            }
        }
        Matcher number = NUMBER.matcher(soql).region(pos, soql.length());
        if (!number.lookingAt()) {
            throw SoqlException.malformed(soql, start, "no viable alternative at character '" + soql.charAt(pos) + "'");
        }
        pos = number.end();
        requireBoundary(start);
        String text = number.group();
        return new Token(Token.Kind.NUMBER, text, new BigDecimal(text.startsWith("+") ? text.substring(1) : text), start);
    }

    /** "2026-01-05T09:00:00" followed by letters, or "12abc", is one bad token, not two good ones. */
    private void requireBoundary(int start) {
        if (pos < soql.length() && (Character.isLetterOrDigit(soql.charAt(pos)) || soql.charAt(pos) == '_'
                || soql.charAt(pos) == '.' || soql.charAt(pos) == ':')) {
            int end = pos;
            while (end < soql.length() && !Character.isWhitespace(soql.charAt(end)) && ",()".indexOf(soql.charAt(end)) < 0) {
                end++;
            }
            throw SoqlException.malformed(soql, start, "unexpected token: '" + soql.substring(start, end) + "'");
        }
    }

    private Token string(int start) {
        StringBuilder value = new StringBuilder();
        pos++;
        while (pos < soql.length()) {
            char c = soql.charAt(pos);
            if (c == '\'') {
                pos++;
                return new Token(Token.Kind.STRING, soql.substring(start, pos), value.toString(), start);
            }
            if (c == '\\') {
                if (pos + 1 >= soql.length()) {
                    break;
                }
                char escaped = soql.charAt(pos + 1);
                switch (escaped) {
                    case 'n', 'N' -> value.append('\n');
                    case 'r', 'R' -> value.append('\r');
                    case 't', 'T' -> value.append('\t');
                    case 'b', 'B' -> value.append('\b');
                    case 'f', 'F' -> value.append('\f');
                    case '"', '\'', '\\' -> value.append(escaped);
                    // Kept escaped: only LIKE gives \% and \_ a meaning different from % and _.
                    case '%', '_' -> value.append('\\').append(escaped);
                    case 'u' -> {
                        if (pos + 6 > soql.length() || !soql.substring(pos + 2, pos + 6).matches("[0-9a-fA-F]{4}")) {
                            throw illegalEscape(start, "\\u");
                        }
                        value.append((char) Integer.parseInt(soql.substring(pos + 2, pos + 6), 16));
                        pos += 4;
                    }
                    default -> throw illegalEscape(start, "\\" + escaped);
                }
                pos += 2;
                continue;
            }
            value.append(c);
            pos++;
        }
        throw SoqlException.malformed(soql, start, "unterminated string literal: " + soql.substring(start));
    }

    private SoqlException illegalEscape(int start, String sequence) {
        int end = soql.indexOf('\'', pos + 2);
        String literal = soql.substring(start, end < 0 ? soql.length() : end + 1);
        return SoqlException.malformed(soql, start, "Invalid string literal " + literal
                + ". Illegal character sequence '" + sequence + "' in string literal.");
    }
}
