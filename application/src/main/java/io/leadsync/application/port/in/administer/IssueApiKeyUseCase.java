package io.leadsync.application.port.in.administer;

/** Issues an API key for a workspace's agents. */
public interface IssueApiKeyUseCase {
    /** @throws IllegalArgumentException when the workspace does not exist */
    IssuedApiKey issue(IssueApiKeyCommand command);
}
