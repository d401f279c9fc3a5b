package io.leadsync.application.port.in.configure;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.List;
import java.util.Objects;

/** Replace a connection's whole field mapping with {@code mappings}. */
public record ReplaceMappingsCommand(WorkspaceId workspaceId, ConnectionId connectionId, String actor,
                                     List<MappingInput> mappings) {
    public ReplaceMappingsCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(actor, "actor");
        mappings = List.copyOf(mappings);
    }
}
