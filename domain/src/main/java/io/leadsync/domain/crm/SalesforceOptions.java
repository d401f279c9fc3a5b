package io.leadsync.domain.crm;

import java.util.Objects;

/**
 * What a Salesforce connection needs beyond how it syncs: where its admin logs in, and whether provisioning puts
 * LeadSync's fields on the object's page layouts (in a section of their own), so reps see them without an admin
 * editing every layout by hand; and whether new leads go through the org's Lead assignment rules ("Use Salesforce
 * assignment rules for new leads") or stay with the connected user. Leads already in the org never do: their owner
 * is the rep's business.
 */
public record SalesforceOptions(LoginHost loginHost, boolean addFieldsToPageLayouts, boolean assignNewLeadsByRules) {
    public SalesforceOptions {
        Objects.requireNonNull(loginHost, "loginHost");
    }

    /** New leads routed by the org's assignment rules: how the seed product tells admins to route leads to reps. */
    public SalesforceOptions(LoginHost loginHost, boolean addFieldsToPageLayouts) {
        this(loginHost, addFieldsToPageLayouts, true);
    }

    /** A production org, page layouts left to the org's admin, new leads routed by its assignment rules. */
    public static SalesforceOptions defaults() {
        return new SalesforceOptions(LoginHost.production(), false, true);
    }

    public SalesforceOptions withLoginHost(LoginHost host) {
        return new SalesforceOptions(host, addFieldsToPageLayouts, assignNewLeadsByRules);
    }

    public SalesforceOptions withPageLayouts(boolean add) {
        return new SalesforceOptions(loginHost, add, assignNewLeadsByRules);
    }

    public SalesforceOptions withAssignmentRules(boolean assign) {
        return new SalesforceOptions(loginHost, addFieldsToPageLayouts, assign);
    }
}
