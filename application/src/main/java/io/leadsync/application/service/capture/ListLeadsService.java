package io.leadsync.application.service.capture;

import io.leadsync.application.port.in.capture.LeadPage;
import io.leadsync.application.port.in.capture.ListLeadsQuery;
import io.leadsync.application.port.in.capture.ListLeadsUseCase;
import io.leadsync.application.port.out.LeadCriteria;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.LeadSlice;

/** Lists a workspace's leads a page at a time. */
public final class ListLeadsService implements ListLeadsUseCase {
    private final LeadRepository leads;

    public ListLeadsService(LeadRepository leads) {
        this.leads = leads;
    }

    @Override
    public LeadPage list(ListLeadsQuery query) {
        // A page far past the end is an empty page, not an int overflow into a negative offset.
        int offset = (int) Math.min((long) query.page() * query.size(), Integer.MAX_VALUE);
        LeadSlice slice = leads.list(new LeadCriteria(query.workspaceId(), query.status(), query.agentId(),
                query.updatedSince(), offset, query.size()));
        return new LeadPage(slice.leads(), query.page(), query.size(), slice.total());
    }
}
