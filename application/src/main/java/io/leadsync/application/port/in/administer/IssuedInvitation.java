package io.leadsync.application.port.in.administer;

import io.leadsync.domain.workspace.Invitation;

import java.util.Optional;

/**
 * What inviting came to: an invitation whose link carries {@code token} (shown this once to the inviter; only its
 * hash is kept), or, for someone already a member, their role changed ({@code invitation} empty).
 */
public record IssuedInvitation(Optional<Invitation> invitation, String token) {
    @Override
    public String toString() {
        return "IssuedInvitation[" + invitation.map(Invitation::id).map(String::valueOf).orElse("role changed")
                + ", token=***]";
    }
}
