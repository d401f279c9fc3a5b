package io.leadsync.domain.crm;

/** The two kinds of Salesforce endpoint a lead can be posted to with a connection's OAuth tokens. */
public enum SalesforceEndpointType {
    /** An autolaunched Flow, through the REST API's custom actions: {@code {"inputs":[{...}]}}. */
    FLOW,
    /** An Apex class annotated {@code @RestResource}: the lead's JSON as the body of its {@code @HttpPost} method. */
    APEX_REST
}
