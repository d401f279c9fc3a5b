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

    /**
     * An endpoint of a Salesforce org that the admin's own logic stands behind: an autolaunched Flow invoked through
     * the REST API's custom actions ({@code /services/data/vXX.X/actions/custom/flow/{name}}) or an Apex REST
     * resource ({@code /services/apexrest{name}}). Reached with the OAuth tokens of {@code salesforceConnection},
     * a Salesforce connection of the same workspace; this delivery holds no secret of its own.
     *
     * @param name the Flow's API name, or the Apex resource's path after {@code /services/apexrest}
     */
    record SalesforceEndpoint(io.leadsync.domain.workspace.WorkspaceId workspaceId, ConnectionId salesforceConnection,
                              SalesforceEndpointType type, String name) implements EndpointSettings {
        private static final java.util.regex.Pattern FLOW_NAME =
                java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}(__[A-Za-z0-9_]+)?");
        private static final java.util.regex.Pattern APEX_PATH =
                java.util.regex.Pattern.compile("(/[A-Za-z0-9_.~-]+){1,10}");

        public SalesforceEndpoint {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(salesforceConnection, "salesforceConnection");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(name, "name");
            if (!valid(type, name)) {
                throw new IllegalArgumentException(rule(type));
            }
        }

        /** Whether {@code name} can name an endpoint of the type. */
        public static boolean valid(SalesforceEndpointType type, String name) {
            return name != null && (type == SalesforceEndpointType.FLOW ? FLOW_NAME : APEX_PATH).matcher(name)
                    .matches();
        }

        /** What a valid name of the type looks like, in the admin's words. */
        public static String rule(SalesforceEndpointType type) {
            return type == SalesforceEndpointType.FLOW
                    ? "must be a Flow API name: a letter, then up to 79 letters, digits or underscores"
                    : "must be the path after /services/apexrest: /segment[/segment...], letters, digits, . _ ~ -";
        }
    }
}
