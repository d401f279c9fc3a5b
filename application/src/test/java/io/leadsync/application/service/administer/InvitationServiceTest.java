package io.leadsync.application.service.administer;

import io.leadsync.application.port.in.administer.InvalidMemberException;
import io.leadsync.application.port.in.administer.InviteMemberCommand;
import io.leadsync.application.port.in.administer.IssuedInvitation;
import io.leadsync.application.port.in.NotAllowedException;
import io.leadsync.application.port.out.PasswordHasher;
import io.leadsync.application.testing.DirectTransactions;
import io.leadsync.application.testing.InMemoryAuditLog;
import io.leadsync.application.testing.InMemoryInvitationRepository;
import io.leadsync.application.testing.InMemoryUserRepository;
import io.leadsync.application.testing.InMemoryWorkspaceRepository;
import io.leadsync.application.testing.MutableClock;
import io.leadsync.application.testing.SequentialIds;
import io.leadsync.domain.workspace.Invitation;
import io.leadsync.domain.workspace.Membership;
import io.leadsync.domain.workspace.Role;
import io.leadsync.domain.workspace.User;
import io.leadsync.domain.workspace.UserId;
import io.leadsync.domain.workspace.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.OTHER_WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvitationServiceTest {
    private static final PasswordHasher HASHER = new PasswordHasher() {
        @Override
        public String hash(String password) {
            return "hashed:" + password;
        }

        @Override
        public boolean matches(String password, String hash) {
            return hash.equals("hashed:" + password);
        }
    };
    private static final UserId OWNER = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000a1"));
    private static final UserId OUTSIDER = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000b1"));

    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final InMemoryWorkspaceRepository workspaces = new InMemoryWorkspaceRepository();
    private final InMemoryInvitationRepository invitations = new InMemoryInvitationRepository();
    private final MutableClock clock = new MutableClock(T0);
    private final SequentialIds ids = new SequentialIds();
    private final InvitationService service = new InvitationService(users, invitations, workspaces, HASHER, ids, ids,
            new DirectTransactions(), new InMemoryAuditLog(), clock);

    @BeforeEach
    void anOwnerAndSomeoneOfAnotherWorkspace() {
        workspaces.insert(new Workspace(WORKSPACE, "Acme", "Acme SDR", T0));
        workspaces.insert(new Workspace(OTHER_WORKSPACE, "Globex", "Globex SDR", T0));
        users.insert(new User(OWNER, "owner@acme.example", null, HASHER.hash("owner-password"), T0));
        users.saveMembership(new Membership(WORKSPACE, OWNER, Role.OWNER));
        users.insert(new User(OUTSIDER, "bob@globex.example", null, HASHER.hash("bobs-password"), T0));
        users.saveMembership(new Membership(OTHER_WORKSPACE, OUTSIDER, Role.OWNER));
    }

    @Test
    void inviting_someone_of_another_workspace_adds_nobody_and_answers_as_for_an_unknown_email() {
        IssuedInvitation existing = service.invite(new InviteMemberCommand(WORKSPACE, OWNER, "bob@globex.example",
                Role.VIEWER));
        IssuedInvitation unknown = service.invite(new InviteMemberCommand(WORKSPACE, OWNER, "new@nowhere.example",
                Role.VIEWER));

        assertThat(existing.invitation()).isPresent();
        assertThat(unknown.invitation()).isPresent();
        assertThat(users.membershipsOf(OUTSIDER)).extracting(Membership::workspaceId).containsExactly(OTHER_WORKSPACE);
        assertThat(service.openInvitations(WORKSPACE)).extracting(Invitation::email)
                .containsExactlyInAnyOrder("bob@globex.example", "new@nowhere.example");
    }

    @Test
    void the_invited_user_joins_by_accepting_once_and_nobody_else_can_accept_for_them() {
        IssuedInvitation issued = service.invite(new InviteMemberCommand(WORKSPACE, OWNER, "bob@globex.example",
                Role.ADMIN));

        assertThatThrownBy(() -> service.acceptAs(issued.token(), OWNER)).isInstanceOf(NotAllowedException.class);
        assertThatThrownBy(() -> service.acceptAsNewUser(issued.token(), "Bob", "another-password"))
                .isInstanceOf(InvalidMemberException.class).hasMessageContaining("log in to accept");
        service.acceptAs(issued.token(), OUTSIDER);

        assertThat(users.membershipsOf(OUTSIDER)).contains(new Membership(WORKSPACE, OUTSIDER, Role.ADMIN));
        assertThatThrownBy(() -> service.acceptAs(issued.token(), OUTSIDER)).isInstanceOf(InvalidMemberException.class);
        assertThat(service.find(issued.token())).isEmpty();
    }

    @Test
    void someone_new_creates_their_account_with_the_link_before_it_expires() {
        IssuedInvitation fresh = service.invite(new InviteMemberCommand(WORKSPACE, OWNER, "Carol@New.example",
                Role.VIEWER));
        IssuedInvitation stale = service.invite(new InviteMemberCommand(WORKSPACE, OWNER, "dave@new.example",
                Role.VIEWER));

        UserId carol = service.acceptAsNewUser(fresh.token(), "Carol", "carols-password");
        clock.advance(Invitation.LIFETIME.plus(Duration.ofSeconds(1)));

        assertThat(users.find(carol).orElseThrow().email()).isEqualTo("carol@new.example");
        assertThat(users.membershipsOf(carol)).containsExactly(new Membership(WORKSPACE, carol, Role.VIEWER));
        assertThatThrownBy(() -> service.acceptAsNewUser(stale.token(), "Dave", "daves-password"))
                .isInstanceOf(InvalidMemberException.class).hasMessageContaining("expired");
    }

    @Test
    void only_owners_invite_and_a_member_gets_the_new_role_at_once() {
        assertThatThrownBy(() -> service.invite(new InviteMemberCommand(WORKSPACE, OUTSIDER, "x@y.example",
                Role.OWNER))).isInstanceOf(NotAllowedException.class);
        UserId admin = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000c1"));
        users.insert(new User(admin, "admin@acme.example", null, HASHER.hash("admin-password"), T0));
        users.saveMembership(new Membership(WORKSPACE, admin, Role.VIEWER));

        IssuedInvitation changed = service.invite(new InviteMemberCommand(WORKSPACE, OWNER, "admin@acme.example",
                Role.ADMIN));

        assertThat(changed.invitation()).isEmpty();
        assertThat(users.membershipsOf(admin)).containsExactly(new Membership(WORKSPACE, admin, Role.ADMIN));
        assertThatThrownBy(() -> service.invite(new InviteMemberCommand(WORKSPACE, OWNER, "owner@acme.example",
                Role.VIEWER))).isInstanceOf(InvalidMemberException.class).hasMessageContaining("at least one owner");
    }
}
