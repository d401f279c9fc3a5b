package io.leadsync.application.port.out;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What the Overview charts, read from what LeadSync keeps anyway (leads, the audit of each push, the daily budgets)
 * plus hourly samples of what is only known as a level at a moment (the oldest waiting lead, calls used so far today).
 */
public interface OverviewStatistics {
    /** What a {@link Count} counts. */
    enum Measure {
        /** Leads captured (created in LeadSync), for the workspace as a whole. */
        CAPTURED,
        /** Leads a connection's CRM took (created or updated a record). */
        DELIVERED,
        /** Attempts a connection's CRM refused (retried or failed for good). */
        FAILED
    }

    /** How many of {@code measure} happened in the bucket starting at {@code at} (UTC), per connection or overall. */
    record Count(Measure measure, Optional<UUID> connectionId, Instant at, long count) {
        public Count {
            Objects.requireNonNull(measure, "measure");
            Objects.requireNonNull(connectionId, "connectionId");
            Objects.requireNonNull(at, "at");
        }
    }

    /** The counts of the workspace since {@code from}, bucketed by {@code unit} (hours or days, UTC). */
    List<Count> counts(WorkspaceId workspaceId, Instant from, ChronoUnit unit);

    /** A connection's levels at {@code at}: the store keeps, per hour, the highest of each. */
    record Sample(WorkspaceId workspaceId, ConnectionId connectionId, Instant at, long oldestWaitSeconds,
                  long waiting, long callsUsedToday, long dailyAllocation) {
        public Sample {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(connectionId, "connectionId");
            Objects.requireNonNull(at, "at");
        }
    }

    void recordSample(Sample sample);

    /** The workspace's hourly samples since {@code from}, each with the start of its hour as {@code at}. */
    List<Sample> samples(WorkspaceId workspaceId, Instant from);

    /** A connection's calls on one UTC day, as its budget counted them. */
    record DailyCalls(ConnectionId connectionId, LocalDate day, long used, long allocation) {
        public DailyCalls {
            Objects.requireNonNull(connectionId, "connectionId");
            Objects.requireNonNull(day, "day");
        }
    }

    List<DailyCalls> dailyCalls(WorkspaceId workspaceId, LocalDate from);

    /** Drops samples older than {@code before}; answers how many. */
    int forgetSamplesBefore(Instant before);
}
