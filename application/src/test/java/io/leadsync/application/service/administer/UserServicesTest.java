package io.leadsync.application.service.administer;

import io.leadsync.application.service.configure.ChangeWorkspaceDefaultsService;
import io.leadsync.application.port.in.administer.AddMemberCommand;
import io.leadsync.application.port.in.administer.FirstUser;
import io.leadsync.application.port.in.administer.InvalidMemberException;
import io.leadsync.application.port.in.administer.LogInCommand;
import io.leadsync.application.port.in.NotAllowedException;
import io.leadsync.application.port.in.administer.SetUpFirstUserCommand;
import io.leadsync.application.port.in.administer.UserAccess;
import io.leadsync.application.port.in.administer.UserAccessQuery;
import io.leadsync.application.port.out.PasswordHasher;
import io.leadsync.application.testing.DirectTransactions;
import io.leadsync.application.testing.InMemoryUserRepository;
import io.leadsync.application.testing.InMemoryWorkspaceRepository;
import io.leadsync.domain.workspace.Role;
import io.leadsync.domain.workspace.UserId;
import io.leadsync.domain.workspace.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.OTHER_WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserServicesTest {
    /** Reversible on purpose: these tests are about who may log in, not about hashing (see the crypto adapter). */
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

    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final InMemoryWorkspaceRepository workspaces = new InMemoryWorkspaceRepository();
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    private final SetUpFirstUserService firstUser = new SetUpFirstUserService(users, workspaces, HASHER,
            () -> "generated-secret-of-enough-length-0123456789", new DirectTransactions(), UUID::randomUUID, clock);
    private final LogInService logIn = new LogInService(users, HASHER);
    private final UserAccessService access = new UserAccessService(users, workspaces);
    private final AddMemberService addMember = new AddMemberService(users, HASHER, new DirectTransactions(),
            UUID::randomUUID, clock);

    @BeforeEach
    void workspacesExist() {
        workspaces.insert(new Workspace(WORKSPACE, "Acme", "Acme SDR", T0));
        workspaces.insert(new Workspace(OTHER_WORKSPACE, "Globex", "Globex SDR", T0.plusSeconds(1)));
    }

    @Test
    void the_first_start_makes_one_owner_of_the_first_workspace_with_a_password_shown_once() {
        FirstUser first = firstUser.setUp(new SetUpFirstUserCommand("Owner@Acme.example", null)).orElseThrow();

        assertThat(first.email()).isEqualTo("owner@acme.example");
        assertThat(first.generatedPassword()).hasSize(20);
        UserId owner = logIn.logIn(new LogInCommand("owner@acme.example", first.generatedPassword())).orElseThrow();
        UserAccess ownerAccess = access.access(new UserAccessQuery(owner, Optional.empty())).orElseThrow();
        assertThat(ownerAccess.workspaceId()).isEqualTo(WORKSPACE);
        assertThat(ownerAccess.role()).isEqualTo(Role.OWNER);
        assertThat(firstUser.setUp(new SetUpFirstUserCommand("other@acme.example", null))).isEmpty();
    }

    @Test
    void single_sign_on_finds_the_existing_member_by_email_and_never_makes_a_new_one() {
        firstUser.setUp(new SetUpFirstUserCommand("owner@acme.example", "configured-pass")).orElseThrow();
        SignOnService signOn = new SignOnService(users);

        UserId owner = signOn.signOn("Owner@ACME.example").orElseThrow();

        assertThat(owner).isEqualTo(logIn.logIn(new LogInCommand("owner@acme.example", "configured-pass"))
                .orElseThrow());
        assertThat(signOn.signOn("stranger@acme.example")).isEmpty();
        assertThat(signOn.signOn("not an email")).isEmpty();
        assertThat(users.findByEmail("stranger@acme.example")).isEmpty();
    }

    @Test
    void a_configured_first_password_is_used_and_not_shown() {
        FirstUser first = firstUser.setUp(new SetUpFirstUserCommand("owner@acme.example", "configured-pass"))
                .orElseThrow();

        assertThat(first.generatedPassword()).isNull();
        assertThat(logIn.logIn(new LogInCommand("owner@acme.example", "configured-pass"))).isPresent();
    }

    @Test
    void a_wrong_password_or_an_unknown_email_logs_nobody_in() {
        firstUser.setUp(new SetUpFirstUserCommand("owner@acme.example", "configured-pass"));

        assertThat(logIn.logIn(new LogInCommand("owner@acme.example", "configured-pasS"))).isEmpty();
        assertThat(logIn.logIn(new LogInCommand("nobody@acme.example", "configured-pass"))).isEmpty();
        assertThat(logIn.logIn(new LogInCommand("not an email", "configured-pass"))).isEmpty();
    }

    @Test
    void an_owner_adds_a_viewer_who_sees_only_the_workspaces_they_belong_to() {
        UserId owner = owner();
        addMember.add(new AddMemberCommand(WORKSPACE, owner, "viewer@acme.example", "Vi", Role.VIEWER,
                "viewer-password"));
        UserId viewer = logIn.logIn(new LogInCommand("viewer@acme.example", "viewer-password")).orElseThrow();

        UserAccess viewerAccess = access.access(new UserAccessQuery(viewer, Optional.empty())).orElseThrow();
        assertThat(viewerAccess.role()).isEqualTo(Role.VIEWER);
        assertThat(viewerAccess.workspaces()).extracting(UserAccess.WorkspaceChoice::name).containsExactly("Acme");
        assertThat(access.access(new UserAccessQuery(viewer, Optional.of(OTHER_WORKSPACE)))).isEmpty();
        assertThat(access.members(WORKSPACE)).extracting(m -> m.email() + " " + m.role())
                .containsExactly("owner@acme.example OWNER", "viewer@acme.example VIEWER");
    }

    @Test
    void a_user_of_two_workspaces_switches_between_them_with_their_role_in_each() {
        UserId owner = owner();
        addMember.add(new AddMemberCommand(WORKSPACE, owner, "both@acme.example", null, Role.ADMIN, "both-password"));
        users.saveMembership(new io.leadsync.domain.workspace.Membership(OTHER_WORKSPACE,
                users.findByEmail("both@acme.example").orElseThrow().id(), Role.VIEWER));
        UserId both = logIn.logIn(new LogInCommand("both@acme.example", "both-password")).orElseThrow();

        assertThat(access.access(new UserAccessQuery(both, Optional.of(OTHER_WORKSPACE))).orElseThrow().role())
                .isEqualTo(Role.VIEWER);
        assertThat(access.access(new UserAccessQuery(both, Optional.of(WORKSPACE))).orElseThrow().role())
                .isEqualTo(Role.ADMIN);
    }

    @Test
    void only_an_owner_adds_users_and_a_new_user_needs_a_long_enough_password() {
        UserId owner = owner();
        addMember.add(new AddMemberCommand(WORKSPACE, owner, "admin@acme.example", null, Role.ADMIN, "admin-password"));
        UserId admin = users.findByEmail("admin@acme.example").orElseThrow().id();

        assertThatThrownBy(() -> addMember.add(new AddMemberCommand(WORKSPACE, admin, "x@acme.example", null,
                Role.OWNER, "long-enough-password"))).isInstanceOf(NotAllowedException.class);
        assertThatThrownBy(() -> addMember.add(new AddMemberCommand(OTHER_WORKSPACE, owner, "x@acme.example", null,
                Role.ADMIN, "long-enough-password"))).isInstanceOf(NotAllowedException.class);
        assertThatThrownBy(() -> addMember.add(new AddMemberCommand(WORKSPACE, owner, "x@acme.example", null,
                Role.ADMIN, "short")))
                .isInstanceOf(InvalidMemberException.class)
                .extracting(e -> ((InvalidMemberException) e).field()).isEqualTo("password");
        assertThat(users.findByEmail("x@acme.example")).isEmpty();
    }

    @Test
    void the_last_owner_cannot_be_demoted_but_an_admin_can_be_made_owner_and_then_the_first_may_step_down() {
        UserId owner = owner();
        assertThatThrownBy(() -> addMember.add(new AddMemberCommand(WORKSPACE, owner, "owner@acme.example", null,
                Role.ADMIN, null)))
                .isInstanceOf(InvalidMemberException.class).hasMessageContaining("at least one owner");

        addMember.add(new AddMemberCommand(WORKSPACE, owner, "second@acme.example", null, Role.OWNER,
                "second-password"));
        addMember.add(new AddMemberCommand(WORKSPACE, owner, "owner@acme.example", null, Role.ADMIN, null));

        assertThat(access.members(WORKSPACE)).extracting(m -> m.email() + " " + m.role())
                .containsExactly("owner@acme.example ADMIN", "second@acme.example OWNER");
    }

    @Test
    void an_admin_changes_the_product_name_and_a_viewer_or_a_blank_name_changes_nothing() {
        UserId owner = owner();
        addMember.add(new AddMemberCommand(WORKSPACE, owner, "viewer@acme.example", null, Role.VIEWER,
                "viewer-password"));
        UserId viewer = users.findByEmail("viewer@acme.example").orElseThrow().id();
        io.leadsync.application.testing.InMemoryAuditLog audit = new io.leadsync.application.testing.InMemoryAuditLog();
        ChangeWorkspaceDefaultsService defaults = new ChangeWorkspaceDefaultsService(workspaces, users, audit,
                new DirectTransactions(), UUID::randomUUID, clock);

        defaults.change(new io.leadsync.application.port.in.configure.ChangeWorkspaceDefaultsCommand(WORKSPACE, owner,
                " Acme Outbound "));
        assertThatThrownBy(() -> defaults.change(new io.leadsync.application.port.in.configure.ChangeWorkspaceDefaultsCommand(
                WORKSPACE, viewer, "Viewer's name"))).isInstanceOf(NotAllowedException.class);
        assertThatThrownBy(() -> defaults.change(new io.leadsync.application.port.in.configure.ChangeWorkspaceDefaultsCommand(
                WORKSPACE, owner, "  "))).isInstanceOf(io.leadsync.application.port.in.configure.InvalidSettingsException.class);

        assertThat(workspaces.find(WORKSPACE).orElseThrow().productName()).isEqualTo("Acme Outbound");
        assertThat(access.access(new UserAccessQuery(owner, Optional.empty())).orElseThrow().productName())
                .isEqualTo("Acme Outbound");
    }

    private UserId owner() {
        firstUser.setUp(new SetUpFirstUserCommand("owner@acme.example", "owner-password"));
        return logIn.logIn(new LogInCommand("owner@acme.example", "owner-password")).orElseThrow();
    }
}
