package io.leadsync.domain.workspace;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One customer of LeadSync (a customer of the host product, when an operator creates it). {@code productName} is what leads carry as their lead source when an agent gives none.
 */
public record Workspace(WorkspaceId id, String name, String productName, Instant createdAt,
                        Optional<Instant> suspendedAt) {
    public static final int MAX_NAME_LENGTH = 100;

    public Workspace {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(suspendedAt, "suspendedAt");
        name = requireText(name, "name");
        productName = requireText(productName, "productName");
    }

    /** A workspace in service. */
    public Workspace(WorkspaceId id, String name, String productName, Instant createdAt) {
        this(id, name, productName, createdAt, Optional.empty());
    }

    /**
     * Whether the operator has suspended it: its API keys and sessions stop working and nobody signs in to it
     * (ADR 0047).
     */
    public boolean suspended() {
        return suspendedAt.isPresent();
    }

    public Workspace suspendedAt(Instant when) {
        return new Workspace(id, name, productName, createdAt, Optional.of(suspendedAt.orElse(when)));
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
