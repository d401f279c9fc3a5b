package io.leadsync.application.port.in.configure;

import java.util.List;
import java.util.Objects;

/**
 * Settings or a field mapping an admin asked for break a rule. Every broken rule is listed, so the admin fixes them
 * all at once, and nothing was changed.
 */
public final class InvalidSettingsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * One broken rule. {@code path}: where in the request, as JSON pointer segments without the leading slash
     * ({@code mappings/2/crmField}); {@code rule}: what the value must be, in words an admin can act on.
     */
    public record Violation(String path, String rule) {
        public Violation {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(rule, "rule");
        }
    }

    private final transient List<Violation> violations;

    public InvalidSettingsException(String message, List<Violation> violations) {
        super(message);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid request names at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
