package io.leadsync.domain.crm;

import io.leadsync.domain.lead.FieldViolation;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.outbound.OutboundPolicy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What an admin may give a webhook or a Web-to-Lead connection, member by member. Each check adds one violation per
 * bad member to the caller's list (naming the member and the rule), so one answer can name them all; nothing here
 * reaches the network (whether a webhook's host resolves to a public address is the service's check).
 */
public final class EndpointSettingsRules {
    public static final int MIN_SIGNING_SECRET = 24;
    public static final int MAX_HEADERS = 20;
    public static final int MAX_HEADER_VALUE = 4_000;
    /** RFC 9110 token characters. */
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}");
    /** Headers LeadSync sets itself, or the HTTP client owns: a custom one would forge or break them. */
    private static final Set<String> RESERVED_HEADERS = Set.of("authorization", "content-type", "content-length",
            "host", "connection", "transfer-encoding", "expect", "upgrade", "x-leadsync-signature");
    /** A Salesforce org id: {@code 00D} and 12 more characters, or the 18-character form. */
    private static final Pattern ORG_ID = Pattern.compile("00D[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?");

    private EndpointSettingsRules() {
    }

    /** A member that belongs to the other kind of connection. */
    public static void notFor(Optional<String> value, String name, List<FieldViolation> violations) {
        if (value.isPresent()) {
            violations.add(new FieldViolation(name, "does not apply to this kind of connection"));
        }
    }

    /**
     * The webhook's address: absolute http(s) with a host, no user name or fragment. An authority java.net.URI reads as
     * no host ("127.1", "0x7f.1") is refused for the address other clients would take it for.
     */
    public static Optional<URI> webhookUrl(Optional<String> raw, OutboundPolicy outbound,
                                           List<FieldViolation> violations) {
        if (raw.isEmpty() || raw.get().isBlank()) {
            violations.add(new FieldViolation("url", "is required: the https:// address that receives each lead"));
            return Optional.empty();
        }
        try {
            URI url = new URI(raw.get());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && url.getHost() != null
                    && url.getRawUserInfo() == null && url.getRawFragment() == null && raw.get().length() <= 2_000) {
                return Optional.of(url);
            }
            if (url.getHost() == null && url.getRawAuthority() != null) {
                // java.net.URI takes "127.1" or "0x7f.1" for no host at all; other clients take them for addresses.
                String authority = url.getRawAuthority();
                String host = authority.substring(authority.indexOf('@') + 1).replaceFirst(":\\d*$", "");
                if (outbound.destination(host, name -> List.of()) instanceof OutboundPolicy.Destination.Refused no) {
                    violations.add(new FieldViolation("url", "must lead to a public internet address: "
                            + no.reason()));
                    return Optional.empty();
                }
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        violations.add(new FieldViolation("url", "must be an absolute http:// or https:// URL with a host, no user "
                + "name or fragment, at most 2000 characters"));
        return Optional.empty();
    }

    /** JSON unless the admin chose another body format. */
    public static BodyFormat bodyFormat(Optional<String> raw, List<FieldViolation> violations) {
        if (raw.isPresent()) {
            try {
                return BodyFormat.valueOf(raw.get());
            } catch (IllegalArgumentException e) {
                violations.add(new FieldViolation("bodyFormat", "must be one of "
                        + java.util.Arrays.toString(BodyFormat.values())));
            }
        }
        return BodyFormat.JSON;
    }

    public static void bearerToken(Optional<String> token, List<FieldViolation> violations) {
        token.ifPresent(value -> {
            if (value.isBlank() || !printable(value) || value.length() > MAX_HEADER_VALUE) {
                violations.add(new FieldViolation("bearerToken", "must be 1 to " + MAX_HEADER_VALUE
                        + " printable characters without spaces at the ends or line breaks"));
            }
        });
    }

    /** The custom headers, names compared ignoring case; a reserved, malformed or repeated one is refused. */
    public static Map<String, String> headers(Map<String, String> given, List<FieldViolation> violations) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (given.size() > MAX_HEADERS) {
            violations.add(new FieldViolation("headers", "may hold at most " + MAX_HEADERS + " headers"));
        }
        given.forEach((name, value) -> {
            String at = "headers/" + name;
            if (!HEADER_NAME.matcher(name).matches()) {
                violations.add(new FieldViolation(at, "must be an HTTP header name: 1 to 100 letters, digits or "
                        + "!#$%&'*+.^_`|~-"));
            } else if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                violations.add(new FieldViolation(at, "is set by LeadSync itself (" + name + "); use bearerToken for "
                        + "Authorization: Bearer"));
            } else if (value == null || value.isEmpty() || !printable(value) || value.length() > MAX_HEADER_VALUE) {
                violations.add(new FieldViolation(at, "must be a value of 1 to " + MAX_HEADER_VALUE
                        + " printable characters without line breaks"));
            } else if (headers.put(name, value) != null) {
                violations.add(new FieldViolation(at, "is given twice (header names ignore case)"));
            }
        });
        return headers;
    }

    public static void signingSecret(Optional<String> secret, List<FieldViolation> violations) {
        if (secret.isPresent() && (secret.get().length() < MIN_SIGNING_SECRET || !printable(secret.get()))) {
            violations.add(new FieldViolation("signingSecret", "must be at least " + MIN_SIGNING_SECRET
                    + " printable characters (leave it out and LeadSync makes one)"));
        }
    }

    public static void orgId(Optional<String> orgId, List<FieldViolation> violations) {
        if (orgId.isEmpty()) {
            violations.add(new FieldViolation("orgId", "is required: the Salesforce org id (Setup > Company "
                    + "Information, 00D followed by 12 or 15 letters and digits)"));
        } else if (!ORG_ID.matcher(orgId.get()).matches()) {
            violations.add(new FieldViolation("orgId", "must be a Salesforce org id: 00D followed by 12 or 15 "
                    + "letters and digits"));
        }
    }

    public static void leadSource(Optional<String> leadSource, List<FieldViolation> violations) {
        leadSource.ifPresent(source -> {
            if (source.isBlank() || source.length() > LeadField.LEAD_SOURCE.maxLength() || !printable(source)) {
                violations.add(new FieldViolation("leadSource", "must be 1 to " + LeadField.LEAD_SOURCE.maxLength()
                        + " printable characters"));
            }
        });
    }

    /**
     * Where the org's form posts, as Salesforce's generated form says: a production org's host (the default), a
     * sandbox org's, or the org's My Domain ({@code acceptedMyDomains}: origins accepted besides *.my.salesforce.com).
     */
    public static Optional<LoginHost> formHost(Optional<String> loginHost, Optional<String> myDomainUrl,
                                               Set<String> acceptedMyDomains, List<FieldViolation> violations) {
        String kind = loginHost.orElse(myDomainUrl.isPresent() ? "MY_DOMAIN" : "PRODUCTION")
                .strip().toUpperCase(Locale.ROOT);
        switch (kind) {
            case "PRODUCTION", "SANDBOX" -> {
                if (myDomainUrl.isPresent()) {
                    violations.add(new FieldViolation("myDomainUrl", "goes with loginHost MY_DOMAIN only"));
                    return Optional.empty();
                }
                return Optional.of(kind.equals("SANDBOX") ? LoginHost.sandbox() : LoginHost.production());
            }
            case "MY_DOMAIN" -> {
                try {
                    return Optional.of(LoginHost.myDomain(myDomainUrl.orElse(""), acceptedMyDomains));
                } catch (IllegalArgumentException e) {
                    violations.add(new FieldViolation("myDomainUrl", e.getMessage()));
                    return Optional.empty();
                }
            }
            default -> {
                violations.add(new FieldViolation("loginHost", "must be PRODUCTION, SANDBOX or MY_DOMAIN: where the "
                        + "org's Web-to-Lead form posts (a sandbox org's form posts to test.salesforce.com)"));
                return Optional.empty();
            }
        }
    }

    /** No spaces at the ends, no control characters (a header value with a line break would split the request). */
    static boolean printable(String value) {
        return value.strip().equals(value) && value.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }
}
