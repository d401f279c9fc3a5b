package io.leadsync.application.service;

import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.in.ConnectionNotSyncingException;
import io.leadsync.application.port.in.PullChangesUseCase;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.ConnectionHealthStore;
import io.leadsync.domain.health.SyncRound;
import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmChangeReader;
import io.leadsync.application.port.out.CrmChangeReader.ChangePage;
import io.leadsync.application.port.out.CrmChangeReader.ChangeWindow;
import io.leadsync.application.port.out.CrmChangeReader.CrmChange;
import io.leadsync.application.port.out.CrmChangeReader.Watermark;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmLinkRepository;
import io.leadsync.application.port.out.CrmRateLimitedException;
import io.leadsync.application.port.out.CrmRejectedException;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.Outbox;
import io.leadsync.application.port.out.PullSchedule;
import io.leadsync.application.port.out.ReauthorizationRequiredException;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmLink;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.lead.FieldChange;
import io.leadsync.domain.lead.InvalidLeadException;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.sync.ChangeSource;
import io.leadsync.domain.sync.FieldMerge;
import io.leadsync.domain.sync.LeadChanged;
import io.leadsync.domain.sync.RecordMerge;
import io.leadsync.domain.sync.SyncDecision;
import io.leadsync.domain.workspace.WorkspaceId;
import io.leadsync.domain.sync.PulledField;
import io.leadsync.domain.sync.SyncEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pulls each due connection's CRM-side changes (ARCHITECTURE.md sections 3 and 4). The window starts an overlap
 * before the saved watermark (a record the CRM stamped late is not missed; seeing one twice is harmless) and ends a
 * lag before now (HubSpot's search sees writes late). Each record is merged with its lead in its own transaction:
 * the CRM's changes go into the lead as a change from that connection (so they travel on to the other connections
 * and never back), the lead's own unsent changes are owed to this connection, and the link keeps the new merge base,
 * so LeadSync's own writes coming back change nothing. The watermark is saved after every page.
 */
public final class PullChangesService implements PullChangesUseCase {
    static final Duration OVERLAP = Duration.ofMinutes(2);
    static final Duration LEASE = Duration.ofMinutes(5);
    static final Duration AFTER_FAILURE = Duration.ofMinutes(1);
    static final Duration AFTER_DAILY_LIMIT = Duration.ofHours(1);
    static final int CONNECTIONS_PER_ROUND = 10;

    private final CrmAuthorizations authorizations;
    private final Map<CrmKind, CrmChangeReader> readers = new EnumMap<>(CrmKind.class);
    private final PullSchedule schedule;
    private final CrmConnectionRepository connections;
    private final LeadRepository leads;
    private final CrmLinkRepository links;
    private final Outbox outbox;
    private final DeliveryQueue deliveries;
    private final TokenVault vault;
    private final AuditLog audit;
    private ConnectionHealthStore health = ConnectionHealthStore.NONE;
    private final TransactionBoundary transactions;
    private final IdGenerator ids;
    private final Clock clock;
    private final LeadConversions conversions;
    private final MergedRecords merges;
    private final TokenRefresher refresher;
    private final CallBudget budget;

    public PullChangesService(List<CrmAuthorization> authorizations, List<CrmChangeReader> readers,
                              PullSchedule schedule, CrmConnectionRepository connections, LeadRepository leads,
                              CrmLinkRepository links, Outbox outbox, DeliveryQueue deliveries, TokenVault vault,
                              AuditLog audit, TransactionBoundary transactions, IdGenerator ids, Clock clock) {
        this(authorizations, readers, schedule, connections, leads, links, outbox, deliveries, vault, audit,
                transactions, ids, clock, CallBudget.unlimited());
    }

    public PullChangesService(List<CrmAuthorization> authorizations, List<CrmChangeReader> readers,
                              PullSchedule schedule, CrmConnectionRepository connections, LeadRepository leads,
                              CrmLinkRepository links, Outbox outbox, DeliveryQueue deliveries, TokenVault vault,
                              AuditLog audit, TransactionBoundary transactions, IdGenerator ids, Clock clock,
                              CallBudget budget) {
        this.budget = budget;
        this.authorizations = new CrmAuthorizations(authorizations);
        readers.forEach(reader -> this.readers.put(reader.kind(), reader));
        this.schedule = schedule;
        this.connections = connections;
        this.leads = leads;
        this.links = links;
        this.outbox = outbox;
        this.deliveries = deliveries;
        this.vault = vault;
        this.audit = audit;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
        this.conversions = new LeadConversions(leads, outbox, deliveries, audit, ids);
        this.merges = new MergedRecords(leads, links, deliveries, audit, ids, clock);
        this.refresher = new TokenRefresher(vault, transactions, clock);
    }

    /** Each pull's outcome feeds the connection's health (issue 16). */
    public PullChangesService withHealth(ConnectionHealthStore health) {
        this.health = health;
        return this;
    }

    @Override
    public int pullDue(String node) {
        Instant now = clock.instant();
        List<PullSchedule.Due> due = transactions.inTransaction(() ->
                schedule.claimDue(now, node, now.plus(LEASE), CONNECTIONS_PER_ROUND));
        int read = 0;
        for (PullSchedule.Due pull : due) {
            read += pull(pull, "the worker").read();
        }
        return read;
    }

    @Override
    public PullReport pullNow(WorkspaceId workspaceId, ConnectionId connectionId, String node) {
        CrmConnection connection = connections.find(workspaceId, connectionId)
                .orElseThrow(() -> new ConnectionNotFoundException(connectionId.toString()));
        if (!connection.syncs() || !connection.kind().canPull()) {
            throw new ConnectionNotSyncingException("The connection is " + connection.state() + "; it pulls once "
                    + "CONNECTED.");
        }
        Instant now = clock.instant();
        PullSchedule.Due pull = transactions.inTransaction(() ->
                schedule.claimNow(workspaceId, connectionId, now, node, now.plus(LEASE)))
                .orElseThrow(() -> new ConnectionNotSyncingException("The connection is being pulled right now."));
        return pull(pull, "pull now");
    }

    private PullReport pull(PullSchedule.Due due, String startedBy) {
        Run run = new Run(due);
        Instant next;
        try {
            run.go();
            // The frequency as it is now: an admin may have changed it while this pull ran.
            next = run.started.plus(run.connection == null ? AFTER_FAILURE
                    : connections.find(due.workspaceId(), due.connectionId()).orElse(run.connection).settings()
                            .frequency().pullInterval());
        } catch (ReauthorizationRequiredException e) {
            // The connection's own state says it from now on.
            run.heldBack = true;
            run.stoppedBecause = "the connection needs to be authorised again";
            transactions.inTransaction(() -> {
                CrmConnection current = connections.find(due.workspaceId(), due.connectionId()).orElseThrow();
                current.needsReauth(e.getMessage(), clock.instant());
                connections.update(current);
                return null;
            });
            next = clock.instant().plus(AFTER_FAILURE);
        } catch (BudgetSpentException e) {
            // The watermark is saved per page: the next pull, when the budget returns, goes on from there.
            run.stoppedBecause = "budget spent: " + e.getMessage();
            next = e.resumesAt();
        } catch (CrmRateLimitedException e) {
            // The CRM asks to wait: not a failure of the connection (its health is left as it was).
            run.heldBack = true;
            run.stoppedBecause = "rate limited: " + e.getMessage();
            next = clock.instant().plus(e.daily() ? AFTER_DAILY_LIMIT : e.retryAfter().orElse(AFTER_FAILURE));
        } catch (CrmUnavailableException | CrmRejectedException e) {
            run.stoppedBecause = e.getMessage();
            next = clock.instant().plus(AFTER_FAILURE);
        }
        Instant nextPull = next;
        transactions.inTransaction(() -> {
            schedule.finished(due.workspaceId(), due.connectionId(), nextPull, run.deletionsCheckedUntil,
                    run.deletionsResume);
            if (!run.heldBack) {
                health.record(due.workspaceId(), due.connectionId(), run.stoppedBecause == null
                        ? SyncRound.pulled(clock.instant(), run.read) : SyncRound.pullStopped(clock.instant(),
                        run.stoppedBecause));
            }
            if (run.read > 0 || run.deleted > 0 || run.stoppedBecause != null) {
                audit.record(AuditEntry.of(ids.newId(), due.workspaceId(), clock.instant(), "sync", Optional.empty(),
                        Optional.of(due.connectionId().value()), run.event(startedBy,
                                Duration.between(run.started, clock.instant()).toMillis())));
            }
            return null;
        });
        return run.report();
    }

    /** One connection's pull. */
    private final class Run {
        private final PullSchedule.Due due;
        private final Instant started = clock.instant();
        private CrmConnection connection;
        private ConnectionCalls calls;
        private List<io.leadsync.domain.crm.FieldMapping> mergedFields = List.of();
        private int read;
        private int updated;
        private int created;
        private int unchanged;
        private int unmatched;
        private int refused;
        private int deleted;
        private int conflicts;
        private int converted;
        private int merged;
        private String stoppedBecause;
        private boolean heldBack;
        private Optional<Instant> deletionsCheckedUntil = Optional.empty();
        private Optional<String> deletionsResume = Optional.empty();

        Run(PullSchedule.Due due) {
            this.due = due;
        }

        void go() {
            connection = connections.find(due.workspaceId(), due.connectionId()).orElse(null);
            CrmChangeReader reader = connection == null ? null : readers.get(connection.kind());
            Optional<CrmTokens> tokens = vault.find(due.workspaceId(), due.connectionId());
            if (connection == null || !connection.syncs() || reader == null || tokens.isEmpty()) {
                stoppedBecause = "the connection does not sync";
                return;
            }
            // The lead id is the link, not data; the lead source is always the product's name on push. Neither is
            // merged, or every pull would find them "changed" against LeadSync's side.
            mergedFields = connection.mappings().stream().filter(mapping -> mapping.appField() != LeadField.LEAD_ID
                    && mapping.appField() != LeadField.LEAD_SOURCE).toList();
            calls = new ConnectionCalls(due.workspaceId(), CrmSession.of(connection, tokens.get()), refresher,
                    authorizations.of(connection.kind()), clock, budget);
            Instant until = started.minus(lag(connection.kind()));
            Watermark from = due.watermark().map(mark -> new Watermark(mark.modifiedAt().minus(OVERLAP), ""))
                    .orElse(Watermark.origin());
            ChangeWindow window = new ChangeWindow(from, until);
            Optional<String> cursor = Optional.empty();
            do {
                Optional<String> page = cursor;
                ChangePage changes = calls.read(session -> reader.changes(session, window, page), ChangePage::calls);
                for (CrmChange change : changes.changes()) {
                    read++;
                    merge(change);
                }
                if (!changes.changes().isEmpty()) {
                    Watermark last = changes.changes().get(changes.changes().size() - 1).watermark();
                    transactions.inTransaction(() -> {
                        schedule.checkpoint(due.workspaceId(), due.connectionId(), last);
                        return null;
                    });
                }
                cursor = changes.next();
            } while (cursor.isPresent());
            // First pull of a connection: nothing it deleted before concerns LeadSync yet.
            Instant since = due.deletionsCheckedUntil().orElse(started.minus(OVERLAP));
            CrmChangeReader.DeletionPage gone = calls.read(session -> reader.deletions(session, since, until,
                    due.deletionsResume()), CrmChangeReader.DeletionPage::calls);
            for (CrmChangeReader.Deletion deletion : gone.deletions()) {
                transactions.inTransaction(() -> {
                    links.findByCrmRecordId(due.workspaceId(), due.connectionId(), deletion.crmRecordId())
                            .filter(link -> !link.deletedInCrm()).ifPresent(link -> {
                                if (deletion.masterRecordId().isPresent() && merges.follow(link,
                                        deletion.masterRecordId().get(), pushDue(clock.instant()))) {
                                    merged++;
                                    return;
                                }
                                // The lead stays: a record deleted in one CRM is not a lead LeadSync should forget.
                                links.save(link.markDeletedInCrm(clock.instant()));
                                deleted++;
                            });
                    return null;
                });
            }
            deletionsCheckedUntil = Optional.of(until);
            deletionsResume = gone.resume();
        }

        private void merge(CrmChange change) {
            try {
                transactions.inTransaction(() -> {
                    mergeInTransaction(change);
                    return null;
                });
            } catch (InvalidLeadException | LinkConflicts.Refused e) {
                refused++;
                transactions.inTransaction(() -> {
                    audit.record(AuditEntry.of(ids.newId(), due.workspaceId(), clock.instant(), "sync",
                            Optional.empty(), Optional.of(due.connectionId().value()),
                            new SyncEvent.PullRefused(change.crmRecordId(), e.getMessage())));
                    return null;
                });
            }
        }

        private void mergeInTransaction(CrmChange change) {
            Instant now = clock.instant();
            WorkspaceId workspace = due.workspaceId();
            Optional<CrmLink> link = links.findByCrmRecordId(workspace, connection.id(), change.crmRecordId());
            if (change.conversion().isPresent()) {
                // A converted record is read-only and no longer the lead's: the lead lives on in the Contact.
                link.filter(l -> l.conversion().isEmpty()).ifPresent(l -> {
                    links.save(l.converted(change.conversion().get(), now));
                    conversions.noticed(workspace, connection, l.leadId(), change.conversion().get(), "on a pull",
                            now);
                    converted++;
                });
                return;
            }
            Optional<Lead> found = link.flatMap(l -> leads.findForChange(workspace, l.leadId()));
            if (found.isEmpty()) {
                found = value(change, LeadField.LEAD_ID).flatMap(id -> leadId(id))
                        .flatMap(id -> leads.findForChange(workspace, id));
            }
            if (found.isEmpty()) {
                found = value(change, LeadField.WORK_EMAIL).flatMap(email ->
                        leads.findForChangeByWorkEmail(workspace, email));
            }
            if (found.isEmpty()) {
                createOrSkip(change, now);
                return;
            }
            Lead lead = found.get();
            Map<LeadField, String> crmValues = new EnumMap<>(LeadField.class);
            change.values().forEach((field, value) -> value.ifPresent(v -> crmValues.put(field, v)));
            // What the CRM holds for LeadSync's "no value" (a Salesforce checkbox holds false) is no edit of the rep's.
            crmValues.entrySet().removeIf(entry -> lead.value(entry.getKey()).isEmpty() && connection.kind()
                    .holdsAfterWriting(entry.getKey(), Optional.empty()).equals(Optional.of(entry.getValue())));
            Map<LeadField, String> base = link.filter(l -> l.leadId().equals(lead.id())).map(CrmLink::lastSynced)
                    .orElse(Map.of());
            RecordMerge merge = FieldMerge.merge(lead, crmValues, change.modifiedAt(), base, mergedFields,
                    connection.settings());
            List<PulledField> described = MergeAudit.fields(merge, lead);
            conflicts += (int) merge.decisions().values().stream().filter(decision ->
                    decision instanceof SyncDecision.Push push && push.conflict().isPresent()
                            || decision instanceof SyncDecision.Take take && take.conflict().isPresent()
                            || decision instanceof SyncDecision.Hold hold && hold.conflict().isPresent()).count();
            Map<LeadField, String> take = merge.toTake();
            if (!take.isEmpty()) {
                List<FieldChange> changes = lead.update(take, now);
                if (!changes.isEmpty()) {
                    leads.update(lead);
                    outbox.append(new LeadChanged(ids.newId(), workspace, lead.id(), lead.version(), false, changes,
                            new ChangeSource.Crm(connection.id()), now));
                    updated++;
                }
            }
            if (!merge.toPush().isEmpty()) {
                // The lead holds values this CRM lacks (changed in LeadSync, or the policy kept LeadSync's side).
                deliveries.enqueue(workspace, connection.id(), lead.id(), lead.version(), pushDue(now),
                        DeliveryQueue.Cause.PULL);
            }
            if (merge.nothingToWrite()) {
                unchanged++;
            }
            if (!described.isEmpty()) {
                audit.record(AuditEntry.of(ids.newId(), workspace, now, "sync", Optional.of(lead.id().value()),
                        Optional.of(connection.id().value()), new SyncEvent.LeadPulled(change.crmRecordId(),
                                described)));
            }
            // Whether the CRM record carries LeadSync's lead id is remembered in the base: kept from a link LeadSync's
            // own push made, or seen on the record itself. Without it, pushes write the record by its CRM id.
            Map<LeadField, String> newBase = new EnumMap<>(LeadField.class);
            newBase.putAll(merge.newBase());
            // A value owed to the CRM is not in it yet: its base moves when the push succeeds, so the push (which
            // sends what differs from the base) sends it, and a push that never lands leaves it owed, not "synced".
            merge.decisions().forEach((field, decision) -> {
                if (decision instanceof SyncDecision.Push) {
                    Optional<String> before = Optional.ofNullable(base.get(field));
                    if (before.isPresent()) {
                        newBase.put(field, before.get());
                    } else {
                        newBase.remove(field);
                    }
                }
            });
            Optional<String> stamped = link.filter(l -> l.leadId().equals(lead.id()))
                    .flatMap(l -> l.base(LeadField.LEAD_ID))
                    .or(() -> value(change, LeadField.LEAD_ID).filter(id -> id.equals(lead.id().value())));
            stamped.ifPresent(id -> newBase.put(LeadField.LEAD_ID, id));
            LinkConflicts.check(links, workspace, connection.id(), lead.id(), change.crmRecordId())
                    .ifPresent(reason -> {
                        throw new LinkConflicts.Refused(reason);
                    });
            links.save(new CrmLink(workspace, connection.id(), lead.id(), change.crmRecordId(), newBase,
                    Optional.of(change.modifiedAt()), now, false));
            if (stamped.isEmpty()) {
                // Stamp the record with the lead id at the next push, so later upserts by lead id find it.
                deliveries.enqueue(workspace, connection.id(), lead.id(), lead.version(), pushDue(now),
                        DeliveryQueue.Cause.PULL);
            }
        }

        private void createOrSkip(CrmChange change, Instant now) {
            if (!connection.settings().createLeadsFromCrm()) {
                unmatched++;
                return;
            }
            LeadId id = value(change, LeadField.LEAD_ID).flatMap(PullChangesService::leadId)
                    .orElse(new LeadId(connection.kind().name().toLowerCase(java.util.Locale.ROOT) + ":"
                            + change.crmRecordId()));
            Map<LeadField, String> input = new EnumMap<>(LeadField.class);
            change.values().forEach((field, value) -> value.ifPresent(v -> input.put(field, v)));
            input.remove(LeadField.LEAD_ID);
            Lead lead = Lead.create(due.workspaceId(), id, input, now);
            leads.insert(lead);
            outbox.append(new LeadChanged(ids.newId(), due.workspaceId(), lead.id(), lead.version(), true,
                    lead.asChangesFromNothing(), new ChangeSource.Crm(connection.id()), now));
            // The lead id in the base says the record carries it; without, the next push writes it by its CRM id.
            Map<LeadField, String> base = new EnumMap<>(input);
            boolean stamped = value(change, LeadField.LEAD_ID).filter(v -> v.equals(id.value())).isPresent();
            if (stamped) {
                base.put(LeadField.LEAD_ID, id.value());
            }
            links.save(new CrmLink(due.workspaceId(), connection.id(), id, change.crmRecordId(), base,
                    Optional.of(change.modifiedAt()), now, false));
            if (!stamped) {
                // The CRM record does not carry LeadSync's lead id yet: owe it the lead, so its id field gets filled.
                deliveries.enqueue(due.workspaceId(), connection.id(), id, lead.version(), pushDue(now),
                        DeliveryQueue.Cause.PULL);
            }
            created++;
        }

        /** What the pull owes the CRM goes with the connection's next push, like any other change. */
        private Instant pushDue(Instant now) {
            return RouteChangesService.dueAt(connection.settings().frequency(), now);
        }

        PullReport report() {
            return new PullReport(due.connectionId(), read, updated, created, unchanged, unmatched, refused, deleted,
                    calls == null ? 0 : calls.calls(), stoppedBecause);
        }

        SyncEvent.PullRun event(String startedBy, long millis) {
            return new SyncEvent.PullRun(read, updated, created, unchanged, unmatched, refused, deleted, converted,
                    merged, conflicts, calls == null ? 0 : calls.calls(), millis, startedBy,
                    Optional.ofNullable(stoppedBecause));
        }
    }

    /** HubSpot's search sees a write only seconds later; reading up to then would move the watermark past it. */
    static Duration lag(CrmKind kind) {
        return kind == CrmKind.HUBSPOT ? Duration.ofSeconds(5) : Duration.ZERO;
    }

    private static Optional<String> value(CrmChange change, LeadField field) {
        Optional<String> value = change.values().get(field);
        return value == null ? Optional.empty() : value;
    }

    private static Optional<LeadId> leadId(String text) {
        try {
            return Optional.of(new LeadId(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
