package io.leadsync.application.service;

import io.leadsync.application.port.in.PushDeliveriesUseCase;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmLeadWriter;
import io.leadsync.application.port.out.CrmLinkRepository;
import io.leadsync.application.port.out.CrmRateLimitedException;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.CrmRejectedException;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.DeliveryQueue.Delivery;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.ReauthorizationRequiredException;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.port.out.UpsertResult;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.workspace.Workspace;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers what connections owe, batch by batch. Each batch is claimed with a lease in a short transaction, sent to the
 * CRM outside any transaction, and its outcomes written in another: a written record updates its link (the merge
 * base) and leaves the queue; a record the CRM may take later (lock, 5xx, timeout) waits with backoff; one it refuses
 * for good, or that failed {@link #MAX_ATTEMPTS} times, is FAILED with the CRM's reason. A rate limit or an expired
 * authorisation delays the whole batch without counting against its records.
 */
public final class PushDeliveriesService implements PushDeliveriesUseCase {
    static final int MAX_ATTEMPTS = 3;
    /**
     * A CRM that cannot be reached or answers 5xx says nothing about the records: the batch gets more attempts, with
     * the backoff capped, so a flaky or briefly down CRM (about an hour) loses nothing (issue 8's resilience suite:
     * with 15% of calls failing, three attempts left leads FAILED).
     */
    static final int MAX_UNAVAILABLE_ATTEMPTS = 10;
    static final Duration MAX_BACKOFF = Duration.ofMinutes(15);
    static final Duration LEASE = Duration.ofMinutes(2);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(30);
    static final Duration RATE_LIMIT_WAIT = Duration.ofSeconds(10);
    static final Duration DAILY_LIMIT_WAIT = Duration.ofHours(1);
    static final int CONNECTIONS_PER_ROUND = 20;
    static final Duration NOT_SYNCING_RECHECK = Duration.ofMinutes(5);
    static final int SET_ASIDE_BATCH = 1_000;

    private final CrmAuthorizations authorizations;
    private final Map<CrmKind, CrmLeadWriter> writers = new EnumMap<>(CrmKind.class);
    private final DeliveryQueue deliveries;
    private final WorkspaceRepository workspaces;
    private final CrmConnectionRepository connections;
    private final LeadRepository leads;
    private final CrmLinkRepository links;
    private final TokenVault vault;
    private final AuditLog audit;
    private final TransactionBoundary transactions;
    private final IdGenerator ids;
    private final Clock clock;
    private final TokenRefresher refresher;
    private final CallBudget budget;

    public PushDeliveriesService(List<CrmAuthorization> authorizations, List<CrmLeadWriter> writers,
                                 DeliveryQueue deliveries, WorkspaceRepository workspaces,
                                 CrmConnectionRepository connections, LeadRepository leads, CrmLinkRepository links,
                                 TokenVault vault, AuditLog audit, TransactionBoundary transactions, IdGenerator ids,
                                 Clock clock) {
        this(authorizations, writers, deliveries, workspaces, connections, leads, links, vault, audit, transactions,
                ids, clock, CallBudget.unlimited());
    }

    public PushDeliveriesService(List<CrmAuthorization> authorizations, List<CrmLeadWriter> writers,
                                 DeliveryQueue deliveries, WorkspaceRepository workspaces,
                                 CrmConnectionRepository connections, LeadRepository leads, CrmLinkRepository links,
                                 TokenVault vault, AuditLog audit, TransactionBoundary transactions, IdGenerator ids,
                                 Clock clock, CallBudget budget) {
        this.budget = budget;
        this.authorizations = new CrmAuthorizations(authorizations);
        writers.forEach(writer -> this.writers.put(writer.kind(), writer));
        this.deliveries = deliveries;
        this.workspaces = workspaces;
        this.connections = connections;
        this.leads = leads;
        this.links = links;
        this.vault = vault;
        this.audit = audit;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
        this.refresher = new TokenRefresher(vault, transactions, clock);
    }

    @Override
    public int pushDue(String node) {
        int sent = 0;
        for (DeliveryQueue.Due due : deliveries.due(clock.instant(), CONNECTIONS_PER_ROUND)) {
            sent += pushBatch(due, node);
        }
        return sent;
    }

    private int pushBatch(DeliveryQueue.Due due, String node) {
        Optional<CrmConnection> found = connections.find(due.workspaceId(), due.connectionId());
        CrmLeadWriter writer = found.map(connection -> writers.get(connection.kind())).orElse(null);
        if (found.isEmpty() || !found.get().syncs() || writer == null) {
            setAside(due, found);
            return 0;
        }
        CrmConnection connection = found.get();
        Optional<CrmTokens> tokens = vault.find(due.workspaceId(), due.connectionId());
        if (tokens.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        List<Delivery> claimed = transactions.inTransaction(() -> deliveries.claim(due.workspaceId(),
                due.connectionId(), node, now, now.plus(LEASE), writer.batchLimit()));
        if (claimed.isEmpty()) {
            return 0;
        }
        Workspace workspace = workspaces.find(due.workspaceId()).orElseThrow();
        Batch batch = new Batch(connection, workspace);
        for (Delivery delivery : claimed) {
            batch.add(delivery);
        }
        if (batch.records.isEmpty()) {
            return 0;
        }
        ConnectionCalls calls = new ConnectionCalls(workspace.id(), new CrmSession(connection.id(),
                connection.identity().orElseThrow(), tokens.get(), connection.mappings(),
                connection.settings().createRecordsInCrm()), refresher, authorizations.of(connection.kind()), clock,
                budget);
        List<UpsertResult> results;
        try {
            results = calls.upsert(writer, batch.records).results();
        } catch (ReauthorizationRequiredException e) {
            transactions.inTransaction(() -> {
                CrmConnection current = connections.find(workspace.id(), connection.id()).orElseThrow();
                current.needsReauth(e.getMessage(), clock.instant());
                connections.update(current);
                batch.sent.forEach(delivery -> deliveries.retryLater(delivery, Optional.of(e.getMessage()),
                        clock.instant(), false));
                return null;
            });
            return 0;
        } catch (BudgetSpentException e) {
            // No call was made: the batch waits for the next day's budget without spending its attempts.
            transactions.inTransaction(() -> {
                batch.sent.forEach(delivery -> deliveries.retryLater(delivery, Optional.of(e.getMessage()),
                        e.resumesAt(), false));
                return null;
            });
            return 0;
        } catch (CrmRateLimitedException e) {
            Duration wait = e.daily() ? DAILY_LIMIT_WAIT : e.retryAfter().orElse(RATE_LIMIT_WAIT);
            transactions.inTransaction(() -> {
                batch.sent.forEach(delivery -> deliveries.retryLater(delivery, Optional.of(e.getMessage()),
                        clock.instant().plus(wait), false));
                return null;
            });
            return 0;
        } catch (CrmUnavailableException e) {
            transactions.inTransaction(() -> {
                batch.sent.forEach(delivery -> failedAttempt(delivery, e.getMessage(), true,
                        MAX_UNAVAILABLE_ATTEMPTS));
                return null;
            });
            return 0;
        } catch (CrmRejectedException e) {
            transactions.inTransaction(() -> {
                batch.sent.forEach(delivery -> failedAttempt(delivery, e.getMessage(), true));
                return null;
            });
            return 0;
        }
        transactions.inTransaction(() -> {
            Instant done = clock.instant();
            for (int i = 0; i < batch.records.size(); i++) {
                Delivery delivery = batch.sent.get(i);
                UpsertResult result = results.get(i);
                if (result.succeeded()) {
                    links.save(PushRecords.link(workspace, connection, batch.records.get(i), result, done));
                    deliveries.delivered(delivery, batch.versions.get(i));
                } else {
                    String reason = result.errorCode().orElse("ERROR") + ": " + result.message().orElse("");
                    failedAttempt(delivery, reason, result.retryable());
                }
            }
            audit.record(new AuditEntry(ids.newId(), workspace.id(), done, "sync", "sync.push", Optional.empty(),
                    Optional.of(connection.id().value()), batch.records.size() + " record(s), "
                    + results.stream().filter(UpsertResult::succeeded).count() + " written, " + calls.calls()
                    + " CRM call(s)"));
            return null;
        });
        return batch.records.size();
    }

    /**
     * A connection that does not sync keeps its deliveries: paused or waiting for setup or re-authorisation, they are
     * looked at again later (so they do not crowd out connections that do sync); disconnected, they are closed as
     * SKIPPED, since nothing will ever be sent there.
     */
    private void setAside(DeliveryQueue.Due due, Optional<CrmConnection> connection) {
        Instant now = clock.instant();
        boolean gone = connection.map(c -> c.state() == io.leadsync.domain.crm.ConnectionState.DISCONNECTED)
                .orElse(true);
        transactions.inTransaction(() -> {
            for (Delivery delivery : deliveries.claim(due.workspaceId(), due.connectionId(), "set-aside", now,
                    now.plus(LEASE), SET_ASIDE_BATCH)) {
                if (gone) {
                    deliveries.giveUp(delivery, DeliveryQueue.State.SKIPPED, "the connection is disconnected", now);
                } else {
                    deliveries.retryLater(delivery, Optional.empty(), now.plus(NOT_SYNCING_RECHECK), false);
                }
            }
            return null;
        });
    }

    /** Backoff doubles from {@link #FIRST_BACKOFF} up to {@link #MAX_BACKOFF}; the last attempt, or a reason retrying cannot fix, gives up. */
    private void failedAttempt(Delivery delivery, String reason, boolean retryable) {
        failedAttempt(delivery, reason, retryable, MAX_ATTEMPTS);
    }

    private void failedAttempt(Delivery delivery, String reason, boolean retryable, int maxAttempts) {
        Instant now = clock.instant();
        if (!retryable || delivery.attempts() + 1 >= maxAttempts) {
            deliveries.giveUp(delivery, DeliveryQueue.State.FAILED, reason, now);
            audit.record(new AuditEntry(ids.newId(), delivery.workspaceId(), now, "sync", "lead.delivery-failed",
                    Optional.of(delivery.leadId().value()), Optional.of(delivery.connectionId().value()), reason));
        } else {
            deliveries.retryLater(delivery, Optional.of(reason),
                    now.plus(backoff(delivery.attempts())), true);
        }
    }

    static Duration backoff(int attemptsSoFar) {
        Duration doubled = FIRST_BACKOFF.multipliedBy(1L << Math.min(attemptsSoFar, 20));
        return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    }

    /** The claimed deliveries that become records, with the lead version each one carries. */
    private final class Batch {
        private final CrmConnection connection;
        private final Workspace workspace;
        private final List<Delivery> sent = new ArrayList<>();
        private final List<CrmRecord> records = new ArrayList<>();
        private final List<Long> versions = new ArrayList<>();

        Batch(CrmConnection connection, Workspace workspace) {
            this.connection = connection;
            this.workspace = workspace;
        }

        void add(Delivery delivery) {
            Optional<Lead> lead = leads.find(delivery.workspaceId(), delivery.leadId());
            if (lead.isEmpty() || lead.get().workEmail().isEmpty()) {
                transactions.inTransaction(() -> {
                    deliveries.giveUp(delivery, DeliveryQueue.State.SKIPPED,
                            lead.isEmpty() ? "the lead no longer exists" : PushRecords.NO_WORK_EMAIL, clock.instant());
                    return null;
                });
                return;
            }
            sent.add(delivery);
            records.add(PushRecords.record(lead.get(), connection, workspace,
                    links.find(delivery.workspaceId(), delivery.connectionId(), delivery.leadId())));
            versions.add(lead.get().version());
        }
    }
}
