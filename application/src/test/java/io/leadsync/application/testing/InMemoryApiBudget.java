package io.leadsync.application.testing;

import io.leadsync.application.port.out.ApiBudget;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link ApiBudget} in memory; one lock makes every take atomic, as the row update is in PostgreSQL. */
public final class InMemoryApiBudget implements ApiBudget {
    private record Key(WorkspaceId workspaceId, ConnectionId connectionId, LocalDate day) {
    }

    private static final class Row {
        long used;
        long allocation;
        Instant second;
        int secondUsed;
    }

    private final Map<Key, Row> rows = new HashMap<>();

    @Override
    public synchronized Take take(WorkspaceId workspaceId, ConnectionId connectionId, Instant now, long allocation,
                                  int perSecond, int calls) {
        Row row = row(workspaceId, connectionId, now, allocation);
        Instant second = now.truncatedTo(ChronoUnit.SECONDS);
        int inSecond = second.equals(row.second) ? row.secondUsed : 0;
        if (row.used + calls > allocation) {
            return new Take(Outcome.DAY_SPENT, day(now, row));
        }
        if (inSecond + calls > perSecond) {
            return new Take(Outcome.TOO_FAST, day(now, row));
        }
        row.used += calls;
        row.second = second;
        row.secondUsed = inSecond + calls;
        return new Take(Outcome.TAKEN, day(now, row));
    }

    @Override
    public synchronized Day adjust(WorkspaceId workspaceId, ConnectionId connectionId, Instant now, long allocation,
                                   long delta) {
        Row row = row(workspaceId, connectionId, now, allocation);
        row.used = Math.max(0, row.used + delta);
        return day(now, row);
    }

    @Override
    public synchronized Day believeCrm(WorkspaceId workspaceId, ConnectionId connectionId, Instant now,
                                       long allocation, long remaining) {
        Row row = row(workspaceId, connectionId, now, allocation);
        row.used = Math.max(row.used, allocation - remaining);
        return day(now, row);
    }

    @Override
    public synchronized Optional<Day> today(WorkspaceId workspaceId, ConnectionId connectionId, Instant now) {
        Row row = rows.get(new Key(workspaceId, connectionId, ApiBudget.dayOf(now)));
        return row == null ? Optional.empty() : Optional.of(day(now, row));
    }

    private Row row(WorkspaceId workspaceId, ConnectionId connectionId, Instant now, long allocation) {
        Row row = rows.computeIfAbsent(new Key(workspaceId, connectionId, ApiBudget.dayOf(now)), key -> new Row());
        row.allocation = allocation;
        return row;
    }

    private static Day day(Instant now, Row row) {
        return new Day(ApiBudget.dayOf(now), row.used, row.allocation);
    }
}
