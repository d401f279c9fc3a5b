package io.leadsync.domain.health;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a connection's recent pushes and pulls say, folded round by round: when each last got through, how many rounds
 * in a row went wrong since, and the last problem with its time. Kept per connection, so the health of a thousand
 * connections is read without replaying their history.
 */
public record SyncSignals(Track push, Track pull) {
    public static final SyncSignals NONE = new SyncSignals(Track.NONE, Track.NONE);

    public SyncSignals {
        Objects.requireNonNull(push, "push");
        Objects.requireNonNull(pull, "pull");
    }

    /** One direction's record. */
    public record Track(Optional<Instant> lastAt, Optional<Instant> lastOkAt, int wrongInRow,
                        Optional<String> lastProblem, Optional<Instant> lastProblemAt) {
        public static final Track NONE = new Track(Optional.empty(), Optional.empty(), 0, Optional.empty(),
                Optional.empty());

        public Track {
            Objects.requireNonNull(lastAt, "lastAt");
            Objects.requireNonNull(lastOkAt, "lastOkAt");
            Objects.requireNonNull(lastProblem, "lastProblem");
            Objects.requireNonNull(lastProblemAt, "lastProblemAt");
            if (wrongInRow < 0) {
                throw new IllegalArgumentException("wrongInRow must be >= 0");
            }
        }

        Track after(SyncRound round) {
            boolean wrong = round.wentWrong();
            Optional<String> problem = round.problem().isPresent() ? round.problem()
                    : round.failed() + round.retrying() > 0 ? Optional.of((round.failed() + round.retrying())
                    + " record(s) refused") : Optional.empty();
            // Any record written, or a round without trouble, shows the way through is open again.
            return new Track(Optional.of(round.at()), wrong ? lastOkAt : Optional.of(round.at()),
                    wrong ? wrongInRow + 1 : 0,
                    problem.isPresent() ? problem : lastProblem,
                    problem.isPresent() ? Optional.of(round.at()) : lastProblemAt);
        }

        /** The last round went wrong, or hurt some records, after the last one that got through. */
        boolean troubled() {
            return wrongInRow > 0;
        }
    }

    /** The signals once {@code round} is added. */
    public SyncSignals after(SyncRound round) {
        return round.kind() == SyncRound.Kind.PUSH ? new SyncSignals(push.after(round), pull)
                : new SyncSignals(push, pull.after(round));
    }
}
