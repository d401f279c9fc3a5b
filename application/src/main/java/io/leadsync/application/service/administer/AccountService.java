package io.leadsync.application.service.administer;

import io.leadsync.application.port.in.administer.ChangePasswordCommand;
import io.leadsync.application.port.in.administer.ChangePasswordUseCase;
import io.leadsync.application.port.in.administer.InvalidMemberException;
import io.leadsync.application.port.in.NotAllowedException;
import io.leadsync.application.port.in.administer.RemoveMemberCommand;
import io.leadsync.application.port.in.administer.RemoveMemberUseCase;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.PasswordHasher;
import io.leadsync.application.port.out.SessionStore;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.port.out.UserRepository;
import io.leadsync.domain.workspace.Membership;
import io.leadsync.domain.workspace.Role;
import io.leadsync.domain.workspace.User;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What ends a user's sessions besides logout: their password changing (every session, this browser's included: the
 * page starts a fresh one) and an owner removing them from a workspace (their sessions there). Both are audited.
 */
public final class AccountService implements ChangePasswordUseCase, RemoveMemberUseCase {
    private final UserRepository users;
    private final SessionStore sessions;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final TransactionBoundary transactions;
    private final IdGenerator ids;
    private final Clock clock;

    public AccountService(UserRepository users, SessionStore sessions, PasswordHasher hasher, AuditLog audit,
                          TransactionBoundary transactions, IdGenerator ids, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.audit = audit;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public void change(ChangePasswordCommand command) {
        User user = users.find(command.userId()).orElseThrow(() -> new NotAllowedException("No such user."));
        if (command.currentPassword() == null || !hasher.matches(command.currentPassword(), user.passwordHash())) {
            throw new InvalidMemberException("currentPassword", "is not your current password");
        }
        String password = command.newPassword();
        if (password == null || password.length() < AddMemberService.MIN_PASSWORD_LENGTH
                || password.length() > AddMemberService.MAX_PASSWORD_LENGTH) {
            throw new InvalidMemberException("newPassword", "must have " + AddMemberService.MIN_PASSWORD_LENGTH
                    + " to " + AddMemberService.MAX_PASSWORD_LENGTH + " characters");
        }
        String hash = hasher.hash(password);
        Instant now = clock.instant();
        transactions.inTransaction(() -> {
            users.updatePasswordHash(user.id(), hash);
            int ended = sessions.deleteAllOf(user.id());
            for (Membership membership : users.membershipsOf(user.id())) {
                audit.record(new AuditEntry(ids.newId(), membership.workspaceId(), now, "user:" + user.email(),
                        "user.password-changed", Optional.empty(), Optional.empty(),
                        "password changed; " + ended + " session(s) ended"));
            }
            return null;
        });
    }

    @Override
    public boolean remove(RemoveMemberCommand command) {
        List<Membership> members = users.membersOf(command.workspaceId());
        boolean owner = members.stream().anyMatch(membership -> membership.userId().equals(command.actor())
                && membership.role() == Role.OWNER);
        if (!owner) {
            throw new NotAllowedException("Only an owner of the workspace may remove users.");
        }
        Optional<Membership> removed = members.stream()
                .filter(membership -> membership.userId().equals(command.member())).findFirst();
        if (removed.isEmpty()) {
            return false;
        }
        long owners = members.stream().filter(membership -> membership.role() == Role.OWNER).count();
        if (removed.get().role() == Role.OWNER && owners == 1) {
            throw new InvalidMemberException("user", "a workspace keeps at least one owner: make someone else "
                    + "owner first");
        }
        String actor = users.find(command.actor()).map(user -> "user:" + user.email()).orElse("user");
        String email = users.find(command.member()).map(User::email).orElse(command.member().toString());
        Instant now = clock.instant();
        return transactions.inTransaction(() -> {
            users.deleteMembership(command.workspaceId(), command.member());
            int ended = sessions.deleteAllOf(command.member(), command.workspaceId());
            audit.record(new AuditEntry(ids.newId(), command.workspaceId(), now, actor, "user.removed",
                    Optional.empty(), Optional.empty(), email + " removed; " + ended + " session(s) ended"));
            return true;
        });
    }
}
