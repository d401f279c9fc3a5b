package io.leadsync.application.port.in.administer;

import io.leadsync.domain.workspace.UserId;

/** A signed-in user replaces their own password, proving they know the current one. */
public record ChangePasswordCommand(UserId userId, String currentPassword, String newPassword) {
    @Override
    public String toString() {
        return "ChangePasswordCommand[" + userId + ", passwords=***]";
    }
}
