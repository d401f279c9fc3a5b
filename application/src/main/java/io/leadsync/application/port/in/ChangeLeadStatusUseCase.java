package io.leadsync.application.port.in;

/** Moves a lead to another status; the same status again changes nothing. */
public interface ChangeLeadStatusUseCase {
    /** @throws LeadNotFoundException when the workspace has no such lead */
    LeadOutcome changeStatus(ChangeLeadStatusCommand command);
}
