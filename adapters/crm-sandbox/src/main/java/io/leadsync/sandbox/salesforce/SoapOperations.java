package io.leadsync.sandbox.salesforce;

import java.util.List;

/** The org behind the SOAP endpoint: its authentication, API allowance and call counts, convertLead and merge. */
final class SoapOperations implements SoapEndpoint.Operations {
    private final SalesforceOrg org;

    SoapOperations(SalesforceOrg org) {
        this.org = org;
    }

    @Override
    public SandboxUser authenticate(String authorization) {
        return org.auth().authenticate(authorization);
    }

    @Override
    public void consumeApiCall() {
        org.usage().consumeApiCall();
    }

    @Override
    public void countCall(String endpoint) {
        org.usage().countCall(endpoint);
    }

    @Override
    public String limitInfo() {
        return org.usage().limitInfo();
    }

    @Override
    public List<SoapEndpoint.ConvertResult> convertLead(SandboxUser user, List<SoapEndpoint.ConvertRequest> requests) {
        return org.convertLeads(user, requests);
    }

    @Override
    public List<SoapEndpoint.MergeResult> merge(SandboxUser user, List<SoapEndpoint.MergeRequest> requests) {
        return org.merge(user, requests);
    }
}
