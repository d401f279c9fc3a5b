package io.leadsync.application.service.administer;

import io.leadsync.application.port.in.administer.AcceptInvitationUseCase;
import io.leadsync.application.port.in.administer.InvalidMemberException;
import io.leadsync.application.port.in.administer.InviteMemberCommand;
import io.leadsync.application.port.in.administer.InviteMemberUseCase;
import io.leadsync.application.port.in.administer.IssuedInvitation;
import io.leadsync.application.port.in.NotAllowedException;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.InvitationRepository;
import io.leadsync.application.port.out.PasswordHasher;
import io.leadsync.application.port.out.SecretGenerator;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.port.out.UserRepository;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.domain.workspace.AdminSession;
import io.leadsync.domain.workspace.Invitation;
import io.leadsync.domain.workspace.Membership;
import io.leadsync.domain.workspace.Role;
import io.leadsync.domain.workspace.User;
import io.leadsync.domain.workspace.UserId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Invitations (ADR 0047). Nobody becomes a member of a workspace without accepting, and an owner adding an email
 * learns nothing about whether it has an account elsewhere: everyone who is not yet a member gets the same link.
 */
public final class InvitationService implements InviteMemberUseCase, AcceptInvitationUseCase {
    private final UserRepository users;
    private final InvitationRepository invitations;
    private final WorkspaceRepository workspaces;
    private final PasswordHasher hasher;
    private final SecretGenerator secrets;
    private final IdGenerator ids;
    private final TransactionBoundary transactions;
    private final AuditLog audit;
    private final Clock clock;

    public InvitationService(UserRepository users, InvitationRepository invitations, WorkspaceRepository workspaces,
                             PasswordHasher hasher, SecretGenerator secrets, IdGenerator ids,
                             TransactionBoundary transactions, AuditLog audit, Clock clock) {
        this.users = users;
        this.invitations = invitations;
        this.workspaces = workspaces;
        this.hasher = hasher;
        this.secrets = secrets;
        this.ids = ids;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public IssuedInvitation invite(InviteMemberCommand command) {
        List<Membership> members = users.membersOf(command.workspaceId());
        boolean owner = members.stream().anyMatch(membership -> membership.userId().equals(command.actor())
                && membership.role() == Role.OWNER);
        if (!owner) {
            throw new NotAllowedException("Only an owner of the workspace may add users or change roles.");
        }
        if (command.role() == null) {
            throw new InvalidMemberException("role", "must be one of OWNER, ADMIN, VIEWER");
        }
        String email = email(command.email(), "email");
        String actor = users.find(command.actor()).map(user -> "user:" + user.email()).orElse("user");
        Optional<Membership> member = users.findByEmail(email).flatMap(user -> members.stream()
                .filter(membership -> membership.userId().equals(user.id())).findFirst());
        if (member.isPresent()) {
            long owners = members.stream().filter(membership -> membership.role() == Role.OWNER).count();
            if (member.get().role() == Role.OWNER && command.role() != Role.OWNER && owners == 1) {
                throw new InvalidMemberException("role", "a workspace keeps at least one owner: make someone else "
                        + "owner first");
            }
            transactions.inTransaction(() -> {
                users.saveMembership(new Membership(command.workspaceId(), member.get().userId(), command.role()));
                record(command.workspaceId(), actor, "user.role-changed", email + " is now " + command.role());
                return null;
            });
            return new IssuedInvitation(Optional.empty(), "");
        }
        return issue(command.workspaceId(), email, command.role(), actor);
    }

    /** An invitation made by the operator or an owner; the token is for the link and is not stored. */
    public IssuedInvitation issue(WorkspaceId workspaceId, String email, Role role, String invitedBy) {
        String token = secrets.newSecret();
        Invitation invitation = new Invitation(ids.newId(), AdminSession.hashOf(token), workspaceId,
                email(email, "email"), role, invitedBy, clock.instant(), Optional.empty());
        transactions.inTransaction(() -> {
            invitations.insert(invitation);
            record(workspaceId, invitedBy, "user.invited", invitation.email() + " invited as " + role);
            return null;
        });
        return new IssuedInvitation(Optional.of(invitation), token);
    }

    @Override
    public List<Invitation> openInvitations(WorkspaceId workspaceId) {
        return invitations.openIn(workspaceId, clock.instant());
    }

    @Override
    public Optional<OpenInvitation> find(String token) {
        return open(token).flatMap(invitation -> workspaces.find(invitation.workspaceId())
                .filter(workspace -> !workspace.suspended())
                .map(workspace -> new OpenInvitation(workspace.name(), invitation.email(), invitation.role())));
    }

    @Override
    public UserId acceptAsNewUser(String token, String displayName, String password) {
        Invitation invitation = openOrFail(token);
        if (users.findByEmail(invitation.email()).isPresent()) {
            throw new InvalidMemberException("email", "already has a LeadSync account: log in to accept");
        }
        if (password == null || password.length() < AddMemberService.MIN_PASSWORD_LENGTH
                || password.length() > AddMemberService.MAX_PASSWORD_LENGTH) {
            throw new InvalidMemberException("password", "must have " + AddMemberService.MIN_PASSWORD_LENGTH + " to "
                    + AddMemberService.MAX_PASSWORD_LENGTH + " characters");
        }
        User user;
        try {
            user = new User(new UserId(ids.newId()), invitation.email(), displayName, hasher.hash(password),
                    clock.instant());
        } catch (IllegalArgumentException e) {
            throw new InvalidMemberException("displayName", e.getMessage());
        }
        transactions.inTransaction(() -> {
            join(invitation);
            users.insert(user);
            users.saveMembership(new Membership(invitation.workspaceId(), user.id(), invitation.role()));
            return null;
        });
        return user.id();
    }

    @Override
    public void acceptAs(String token, UserId userId) {
        Invitation invitation = openOrFail(token);
        User user = users.find(userId).orElseThrow(() -> new NotAllowedException("No such user."));
        if (!user.email().equals(invitation.email())) {
            throw new NotAllowedException("This invitation is for another email address. Log in as the invited "
                    + "user to accept it.");
        }
        transactions.inTransaction(() -> {
            join(invitation);
            users.saveMembership(new Membership(invitation.workspaceId(), user.id(), invitation.role()));
            return null;
        });
    }

    private void join(Invitation invitation) {
        if (!invitations.markAccepted(invitation.id(), clock.instant())) {
            throw new InvalidMemberException("invitation", "was accepted already");
        }
        record(invitation.workspaceId(), "user:" + invitation.email(), "user.joined",
                invitation.email() + " accepted the invitation as " + invitation.role());
    }

    private Optional<Invitation> open(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return invitations.findByTokenHash(AdminSession.hashOf(token)).filter(invitation -> invitation.openAt(now));
    }

    private Invitation openOrFail(String token) {
        return open(token).filter(invitation -> workspaces.find(invitation.workspaceId())
                        .filter(workspace -> !workspace.suspended()).isPresent())
                .orElseThrow(() -> new InvalidMemberException("invitation", "has expired or was used already: ask "
                        + "an owner of the workspace for a new one"));
    }

    private static String email(String email, String field) {
        try {
            return User.normaliseEmail(email);
        } catch (IllegalArgumentException e) {
            throw new InvalidMemberException(field, e.getMessage());
        }
    }

    private void record(WorkspaceId workspaceId, String actor, String action, String detail) {
        audit.record(new AuditEntry(ids.newId(), workspaceId, clock.instant(), actor, action, Optional.empty(),
                Optional.empty(), detail));
    }
}
