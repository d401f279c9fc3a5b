package io.leadsync.application.port.out;

import io.leadsync.domain.workspace.Workspace;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.List;
import java.util.Optional;

/** The customers of this LeadSync installation. */
public interface WorkspaceRepository {
    void insert(Workspace workspace);

    Optional<Workspace> find(WorkspaceId id);

    /** Stores a workspace's changed name or product name. */
    void update(Workspace workspace);

    List<Workspace> all();

    /** Suspends the workspace from {@code at} (ADR 0047): its keys are no longer found, nobody acts in it. */
    void suspend(WorkspaceId id, java.time.Instant at);
}
