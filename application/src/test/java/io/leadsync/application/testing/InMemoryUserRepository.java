package io.leadsync.application.testing;

import io.leadsync.application.port.out.UserRepository;
import io.leadsync.domain.workspace.Membership;
import io.leadsync.domain.workspace.User;
import io.leadsync.domain.workspace.UserId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class InMemoryUserRepository implements UserRepository {
    private final Map<UserId, User> users = new LinkedHashMap<>();
    private final List<Membership> memberships = new ArrayList<>();

    @Override
    public synchronized void insert(User user) {
        if (users.containsKey(user.id()) || findByEmail(user.email()).isPresent()) {
            throw new IllegalStateException("user " + user.email() + " exists");
        }
        users.put(user.id(), user);
    }

    @Override
    public synchronized Optional<User> find(UserId id) {
        return Optional.ofNullable(users.get(id));
    }

    @Override
    public synchronized Optional<User> findByEmail(String email) {
        return users.values().stream().filter(user -> user.email().equals(email)).findFirst();
    }

    @Override
    public synchronized long count() {
        return users.size();
    }

    @Override
    public synchronized void updatePasswordHash(UserId userId, String passwordHash) {
        users.computeIfPresent(userId, (id, user) -> user.withPasswordHash(passwordHash));
    }

    @Override
    public synchronized boolean deleteMembership(WorkspaceId workspaceId, UserId userId) {
        return memberships.removeIf(existing -> existing.workspaceId().equals(workspaceId)
                && existing.userId().equals(userId));
    }

    @Override
    public synchronized void saveMembership(Membership membership) {
        memberships.removeIf(existing -> existing.workspaceId().equals(membership.workspaceId())
                && existing.userId().equals(membership.userId()));
        memberships.add(membership);
    }

    @Override
    public synchronized List<Membership> membershipsOf(UserId userId) {
        return memberships.stream().filter(membership -> membership.userId().equals(userId)).toList();
    }

    @Override
    public synchronized List<Membership> membersOf(WorkspaceId workspaceId) {
        return memberships.stream().filter(membership -> membership.workspaceId().equals(workspaceId)).toList();
    }
}
