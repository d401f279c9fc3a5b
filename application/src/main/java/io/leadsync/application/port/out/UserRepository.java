package io.leadsync.application.port.out;

import io.leadsync.domain.workspace.Membership;
import io.leadsync.domain.workspace.User;
import io.leadsync.domain.workspace.UserId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.List;
import java.util.Optional;

/** The admin UI's users and their memberships of workspaces. */
public interface UserRepository {
    void insert(User user);

    Optional<User> find(UserId id);

    /** By the lower-case email ({@link User#normaliseEmail}). */
    Optional<User> findByEmail(String email);

    long count();

    /** Replaces the user's password hash. */
    void updatePasswordHash(UserId userId, String passwordHash);

    /** Takes the user out of the workspace; false when they were not in it. */
    boolean deleteMembership(WorkspaceId workspaceId, UserId userId);

    /** Adds the membership, or changes the role of an existing one. */
    void saveMembership(Membership membership);

    /** Every workspace the user belongs to. */
    List<Membership> membershipsOf(UserId userId);

    /** Every user of the workspace, by email. */
    List<Membership> membersOf(WorkspaceId workspaceId);
}
