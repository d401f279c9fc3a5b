package io.leadsync.sandbox.salesforce.soql;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Turns LIKE patterns into regexes once, since a query is evaluated against every record. */
final class LikePatterns {

    private static final int MAX_CACHED = 512;
    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    private LikePatterns() {
    }

    static Pattern compile(String pattern) {
        Pattern cached = CACHE.get(pattern);
        if (cached != null) {
            return cached;
        }
        Pattern compiled = translate(pattern);
        if (CACHE.size() < MAX_CACHED) {
            CACHE.put(pattern, compiled);
        }
        return compiled;
    }

    /** {@code %} is any run, {@code _} one character, {@code \%} and {@code \_} the characters themselves; case is ignored. */
    private static Pattern translate(String pattern) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length() && (pattern.charAt(i + 1) == '%' || pattern.charAt(i + 1) == '_')) {
                literal.append(pattern.charAt(++i));
            } else if (c == '%' || c == '_') {
                flush(regex, literal);
                regex.append(c == '%' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        flush(regex, literal);
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    private static void flush(StringBuilder regex, StringBuilder literal) {
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
        }
    }
}
