package io.leadsync.application.port.in.administer;

import io.leadsync.application.port.in.NotAllowedException;
import io.leadsync.domain.workspace.Role;
import io.leadsync.domain.workspace.UserId;

import java.util.Optional;

/**
 * Accepting an invitation from its link (ADR 0047): someone new creates their account with it; someone with an
 * account signs in as the invited email and accepts. Either way the membership starts only with this consent.
 */
public interface AcceptInvitationUseCase {
    /** The open invitation the token names, as its page shows it. */
    Optional<OpenInvitation> find(String token);

    /**
     * Creates the account of the invited email with this name and password, and the membership.
     *
     * @throws InvalidMemberException a password out of the rule, or an email that has an account (then: sign in)
     */
    UserId acceptAsNewUser(String token, String displayName, String password);

    /**
     * The signed-in {@code user} accepts; they must be the invited email.
     *
     * @throws NotAllowedException when the invitation is for another email
     */
    void acceptAs(String token, UserId user);

    /** An invitation still open: to which workspace, for which email, with which role. */
    record OpenInvitation(String workspaceName, String email, Role role) {
    }
}
