package io.leadsync.application.port.out;

import io.leadsync.application.port.out.CrmChangeReader.Watermark;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When each connection pulls next, and how far its pulls got. A pull is claimed with a lease so one node pulls a
 * connection at a time; its watermark is saved after every page, so a node that dies repeats at most a page.
 */
public interface PullSchedule {
    /**
     * A connection whose pull is due, with where its last pull got to; {@code deletionsResume} is where the CRM's
     * deletion scan goes on (see {@link CrmChangeReader#deletions(CrmSession, Instant, Instant, Optional)}).
     */
    record Due(WorkspaceId workspaceId, ConnectionId connectionId, Optional<Watermark> watermark,
               Optional<Instant> deletionsCheckedUntil, Optional<String> deletionsResume) {
        public Due(WorkspaceId workspaceId, ConnectionId connectionId, Optional<Watermark> watermark,
                   Optional<Instant> deletionsCheckedUntil) {
            this(workspaceId, connectionId, watermark, deletionsCheckedUntil, Optional.empty());
        }
    }

    /**
     * Claims up to {@code limit} connections whose pull is due at {@code now}, for {@code node} until
     * {@code leaseUntil}. A connection that syncs and has never been pulled is due at once.
     */
    List<Due> claimDue(Instant now, String node, Instant leaseUntil, int limit);

    /** Claims one connection's pull now, due or not (an admin's "pull now"); empty when another node holds it. */
    Optional<Due> claimNow(WorkspaceId workspaceId, ConnectionId connectionId, Instant now, String node,
                           Instant leaseUntil);

    /**
     * The connection's cycle changed: its next pull is due by {@code latest} at the latest (an earlier due time
     * stays). A connection never pulled is due at once anyway.
     */
    void pullBy(WorkspaceId workspaceId, ConnectionId connectionId, Instant latest);

    /** The pull got past {@code watermark}: the next one starts there (less the overlap). */
    void checkpoint(WorkspaceId workspaceId, ConnectionId connectionId, Watermark watermark);

    /**
     * The connection now reaches another org: its next pull starts from the beginning, as a first pull does, since a
     * watermark in the old org says nothing about the new one.
     */
    void startOver(WorkspaceId workspaceId, ConnectionId connectionId);

    /** The pull ended (done, or stopped by the CRM): release the lease; the next is due at {@code nextPullAt}. */
    default void finished(WorkspaceId workspaceId, ConnectionId connectionId, Instant nextPullAt,
                          Optional<Instant> deletionsCheckedUntil) {
        finished(workspaceId, connectionId, nextPullAt, deletionsCheckedUntil, Optional.empty());
    }

    /**
     * As above; when the deletions were checked ({@code deletionsCheckedUntil} present), {@code deletionsResume} is
     * where the next deletion scan goes on (empty: from the start). Otherwise the saved position stays.
     */
    void finished(WorkspaceId workspaceId, ConnectionId connectionId, Instant nextPullAt,
                  Optional<Instant> deletionsCheckedUntil, Optional<String> deletionsResume);
}
