package io.leadsync.application.port.in.delivery;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Objects;
import java.util.Set;

/**
 * Send every lead of the workspace to the connection again, typically after a mapping change. {@code fields}: the app
 * fields the admin wants refreshed, for the audit; the push writes whole records either way.
 */
public record BackfillCommand(WorkspaceId workspaceId, ConnectionId connectionId, String actor, Set<LeadField> fields) {
    public BackfillCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(actor, "actor");
        fields = Set.copyOf(fields);
    }
}
