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

    /**
     * A field of the CRM a mapping can name, as the connected user sees it: its API name ({@code Account.Name} for an
     * Account field of a Contact target), its label and type as the CRM shows them, whether that user may write it,
     * and which LeadSync fields its type can hold.
     */
    record CrmField(String name, String label, String type, boolean writable,
                    java.util.Set<io.leadsync.domain.lead.LeadField> holds) {
        public CrmField {
            java.util.Objects.requireNonNull(name, "name");
            java.util.Objects.requireNonNull(label, "label");
            java.util.Objects.requireNonNull(type, "type");
            holds = java.util.Set.copyOf(holds);
        }
    }

    /** The CRM's fields and the CRM calls reading them took. */
    record Fields(java.util.List<CrmField> fields, int calls) {
        public Fields {
            fields = java.util.List.copyOf(fields);
        }
    }

    /**
     * The fields of the object(s) the connection writes (Salesforce describe, HubSpot contact properties), for the
     * mapping editor. A CRM that cannot list them answers none, and the editor takes names as typed.
     */
    default Fields fields(CrmSession session) {
        return new Fields(java.util.List.of(), 0);
    }

    /** The objects a lead can become in this CRM for the connected user, and the CRM calls finding out took. */
    record TargetObjects(java.util.Set<io.leadsync.domain.crm.TargetObject> offered, int calls) {
        public TargetObjects {
            offered = java.util.Set.copyOf(offered);
        }
    }

    /**
     * What a connection's target object may be: a CRM without a choice answers the one it writes. Salesforce offers
     * Person Account only where the org has Person Accounts the connected user can create (ADR 0082).
     */
    default TargetObjects targetObjects(CrmSession session) {
        return new TargetObjects(java.util.Set.of(session.target()), 0);
    }
}
