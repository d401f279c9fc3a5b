package io.leadsync.sandbox.salesforce;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Salesforce's Standard Lead Matching Rule and Standard Contact Matching Rule (Salesforce Help, "Standard Contact
 * Matching Rule and Standard Lead Matching Rule"), one person against another. The matching equation:
 * <pre>
 * (FirstName AND LastName AND Title AND Company)
 * OR (FirstName AND LastName AND Email)
 * OR (FirstName AND LastName AND Phone AND Company)
 * OR (FirstName AND LastName AND MailingStreet AND (City OR ZIP OR Phone))
 * OR (FirstName AND LastName AND MailingStreet AND Title)
 * OR (FirstName AND LastName AND Title AND Email)
 * OR (FirstName AND LastName AND Phone)
 * </pre>
 * (a Contact's company is its Account's name; a Lead's street, city and ZIP are Street, City, PostalCode). Blank fields
 * never match, except the names in a grouping that includes Email, where a blank name is ignored; first and last name
 * are also tried transposed when a record has both. Salesforce's fuzzy methods are approximated: a first name matches
 * itself, its initial or a name it starts (Jon/Jonathan); names, titles, streets and cities compare without case,
 * accents or punctuation; companies also without legal suffixes (Inc, Ltd, GmbH...); e-mail exactly, case-blind;
 * phones and ZIPs by their digits and letters.
 */
record StandardMatchingRule(String email, String firstName, String lastName, String company, String title,
                            String phone, String street, String city, String zip) implements MatchKeys {
    // Compiled once: a save compares every new record, and String.replaceAll compiles its pattern per call.
    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^a-z0-9]");
    private static final Pattern NOT_WORD = Pattern.compile("[^a-z0-9 ]");
    private static final Pattern NOT_DIGIT = Pattern.compile("[^0-9]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Set<String> LEGAL_SUFFIXES = Set.of("inc", "incorporated", "corp", "corporation", "co",
            "company", "llc", "ltd", "limited", "gmbh", "plc", "sa", "ag", "bv", "nv", "srl", "sarl", "pty");

    /** A person from raw field values, normalised for matching. */
    static StandardMatchingRule of(String email, String firstName, String lastName, String company, String title,
                                   String phone, String street, String city, String zip) {
        return new StandardMatchingRule(email.trim().toLowerCase(Locale.ROOT), simple(firstName), simple(lastName),
                company(company), simple(title), digits(phone), simple(street), simple(city),
                simple(zip));
    }

    /** Whether the matching equation holds between this person and {@code other}. */
    @Override
    public boolean matches(MatchKeys keys) {
        if (!(keys instanceof StandardMatchingRule other)) {
            return false;
        }
        boolean names = names(other, false);
        boolean namesBesideEmail = names(other, true);
        boolean email = same(this.email, other.email);
        boolean title = same(this.title, other.title);
        boolean company = same(this.company, other.company);
        boolean phone = same(this.phone, other.phone);
        boolean street = same(this.street, other.street);
        return names && title && company
                || namesBesideEmail && email
                || names && phone && company
                || names && street && (same(city, other.city) || same(zip, other.zip) || phone)
                || names && street && title
                || namesBesideEmail && title && email
                || names && phone;
    }

    /**
     * Every equation needs the e-mail, or the last names alike, or the names transposed (this first name like the
     * other's last, this last name the other's first): a record is found under its e-mail, its last and its first
     * name, and looks for others under its e-mail, its last name as a last name and its last name as a first name.
     */
    @Override
    public List<String> indexKeys() {
        List<String> keys = new ArrayList<>();
        if (!email.isEmpty()) {
            keys.add("e:" + email);
        }
        if (!lastName.isEmpty()) {
            keys.add("n:" + lastName);
        }
        if (!firstName.isEmpty()) {
            keys.add("f:" + firstName);
        }
        return keys;
    }

    @Override
    public List<String> lookupKeys() {
        List<String> keys = new ArrayList<>();
        if (!email.isEmpty()) {
            keys.add("e:" + email);
        }
        if (!lastName.isEmpty()) {
            keys.add("n:" + lastName);
            keys.add("f:" + lastName);
        }
        return keys;
    }

    /** First and last name alike, as given or transposed; {@code blankIgnored} in a grouping with Email. */
    private boolean names(StandardMatchingRule other, boolean blankIgnored) {
        if (blankIgnored && (firstName.isEmpty() || other.firstName.isEmpty())) {
            return lastName.isEmpty() || other.lastName.isEmpty() || lastName.equals(other.lastName);
        }
        if (blankIgnored && (lastName.isEmpty() || other.lastName.isEmpty())) {
            return firstNamesMatch(firstName, other.firstName);
        }
        boolean asGiven = firstNamesMatch(firstName, other.firstName) && same(lastName, other.lastName);
        boolean transposed = !firstName.isEmpty() && !lastName.isEmpty()
                && firstNamesMatch(firstName, other.lastName) && same(lastName, other.firstName);
        return asGiven || transposed;
    }

    private static boolean same(String a, String b) {
        return !a.isEmpty() && a.equals(b);
    }

    static boolean firstNamesMatch(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        if (a.equals(b)) {
            return true;
        }
        String shorter = a.length() <= b.length() ? a : b;
        String longer = a.length() <= b.length() ? b : a;
        return (shorter.length() == 1 || shorter.length() >= 3) && longer.startsWith(shorter);
    }

    /** A phone number's digits. */
    static String digits(String value) {
        return NOT_DIGIT.matcher(value).replaceAll("");
    }

    /** Lower case, accents and everything but letters and digits dropped. */
    static String simple(String value) {
        String folded = MARKS.matcher(Normalizer.normalize(value, Normalizer.Form.NFD)).replaceAll("");
        return NOT_LETTER_OR_DIGIT.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll("");
    }

    /** A company name without case, punctuation and legal suffixes: "Acme, Inc." and "ACME" are one company. */
    static String company(String value) {
        String folded = NOT_WORD.matcher(MARKS.matcher(Normalizer.normalize(value, Normalizer.Form.NFD)).replaceAll("")
                .toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
        List<String> words = new ArrayList<>(List.of(SPACES.split(folded)));
        while (words.size() > 1 && LEGAL_SUFFIXES.contains(words.get(words.size() - 1))) {
            words.remove(words.size() - 1);
        }
        return String.join("", words);
    }
}
