package io.leadsync.application.port.in.capture;

import java.util.List;
import java.util.Objects;

/**
 * An agent action's targets cannot be used: a connection the workspace does not have, one that is disconnected, or one
 * that takes no pushes. Each is named, with where it came from; nothing was written.
 */
public final class InvalidTargetsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * One unusable target. {@code path}: where it was named, as JSON pointer segments without the leading slash:
     * {@code targets/0} in the request, or the routing rule ({@code routing/actions/upsertLead/0}).
     */
    public record Violation(String path, String target, String rule) {
        public Violation {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(rule, "rule");
        }
    }

    private final transient List<Violation> violations;

    public InvalidTargetsException(String message, List<Violation> violations) {
        super(message);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
