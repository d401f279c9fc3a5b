package io.leadsync.application.service.administer;

import io.leadsync.application.port.in.administer.GetUserAccessUseCase;
import io.leadsync.application.port.in.administer.ListMembersUseCase;
import io.leadsync.application.port.in.administer.Member;
import io.leadsync.application.port.in.administer.UserAccess;
import io.leadsync.application.port.in.administer.UserAccessQuery;
import io.leadsync.application.port.out.UserRepository;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.domain.workspace.Membership;
import io.leadsync.domain.workspace.User;
import io.leadsync.domain.workspace.Workspace;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Who a signed-in user is and what they may do, from their memberships; and the members of a workspace. */
public final class UserAccessService implements GetUserAccessUseCase, ListMembersUseCase {
    private final UserRepository users;
    private final WorkspaceRepository workspaces;

    public UserAccessService(UserRepository users, WorkspaceRepository workspaces) {
        this.users = users;
        this.workspaces = workspaces;
    }

    @Override
    public Optional<UserAccess> access(UserAccessQuery query) {
        Optional<User> user = users.find(query.userId());
        if (user.isEmpty()) {
            return Optional.empty();
        }
        List<UserAccess.WorkspaceChoice> choices = new ArrayList<>();
        for (Membership membership : users.membershipsOf(query.userId())) {
            // A suspended workspace (ADR 0047) is no longer anyone's to act in.
            workspaces.find(membership.workspaceId()).filter(workspace -> !workspace.suspended())
                    .map(Workspace::name).ifPresent(name ->
                    choices.add(new UserAccess.WorkspaceChoice(membership.workspaceId(), name, membership.role())));
        }
        choices.sort(Comparator.comparing(UserAccess.WorkspaceChoice::name).thenComparing(c -> c.id().value()));
        Optional<UserAccess.WorkspaceChoice> current = query.workspaceId()
                .map(wanted -> choices.stream().filter(choice -> choice.id().equals(wanted)).findFirst())
                .orElseGet(() -> choices.stream().findFirst());
        return current.map(choice -> new UserAccess(user.get().id(), user.get().email(), user.get().displayName(),
                choice.id(), choice.name(), workspaces.find(choice.id()).map(Workspace::productName).orElse(""),
                choice.role(), choices));
    }

    @Override
    public List<Member> members(WorkspaceId workspaceId) {
        List<Member> members = new ArrayList<>();
        for (Membership membership : users.membersOf(workspaceId)) {
            users.find(membership.userId()).ifPresent(user ->
                    members.add(new Member(user.id(), user.email(), user.displayName(), membership.role())));
        }
        members.sort(Comparator.comparing(Member::email));
        return members;
    }
}
