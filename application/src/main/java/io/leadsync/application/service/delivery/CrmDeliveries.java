package io.leadsync.application.service.delivery;

import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.ConnectionHealthStore;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmLinkRepository;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.port.out.UpsertResult;
import io.leadsync.application.service.crmcall.CallOutcome;
import io.leadsync.application.service.crmcall.ConnectionCalls;
import io.leadsync.application.service.pull.LeadConversions;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmLink;
import io.leadsync.domain.crm.Suppressions;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.sync.Delivery;
import io.leadsync.domain.sync.RetryPolicy;
import io.leadsync.domain.sync.SendPolicy;
import io.leadsync.domain.sync.SyncEvent;
import io.leadsync.domain.workspace.Workspace;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CRM destinations' part of the pipeline: a claimed batch is checked against the {@link SendPolicy}, made into
 * records (only what changed since the last sync; the whole lead for "sync now"), sent through a {@link CrmWrite}
 * outside any transaction, and each delivery's next state, as the domain's {@link Delivery} and {@link RetryPolicy}
 * decide it, written back with the links (the merge base) and the audit in one transaction.
 */
final class CrmDeliveries {
    private final DeliveryQueue deliveries;
    private final CrmConnectionRepository connections;
    private final LeadRepository leads;
    private final CrmLinkRepository links;
    private final AuditLog audit;
    private final TransactionBoundary transactions;
    private final IdGenerator ids;
    private final Clock clock;
    /** Set by {@link PushDeliveriesService#withTimings} (tests shorten the backoff), else the push policy. */
    RetryPolicy retry;
    Optional<LeadConversions> conversions = Optional.empty();
    ConnectionHealthStore health = ConnectionHealthStore.NONE;

    CrmDeliveries(DeliveryQueue deliveries, CrmConnectionRepository connections, LeadRepository leads,
                  CrmLinkRepository links, AuditLog audit, TransactionBoundary transactions, IdGenerator ids,
                  Clock clock, RetryPolicy retry) {
        this.deliveries = deliveries;
        this.connections = connections;
        this.leads = leads;
        this.links = links;
        this.audit = audit;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
        this.retry = retry;
    }

    /** Delivers a claimed batch; answers what became of each lead. */
    BatchOutcome deliver(CrmConnection connection, Workspace workspace, Suppressions suppressions, String node,
                         List<DeliveryQueue.Delivery> claimed, CrmWrite write, ConnectionCalls calls) {
        Instant started = clock.instant();
        PushRun run = new PushRun(connection, workspace, ids, clock, write.bulk());
        BatchOutcome.Tally tally = new BatchOutcome.Tally().claimed(claimed.size());
        List<Runnable> settled = new ArrayList<>();
        // The claimed leads and their links, each in one statement (not one per lead).
        List<LeadId> leadIds = claimed.stream().map(DeliveryQueue.Delivery::leadId).toList();
        Map<LeadId, Lead> claimedLeads = leads.findAll(workspace.id(), leadIds);
        Map<LeadId, CrmLink> claimedLinks = links.findAll(workspace.id(), connection.id(), leadIds);
        for (DeliveryQueue.Delivery entry : claimed) {
            prepare(entry, node, connection, workspace, suppressions, run, tally, settled,
                    Optional.ofNullable(claimedLeads.get(entry.leadId())),
                    Optional.ofNullable(claimedLinks.get(entry.leadId())));
        }
        if (!settled.isEmpty()) {
            transactions.inTransaction(() -> {
                settled.forEach(Runnable::run);
                return null;
            });
        }
        if (run.records.isEmpty()) {
            return tally.done(0, Optional.empty());
        }
        CallOutcome<List<UpsertResult>> outcome = write.send(calls, run.records);
        transactions.inTransaction(() -> {
            record(outcome, connection, workspace, run, tally);
            boolean held = outcome instanceof CallOutcome.NeedsReauth<?> || outcome instanceof CallOutcome.RateLimited<?>
                    || outcome instanceof CallOutcome.BudgetSpent<?>;
            run.entries.add(0, run.summary(started, calls.calls(), tally.written(), tally.failedCount(),
                    held ? 0 : tally.waitingCount(), outcome.problem().map(problem -> stopWords(outcome, problem))));
            audit.recordAll(run.entries);
            if (!(outcome instanceof CallOutcome.NeedsReauth<?> || outcome instanceof CallOutcome.RateLimited<?>)) {
                recordRound(connection, run, tally, outcome.problem());
            }
            return null;
        });
        return tally.done(calls.calls(), calls.usage());
    }

    /** Skips a lead the policy refuses, settles one the CRM already holds, or adds its record to the batch. */
    private void prepare(DeliveryQueue.Delivery entry, String node, CrmConnection connection, Workspace workspace,
                         Suppressions suppressions, PushRun run, BatchOutcome.Tally tally, List<Runnable> settled,
                         Optional<Lead> lead, Optional<CrmLink> link) {
        Delivery delivery = QueueTransitions.claimed(entry, node);
        SendPolicy.Decision decision = SendPolicy.forLead(lead, connection, suppressions);
        if (decision instanceof SendPolicy.Skip skip) {
            delivery.skip(skip.detail());
            tally.skipped(entry.leadId().value(), skip.detail());
            settled.add(() -> QueueTransitions.apply(deliveries, entry, delivery, clock.instant()));
            return;
        }
        // "Sync now" sends the whole lead; the background push only what changed since the last sync, so a rep's
        // edit of a field LeadSync did not change is not overwritten by LeadSync's older copy.
        Optional<CrmRecord> record = entry.cause() == DeliveryQueue.Cause.SYNC_NOW
                ? Optional.of(PushRecords.record(lead.get(), connection, workspace, link))
                : PushRecords.changes(lead.get(), connection, workspace, link);
        if (record.isEmpty()) {
            // The CRM already holds every value (the change came back from it, or was undone): no call needed.
            delivery.delivered(lead.get().version());
            settled.add(() -> QueueTransitions.apply(deliveries, entry, delivery, clock.instant()));
            return;
        }
        run.add(entry, delivery, record.get(), link, lead.get().version());
    }

    private void record(CallOutcome<List<UpsertResult>> outcome, CrmConnection connection, Workspace workspace,
                        PushRun run, BatchOutcome.Tally tally) {
        Instant now = clock.instant();
        QueueTransitions.Batch settled = new QueueTransitions.Batch(deliveries);
        recordOutcome(outcome, connection, workspace, run, tally, now, settled);
        settled.settle();
    }

    private void recordOutcome(CallOutcome<List<UpsertResult>> outcome, CrmConnection connection, Workspace workspace,
                               PushRun run, BatchOutcome.Tally tally, Instant now, QueueTransitions.Batch settled) {
        if (outcome instanceof CallOutcome.Answered<List<UpsertResult>> answered) {
            // Set-based: one read of the records' links for the conflict check, one write of the new links.
            LinkConflicts.Batch conflicts = LinkConflicts.batch(links, workspace.id(), connection.id(),
                    answered.answer().stream().filter(UpsertResult::succeeded)
                            .map(r -> r.crmRecordId().orElseThrow()).toList());
            List<CrmLink> linked = new ArrayList<>();
            for (int i = 0; i < run.records.size(); i++) {
                written(i, answered.answer().get(i), connection, workspace, run, tally, now, conflicts, linked,
                        settled);
            }
            links.saveAll(linked);
            return;
        }
        String reason = outcome.problem().orElseThrow();
        if (outcome instanceof CallOutcome.NeedsReauth<?>) {
            // Only the state, on the row under its lock: an admin's settings saved meanwhile stay (ADR 0094).
            connections.update(workspace.id(), connection.id(), current -> current.needsReauth(reason, now));
            holdAll(run, tally, settled, now, "the connection needs to be authorised again: " + reason);
        } else if (outcome instanceof CallOutcome.BudgetSpent<?> spent) {
            // No call was made: the batch waits for the next day's budget without spending its attempts.
            holdAll(run, tally, settled, spent.resumesAt(), reason);
        } else if (outcome instanceof CallOutcome.RateLimited<?> limited) {
            holdAll(run, tally, settled, retry.afterRateLimit(limited.retryAfter(), limited.daily(), now),
                    reason);
        } else {
            // A CRM that is down or answers 5xx says nothing about the records: they keep more attempts than a
            // record the CRM refused (ADR 0015, ADR 0027).
            RetryPolicy.Failure failure = outcome instanceof CallOutcome.Unavailable<?>
                    ? RetryPolicy.Failure.UNAVAILABLE : RetryPolicy.Failure.REFUSED_FOR_NOW;
            for (int i = 0; i < run.records.size(); i++) {
                failed(i, failure, reason, run, tally, now, settled);
            }
            tally.stopped(reason);
        }
    }

    private void written(int i, UpsertResult result, CrmConnection connection, Workspace workspace, PushRun run,
                         BatchOutcome.Tally tally, Instant now, LinkConflicts.Batch conflicts, List<CrmLink> linked,
                         QueueTransitions.Batch settled) {
        DeliveryQueue.Delivery entry = run.sent.get(i);
        Optional<String> conflict = result.succeeded() ? conflicts.check(entry.leadId(),
                result.crmRecordId().orElseThrow()) : Optional.empty();
        if (conflict.isPresent()) {
            // Not retried: the same write would find the same record linked to the same other lead.
            failed(i, RetryPolicy.Failure.REFUSED_FOR_GOOD, conflict.get(), run, tally, now, settled);
        } else if (result.succeeded()) {
            CrmLink link = PushRecords.link(workspace, connection, run.records.get(i), result, now,
                    run.previousLinks.get(i));
            Delivery delivery = run.domain.get(i);
            delivery.delivered(run.versions.get(i));
            if (result.conversion().isPresent()) {
                // The conversion moves this link on and may owe the Contact the lead: both are written first, as
                // they are, before the conversion is noticed.
                links.save(link);
                QueueTransitions.apply(deliveries, entry, delivery, now);
            } else {
                linked.add(link);
                settled.apply(entry, delivery, now);
            }
            result.conversion().ifPresent(conversion -> conversions.ifPresent(c -> c.noticed(workspace.id(),
                    connection, entry.leadId(), conversion, entry.cause() == DeliveryQueue.Cause.SYNC_NOW
                            ? "on sync now" : "on a push", now)));
            boolean created = result.outcome() == UpsertResult.Outcome.CREATED;
            if (created) {
                tally.created();
            } else {
                tally.updated();
            }
            run.entries.add(run.recordEntry(i, now, new SyncEvent.LeadPushed(run.trigger(i), result.crmRecordId(),
                    created, run.fields(i))));
        } else {
            String reason = result.errorCode().orElse("ERROR") + ": " + result.message().orElse("");
            String code = result.errorCode().orElse("");
            if (result.retryable() && code.equals("RATE_LIMITS")) {
                // A rate limit met by a later call of the claim says nothing about the record: held for the limit's
                // wait with no attempt spent, as a claim stopped by the limit as a whole is (ADR 0101).
                Delivery delivery = run.domain.get(i);
                delivery.hold(now.plus(retry.rateLimitWait()), reason);
                settled.apply(run.sent.get(i), delivery, now);
                run.firstProblem = run.firstProblem == null ? reason : run.firstProblem;
                tally.waiting(run.sent.get(i).leadId().value(), reason);
            } else {
                failed(i, !result.retryable() ? RetryPolicy.Failure.REFUSED_FOR_GOOD
                        : code.equals("UNAVAILABLE") ? RetryPolicy.Failure.UNAVAILABLE
                        : RetryPolicy.Failure.REFUSED_FOR_NOW, reason, run, tally, now, settled);
            }
        }
    }

    /** The attempt failed: retried with backoff, or FAILED with the CRM's reason, as the policy says. */
    private void failed(int i, RetryPolicy.Failure failure, String reason, PushRun run, BatchOutcome.Tally tally,
                        Instant now, QueueTransitions.Batch settled) {
        DeliveryQueue.Delivery entry = run.sent.get(i);
        Delivery delivery = run.domain.get(i);
        delivery.failed(failure, reason, retry, now);
        settled.apply(entry, delivery, now);
        run.firstProblem = run.firstProblem == null ? reason : run.firstProblem;
        if (delivery.state() == Delivery.State.FAILED) {
            tally.failed(entry.leadId().value(), reason);
            run.entries.add(run.recordEntry(i, now, SyncEvent.DeliveryFailed.of(run.trigger(i), reason,
                    delivery.attempts(), Optional.empty(), run.fields(i))));
        } else {
            tally.waiting(entry.leadId().value(), reason);
            run.entries.add(run.recordEntry(i, now, SyncEvent.DeliveryFailed.of(run.trigger(i), reason,
                    delivery.attempts(), Optional.of(delivery.dueAt()), run.fields(i))));
        }
    }

    /** Held back for a reason outside the records: no attempt is spent. */
    private void holdAll(PushRun run, BatchOutcome.Tally tally, QueueTransitions.Batch settled, Instant until,
                         String reason) {
        for (int i = 0; i < run.sent.size(); i++) {
            Delivery delivery = run.domain.get(i);
            delivery.hold(until, reason);
            settled.apply(run.sent.get(i), delivery, clock.instant());
            tally.waiting(run.sent.get(i).leadId().value(), reason);
        }
        tally.stopped(reason);
    }

    /** How the run's audit says it stopped. */
    private String stopWords(CallOutcome<?> outcome, String problem) {
        if (outcome instanceof CallOutcome.NeedsReauth<?>) {
            return "waits for the connection to be authorised again";
        }
        if (outcome instanceof CallOutcome.BudgetSpent<?> spent) {
            return "waits until " + spent.resumesAt() + ": " + problem;
        }
        if (outcome instanceof CallOutcome.RateLimited<?> limited) {
            Duration wait = Duration.between(clock.instant(), retry.afterRateLimit(limited.retryAfter(),
                    limited.daily(), clock.instant()));
            return "rate limited, waits " + wait.toSeconds() + " s: " + problem;
        }
        return "the CRM failed: " + problem;
    }

    /** The batch's outcome, for the connection's health. */
    private void recordRound(CrmConnection connection, PushRun run, BatchOutcome.Tally tally,
                             Optional<String> stopped) {
        int retrying = tally.waitingCount();
        health.record(connection.workspaceId(), connection.id(), io.leadsync.domain.health.SyncRound.push(
                clock.instant(), tally.written(), tally.failedCount(), retrying,
                stopped.or(() -> Optional.ofNullable(run.firstProblem))));
    }
}
