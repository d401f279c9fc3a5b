package io.leadsync.application.service.capture;

import io.leadsync.application.port.in.capture.GetLeadQuery;
import io.leadsync.application.port.in.capture.GetLeadUseCase;
import io.leadsync.application.port.in.LeadNotFoundException;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.domain.lead.Lead;

/** Reads one lead of a workspace. */
public final class GetLeadService implements GetLeadUseCase {
    private final LeadRepository leads;

    public GetLeadService(LeadRepository leads) {
        this.leads = leads;
    }

    @Override
    public Lead get(GetLeadQuery query) {
        return leads.find(query.workspaceId(), query.leadId())
                .orElseThrow(() -> new LeadNotFoundException(query.leadId()));
    }
}
