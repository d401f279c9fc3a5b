package io.leadsync.application.port.in.capture;

import io.leadsync.application.port.in.LeadNotFoundException;
import io.leadsync.domain.lead.Lead;

/** Reads one lead of the caller's workspace. */
public interface GetLeadUseCase {
    /** @throws LeadNotFoundException when the workspace has no such lead */
    Lead get(GetLeadQuery query);
}
