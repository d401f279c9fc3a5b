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
        MISSING_PERMISSION
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

    public boolean isReady() {
        return problems.isEmpty();
    }

    /** One line for the connection's state reason: the first problem, and how many more there are. */
    public String summary() {
        if (problems.isEmpty()) {
            return "ready";
        }
        Problem first = problems.get(0);
        String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "";
        return first.crmField() + ": " + first.detail() + more;
    }
}
