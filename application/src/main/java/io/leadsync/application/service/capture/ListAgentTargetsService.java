package io.leadsync.application.service.capture;

import io.leadsync.application.port.in.capture.ListAgentTargetsUseCase;
import io.leadsync.application.port.out.AgentRoutingRepository;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmLeadWriter;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Lists a workspace's connections with {@link TargetCheck}'s verdict, and its routing rules. */
public final class ListAgentTargetsService implements ListAgentTargetsUseCase {
    private final CrmConnectionRepository connections;
    private final AgentRoutingRepository routing;
    private final TargetCheck check;

    public ListAgentTargetsService(CrmConnectionRepository connections, AgentRoutingRepository routing,
                                   List<CrmLeadWriter> writers, Set<CrmKind> pushOnlyKinds) {
        this.connections = connections;
        this.routing = routing;
        Set<CrmKind> writable = EnumSet.noneOf(CrmKind.class);
        writers.forEach(writer -> writable.add(writer.kind()));
        writable.addAll(pushOnlyKinds);
        this.check = new TargetCheck(writable);
    }

    @Override
    public AgentTargets targets(WorkspaceId workspaceId) {
        return new AgentTargets(connections.list(workspaceId).stream()
                .map(connection -> new Candidate(connection, check.problem(Optional.of(connection)))).toList(),
                routing.find(workspaceId));
    }
}
