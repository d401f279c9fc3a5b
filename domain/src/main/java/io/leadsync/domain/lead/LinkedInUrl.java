package io.leadsync.domain.lead;

import java.util.Locale;

/**
 * A LinkedIn profile or company page, normalised to {@code https://www.linkedin.com/...} without query or trailing
 * slash, so the same profile pasted from a phone and from a desktop compares equal.
 */
public record LinkedInUrl(String value) {
    static final String RULE = "must be a linkedin.com address, at most " + WebUrl.MAX_LENGTH + " characters";

    public LinkedInUrl {
        String url;
        try {
            url = WebUrl.normalise(value, LeadField.LINKEDIN_URL);
        } catch (InvalidLeadException e) {
            throw InvalidLeadException.of(LeadField.LINKEDIN_URL, RULE);
        }
        String afterScheme = url.substring(url.indexOf("://") + 3);
        int slash = afterScheme.indexOf('/');
        String host = slash < 0 ? afterScheme : afterScheme.substring(0, slash);
        String path = slash < 0 ? "" : afterScheme.substring(slash);
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        host = host.toLowerCase(Locale.ROOT);
        if (!(host.equals("linkedin.com") || host.endsWith(".linkedin.com")) || path.isEmpty()) {
            throw InvalidLeadException.of(LeadField.LINKEDIN_URL, RULE);
        }
        value = "https://www.linkedin.com" + path;
        // The canonical form can be longer than what was typed ("linkedin.com/..."), and it is what the CRM receives.
        if (value.length() > WebUrl.MAX_LENGTH) {
            throw InvalidLeadException.of(LeadField.LINKEDIN_URL, RULE);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
