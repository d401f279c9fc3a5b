package io.leadsync.domain.crm;

import java.util.Objects;
import java.util.UUID;

/** Identifies one connected CRM of a workspace. */
public record ConnectionId(UUID value) {
    public ConnectionId {
        Objects.requireNonNull(value, "connection id");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
