package io.leadsync.application.service.delivery;

import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmLink;
import io.leadsync.domain.sync.Delivery;
import io.leadsync.domain.sync.FieldDiff;
import io.leadsync.domain.sync.SyncEvent;
import io.leadsync.domain.workspace.Workspace;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One CRM batch on its way: the deliveries that became records, in order, and the audit entries it writes. */
final class PushRun {
    final List<DeliveryQueue.Delivery> sent = new ArrayList<>();
    final List<Delivery> domain = new ArrayList<>();
    final List<CrmRecord> records = new ArrayList<>();
    final List<Long> versions = new ArrayList<>();
    final List<Optional<CrmLink>> previousLinks = new ArrayList<>();
    /** The batch's audit entries, written with its outcomes in one insert. */
    final List<AuditEntry> entries = new ArrayList<>();
    String firstProblem;
    private final CrmConnection connection;
    private final Workspace workspace;
    private final IdGenerator ids;
    private final Clock clock;
    private final boolean viaBulk;

    PushRun(CrmConnection connection, Workspace workspace, IdGenerator ids, Clock clock, boolean viaBulk) {
        this.connection = connection;
        this.workspace = workspace;
        this.ids = ids;
        this.clock = clock;
        this.viaBulk = viaBulk;
    }

    void add(DeliveryQueue.Delivery entry, Delivery delivery, CrmRecord record, Optional<CrmLink> link, long version) {
        sent.add(entry);
        domain.add(delivery);
        records.add(record);
        previousLinks.add(link);
        versions.add(version);
    }

    /** One record's audit entry: the typed outcome, which carries what started it and each field, old -> new. */
    AuditEntry recordEntry(int index, Instant at, SyncEvent event) {
        DeliveryQueue.Delivery delivery = sent.get(index);
        return AuditEntry.of(ids.newId(), workspace.id(), at, "sync", Optional.of(delivery.leadId().value()),
                Optional.of(connection.id().value()), event);
    }

    SyncEvent.Trigger trigger(int index) {
        return PushRecords.trigger(sent.get(index).cause());
    }

    List<FieldDiff> fields(int index) {
        return PushRecords.fieldDiffs(records.get(index), previousLinks.get(index));
    }

    /** The run: what started it, its counts, the CRM calls and how long it took; {@code stopped} when it did. */
    AuditEntry summary(Instant started, int calls, int written, int failed, int retrying, Optional<String> stopped) {
        Map<SyncEvent.Trigger, Integer> triggers = new EnumMap<>(SyncEvent.Trigger.class);
        sent.forEach(delivery -> triggers.merge(PushRecords.trigger(delivery.cause()), 1, Integer::sum));
        return AuditEntry.of(ids.newId(), workspace.id(), clock.instant(), "sync", Optional.empty(),
                Optional.of(connection.id().value()), new SyncEvent.PushRun(triggers, records.size(), written, failed,
                        retrying, calls, Duration.between(started, clock.instant()).toMillis(), viaBulk, stopped));
    }
}
