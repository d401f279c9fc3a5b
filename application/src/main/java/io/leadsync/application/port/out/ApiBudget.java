package io.leadsync.application.port.out;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * Each connection's CRM calls, counted per UTC day and per second, shared by every node (so it lives in the
 * database): a call takes from the day's allocation before it is made, never beyond it, and never faster than the
 * pace. The day of an instant is its UTC date; the second is the instant truncated to whole seconds. The allocation
 * passed with each call is the one that counts from then on (it is configuration, not data).
 */
public interface ApiBudget {
    /** Why a take succeeded or not. */
    enum Outcome {
        /** The calls were taken from the day's allocation. */
        TAKEN,
        /** Taking them would go past the day's allocation; nothing was taken. */
        DAY_SPENT,
        /** This second's pace is used up; nothing was taken: try again in the next second. */
        TOO_FAST
    }

    /** One connection's calls on one UTC day. */
    record Day(LocalDate day, long used, long allocation) {
        public Day {
            Objects.requireNonNull(day, "day");
        }

        public long remaining() {
            return Math.max(0, allocation - used);
        }
    }

    /** What {@link #take} did, and the day as it stands afterwards. */
    record Take(Outcome outcome, Day day) {
        public Take {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(day, "day");
        }

        public boolean taken() {
            return outcome == Outcome.TAKEN;
        }
    }

    /**
     * Atomically takes {@code calls} from the day of {@code now} when the day's used calls plus them stay within
     * {@code allocation} and this second's within {@code perSecond}; otherwise takes nothing. Two nodes taking at
     * once never go past either.
     */
    Take take(WorkspaceId workspaceId, ConnectionId connectionId, Instant now, long allocation, int perSecond,
              int calls);

    /**
     * Corrects the day's count by {@code delta} calls (more: a call took more than was reserved; fewer: it took
     * less), whatever the allocation; the count never goes below zero.
     */
    Day adjust(WorkspaceId workspaceId, ConnectionId connectionId, Instant now, long allocation, long delta);

    /**
     * The CRM says only {@code remaining} calls are left: when that is fewer than the day has left, the day's count
     * rises so that it has exactly that many left. It never falls this way.
     */
    Day believeCrm(WorkspaceId workspaceId, ConnectionId connectionId, Instant now, long allocation, long remaining);

    /** The day of {@code now}, when the connection has made a call on it. */
    Optional<Day> today(WorkspaceId workspaceId, ConnectionId connectionId, Instant now);

    /** The UTC day an instant falls on. */
    static LocalDate dayOf(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    /** When the day after {@code now}'s begins, and with it a fresh allocation. */
    static Instant nextDay(Instant now) {
        return dayOf(now).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
