package io.leadsync.application.port.in.capture;

import java.util.Objects;

/** The API key a caller presented, exactly as presented. */
public record AuthenticateAgentQuery(String presentedKey) {
    public AuthenticateAgentQuery {
        Objects.requireNonNull(presentedKey, "presentedKey");
    }

    @Override
    public String toString() {
        return "AuthenticateAgentQuery[***]";
    }
}
