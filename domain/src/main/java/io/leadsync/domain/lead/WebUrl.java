package io.leadsync.domain.lead;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An http(s) address. A missing scheme means https; scheme and host are lower-cased and a lone trailing slash is
 * dropped, so {@code Acme.com} and {@code https://acme.com/} are the same website.
 */
public record WebUrl(String value) {
    public static final int MAX_LENGTH = 255;
    static final String RULE = "must be an http or https address with a host name, at most " + MAX_LENGTH + " characters";

    public WebUrl {
        value = normalise(value, LeadField.COMPANY_WEBSITE);
    }

    static String normalise(String raw, LeadField field) {
        if (raw == null || raw.isBlank()) {
            throw InvalidLeadException.of(field, RULE);
        }
        String text = raw.strip();
        if (!text.contains("://")) {
            text = "https://" + text;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost();
            if (!(scheme.equals("http") || scheme.equals("https")) || host == null || !host.contains(".")
                    || uri.getUserInfo() != null) {
                throw InvalidLeadException.of(field, RULE);
            }
            String path = uri.getRawPath() == null || uri.getRawPath().equals("/") ? "" : uri.getRawPath();
            String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            String normalised = scheme + "://" + host.toLowerCase(Locale.ROOT) + port + path + query;
            if (normalised.length() > MAX_LENGTH) {
                throw InvalidLeadException.of(field, RULE);
            }
            return normalised;
        } catch (URISyntaxException e) {
            throw InvalidLeadException.of(field, RULE);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
