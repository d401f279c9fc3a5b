package io.leadsync.application.port.in.capture;

import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Optional;
import java.util.UUID;

/** Reads back an agent action's per-target outcome by its tracking id; another workspace's action is not found. */
public interface TrackActionUseCase {
    Optional<ActionReport> track(WorkspaceId workspaceId, UUID trackingId);

    /** Tracking ids older than {@code retention} are forgotten; answers how many. */
    int forgetOlderThan(java.time.Duration retention);
}
