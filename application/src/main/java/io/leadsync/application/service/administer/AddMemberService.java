package io.leadsync.application.service.administer;

import io.leadsync.application.port.in.administer.AddMemberCommand;
import io.leadsync.application.port.in.administer.AddMemberUseCase;
import io.leadsync.application.port.in.administer.InvalidMemberException;
import io.leadsync.application.port.in.administer.Member;
import io.leadsync.application.port.in.NotAllowedException;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.PasswordHasher;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.port.out.UserRepository;
import io.leadsync.domain.workspace.Membership;
import io.leadsync.domain.workspace.Role;
import io.leadsync.domain.workspace.User;
import io.leadsync.domain.workspace.UserId;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Adds users to a workspace; only its owners may. */
public final class AddMemberService implements AddMemberUseCase {
    /** Long enough to resist guessing when the hash is slow; no composition rules (NIST SP 800-63B). */
    public static final int MIN_PASSWORD_LENGTH = 10;
    public static final int MAX_PASSWORD_LENGTH = 200;

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final TransactionBoundary transactions;
    private final IdGenerator ids;
    private final Clock clock;

    public AddMemberService(UserRepository users, PasswordHasher hasher, TransactionBoundary transactions,
                            IdGenerator ids, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Member add(AddMemberCommand command) {
        boolean owner = users.membershipsOf(command.actor()).stream().anyMatch(membership ->
                membership.workspaceId().equals(command.workspaceId()) && membership.role() == Role.OWNER);
        if (!owner) {
            throw new NotAllowedException("Only an owner of the workspace may add users or change roles.");
        }
        if (command.role() == null) {
            throw new InvalidMemberException("role", "must be one of OWNER, ADMIN, VIEWER");
        }
        String email;
        try {
            email = User.normaliseEmail(command.email());
        } catch (IllegalArgumentException e) {
            throw new InvalidMemberException("email", e.getMessage());
        }
        Optional<User> existing = users.findByEmail(email);
        if (existing.isPresent() && command.role() != Role.OWNER) {
            List<Membership> owners = users.membersOf(command.workspaceId()).stream()
                    .filter(membership -> membership.role() == Role.OWNER).toList();
            if (owners.size() == 1 && owners.get(0).userId().equals(existing.get().id())) {
                throw new InvalidMemberException("role", "a workspace keeps at least one owner: make someone else "
                        + "owner first");
            }
        }
        // Hash outside the transaction: it takes a noticeable fraction of a second on purpose.
        String hash = existing.isPresent() ? null : hash(command.password());
        return transactions.inTransaction(() -> {
            User user = existing.orElseGet(() -> {
                User created;
                try {
                    created = new User(new UserId(ids.newId()), email, command.displayName(), hash, clock.instant());
                } catch (IllegalArgumentException e) {
                    throw new InvalidMemberException("displayName", e.getMessage());
                }
                users.insert(created);
                return created;
            });
            users.saveMembership(new Membership(command.workspaceId(), user.id(), command.role()));
            return new Member(user.id(), user.email(), user.displayName(), command.role());
        });
    }

    private String hash(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > MAX_PASSWORD_LENGTH) {
            throw new InvalidMemberException("password", "a new user needs a password of " + MIN_PASSWORD_LENGTH
                    + " to " + MAX_PASSWORD_LENGTH + " characters");
        }
        return hasher.hash(password);
    }
}
