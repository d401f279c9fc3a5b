package io.leadsync.application.service.capture;

import io.leadsync.application.port.in.capture.SearchLeadsUseCase;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.List;

/** Searches one workspace's leads. */
public final class SearchLeadsService implements SearchLeadsUseCase {
    /** Longer text matches nothing a lead holds in the searched fields anyway. */
    private static final int MAX_TEXT = 255;

    private final LeadRepository leads;

    public SearchLeadsService(LeadRepository leads) {
        this.leads = leads;
    }

    @Override
    public List<Lead> search(WorkspaceId workspaceId, String text) {
        String wanted = text == null ? "" : text.strip();
        if (wanted.isEmpty() || wanted.length() > MAX_TEXT) {
            return List.of();
        }
        return leads.search(workspaceId, wanted, MAX_RESULTS);
    }
}
