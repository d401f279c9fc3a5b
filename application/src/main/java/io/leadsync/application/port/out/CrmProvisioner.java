package io.leadsync.application.port.out;

import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.Readiness;

/**
 * Makes a CRM ready for a connection's field mapping: creates the custom fields it lacks, makes them visible and
 * writable for the connected user, and checks the result as the CRM reports it.
 */
public interface CrmProvisioner {
    CrmKind kind();

    /**
     * Creates what is missing and grants access; safe to run again after a partial failure. Returns the readiness
     * check made afterwards. Missing rights are a problem in the result (naming the permission), not an exception.
     *
     * @throws AccessTokenRejectedException when the CRM refused the access token: refresh it and call again
     * @throws CrmUnavailableException      when the CRM failed or could not be reached
     */
    Readiness provision(CrmSession session);

    /** The readiness check alone: what the connected user can see and write, compared with the mapping. */
    Readiness verify(CrmSession session);

    /** A provisioning's outcome and the CRM calls it took, which the connection's daily budget must count. */
    record Provisioned(Readiness readiness, int calls) {
    }

    /**
     * As {@link #provision(CrmSession)}, counting the CRM calls made. An adapter that cannot count answers one call,
     * which undercounts; both CRM adapters count.
     */
    default Provisioned provisionCounting(CrmSession session) {
        return new Provisioned(provision(session), 1);
    }

    /**
     * As {@link #provisionCounting(CrmSession)}; with {@code placeOnPageLayouts}, the mapped fields are also added to
     * the object's page layouts (Salesforce: a "LeadSync" section), so reps see them. Either way the readiness check
     * names the layouts that still hide a mapped field, as advice that does not stop the sync. CRMs without page
     * layouts ignore it.
     */
    default Provisioned provisionCounting(CrmSession session, boolean placeOnPageLayouts) {
        return provisionCounting(session);
    }
}
