package io.leadsync.domain.sync;

import io.leadsync.domain.lead.LeadId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One lead owed to one destination, on its way. It is DUE from {@link #dueAt()}; a node CLAIMS it with a lease; the
 * attempt ends DELIVERED (at a lead version), SKIPPED (for a reason in the lead or the connection, no attempt spent),
 * HELD until a time (a rate limit, a spent budget, a full Web-to-Lead window: not the record's fault, no attempt spent),
 * DUE again later (a failed attempt the {@link RetryPolicy} retries) or FAILED with the destination's reason.
 *
 * <p>Each transition is checked here; the application applies the resulting state to the delivery queue.
 */
public final class Delivery {
    /** Where a delivery stands. */
    public enum State {
        DUE, CLAIMED, HELD, DELIVERED, SKIPPED, FAILED;

        /** Whether nothing more happens to the delivery until the lead changes again (or an admin resyncs it). */
        public boolean closed() {
            return this == DELIVERED || this == SKIPPED || this == FAILED;
        }
    }

    private final LeadId leadId;
    private final long version;
    private State state;
    private int attempts;
    private Instant dueAt;
    private Optional<String> reason;
    private Optional<String> claimedBy = Optional.empty();
    private boolean attemptCounted;
    private long deliveredVersion;

    private Delivery(LeadId leadId, long version, State state, int attempts, Instant dueAt, Optional<String> reason) {
        this.leadId = Objects.requireNonNull(leadId, "leadId");
        this.version = version;
        this.state = Objects.requireNonNull(state, "state");
        this.attempts = attempts;
        this.dueAt = Objects.requireNonNull(dueAt, "dueAt");
        this.reason = Objects.requireNonNull(reason, "reason");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts cannot be negative");
        }
    }

    /** A delivery owed from {@code dueAt}: {@code version} is the lead version it must deliver (at least). */
    public static Delivery due(LeadId leadId, long version, Instant dueAt) {
        return new Delivery(leadId, version, State.DUE, 0, dueAt, Optional.empty());
    }

    /** A delivery as stored: a pending one is DUE (its last error kept as the reason), a claimed one CLAIMED. */
    public static Delivery restore(LeadId leadId, long version, State state, int attempts, Instant dueAt,
                                   Optional<String> reason, Optional<String> claimedBy) {
        Delivery delivery = new Delivery(leadId, version, state, attempts, dueAt, reason);
        delivery.claimedBy = Objects.requireNonNull(claimedBy, "claimedBy");
        return delivery;
    }

    /** {@code node} takes the delivery for one attempt; only a due (or held and now due) delivery can be claimed. */
    public void claim(String node, Instant now) {
        if (state != State.DUE && state != State.HELD) {
            throw new IllegalStateException("a " + state + " delivery cannot be claimed");
        }
        if (dueAt.isAfter(now)) {
            throw new IllegalStateException("the delivery is not due before " + dueAt);
        }
        state = State.CLAIMED;
        claimedBy = Optional.of(Objects.requireNonNull(node, "node"));
        attemptCounted = false;
    }

    /** The destination holds the lead at {@code deliveredVersion}. */
    public void delivered(long deliveredVersion) {
        requireClaimed("delivered");
        state = State.DELIVERED;
        this.deliveredVersion = deliveredVersion;
        reason = Optional.empty();
        claimedBy = Optional.empty();
    }

    /** Not sent, and not to be sent until the lead changes: why, in the admin's words. No attempt is spent. */
    public void skip(String why) {
        requireClaimed("skipped");
        close(State.SKIPPED, why);
    }

    /**
     * Held back until {@code until} for a reason outside the record (a rate limit, a spent budget, a full window, a
     * connection that needs re-authorisation): no attempt is spent.
     */
    public void hold(Instant until, String why) {
        requireClaimed("held");
        state = State.HELD;
        dueAt = Objects.requireNonNull(until, "until");
        reason = Optional.of(why);
        claimedBy = Optional.empty();
        attemptCounted = false;
    }

    /** The attempt failed: tried again as {@code policy} says, or FAILED with {@code why}. */
    public void failed(RetryPolicy.Failure failure, String why, RetryPolicy policy, Instant now) {
        requireClaimed("failed");
        RetryPolicy.AfterFailure next = policy.afterFailure(attempts, failure, now);
        attempts++;
        attemptCounted = true;
        if (next instanceof RetryPolicy.RetryAt retry) {
            state = State.DUE;
            dueAt = retry.at();
            reason = Optional.of(why);
            claimedBy = Optional.empty();
        } else {
            close(State.FAILED, why);
        }
    }

    private void close(State closed, String why) {
        state = closed;
        reason = Optional.of(Objects.requireNonNull(why, "why"));
        claimedBy = Optional.empty();
    }

    private void requireClaimed(String what) {
        if (state != State.CLAIMED) {
            throw new IllegalStateException("only a claimed delivery can be " + what + ", this one is " + state);
        }
    }

    public LeadId leadId() {
        return leadId;
    }

    /** The lead version the delivery must deliver (at least). */
    public long version() {
        return version;
    }

    public State state() {
        return state;
    }

    /** Failed attempts so far. */
    public int attempts() {
        return attempts;
    }

    /** When a DUE or HELD delivery may be claimed (again). */
    public Instant dueAt() {
        return dueAt;
    }

    /** Why it was skipped, held, failed, or why its last attempt failed. */
    public Optional<String> reason() {
        return reason;
    }

    public Optional<String> claimedBy() {
        return claimedBy;
    }

    /** Whether the last transition spent an attempt (a failure of the record, not a hold). */
    public boolean attemptCounted() {
        return attemptCounted;
    }

    /** The version the destination holds once DELIVERED. */
    public long deliveredVersion() {
        return deliveredVersion;
    }
}
