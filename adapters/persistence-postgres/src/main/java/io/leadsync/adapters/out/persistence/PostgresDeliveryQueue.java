package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The delivery queue in PostgreSQL. Claims lock candidate rows with {@code FOR UPDATE SKIP LOCKED} and stamp a lease
 * in one statement, so two nodes never claim one row, and neither waits for the other.
 */
@Singleton
final class PostgresDeliveryQueue implements DeliveryQueue {
    static final String COLUMNS = "workspace_id, connection_id, lead_id, version, state, attempts, due_at, "
            + "last_error, cause";

    private final Jdbc jdbc;
    private final PostgresWorkSignals signals;

    PostgresDeliveryQueue(Jdbc jdbc, PostgresWorkSignals signals) {
        this.jdbc = jdbc;
        this.signals = signals;
    }

    // A pending row keeps its attempts and its earlier due time; a failed or skipped one starts afresh, since the
    // lead changed. The higher version wins either way; the latest cause names the push.
    private static final String ENQUEUE = "insert into deliveries (workspace_id, connection_id, lead_id, version, state, "
            + "attempts, due_at, cause) values (?, ?, ?, ?, 'PENDING', 0, ?, ?) on conflict (workspace_id, "
            + "connection_id, lead_id) do update set cause = excluded.cause, "
            + "version = greatest(deliveries.version, excluded.version), "
            + "attempts = case when deliveries.state = 'PENDING' then deliveries.attempts else 0 end, "
            + "due_at = case when deliveries.state = 'PENDING' then least(deliveries.due_at, excluded.due_at) "
            + "else excluded.due_at end, "
            + "last_error = case when deliveries.state = 'PENDING' then deliveries.last_error else null end, "
            + "state = 'PENDING'";

    @Override
    public void enqueue(WorkspaceId workspaceId, ConnectionId connectionId, LeadId leadId, long version, Instant dueAt,
                        Cause cause) {
        jdbc.update(ENQUEUE, statement -> bindEnqueue(statement, workspaceId, connectionId, leadId, version, dueAt,
                cause));
    }

    @Override
    public void enqueueAll(WorkspaceId workspaceId, ConnectionId connectionId, java.util.Map<LeadId, Long> versions,
                           Instant dueAt, Cause cause) {
        jdbc.batch(ENQUEUE, List.copyOf(versions.entrySet()), (statement, entry) -> bindEnqueue(statement,
                workspaceId, connectionId, entry.getKey(), entry.getValue(), dueAt, cause));
    }

    private static void bindEnqueue(java.sql.PreparedStatement statement, WorkspaceId workspaceId,
                                    ConnectionId connectionId, LeadId leadId, long version, Instant dueAt, Cause cause)
            throws java.sql.SQLException {
        statement.setObject(1, workspaceId.value());
        statement.setObject(2, connectionId.value());
        statement.setString(3, leadId.value());
        statement.setLong(4, version);
        statement.setObject(5, Jdbc.timestamp(dueAt));
        statement.setString(6, cause.name());
    }

    @Override
    public List<Due> due(Instant now, int limit) {
        return jdbc.list("select distinct workspace_id, connection_id from deliveries where state = 'PENDING' "
                + "and due_at <= ? and (claimed_until is null or claimed_until <= ?) limit ?", statement -> {
            statement.setObject(1, Jdbc.timestamp(now));
            statement.setObject(2, Jdbc.timestamp(now));
            statement.setInt(3, limit);
        }, row -> new Due(new WorkspaceId(row.getObject("workspace_id", UUID.class)),
                new ConnectionId(row.getObject("connection_id", UUID.class))));
    }

    @Override
    public int countDue(WorkspaceId workspaceId, ConnectionId connectionId, Instant now, int upTo) {
        // Capped, so a huge backlog costs no more than the threshold's worth of index entries.
        return jdbc.one("select count(*) as due from (select 1 from deliveries where workspace_id = ? "
                + "and connection_id = ? and state = 'PENDING' and due_at <= ? and (claimed_until is null or "
                + "claimed_until <= ?) limit ?) capped", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setObject(2, connectionId.value());
            statement.setObject(3, Jdbc.timestamp(now));
            statement.setObject(4, Jdbc.timestamp(now));
            statement.setInt(5, upTo);
        }, row -> row.getInt("due")).orElse(0);
    }

    @Override
    public List<Delivery> claim(WorkspaceId workspaceId, ConnectionId connectionId, String node, Instant now,
                                Instant leaseUntil, int limit) {
        // The candidates are picked once, in a materialized CTE: as "in (select ... limit ? skip locked)" the planner
        // may run the subquery more than once on a large queue, and the claim came back with more rows than the
        // limit (a batch of 400 for Salesforce's 200, refused by the writer every tick).
        return jdbc.list("with picked as materialized (select workspace_id, connection_id, lead_id from deliveries "
                + "where workspace_id = ? and connection_id = ? and state = 'PENDING' and due_at <= ? "
                + "and (claimed_until is null or claimed_until <= ?) order by due_at, lead_id limit ? "
                + "for update skip locked) update deliveries d set claimed_by = ?, claimed_until = ? from picked "
                + "where d.workspace_id = picked.workspace_id and d.connection_id = picked.connection_id "
                + "and d.lead_id = picked.lead_id returning " + qualified("d"),
                statement -> {
                    statement.setObject(1, workspaceId.value());
                    statement.setObject(2, connectionId.value());
                    statement.setObject(3, Jdbc.timestamp(now));
                    statement.setObject(4, Jdbc.timestamp(now));
                    statement.setInt(5, limit);
                    statement.setString(6, node);
                    statement.setObject(7, Jdbc.timestamp(leaseUntil));
                }, PostgresDeliveryQueue::read);
    }

    @Override
    public void delivered(Delivery delivery, long deliveredVersion) {
        int deleted = jdbc.update("delete from deliveries where workspace_id = ? and connection_id = ? and lead_id = ? "
                + "and version <= ?", statement -> {
            bindKey(statement, delivery);
            statement.setLong(4, deliveredVersion);
        });
        if (deleted == 0) {
            // A newer change came in while this one was on its way: it stays pending, free for the next claim.
            jdbc.update("update deliveries set claimed_by = null, claimed_until = null, attempts = 0, last_error = null "
                    + "where workspace_id = ? and connection_id = ? and lead_id = ?", statement -> bindKey(statement, delivery));
        }
    }

    @Override
    public void delivered(List<Delivery> sent, List<Long> deliveredVersions) {
        Map<List<UUID>, List<Integer>> byConnection = new LinkedHashMap<>();
        for (int i = 0; i < sent.size(); i++) {
            byConnection.computeIfAbsent(List.of(sent.get(i).workspaceId().value(), sent.get(i).connectionId().value()),
                    key -> new ArrayList<>()).add(i);
        }
        byConnection.forEach((key, indexes) -> {
            String[] leadIds = indexes.stream().map(i -> sent.get(i).leadId().value()).toArray(String[]::new);
            Long[] versions = indexes.stream().map(deliveredVersions::get).toArray(Long[]::new);
            // One statement for the batch; what it did not delete had a newer change enqueued meanwhile.
            Set<String> deleted = new HashSet<>(jdbc.list("delete from deliveries d using unnest(?::varchar[], "
                    + "?::bigint[]) as sent(lead_id, version) where d.workspace_id = ? and d.connection_id = ? "
                    + "and d.lead_id = sent.lead_id and d.version <= sent.version returning d.lead_id", statement -> {
                statement.setArray(1, statement.getConnection().createArrayOf("varchar", leadIds));
                statement.setArray(2, statement.getConnection().createArrayOf("bigint", versions));
                statement.setObject(3, key.get(0));
                statement.setObject(4, key.get(1));
            }, row -> row.getString(1)));
            String[] newer = Arrays.stream(leadIds).filter(id -> !deleted.contains(id)).toArray(String[]::new);
            if (newer.length > 0) {
                // They stay pending, free for the next claim, as in delivered(Delivery, long).
                jdbc.update("update deliveries set claimed_by = null, claimed_until = null, attempts = 0, "
                        + "last_error = null where workspace_id = ? and connection_id = ? and lead_id = any(?)",
                        statement -> {
                            statement.setObject(1, key.get(0));
                            statement.setObject(2, key.get(1));
                            statement.setArray(3, statement.getConnection().createArrayOf("varchar", newer));
                        });
            }
        });
    }

    @Override
    public void deliveredAll(WorkspaceId workspaceId, ConnectionId connectionId, java.util.Map<LeadId, Long> versions,
                             Instant now) {
        if (versions.isEmpty()) {
            return;
        }
        String[] leadIds = new String[versions.size()];
        Long[] delivered = new Long[versions.size()];
        int i = 0;
        for (java.util.Map.Entry<LeadId, Long> entry : versions.entrySet()) {
            leadIds[i] = entry.getKey().value();
            delivered[i++] = entry.getValue();
        }
        // One statement for the whole batch; a row under a live lease is being sent by a node, which settles it.
        jdbc.update("delete from deliveries d using unnest(?::varchar[], ?::bigint[]) as sent(lead_id, version) "
                + "where d.workspace_id = ? and d.connection_id = ? and d.lead_id = sent.lead_id "
                + "and d.version <= sent.version and d.state in ('PENDING', 'FAILED') "
                + "and (d.claimed_until is null or d.claimed_until <= ?)", statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("varchar", leadIds));
            statement.setArray(2, statement.getConnection().createArrayOf("bigint", delivered));
            statement.setObject(3, workspaceId.value());
            statement.setObject(4, connectionId.value());
            statement.setObject(5, Jdbc.timestamp(now));
        });
    }

    @Override
    public void retryLater(Delivery delivery, Optional<String> error, Instant dueAt, boolean countsAsAttempt) {
        jdbc.update("update deliveries set state = 'PENDING', due_at = ?, attempts = attempts + ?, "
                + "last_error = coalesce(?, last_error), claimed_by = null, claimed_until = null "
                + "where workspace_id = ? and connection_id = ? and lead_id = ?", statement -> {
            statement.setObject(1, Jdbc.timestamp(dueAt));
            statement.setInt(2, countsAsAttempt ? 1 : 0);
            statement.setString(3, error.orElse(null));
            statement.setObject(4, delivery.workspaceId().value());
            statement.setObject(5, delivery.connectionId().value());
            statement.setString(6, delivery.leadId().value());
        });
    }

    @Override
    public void retryLaterAll(List<Retry> retries) {
        Map<List<UUID>, List<Retry>> byConnection = new LinkedHashMap<>();
        for (Retry retry : retries) {
            byConnection.computeIfAbsent(List.of(retry.delivery().workspaceId().value(),
                    retry.delivery().connectionId().value()), key -> new ArrayList<>()).add(retry);
        }
        byConnection.forEach((key, batch) -> jdbc.update("update deliveries d set state = 'PENDING', "
                + "due_at = r.due_at, attempts = d.attempts + r.counted, last_error = coalesce(r.error, d.last_error), "
                + "claimed_by = null, claimed_until = null from unnest(?::varchar[], ?::timestamptz[], ?::int[], "
                + "?::text[]) as r(lead_id, due_at, counted, error) where d.workspace_id = ? and d.connection_id = ? "
                + "and d.lead_id = r.lead_id", statement -> {
            java.sql.Connection connection = statement.getConnection();
            statement.setArray(1, connection.createArrayOf("varchar",
                    batch.stream().map(retry -> retry.delivery().leadId().value()).toArray()));
            statement.setArray(2, connection.createArrayOf("timestamptz",
                    batch.stream().map(retry -> Jdbc.timestamp(retry.dueAt())).toArray()));
            statement.setArray(3, connection.createArrayOf("int4",
                    batch.stream().map(retry -> retry.countsAsAttempt() ? 1 : 0).toArray()));
            statement.setArray(4, connection.createArrayOf("text",
                    batch.stream().map(retry -> retry.error().orElse(null)).toArray()));
            statement.setObject(5, key.get(0));
            statement.setObject(6, key.get(1));
        }));
    }

    @Override
    public void giveUp(Delivery delivery, State state, String reason, Instant now) {
        // Only for the version that was tried: a newer change meanwhile deserves its own attempts.
        int updated = jdbc.update("update deliveries set state = ?, due_at = ?, last_error = ?, "
                + "attempts = attempts + ?, claimed_by = null, claimed_until = null where workspace_id = ? "
                + "and connection_id = ? and lead_id = ? and version <= ?", statement -> {
            statement.setString(1, state.name());
            statement.setObject(2, Jdbc.timestamp(now));
            statement.setString(3, reason);
            statement.setInt(4, state == State.FAILED ? 1 : 0);
            statement.setObject(5, delivery.workspaceId().value());
            statement.setObject(6, delivery.connectionId().value());
            statement.setString(7, delivery.leadId().value());
            statement.setLong(8, delivery.version());
        });
        if (updated == 0) {
            jdbc.update("update deliveries set claimed_by = null, claimed_until = null where workspace_id = ? "
                    + "and connection_id = ? and lead_id = ?", statement -> bindKey(statement, delivery));
        }
    }

    @Override
    public List<Delivery> problems(WorkspaceId workspaceId, ConnectionId connectionId) {
        return jdbc.list("select " + COLUMNS + " from deliveries where workspace_id = ? and connection_id = ? "
                + "and state <> 'PENDING' order by lead_id", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setObject(2, connectionId.value());
        }, PostgresDeliveryQueue::read);
    }

    @Override
    public int bringForward(WorkspaceId workspaceId, ConnectionId connectionId, Instant dueBy) {
        int moved = jdbc.update("update deliveries set due_at = ? where workspace_id = ? and connection_id = ? "
                + "and state = 'PENDING' and attempts = 0 and due_at > ?", statement -> {
            statement.setObject(1, Jdbc.timestamp(dueBy));
            statement.setObject(2, workspaceId.value());
            statement.setObject(3, connectionId.value());
            statement.setObject(4, Jdbc.timestamp(dueBy));
        });
        if (moved > 0) {
            // Due now (REALTIME) or soon: the workers look once it commits rather than at their next tick.
            signals.afterCommit();
        }
        return moved;
    }

    @Override
    public int resyncFailed(WorkspaceId workspaceId, ConnectionId connectionId, Instant now) {
        return jdbc.update("update deliveries set state = 'PENDING', attempts = 0, due_at = ?, cause = 'RESYNC' where workspace_id = ? "
                + "and connection_id = ? and state = 'FAILED'", statement -> {
            statement.setObject(1, Jdbc.timestamp(now));
            statement.setObject(2, workspaceId.value());
            statement.setObject(3, connectionId.value());
        });
    }

    @Override
    public List<Delivery> all(WorkspaceId workspaceId, ConnectionId connectionId) {
        return jdbc.list("select " + COLUMNS + " from deliveries where workspace_id = ? and connection_id = ? "
                + "order by lead_id", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setObject(2, connectionId.value());
        }, PostgresDeliveryQueue::read);
    }

    @Override
    public io.leadsync.domain.health.QueueTally tally(WorkspaceId workspaceId, ConnectionId connectionId,
                                                       Instant now) {
        // One pass over the connection's rows (its index), counted in place.
        return jdbc.one("select count(*) filter (where state = 'PENDING') as waiting, "
                + "count(*) filter (where state = 'PENDING' and due_at <= ?) as due, "
                + "count(*) filter (where state = 'FAILED') as failed, "
                + "count(*) filter (where state = 'SKIPPED') as skipped, "
                + "min(due_at) filter (where state = 'PENDING' and due_at <= ?) as oldest_due "
                + "from deliveries where workspace_id = ? and connection_id = ?", statement -> {
            statement.setObject(1, Jdbc.timestamp(now));
            statement.setObject(2, Jdbc.timestamp(now));
            statement.setObject(3, workspaceId.value());
            statement.setObject(4, connectionId.value());
        }, row -> new io.leadsync.domain.health.QueueTally(row.getLong("waiting"), row.getLong("due"),
                row.getLong("failed"), row.getLong("skipped"), Optional.ofNullable(Jdbc.instant(row, "oldest_due"))))
                .orElse(io.leadsync.domain.health.QueueTally.EMPTY);
    }

    /** {@link #COLUMNS} of the table under {@code alias}. */
    static String qualified(String alias) {
        return Arrays.stream(COLUMNS.split(",\\s*")).map(column -> alias + "." + column)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static void bindKey(java.sql.PreparedStatement statement, Delivery delivery) throws SQLException {
        statement.setObject(1, delivery.workspaceId().value());
        statement.setObject(2, delivery.connectionId().value());
        statement.setString(3, delivery.leadId().value());
    }

    static Delivery read(ResultSet row) throws SQLException {
        return new Delivery(new WorkspaceId(row.getObject("workspace_id", UUID.class)),
                new ConnectionId(row.getObject("connection_id", UUID.class)), new LeadId(row.getString("lead_id")),
                row.getLong("version"), State.valueOf(row.getString("state")), row.getInt("attempts"),
                Jdbc.instant(row, "due_at"), Optional.ofNullable(row.getString("last_error")),
                Cause.valueOf(row.getString("cause")));
    }

    @Override
    public int cancelPending(WorkspaceId workspaceId, ConnectionId connectionId) {
        return jdbc.update("delete from deliveries where workspace_id = ? and connection_id = ? and state = 'PENDING'",
                statement -> {
                    statement.setObject(1, workspaceId.value());
                    statement.setObject(2, connectionId.value());
                });
    }
}
