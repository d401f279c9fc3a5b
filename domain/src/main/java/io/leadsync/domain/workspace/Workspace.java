package io.leadsync.domain.workspace;

import java.time.Instant;
import java.util.Objects;

/**
 * One customer of LeadSync. {@code productName} is what leads carry as their lead source when an agent gives none.
 */
public record Workspace(WorkspaceId id, String name, String productName, Instant createdAt) {
    public static final int MAX_NAME_LENGTH = 100;

    public Workspace {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        name = requireText(name, "name");
        productName = requireText(productName, "productName");
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("workspace " + what + " must not be blank");
        }
        String trimmed = value.strip();
        if (trimmed.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("workspace " + what + " must be at most " + MAX_NAME_LENGTH + " characters");
        }
        return trimmed;
    }
}
