package io.leadsync.application.port.in.administer;

import java.util.Optional;

/**
 * While an installation has no user, makes the given email the owner of the first workspace, so someone can log in
 * to the admin UI. Does nothing once any user exists, or before any workspace does.
 */
public interface SetUpFirstUserUseCase {
    Optional<FirstUser> setUp(SetUpFirstUserCommand command);
}
