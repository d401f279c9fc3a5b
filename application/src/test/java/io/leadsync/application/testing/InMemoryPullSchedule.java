package io.leadsync.application.testing;

import io.leadsync.application.port.out.CrmChangeReader.Watermark;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.PullSchedule;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.ConnectionState;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The pull schedule in a map, reading connections (for who syncs) from the in-memory repository. */
public final class InMemoryPullSchedule implements PullSchedule {
    private static final class Row {
        final WorkspaceId workspaceId;
        Instant nextPullAt;
        Optional<Watermark> watermark = Optional.empty();
        Optional<Instant> deletionsCheckedUntil = Optional.empty();
        Optional<String> deletionsResume = Optional.empty();
        Instant claimedUntil;

        Row(WorkspaceId workspaceId, Instant nextPullAt) {
            this.workspaceId = workspaceId;
            this.nextPullAt = nextPullAt;
        }
    }

    private final CrmConnectionRepository connections;
    private final List<WorkspaceId> workspaces;
    private final Map<ConnectionId, Row> rows = new LinkedHashMap<>();

    /** @param workspaces the workspaces whose connections may be pulled (the fake repository lists per workspace) */
    public InMemoryPullSchedule(CrmConnectionRepository connections, List<WorkspaceId> workspaces) {
        this.connections = connections;
        this.workspaces = List.copyOf(workspaces);
    }

    @Override
    public synchronized List<Due> claimDue(Instant now, String node, Instant leaseUntil, int limit) {
        List<Due> claimed = new ArrayList<>();
        for (WorkspaceId workspace : workspaces) {
            for (CrmConnection connection : connections.list(workspace)) {
                if (connection.state() != ConnectionState.CONNECTED || !connection.kind().canPull()) {
                    continue;
                }
                Row row = rows.computeIfAbsent(connection.id(), id -> new Row(workspace, now));
                if (claimed.size() < limit && !row.nextPullAt.isAfter(now)
                        && (row.claimedUntil == null || !row.claimedUntil.isAfter(now))) {
                    row.claimedUntil = leaseUntil;
                    claimed.add(due(connection.id(), row));
                }
            }
        }
        return claimed;
    }

    @Override
    public synchronized Optional<Due> claimNow(WorkspaceId workspaceId, ConnectionId connectionId, Instant now,
                                               String node, Instant leaseUntil) {
        Row row = rows.computeIfAbsent(connectionId, id -> new Row(workspaceId, now));
        if (!row.workspaceId.equals(workspaceId) || row.claimedUntil != null && row.claimedUntil.isAfter(now)) {
            return Optional.empty();
        }
        row.claimedUntil = leaseUntil;
        return Optional.of(due(connectionId, row));
    }

    @Override
    public synchronized void pullBy(WorkspaceId workspaceId, ConnectionId connectionId, Instant latest) {
        Row row = rows.get(connectionId);
        if (row != null && row.workspaceId.equals(workspaceId) && row.nextPullAt.isAfter(latest)) {
            row.nextPullAt = latest;
        }
    }

    @Override
    public synchronized void checkpoint(WorkspaceId workspaceId, ConnectionId connectionId, Watermark watermark) {
        Row row = rows.get(connectionId);
        if (row != null && row.workspaceId.equals(workspaceId)) {
            row.watermark = Optional.of(watermark);
        }
    }

    @Override
    public synchronized void startOver(WorkspaceId workspaceId, ConnectionId connectionId) {
        Row row = rows.get(connectionId);
        if (row != null && row.workspaceId.equals(workspaceId)) {
            row.watermark = Optional.empty();
            row.deletionsCheckedUntil = Optional.empty();
        }
    }

    @Override
    public synchronized void finished(WorkspaceId workspaceId, ConnectionId connectionId, Instant nextPullAt,
                                      Optional<Instant> deletionsCheckedUntil, Optional<String> deletionsResume) {
        Row row = rows.get(connectionId);
        if (row != null && row.workspaceId.equals(workspaceId)) {
            row.nextPullAt = nextPullAt;
            row.claimedUntil = null;
            deletionsCheckedUntil.ifPresent(until -> {
                row.deletionsCheckedUntil = Optional.of(until);
                row.deletionsResume = deletionsResume;
            });
        }
    }

    private static Due due(ConnectionId connectionId, Row row) {
        return new Due(row.workspaceId, connectionId, row.watermark, row.deletionsCheckedUntil, row.deletionsResume);
    }
}
