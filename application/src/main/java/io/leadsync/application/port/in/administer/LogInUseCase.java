package io.leadsync.application.port.in.administer;

import io.leadsync.domain.workspace.UserId;

import java.util.Optional;

/** Checks a user's email and password. */
public interface LogInUseCase {
    /**
     * @return the user, when the password is theirs and they belong to at least one workspace; empty otherwise,
     * without saying which part was wrong
     */
    Optional<UserId> logIn(LogInCommand command);
}
