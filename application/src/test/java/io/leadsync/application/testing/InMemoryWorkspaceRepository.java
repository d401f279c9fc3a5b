package io.leadsync.application.testing;

import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.domain.workspace.Workspace;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryWorkspaceRepository implements WorkspaceRepository {
    private final Map<WorkspaceId, Workspace> workspaces = new ConcurrentHashMap<>();

    @Override
    public void insert(Workspace workspace) {
        if (workspaces.putIfAbsent(workspace.id(), workspace) != null) {
            throw new IllegalStateException("workspace " + workspace.id() + " exists");
        }
    }

    @Override
    public Optional<Workspace> find(WorkspaceId id) {
        return Optional.ofNullable(workspaces.get(id));
    }

    @Override
    public void update(Workspace workspace) {
        if (workspaces.replace(workspace.id(), workspace) == null) {
            throw new IllegalStateException("no workspace " + workspace.id());
        }
    }

    @Override
    public List<Workspace> all() {
        return workspaces.values().stream().sorted(Comparator.comparing(Workspace::createdAt)).toList();
    }

    @Override
    public void suspend(WorkspaceId id, java.time.Instant at) {
        workspaces.computeIfPresent(id, (key, workspace) -> workspace.suspendedAt(at));
    }
}
