package io.leadsync.domain.crm;

/** The kinds of destination a workspace can connect. */
public enum CrmKind {
    SALESFORCE(true),
    HUBSPOT(true),
    /** Salesforce's form endpoint: push only, 500 leads a rolling day. */
    SALESFORCE_WEB_TO_LEAD(false),
    /** An authenticated HTTPS endpoint of the customer's: push only. */
    WEBHOOK(false);

    private final boolean canPull;

    CrmKind(boolean canPull) {
        this.canPull = canPull;
    }

    /** Whether LeadSync can read changes back from this kind. */
    public boolean canPull() {
        return canPull;
    }
}
