package io.leadsync.domain.crm;

import java.util.Objects;

/**
 * What a Salesforce connection needs beyond how it syncs: where its admin logs in, and whether provisioning puts
 * LeadSync's fields on the object's page layouts (in a section of their own), so reps see them without an admin
 * editing every layout by hand.
 */
public record SalesforceOptions(LoginHost loginHost, boolean addFieldsToPageLayouts) {
    public SalesforceOptions {
        Objects.requireNonNull(loginHost, "loginHost");
    }

    /** A production org, page layouts left to the org's admin. */
    public static SalesforceOptions defaults() {
        return new SalesforceOptions(LoginHost.production(), false);
    }

    public SalesforceOptions withLoginHost(LoginHost host) {
        return new SalesforceOptions(host, addFieldsToPageLayouts);
    }

    public SalesforceOptions withPageLayouts(boolean add) {
        return new SalesforceOptions(loginHost, add);
    }
}
