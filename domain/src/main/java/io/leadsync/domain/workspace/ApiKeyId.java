package io.leadsync.domain.workspace;

import java.util.Objects;
import java.util.UUID;

/** Identifies one API key; safe to show, unlike the key itself. */
public record ApiKeyId(UUID value) {
    public ApiKeyId {
        Objects.requireNonNull(value, "api key id");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
