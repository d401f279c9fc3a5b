package io.leadsync.sandbox.salesforce;

/**
 * Salesforce-style record ids: a 3-character key prefix (00D org, 005 user, 00Q lead, 00N custom field), a
 * 2-character pod, a reserved 0 and a 9-character base-62 number, followed by the 3-character case-safe suffix
 * that turns the 15-character id into the 18-character one the API returns.
 */
final class SalesforceIds {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    static final String POD = "Dn";

    private SalesforceIds() {
    }

    static String id(String keyPrefix, long number) {
        StringBuilder digits = new StringBuilder();
        long n = number;
        do {
            digits.insert(0, BASE62.charAt((int) (n % 62)));
            n /= 62;
        } while (n > 0);
        while (digits.length() < 9) {
            digits.insert(0, '0');
        }
        return to18(keyPrefix + POD + "0" + digits);
    }

    /** Appends the case-safe suffix: one character per 5-character chunk, encoding which letters are upper case. */
    static String to18(String id15) {
        if (id15.length() != 15) {
            throw new IllegalArgumentException("not a 15-character id: " + id15);
        }
        StringBuilder id = new StringBuilder(id15);
        for (int chunk = 0; chunk < 3; chunk++) {
            int flags = 0;
            for (int i = 0; i < 5; i++) {
                char c = id15.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    flags |= 1 << i;
                }
            }
            id.append(SUFFIX.charAt(flags));
        }
        return id.toString();
    }

    /** The 18-character form of a 15- or 18-character id, or null when the text cannot be an id. */
    static String normalise(String text) {
        if (text == null || !text.chars().allMatch(c -> BASE62.indexOf(c) >= 0)) {
            return null;
        }
        if (text.length() == 15) {
            return to18(text);
        }
        if (text.length() == 18 && to18(text.substring(0, 15)).equalsIgnoreCase(text)) {
            return to18(text.substring(0, 15));
        }
        return null;
    }
}
