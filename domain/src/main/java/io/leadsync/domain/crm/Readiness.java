package io.leadsync.domain.crm;

import java.util.List;
import java.util.Objects;

/**
 * Whether a connection's CRM side is ready to sync: every mapped field present, visible and writable for the connected
 * user, of a type that holds the app field, and the lead-id field an external id. Each problem says what is wrong and
 * how to fix it.
 */
public record Readiness(List<Problem> problems) {
    public enum Kind {
        MISSING,
        NOT_WRITABLE,
        WRONG_TYPE,
        NOT_EXTERNAL_ID,
        MISSING_PERMISSION,
        /**
         * A page layout does not show a field LeadSync syncs: reps do not see it on the record. Syncing works
         * regardless, so this is advice, not a reason to stop.
         */
        HIDDEN_ON_LAYOUT;

        /** Whether a problem of this kind stops the connection from syncing. */
        public boolean blocksSync() {
            return this != HIDDEN_ON_LAYOUT;
        }
    }

    /** One thing that stops the connection from syncing. */
    public record Problem(Kind kind, String crmField, String detail, String fix) {
        public Problem {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(crmField, "crmField");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(fix, "fix");
        }
    }

    public Readiness {
        problems = List.copyOf(problems);
    }

    public static Readiness ready() {
        return new Readiness(List.of());
    }

    /** Ready to sync: no problem that stops it (advice such as a page layout hiding a field may remain). */
    public boolean isReady() {
        return problems.stream().noneMatch(problem -> problem.kind().blocksSync());
    }

    /** One line for the connection's state reason: the first problem that stops it, and how many more there are. */
    public String summary() {
        List<Problem> blocking = problems.stream().filter(problem -> problem.kind().blocksSync()).toList();
        if (blocking.isEmpty()) {
            return "ready";
        }
        Problem first = blocking.get(0);
        String more = blocking.size() > 1 ? " (and " + (blocking.size() - 1) + " more)" : "";
        return first.crmField() + ": " + first.detail() + more;
    }
}
