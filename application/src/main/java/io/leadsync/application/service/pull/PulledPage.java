package io.leadsync.application.service.pull;

import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.CrmChangeReader.CrmChange;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmLink;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.lead.FieldChange;
import io.leadsync.domain.lead.InvalidLeadException;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.sync.ChangeSource;
import io.leadsync.domain.sync.LeadChanged;
import io.leadsync.domain.sync.PullReconciliation;
import io.leadsync.domain.sync.PulledRecord;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Merges one page of pulled CRM records into the leads, the rules being the domain's ({@link PullReconciliation}).
 * A page is one transaction that reads its links and leads in three queries and writes its changes in one statement
 * per kind (ADR 0060): merging edit by edit, with a handful of statements each, held the pull at a few hundred edits
 * a second. A record the rules refuse writes nothing and is named in the audit; the rest of its page goes on. Should
 * the page's transaction fail as a whole, or two records of a page concern one lead, those records are merged one by
 * one, each in a transaction of its own, as before.
 */
final class PulledPage {
    private final PullParts parts;
    private final WorkspaceId workspace;
    private final CrmConnection connection;
    private final List<FieldMapping> mergedFields;
    private final Function<Instant, Instant> pushDue;

    PulledPage(PullParts parts, CrmConnection connection, Function<Instant, Instant> pushDue) {
        this.parts = parts;
        this.workspace = connection.workspaceId();
        this.connection = connection;
        this.mergedFields = PullReconciliation.mergedFields(connection.mappings());
        this.pushDue = pushDue;
    }

    static PulledRecord record(CrmChange change) {
        return new PulledRecord(change.crmRecordId(), change.values(), change.modifiedAt(), change.conversion());
    }

    /**
     * Merges the page's records, counting into {@code tally}. {@code asOf} is when the CRM was as the page shows it:
     * a record LeadSync wrote after that is not merged over that write (see {@link PullReconciliation#readBefore}).
     */
    void merge(List<CrmChange> changes, PullTally tally, Instant asOf) {
        List<PulledRecord> records = changes.stream().map(PulledPage::record).toList();
        List<PulledRecord> oneByOne = new ArrayList<>();
        try {
            PullTally page = parts.transactions().inTransaction(() -> {
                oneByOne.clear();
                PullTally counted = new PullTally();
                mergeTogether(records, counted, oneByOne, asOf);
                return counted;
            });
            tally.add(page);
        } catch (RuntimeException e) {
            // Nothing of the page was written (a record the database refused, a lead created meanwhile): each record
            // again on its own, so only a bad one fails. A store that is down fails the first of them as well.
            oneByOne.clear();
            oneByOne.addAll(records);
        }
        for (PulledRecord record : oneByOne) {
            try {
                tally.add(parts.transactions().inTransaction(() -> {
                    PullTally counted = new PullTally();
                    mergeTogether(List.of(record), counted, new ArrayList<>(), asOf);
                    return counted;
                }));
            } catch (InvalidLeadException e) {
                tally.refused++;
                parts.transactions().inTransaction(() -> {
                    parts.audit().write(parts.audit().refused(workspace, connection.id(), parts.clock().instant(),
                            record.crmRecordId(), e.getMessage()));
                    return null;
                });
            }
        }
    }

    /** The page's reads, the rules per record, the page's writes. Records to merge alone go to {@code later}. */
    private void mergeTogether(List<PulledRecord> records, PullTally tally, List<PulledRecord> later, Instant asOf) {
        Instant now = parts.clock().instant();
        Map<String, CrmLink> linkOf = parts.links().findByCrmRecordIds(workspace, connection.id(),
                records.stream().map(PulledRecord::crmRecordId).distinct().toList());
        Set<LeadId> wanted = new HashSet<>();
        for (PulledRecord record : records) {
            Optional.ofNullable(linkOf.get(record.crmRecordId())).ifPresent(link -> wanted.add(link.leadId()));
            PullReconciliation.carriedLeadId(record).ifPresent(wanted::add);
        }
        Map<LeadId, Lead> byId = new HashMap<>();
        parts.leads().findAllForChange(workspace, wanted).forEach(lead -> byId.put(lead.id(), lead));
        List<String> emails = records.stream().filter(record -> record.conversion().isEmpty()
                        && Optional.ofNullable(linkOf.get(record.crmRecordId())).map(CrmLink::leadId)
                        .or(() -> PullReconciliation.carriedLeadId(record)).filter(byId::containsKey).isEmpty())
                .flatMap(record -> record.value(LeadField.WORK_EMAIL).stream()).distinct().toList();
        Map<String, Lead> byEmail = emails.isEmpty() ? Map.of()
                : parts.leads().findForChangeByWorkEmails(workspace, emails);

        Writes writes = new Writes();
        Set<LeadId> touched = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (PulledRecord record : records) {
            if (!seen.add(record.crmRecordId())) {
                // The same record twice in a page (the window's overlap): its second reading goes after the first.
                later.add(record);
                continue;
            }
            Optional<CrmLink> link = Optional.ofNullable(linkOf.get(record.crmRecordId()));
            if (record.conversion().isPresent()) {
                Optional<CrmLink> moved = PullReconciliation.conversion(record, link, now);
                if (moved.isPresent() && !touched.add(moved.get().leadId())) {
                    later.add(record);
                } else if (moved.isPresent()) {
                    // A converted record is read-only and no longer the lead's: the lead lives on in the Contact.
                    parts.links().save(moved.get());
                    parts.conversions().noticed(workspace, connection, moved.get().leadId(),
                            record.conversion().get(), "on a pull", now);
                    tally.converted++;
                }
                continue;
            }
            if (PullReconciliation.readBefore(link, asOf)) {
                // A push wrote this record after the page was read: its values here are older than the link's base,
                // and merging them would take the CRM's old values back over the lead's newer ones. That write made
                // the record changed again, so the next pull (whose window overlaps this one) reads it as it is now.
                tally.unchanged++;
                continue;
            }
            Optional<PullReconciliation.Match> match = PullReconciliation.match(record, link,
                    id -> Optional.ofNullable(byId.get(id)), email -> Optional.ofNullable(byEmail.get(email)));
            LeadId leadId = match.map(m -> m.lead().id()).orElseGet(() -> newLeadId(record));
            if (!touched.add(leadId)) {
                // Two records of one lead in a page: the second is merged after the first is written.
                later.add(record);
                continue;
            }
            try {
                if (match.isPresent()) {
                    merge(record, match.get(), link, writes, tally, now);
                } else {
                    create(record, writes, tally, now);
                }
            } catch (InvalidLeadException | RefusedRecord e) {
                tally.refused++;
                writes.audit.add(parts.audit().refused(workspace, connection.id(), now, record.crmRecordId(),
                        e.getMessage()));
            }
        }
        writes.flush(now);
    }

    private void merge(PulledRecord record, PullReconciliation.Match match, Optional<CrmLink> link, Writes writes,
                       PullTally tally, Instant now) {
        Lead lead = match.lead();
        Optional<LeadId> other = PullReconciliation.linkedToAnother(link, lead.id());
        if (other.isPresent()) {
            throw new RefusedRecord(CrmLink.conflictReason(other.get(), lead.id(), record.crmRecordId()));
        }
        PullReconciliation.Merged merged = PullReconciliation.merge(record, match, link, connection.kind(),
                mergedFields, connection.settings());
        // Described before the CRM's values go in: the audit says old -> new.
        Optional<AuditEntry> described = parts.audit().pulled(workspace, connection.id(), now, record.crmRecordId(),
                merged.merge(), lead);
        Map<LeadField, String> take = merged.merge().toTake();
        if (!take.isEmpty()) {
            List<FieldChange> changes = lead.update(take, now);
            if (!changes.isEmpty()) {
                writes.updated.add(lead);
                writes.changes.add(new LeadChanged(parts.ids().newId(), workspace, lead.id(), lead.version(), false,
                        changes, new ChangeSource.Crm(connection.id()), now));
                tally.updated++;
            }
        }
        if (merged.owesPush()) {
            // Values this CRM lacks, or the lead id to stamp on the record: both go with the connection's next push.
            writes.owed.put(lead.id(), lead.version());
        }
        if (merged.merge().nothingToWrite()) {
            tally.unchanged++;
        }
        tally.conflicts += merged.conflicts();
        described.ifPresent(writes.audit::add);
        writes.links.add(new CrmLink(workspace, connection.id(), lead.id(), record.crmRecordId(), merged.linkBase(),
                Optional.of(record.modifiedAt()), now, false));
    }

    private void create(PulledRecord record, Writes writes, PullTally tally, Instant now) {
        if (!connection.settings().createLeadsFromCrm()) {
            tally.unmatched++;
            return;
        }
        PullReconciliation.NewLead made = PullReconciliation.newLead(workspace, record, connection.kind(), now);
        Lead lead = made.lead();
        // Inserted at once (new leads from the CRM are few): a lead of that id already there fails the page, and
        // then this record alone.
        parts.leads().insert(lead);
        writes.changes.add(new LeadChanged(parts.ids().newId(), workspace, lead.id(), lead.version(), true,
                lead.asChangesFromNothing(), new ChangeSource.Crm(connection.id()), now));
        writes.links.add(new CrmLink(workspace, connection.id(), lead.id(), record.crmRecordId(), made.linkBase(),
                Optional.of(record.modifiedAt()), now, false));
        if (!made.stamped()) {
            // The record does not carry LeadSync's lead id yet: owe it the lead, so its id field gets filled.
            writes.owed.put(lead.id(), lead.version());
        }
        tally.created++;
    }

    /** The id a lead made from this record would have; only to keep two records of one new lead apart. */
    private LeadId newLeadId(PulledRecord record) {
        return PullReconciliation.carriedLeadId(record).orElse(new LeadId(connection.kind().name()
                .toLowerCase(java.util.Locale.ROOT) + ":" + record.crmRecordId()));
    }

    /** A record the rules refuse; nothing of it is written. */
    private static final class RefusedRecord extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RefusedRecord(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The page's writes, one statement per kind. */
    private final class Writes {
        final List<Lead> updated = new ArrayList<>();
        final List<LeadChanged> changes = new ArrayList<>();
        final List<CrmLink> links = new ArrayList<>();
        final Map<LeadId, Long> owed = new LinkedHashMap<>();
        final List<AuditEntry> audit = new ArrayList<>();

        void flush(Instant now) {
            if (!updated.isEmpty()) {
                parts.leads().updateAll(updated);
            }
            if (!changes.isEmpty()) {
                parts.outbox().appendAll(changes);
            }
            if (!links.isEmpty()) {
                parts.links().saveAll(links);
            }
            if (!owed.isEmpty()) {
                parts.deliveries().enqueueAll(workspace, connection.id(), owed, pushDue.apply(now),
                        DeliveryQueue.Cause.PULL);
            }
            parts.audit().write(audit);
        }
    }
}
