package io.leadsync.application.port.in.capture;

import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A batch of captures (ADR 0102).
 *
 * @param leads     each lead's id and raw values (absent stays, null clears), in the request's order
 * @param targets   the connection ids the request named for every lead, verbatim; empty: the rules decide per lead
 * @param allOrNone when one lead is refused, write none of them
 */
public record CaptureBatchCommand(WorkspaceId workspaceId, String actor, List<Item> leads, List<String> targets,
                                  boolean allOrNone) {
    /** One lead of the batch. */
    public record Item(LeadId leadId, Map<LeadField, String> values) {
        public Item {
            Objects.requireNonNull(leadId, "leadId");
            values = Collections.unmodifiableMap(new HashMap<>(values));
        }
    }

    public CaptureBatchCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(actor, "actor");
        leads = List.copyOf(leads);
        targets = List.copyOf(targets);
        if (leads.isEmpty() || leads.size() > CaptureLeadsUseCase.MAX_LEADS) {
            throw new IllegalArgumentException("a batch carries 1 to " + CaptureLeadsUseCase.MAX_LEADS + " leads");
        }
    }
}
