package io.leadsync.sandbox.salesforce.soql;

import java.util.Locale;

/** One lexeme; {@code offset} is where it starts in the query, for error carets. */
record Token(Kind kind, String text, Object value, int offset) {

    enum Kind { IDENTIFIER, STRING, NUMBER, DATE, DATETIME, SYMBOL, EOF }

    boolean isKeyword(String keyword) {
        return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(keyword);
    }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    String upper() {
        return text.toUpperCase(Locale.ROOT);
    }

    /** How Salesforce names the token in "unexpected token" messages. */
    String display() {
        return kind == Kind.EOF ? "<EOF>" : text;
    }
}
