package io.leadsync.application.port.out;

import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.lead.Activity;

/**
 * Writes an activity into one kind of CRM, attached to the lead's record there: a Salesforce Task whose WhoId is the
 * lead (or contact), a HubSpot note associated with the contact.
 */
public interface CrmActivityWriter {
    CrmKind kind();

    /**
     * @param leadRecordId the lead's record in the CRM, from its link
     * @return the id of the record the activity became
     * @throws AccessTokenRejectedException when the CRM refused the access token: refresh it and call again
     * @throws CrmRateLimitedException      when the CRM's rate limit was hit; nothing was written
     * @throws CrmUnavailableException      when the CRM failed or could not be reached
     * @throws CrmRejectedException         when the CRM refused the activity for a reason retrying cannot fix
     */
    String write(CrmSession session, Activity activity, String leadRecordId);
}
