package io.leadsync.application.port.in.administer;

/**
 * Changes a user's password and ends every session they have, so a session someone else holds dies with the old
 * password. Refuses a wrong current password or a new one out of the length rule ({@link InvalidMemberException}).
 */
public interface ChangePasswordUseCase {
    void change(ChangePasswordCommand command);
}
