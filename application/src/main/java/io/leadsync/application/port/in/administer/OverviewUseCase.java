package io.leadsync.application.port.in.administer;

import io.leadsync.domain.overview.OverviewRange;
import io.leadsync.domain.overview.Series;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The workspace's sync over the last day or month: leads captured, and per CRM connection the leads delivered, the
 * attempts refused, the sync lag (the oldest lead waiting to go, in minutes) and the CRM calls used.
 */
public interface OverviewUseCase {
    Overview overview(WorkspaceId workspaceId, OverviewRange range);

    /**
     * Each list has one series per connection that had something in the range or is connected now, keyed by the
     * connection's id. {@code callsUsed} is, by hour, the calls used so far that day; by day, the day's calls.
     */
    record Overview(OverviewRange range, List<Instant> buckets, Series captured, List<Series> delivered,
                    List<Series> failed, List<Series> lagMinutes, List<Series> callsUsed) {
        public Overview {
            Objects.requireNonNull(range, "range");
            buckets = List.copyOf(buckets);
            Objects.requireNonNull(captured, "captured");
            delivered = List.copyOf(delivered);
            failed = List.copyOf(failed);
            lagMinutes = List.copyOf(lagMinutes);
            callsUsed = List.copyOf(callsUsed);
        }
    }
}
