package io.leadsync.application.port.in.administer;

import java.util.Optional;

/** Resolves a signed-in user to their access, read fresh on every request so a changed role counts at once. */
public interface GetUserAccessUseCase {
    /** @return empty when the user is gone or does not belong to the workspace asked for */
    Optional<UserAccess> access(UserAccessQuery query);
}
