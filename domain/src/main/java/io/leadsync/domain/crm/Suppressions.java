package io.leadsync.domain.crm;

import io.leadsync.domain.lead.EmailAddress;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Emails and domains a connection must never receive (a customer's competitors, existing clients, people who asked
 * not to be contacted). A domain covers its subdomains: {@code example.com} suppresses {@code a@eu.example.com}.
 */
public record Suppressions(Set<String> emails, Set<String> domains) {
    public static final Suppressions NONE = new Suppressions(Set.of(), Set.of());
    /** A DNS name of two labels or more, each of letters, digits and inner hyphens (RFC 1123). */
    private static final java.util.regex.Pattern DOMAIN = java.util.regex.Pattern.compile(
            "(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");

    /** Whether {@code domain} (a leading "@" dropped) can be on a list: a domain name of at most 253 characters. */
    public static boolean isDomain(String domain) {
        String name = withoutAt(domain);
        return name.length() <= 253 && DOMAIN.matcher(name).matches();
    }

    /** The domain as an admin may type it, "@competitor.example" or "competitor.example". */
    public static String withoutAt(String domain) {
        return domain.startsWith("@") ? domain.substring(1) : domain;
    }

    public Suppressions {
        emails = normalised(emails);
        domains = normalised(domains);
    }

    private static Set<String> normalised(Set<String> values) {
        TreeSet<String> sorted = new TreeSet<>();
        values.forEach(value -> sorted.add(value.trim().toLowerCase(Locale.ROOT)));
        return java.util.Collections.unmodifiableSet(sorted);
    }

    public boolean isEmpty() {
        return emails.isEmpty() && domains.isEmpty();
    }

    /** Why a lead with this work email must not be sent, or empty when it may. */
    public Optional<String> reasonFor(EmailAddress email) {
        String address = email.value().toLowerCase(Locale.ROOT);
        if (emails.contains(address)) {
            return Optional.of("suppressed: the email " + address + " is on this connection's suppression list");
        }
        String domain = address.substring(address.indexOf('@') + 1);
        for (String candidate = domain; ; candidate = candidate.substring(candidate.indexOf('.') + 1)) {
            if (domains.contains(candidate)) {
                return Optional.of("suppressed: the domain " + candidate
                        + " is on this connection's suppression list");
            }
            if (candidate.indexOf('.') < 0) {
                return Optional.empty();
            }
        }
    }
}
