package io.leadsync.application.service.administer;

import io.leadsync.application.port.in.administer.FirstUser;
import io.leadsync.application.port.in.administer.SetUpFirstUserCommand;
import io.leadsync.application.port.in.administer.SetUpFirstUserUseCase;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.PasswordHasher;
import io.leadsync.application.port.out.SecretGenerator;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.port.out.UserRepository;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.domain.workspace.Membership;
import io.leadsync.domain.workspace.Role;
import io.leadsync.domain.workspace.User;
import io.leadsync.domain.workspace.UserId;
import io.leadsync.domain.workspace.Workspace;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Gives an installation without users its first owner, of the first workspace. Also runs on installations made
 * before the admin UI existed, which have a workspace and no users.
 */
public final class SetUpFirstUserService implements SetUpFirstUserUseCase {
    private final UserRepository users;
    private final WorkspaceRepository workspaces;
    private final PasswordHasher hasher;
    private final SecretGenerator secrets;
    private final TransactionBoundary transactions;
    private final IdGenerator ids;
    private final Clock clock;

    public SetUpFirstUserService(UserRepository users, WorkspaceRepository workspaces, PasswordHasher hasher,
                                 SecretGenerator secrets, TransactionBoundary transactions, IdGenerator ids,
                                 Clock clock) {
        this.users = users;
        this.workspaces = workspaces;
        this.hasher = hasher;
        this.secrets = secrets;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Optional<FirstUser> setUp(SetUpFirstUserCommand command) {
        if (users.count() > 0) {
            return Optional.empty();
        }
        boolean generated = command.password() == null || command.password().isBlank();
        String password = generated ? secrets.newSecret().substring(0, 20) : command.password();
        if (!generated && password.length() < AddMemberService.MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("the first user's configured password must have at least "
                    + AddMemberService.MIN_PASSWORD_LENGTH + " characters");
        }
        String hash = hasher.hash(password);
        return transactions.inTransaction(() -> {
            List<Workspace> all = workspaces.all();
            if (users.count() > 0 || all.isEmpty()) {
                return Optional.empty();
            }
            User owner = new User(new UserId(ids.newId()), command.email(), "Owner", hash, clock.instant());
            users.insert(owner);
            users.saveMembership(new Membership(all.get(0).id(), owner.id(), Role.OWNER));
            return Optional.of(new FirstUser(owner.email(), generated ? password : null));
        });
    }
}
