package io.leadsync.application.port.in.administer;

import java.util.Optional;

/**
 * On the first start of an empty installation, creates a workspace with an agent key and an admin key so LeadSync can
 * be tried at once. Does nothing when any workspace exists.
 */
public interface SetUpFirstWorkspaceUseCase {
    /** @return the new keys (shown once), or empty when the installation was set up already */
    Optional<FirstWorkspaceKeys> setUp(SetUpFirstWorkspaceCommand command);
}
