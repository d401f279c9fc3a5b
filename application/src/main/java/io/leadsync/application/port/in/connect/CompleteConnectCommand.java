package io.leadsync.application.port.in.connect;

import java.util.Objects;
import java.util.Optional;

/**
 * What the CRM sent to the OAuth callback: the {@code state} LeadSync sent, and either a {@code code} or an
 * {@code error} (the admin denied access, for example).
 */
public record CompleteConnectCommand(String state, Optional<String> code, Optional<String> error,
                                     Optional<String> errorDescription) {
    public CompleteConnectCommand {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(errorDescription, "errorDescription");
    }
}
