package io.leadsync.application.port.in.administer;

import io.leadsync.domain.workspace.WorkspaceId;

import java.util.List;

/** The users of one workspace and their roles. */
public interface ListMembersUseCase {
    List<Member> members(WorkspaceId workspaceId);
}
