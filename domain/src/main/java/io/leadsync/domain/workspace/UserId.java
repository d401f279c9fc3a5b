package io.leadsync.domain.workspace;

import java.util.Objects;
import java.util.UUID;

/** Identifies a person who signs in to the admin UI. A user may belong to several workspaces. */
public record UserId(UUID value) {
    public UserId {
        Objects.requireNonNull(value, "user id");
    }

    public static UserId of(String text) {
        return new UserId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
