package io.leadsync.application.port.out;

import io.leadsync.domain.crm.EndpointSettings;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.SalesforceEndpointType;

import java.util.List;
import java.util.Objects;

/**
 * A Salesforce org's own endpoints, called with a connection's session: its autolaunched Flows (the REST API's
 * custom actions) and Apex REST resources. Every method is one or two API calls of the connection's.
 */
public interface SalesforceOrgEndpoints {

    /** One endpoint the org offers: a Flow's API name and label, or an Apex resource's path and class name. */
    record OrgEndpoint(SalesforceEndpointType type, String name, String label) {
        public OrgEndpoint {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(label, "label");
        }
    }

    /**
     * What the org offers, and what could not be listed: Salesforce lists Flows exactly but has no list of Apex REST
     * resources, so those are found in the classes' source where the org shows it (not in managed packages).
     */
    record Listing(List<OrgEndpoint> endpoints, List<String> notes, int calls) {
        public Listing {
            endpoints = List.copyOf(endpoints);
            notes = List.copyOf(notes);
        }
    }

    /**
     * @throws AccessTokenRejectedException when Salesforce refused the access token: refresh it and call again
     * @throws CrmRateLimitedException      when an API limit of the org was hit
     * @throws CrmUnavailableException      when Salesforce could not be reached or failed
     */
    Listing list(CrmSession session);

    /**
     * Posts one lead, its mapped fields as a JSON object: a Flow gets {@code {"inputs":[object]}}, an Apex resource
     * the object itself. Answers Salesforce's verdict: accepted, or refused with its error codes and messages.
     *
     * @throws AccessTokenRejectedException when Salesforce refused the access token: refresh it and call again
     * @throws CrmRateLimitedException      when an API limit of the org was hit
     * @throws CrmUnavailableException      when Salesforce could not be reached or did not answer in time
     */
    LeadEndpoint.Answer post(CrmSession session, EndpointSettings.SalesforceEndpoint endpoint,
                             List<FieldMapping> mappings, CrmRecord record);
}
