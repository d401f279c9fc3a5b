package io.leadsync.canary.adapters.out.crm.salesforce;

/** A CRM adapter's own payload, which another CRM adapter must not use. */
public final class SalesforceCanaryPayload {
}
