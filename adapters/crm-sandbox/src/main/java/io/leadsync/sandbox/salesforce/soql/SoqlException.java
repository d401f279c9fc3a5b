package io.leadsync.sandbox.salesforce.soql;

import java.util.Objects;

/** A query Salesforce would reject; {@link #errorCode()} is the REST {@code errorCode} to report. */
public final class SoqlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public static final String MALFORMED_QUERY = "MALFORMED_QUERY";
    public static final String INVALID_FIELD = "INVALID_FIELD";
    public static final String NUMBER_OUTSIDE_VALID_RANGE = "NUMBER_OUTSIDE_VALID_RANGE";

    private final String errorCode;

    public SoqlException(String errorCode, String message) {
        super(message);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    }

    public String errorCode() {
        return errorCode;
    }

    /**
     * Salesforce points at the offending spot: the query line, a caret, then
     * {@code ERROR at Row:r:Column:c} and the reason, each on its own line.
     */
    static SoqlException malformed(String soql, int offset, String reason) {
        int row = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < soql.length(); i++) {
            if (soql.charAt(i) == '\n') {
                row++;
                lineStart = i + 1;
            }
        }
        int lineEnd = soql.indexOf('\n', lineStart);
        String line = soql.substring(lineStart, lineEnd < 0 ? soql.length() : lineEnd);
        int column = offset - lineStart + 1;
        String message = "\n" + line + "\n" + " ".repeat(Math.max(0, column - 1)) + "^\nERROR at Row:" + row
                + ":Column:" + column + "\n" + reason;
        return new SoqlException(MALFORMED_QUERY, message);
    }

    /**
     * Salesforce's wording when a literal's type does not fit the field, e.g. a quoted string
     * against a datetime field.
     */
    static SoqlException wrongFilterType(String field, String expectedType) {
        String quoting = "string".equals(expectedType) ? "should be enclosed in quotes" : "should not be enclosed in quotes";
        return new SoqlException(INVALID_FIELD,
                "value of filter criterion for field '" + field + "' must be of type " + expectedType + " and " + quoting);
    }
}
