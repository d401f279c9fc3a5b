package io.leadsync.application.port.in;

/** Changes fields of a lead that exists. */
public interface UpdateLeadUseCase {
    /**
     * @throws LeadNotFoundException when the workspace has no such lead
     * @throws io.leadsync.domain.lead.InvalidLeadException listing every bad field; nothing is written then
     */
    LeadOutcome update(UpdateLeadCommand command);
}
