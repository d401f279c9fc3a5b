package io.leadsync.application.service.administer;

import io.leadsync.application.port.in.administer.LogInCommand;
import io.leadsync.application.port.in.administer.LogInUseCase;
import io.leadsync.application.port.out.PasswordHasher;
import io.leadsync.application.port.out.UserRepository;
import io.leadsync.domain.workspace.User;
import io.leadsync.domain.workspace.UserId;

import java.util.Optional;

/**
 * Checks a password. An unknown email still costs one hash, so the time taken does not tell which emails have
 * accounts.
 */
public final class LogInService implements LogInUseCase {
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final String decoyHash;

    public LogInService(UserRepository users, PasswordHasher hasher) {
        this.users = users;
        this.hasher = hasher;
        this.decoyHash = hasher.hash("decoy password that matches no login");
    }

    @Override
    public Optional<UserId> logIn(LogInCommand command) {
        String password = command.password() == null ? "" : command.password();
        Optional<User> user;
        try {
            user = users.findByEmail(User.normaliseEmail(command.email()));
        } catch (IllegalArgumentException notAnEmail) {
            user = Optional.empty();
        }
        if (user.isEmpty()) {
            hasher.matches(password, decoyHash);
            return Optional.empty();
        }
        if (!hasher.matches(password, user.get().passwordHash())
                || users.membershipsOf(user.get().id()).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(user.get().id());
    }
}
