package io.leadsync.application.port.in.administer;

/**
 * Takes a user out of a workspace and ends their sessions there at once. Only owners may; the last owner stays
 * ({@link InvalidMemberException}); someone who is not a member is {@code false}.
 */
public interface RemoveMemberUseCase {
    boolean remove(RemoveMemberCommand command);
}
