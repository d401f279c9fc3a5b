package io.leadsync.application.port.out;

import io.leadsync.domain.workspace.Invitation;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Invitations to join a workspace, by the hash of their link's token (ADR 0047). */
public interface InvitationRepository {
    void insert(Invitation invitation);

    Optional<Invitation> findByTokenHash(String tokenHash);

    /** Marks it accepted; false when it was accepted already (two tabs racing get one acceptance). */
    boolean markAccepted(UUID id, Instant at);

    /** The workspace's invitations not accepted yet, newest first. */
    List<Invitation> openIn(WorkspaceId workspaceId, Instant now);
}
