package io.leadsync.domain.crm;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how a push-only connection receives leads, beside its field mapping: a webhook of the customer's, or
 * Salesforce's Web-to-Lead form. Secrets (a bearer token, custom header values, the signing secret) are never shown
 * by {@link #toString()} and are stored only encrypted.
 */
public sealed interface EndpointSettings {

    /**
     * An HTTP(S) endpoint of the customer's (a Salesforce Flow or Apex REST resource, say), one lead per request.
     *
     * @param headers       extra request headers, their values treated as secrets (an API key, say)
     * @param signingSecret the HMAC-SHA256 key of the signature header receivers verify
     */
    record Webhook(URI url, BodyFormat format, Optional<String> bearerToken, Map<String, String> headers,
                   String signingSecret) implements EndpointSettings {
        public Webhook {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(bearerToken, "bearerToken");
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
            if (signingSecret == null || signingSecret.isEmpty()) {
                throw new IllegalArgumentException("a webhook has a signing secret");
            }
        }

        @Override
        public String toString() {
            return "Webhook[" + url + ", " + format + ", bearer " + (bearerToken.isPresent() ? "***" : "none")
                    + ", headers " + headers.keySet() + " (values ***), signing secret ***]";
        }
    }

    /**
     * Salesforce's Web-to-Lead form of one org: no authentication, 500 leads created a rolling 24 hours.
     *
     * @param leadSource the form's {@code lead_source}, when the admin chose one (else the product's name)
     * @param host       where the org's form posts: a production org's servlet host (webto.salesforce.com), a sandbox
     *                   org's (test.salesforce.com), or the org's My Domain, as the form Salesforce generates for that
     *                   org says; a post to another org's host creates nothing
     */
    record WebToLead(String orgId, Optional<String> leadSource, LoginHost host) implements EndpointSettings {
        public WebToLead {
            Objects.requireNonNull(orgId, "orgId");
            Objects.requireNonNull(leadSource, "leadSource");
            Objects.requireNonNull(host, "host");
        }

        /** A production org's form. */
        public WebToLead(String orgId, Optional<String> leadSource) {
            this(orgId, leadSource, LoginHost.production());
        }
    }
}
