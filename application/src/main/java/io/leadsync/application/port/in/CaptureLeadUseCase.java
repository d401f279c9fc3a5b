package io.leadsync.application.port.in;

import io.leadsync.domain.lead.InvalidLeadException;

/** Creates or updates a lead by its lead id. Idempotent: the same input twice changes nothing the second time. */
public interface CaptureLeadUseCase {
    /** @throws InvalidLeadException listing every bad field; nothing is written then */
    LeadOutcome capture(CaptureLeadCommand command);
}
