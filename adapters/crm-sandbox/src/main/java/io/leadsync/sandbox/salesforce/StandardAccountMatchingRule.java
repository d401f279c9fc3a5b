package io.leadsync.sandbox.salesforce;

import java.util.List;
import java.util.Locale;

/**
 * Salesforce's Standard Account Matching Rule, one Account against another (Salesforce Help, "Standard Account
 * Matching Rule"): the account name alike together with the billing street, or the billing city and ZIP, or the
 * phone, or the website. A name alone never matches. Approximated as the Lead rule is ({@link StandardMatchingRule}):
 * names without case, punctuation and legal suffixes; street and city without case and punctuation; phone and ZIP by
 * their digits and letters; a website by its domain without {@code www.}. Blank fields never match.
 */
record StandardAccountMatchingRule(String name, String street, String city, String zip, String phone,
                                   String website) implements MatchKeys {
    static StandardAccountMatchingRule of(String name, String street, String city, String zip, String phone,
                                          String website) {
        return new StandardAccountMatchingRule(StandardMatchingRule.company(name), StandardMatchingRule.simple(street),
                StandardMatchingRule.simple(city), StandardMatchingRule.simple(zip), StandardMatchingRule.digits(phone),
                domain(website));
    }

    /** Every clause needs the names alike. */
    @Override
    public List<String> indexKeys() {
        return name.isEmpty() ? List.of() : List.of("a:" + name);
    }

    @Override
    public List<String> lookupKeys() {
        return indexKeys();
    }

    @Override
    public boolean matches(MatchKeys other) {
        if (!(other instanceof StandardAccountMatchingRule account) || !same(name, account.name)) {
            return false;
        }
        return same(street, account.street) || same(city, account.city) && same(zip, account.zip)
                || same(phone, account.phone) || same(website, account.website);
    }

    private static boolean same(String a, String b) {
        return !a.isEmpty() && a.equals(b);
    }

    /** "https://www.Acme.example/about" as "acme.example". */
    static String domain(String website) {
        String host = website.trim().toLowerCase(Locale.ROOT).replaceFirst("^[a-z][a-z0-9+.-]*://", "");
        int end = host.indexOf('/');
        host = end < 0 ? host : host.substring(0, end);
        return host.startsWith("www.") ? host.substring(4) : host;
    }
}
