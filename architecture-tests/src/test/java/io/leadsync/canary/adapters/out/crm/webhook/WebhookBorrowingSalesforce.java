package io.leadsync.canary.adapters.out.crm.webhook;

import io.leadsync.canary.adapters.out.crm.salesforce.SalesforceCanaryPayload;

/** Known bad: one CRM adapter using another's class (both live under adapters.out.crm). */
public final class WebhookBorrowingSalesforce {
    public SalesforceCanaryPayload borrow() {
        return new SalesforceCanaryPayload();
    }
}
