package io.leadsync.application.port.in.administer;

import io.leadsync.domain.workspace.Invitation;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.List;

/**
 * Adding people to a workspace (ADR 0047). Anyone not yet a member gets an invitation link, whether or not the email
 * has an account, so the answer tells the owner nothing about other workspaces' users; a member gets the new role at
 * once. Only owners may; the last owner keeps the role ({@link InvalidMemberException}).
 */
public interface InviteMemberUseCase {
    IssuedInvitation invite(InviteMemberCommand command);

    /** The workspace's invitations not accepted yet. */
    List<Invitation> openInvitations(WorkspaceId workspaceId);
}
