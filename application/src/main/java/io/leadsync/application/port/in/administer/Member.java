package io.leadsync.application.port.in.administer;

import io.leadsync.domain.workspace.Role;
import io.leadsync.domain.workspace.UserId;

/** A user of a workspace, as the users page lists them. */
public record Member(UserId userId, String email, String displayName, Role role) {
}
