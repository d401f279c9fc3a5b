package io.leadsync.application.port.in.administer;

import io.leadsync.application.port.in.NotAllowedException;

/** Adds a user to a workspace or changes their role there. */
public interface AddMemberUseCase {
    /**
     * @throws NotAllowedException   when the actor does not own the workspace
     * @throws InvalidMemberException naming the field, when the email, name, role or password is not acceptable
     */
    Member add(AddMemberCommand command);
}
