package io.leadsync.application.testing;

import io.leadsync.application.port.out.InvitationRepository;
import io.leadsync.domain.workspace.Invitation;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

public final class InMemoryInvitationRepository implements InvitationRepository {
    private final Map<UUID, Invitation> invitations = new LinkedHashMap<>();

    @Override
    public synchronized void insert(Invitation invitation) {
        invitations.put(invitation.id(), invitation);
    }

    @Override
    public synchronized Optional<Invitation> findByTokenHash(String tokenHash) {
        return invitations.values().stream().filter(i -> i.tokenHash().equals(tokenHash)).findFirst();
    }

    @Override
    public synchronized boolean markAccepted(UUID id, Instant at) {
        Invitation found = invitations.get(id);
        if (found == null || found.acceptedAt().isPresent()) {
            return false;
        }
        invitations.put(id, new Invitation(found.id(), found.tokenHash(), found.workspaceId(), found.email(),
                found.role(), found.invitedBy(), found.createdAt(), Optional.of(at)));
        return true;
    }

    @Override
    public synchronized List<Invitation> openIn(WorkspaceId workspaceId, Instant now) {
        return invitations.values().stream().filter(i -> i.workspaceId().equals(workspaceId) && i.openAt(now))
                .sorted(Comparator.comparing(Invitation::createdAt).reversed()).toList();
    }
}
