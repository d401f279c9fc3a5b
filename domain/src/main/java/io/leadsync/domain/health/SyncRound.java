package io.leadsync.domain.health;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one push batch or one pull of a connection came to: how many records the CRM took, refused for good or will be
 * asked again, and the problem that stopped or hurt it, in the CRM's words.
 */
public record SyncRound(Kind kind, Instant at, int written, int failed, int retrying, Optional<String> problem) {
    public enum Kind {
        PUSH,
        PULL
    }

    public SyncRound {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(problem, "problem");
        if (written < 0 || failed < 0 || retrying < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
        problem = problem.map(String::strip).filter(text -> !text.isEmpty());
    }

    /** A push batch: records written, failed for good, to be retried; {@code problem} the first reason, if any. */
    public static SyncRound push(Instant at, int written, int failed, int retrying, Optional<String> problem) {
        return new SyncRound(Kind.PUSH, at, written, failed, retrying, problem);
    }

    /** A pull that got through, having read {@code read} records. */
    public static SyncRound pulled(Instant at, int read) {
        return new SyncRound(Kind.PULL, at, read, 0, 0, Optional.empty());
    }

    /** A pull the CRM stopped, and why. */
    public static SyncRound pullStopped(Instant at, String problem) {
        return new SyncRound(Kind.PULL, at, 0, 1, 0, Optional.of(problem));
    }

    /** Nothing got through and something went wrong: the round counts towards "failing". */
    public boolean wentWrong() {
        return written == 0 && (failed > 0 || retrying > 0 || problem.isPresent());
    }
}
