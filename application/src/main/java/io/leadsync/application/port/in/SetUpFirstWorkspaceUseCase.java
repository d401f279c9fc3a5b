package io.leadsync.application.port.in;

import java.util.Optional;

/**
 * On the first start of an empty installation, creates a workspace and an API key so LeadSync can be tried at once.
 * Does nothing when any workspace exists.
 */
public interface SetUpFirstWorkspaceUseCase {
    /** @return the new key (shown once), or empty when the installation was set up already */
    Optional<IssuedApiKey> setUp(SetUpFirstWorkspaceCommand command);
}
