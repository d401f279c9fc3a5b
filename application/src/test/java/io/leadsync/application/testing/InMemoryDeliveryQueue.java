package io.leadsync.application.testing;

import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The delivery queue in a map; leases are honoured, locks are not needed with one thread. */
public final class InMemoryDeliveryQueue implements DeliveryQueue {
    private record Key(WorkspaceId workspaceId, ConnectionId connectionId, LeadId leadId) {
    }

    private static final class Entry {
        Delivery delivery;
        String claimedBy;
        Instant claimedUntil;

        Entry(Delivery delivery) {
            this.delivery = delivery;
        }
    }

    private final Map<Key, Entry> entries = new LinkedHashMap<>();

    @Override
    public synchronized void enqueue(WorkspaceId workspaceId, ConnectionId connectionId, LeadId leadId, long version,
                                     Instant dueAt, Cause cause) {
        Key key = new Key(workspaceId, connectionId, leadId);
        Entry entry = entries.get(key);
        if (entry == null) {
            entries.put(key, new Entry(new Delivery(workspaceId, connectionId, leadId, version, State.PENDING, 0,
                    dueAt, Optional.empty(), cause)));
            return;
        }
        Delivery old = entry.delivery;
        boolean pending = old.state() == State.PENDING;
        entry.delivery = new Delivery(workspaceId, connectionId, leadId, Math.max(old.version(), version),
                State.PENDING, pending ? old.attempts() : 0,
                pending && old.dueAt().isBefore(dueAt) ? old.dueAt() : dueAt, pending ? old.lastError() : Optional.empty(),
                cause);
    }

    @Override
    public synchronized List<Due> due(Instant now, int limit) {
        return entries.values().stream().filter(e -> isDue(e, now))
                .map(e -> new Due(e.delivery.workspaceId(), e.delivery.connectionId())).distinct().limit(limit).toList();
    }

    @Override
    public synchronized List<Delivery> claim(WorkspaceId workspaceId, ConnectionId connectionId, String node,
                                             Instant now, Instant leaseUntil, int limit) {
        List<Delivery> claimed = new ArrayList<>();
        entries.values().stream().filter(e -> e.delivery.workspaceId().equals(workspaceId)
                        && e.delivery.connectionId().equals(connectionId) && isDue(e, now))
                .sorted(Comparator.comparing(e -> e.delivery.dueAt())).limit(limit).forEach(e -> {
                    e.claimedBy = node;
                    e.claimedUntil = leaseUntil;
                    claimed.add(e.delivery);
                });
        return claimed;
    }

    @Override
    public synchronized int countDue(WorkspaceId workspaceId, ConnectionId connectionId, Instant now, int upTo) {
        return (int) Math.min(upTo, entries.values().stream().filter(e -> e.delivery.workspaceId().equals(workspaceId)
                && e.delivery.connectionId().equals(connectionId) && isDue(e, now)).count());
    }

    private static boolean isDue(Entry entry, Instant now) {
        return entry.delivery.state() == State.PENDING && !entry.delivery.dueAt().isAfter(now)
                && (entry.claimedUntil == null || !entry.claimedUntil.isAfter(now));
    }

    @Override
    public synchronized void delivered(Delivery delivery, long deliveredVersion) {
        Key key = key(delivery);
        Entry entry = entries.get(key);
        if (entry == null) {
            return;
        }
        if (entry.delivery.version() <= deliveredVersion) {
            entries.remove(key);
        } else {
            release(entry);
        }
    }

    @Override
    public synchronized void deliveredAll(WorkspaceId workspaceId, ConnectionId connectionId,
                                          Map<LeadId, Long> versions, Instant now) {
        entries.entrySet().removeIf(e -> {
            Delivery d = e.getValue().delivery;
            Long sent = versions.get(d.leadId());
            return d.workspaceId().equals(workspaceId) && d.connectionId().equals(connectionId) && sent != null
                    && d.version() <= sent && d.state() != State.SKIPPED
                    && (e.getValue().claimedUntil == null || !e.getValue().claimedUntil.isAfter(now));
        });
    }

    @Override
    public synchronized void retryLater(Delivery delivery, Optional<String> error, Instant dueAt,
                                        boolean countsAsAttempt) {
        Entry entry = entries.get(key(delivery));
        if (entry == null) {
            return;
        }
        Delivery old = entry.delivery;
        entry.delivery = new Delivery(old.workspaceId(), old.connectionId(), old.leadId(), old.version(), State.PENDING,
                old.attempts() + (countsAsAttempt ? 1 : 0), dueAt, error.or(old::lastError), old.cause());
        release(entry);
    }

    @Override
    public synchronized void giveUp(Delivery delivery, State state, String reason, Instant now) {
        Entry entry = entries.get(key(delivery));
        if (entry == null) {
            return;
        }
        Delivery old = entry.delivery;
        if (old.version() > delivery.version()) {
            // A newer change arrived while this one was being sent: it deserves its own attempt.
            release(entry);
            return;
        }
        entry.delivery = new Delivery(old.workspaceId(), old.connectionId(), old.leadId(), old.version(), state,
                old.attempts() + (state == State.FAILED ? 1 : 0), now, Optional.of(reason), old.cause());
        release(entry);
    }

    @Override
    public synchronized List<Delivery> problems(WorkspaceId workspaceId, ConnectionId connectionId) {
        return all(workspaceId, connectionId).stream().filter(d -> d.state() != State.PENDING).toList();
    }

    @Override
    public synchronized int bringForward(WorkspaceId workspaceId, ConnectionId connectionId, Instant dueBy) {
        int moved = 0;
        for (Entry entry : entries.values()) {
            Delivery old = entry.delivery;
            if (old.workspaceId().equals(workspaceId) && old.connectionId().equals(connectionId)
                    && old.state() == State.PENDING && old.attempts() == 0 && old.dueAt().isAfter(dueBy)) {
                entry.delivery = new Delivery(old.workspaceId(), old.connectionId(), old.leadId(), old.version(),
                        State.PENDING, 0, dueBy, old.lastError(), old.cause());
                moved++;
            }
        }
        return moved;
    }

    @Override
    public synchronized int resyncFailed(WorkspaceId workspaceId, ConnectionId connectionId, Instant now) {
        int count = 0;
        for (Entry entry : entries.values()) {
            Delivery old = entry.delivery;
            if (old.workspaceId().equals(workspaceId) && old.connectionId().equals(connectionId)
                    && old.state() == State.FAILED) {
                entry.delivery = new Delivery(old.workspaceId(), old.connectionId(), old.leadId(), old.version(),
                        State.PENDING, 0, now, old.lastError(), Cause.RESYNC);
                count++;
            }
        }
        return count;
    }

    @Override
    public synchronized int cancelPending(WorkspaceId workspaceId, ConnectionId connectionId) {
        int before = entries.size();
        entries.entrySet().removeIf(e -> e.getKey().workspaceId().equals(workspaceId)
                && e.getKey().connectionId().equals(connectionId) && e.getValue().delivery.state() == State.PENDING);
        return before - entries.size();
    }

    @Override
    public synchronized List<Delivery> all(WorkspaceId workspaceId, ConnectionId connectionId) {
        return entries.values().stream().map(e -> e.delivery).filter(d -> d.workspaceId().equals(workspaceId)
                && d.connectionId().equals(connectionId)).toList();
    }

    private static void release(Entry entry) {
        entry.claimedBy = null;
        entry.claimedUntil = null;
    }

    private static Key key(Delivery delivery) {
        return new Key(delivery.workspaceId(), delivery.connectionId(), Objects.requireNonNull(delivery.leadId()));
    }
}
