package io.leadsync.application.service.delivery;

import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.ConnectionHealthStore;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.DeliveryQueue.Delivery;
import io.leadsync.application.port.out.DeliveryWindow;
import io.leadsync.application.port.out.EndpointSettingsStore;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.LeadEndpoint;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.EndpointSettings;
import io.leadsync.domain.crm.Suppressions;
import io.leadsync.domain.crm.WebToLeadLimits;
import io.leadsync.domain.sync.RetryPolicy;
import io.leadsync.domain.sync.SendPolicy;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.workspace.Workspace;
import io.leadsync.domain.sync.SyncEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The background push's part for push-only connections (webhooks, Salesforce Web-to-Lead): one lead per request, from
 * the same delivery queue as the CRMs' batches (ADR 0015). A 2xx answer delivers; a 5xx, 408, 429 or an endpoint that
 * cannot be reached is tried again with doubling backoff, up to {@link Retries#retries()} times; any other answer, or
 * the last retry, leaves the delivery FAILED with the endpoint's status and the start of its body.
 *
 * <p>Web-to-Lead creates at most {@link #WEB_TO_LEAD_DAILY_LIMIT} leads a rolling 24 hours and silently loses what
 * is past that, so a slot is taken in the shared {@link DeliveryWindow} before every post; when none is free, the
 * lead stays pending, due when the next slot frees, with that reason on its delivery.
 */
public final class EndpointDeliveries {
    public static final int WEB_TO_LEAD_DAILY_LIMIT = WebToLeadLimits.DAILY_LIMIT;
    public static final Duration WEB_TO_LEAD_WINDOW = WebToLeadLimits.WINDOW;
    static final String HELD = WebToLeadLimits.HELD;
    /** Small, since each lead is its own request: the batch must finish well within its lease. */
    static final int BATCH = 10;
    static final Duration LEASE = Duration.ofMinutes(3);
    /** How long a lead waits after an API limit that named no time. */
    static final Duration RATE_LIMIT_WAIT = Duration.ofMinutes(1);

    /** How often a failed send is tried again ({@code retries} after the first try) and the first wait. */
    public record Retries(int retries, Duration firstBackoff) {
        public Retries {
            Objects.requireNonNull(firstBackoff, "firstBackoff");
            if (retries < 0 || firstBackoff.isNegative()) {
                throw new IllegalArgumentException("retries and backoff cannot be negative");
            }
        }

        /** Three retries, after 30 s, 60 s and 120 s. */
        public static Retries defaults() {
            return new Retries(3, Duration.ofSeconds(30));
        }
    }

    private final Map<CrmKind, LeadEndpoint> endpoints = new EnumMap<>(CrmKind.class);
    private final EndpointSettingsStore settings;
    private final DeliveryWindow window;
    private final DeliveryQueue deliveries;
    private final WorkspaceRepository workspaces;
    private final LeadRepository leads;
    private final AuditLog audit;
    private ConnectionHealthStore health = ConnectionHealthStore.NONE;
    private final TransactionBoundary transactions;
    private final IdGenerator ids;
    private final Clock clock;
    private final RetryPolicy retry;
    private java.util.function.BiFunction<io.leadsync.domain.workspace.WorkspaceId, io.leadsync.domain.crm.ConnectionId,
            Suppressions> suppressions = (workspace, connection) -> Suppressions.NONE;

    public EndpointDeliveries(List<LeadEndpoint> endpoints, EndpointSettingsStore settings, DeliveryWindow window,
                              DeliveryQueue deliveries, WorkspaceRepository workspaces, LeadRepository leads,
                              AuditLog audit, TransactionBoundary transactions, IdGenerator ids, Clock clock,
                              Retries retries) {
        endpoints.forEach(endpoint -> this.endpoints.put(endpoint.kind(), endpoint));
        this.settings = settings;
        this.window = window;
        this.deliveries = deliveries;
        this.workspaces = workspaces;
        this.leads = leads;
        this.audit = audit;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
        this.retry = RetryPolicy.endpoint(retries.retries(), retries.firstBackoff());
    }

    /** Whether connections of this kind are delivered here rather than in CRM batches. */
    public boolean serves(CrmKind kind) {
        return endpoints.containsKey(kind);
    }

    /** Leads on a connection's suppression list are never sent to it: SKIPPED with the reason (ADR 0021). */
    public EndpointDeliveries withSuppressions(io.leadsync.application.port.out.SuppressionRepository suppressions) {
        this.suppressions = suppressions::find;
        return this;
    }

    /** Each batch's outcome feeds the connection's health. */
    public EndpointDeliveries withHealth(ConnectionHealthStore health) {
        this.health = health;
        return this;
    }

    /** The kinds delivered here: routing owes them their leads like any pushing connection. */
    public Set<CrmKind> kinds() {
        return Set.copyOf(endpoints.keySet());
    }

    /**
     * Sends up to {@link #BATCH} of the connection's due deliveries, each in its own request, skipping what the
     * {@link SendPolicy} refuses; answers what became of each lead.
     */
    BatchOutcome push(CrmConnection connection, String node) {
        Instant now = clock.instant();
        List<Delivery> claimed = transactions.inTransaction(() -> deliveries.claim(connection.workspaceId(),
                connection.id(), node, now, now.plus(LEASE), BATCH));
        if (claimed.isEmpty()) {
            return BatchOutcome.NOTHING;
        }
        BatchOutcome.Tally tally = new BatchOutcome.Tally().claimed(claimed.size());
        Optional<EndpointSettings> endpointSettings = settings.find(connection.workspaceId(), connection.id());
        if (endpointSettings.isEmpty()) {
            transactions.inTransaction(() -> {
                claimed.forEach(delivery -> giveUp(delivery, "the connection has no endpoint settings"));
                return null;
            });
            claimed.forEach(delivery -> tally.failed(delivery.leadId().value(), "the connection has no endpoint settings"));
            return tally.done(0, Optional.empty());
        }
        Workspace workspace = workspaces.find(connection.workspaceId()).orElseThrow();
        LeadEndpoint endpoint = endpoints.get(connection.kind());
        Suppressions suppressed = suppressions.apply(connection.workspaceId(), connection.id());
        int held = 0;
        String firstFailure = null;
        for (int i = 0; i < claimed.size(); i++) {
            Delivery delivery = claimed.get(i);
            Optional<Lead> lead = leads.find(delivery.workspaceId(), delivery.leadId());
            if (SendPolicy.forLead(lead, connection, suppressed) instanceof SendPolicy.Skip skip) {
                transactions.inTransaction(() -> {
                    deliveries.giveUp(delivery, DeliveryQueue.State.SKIPPED, skip.detail(), clock.instant());
                    return null;
                });
                tally.skipped(delivery.leadId().value(), skip.detail());
                continue;
            }
            if (endpointSettings.get() instanceof EndpointSettings.WebToLead) {
                Optional<Instant> nextSlot = transactions.inTransaction(() -> window.take(connection.workspaceId(),
                        connection.id(), delivery.leadId(), clock.instant(), WEB_TO_LEAD_DAILY_LIMIT,
                        WEB_TO_LEAD_WINDOW));
                if (nextSlot.isPresent()) {
                    List<Delivery> rest = claimed.subList(i, claimed.size());
                    held = rest.size();
                    String reason = hold(rest, nextSlot.get());
                    rest.forEach(waiting -> tally.waiting(waiting.leadId().value(), reason));
                    tally.stopped(reason);
                    break;
                }
            }
            Optional<String> failure = send(endpoint, endpointSettings.get(), connection, workspace, delivery,
                    lead.get(), tally);
            if (failure.isPresent()) {
                firstFailure = firstFailure == null ? failure.get() : firstFailure;
            }
        }
        int sent = tally.written();
        int failed = tally.failedCount() + tally.waitingCount() - held;
        String summary = claimed.size() + " lead(s): " + sent + " delivered, " + failed + " failed"
                + (held > 0 ? ", " + held + " held for the Web-to-Lead window" : "");
        Optional<String> problem = Optional.ofNullable(firstFailure);
        transactions.inTransaction(() -> {
            audit.record(new AuditEntry(ids.newId(), connection.workspaceId(), clock.instant(), "sync", "sync.push",
                    Optional.empty(), Optional.of(connection.id().value()), summary));
            if (sent + failed > 0) {
                health.record(connection.workspaceId(), connection.id(),
                        io.leadsync.domain.health.SyncRound.push(clock.instant(), sent, failed, 0, problem));
            }
            return null;
        });
        return tally.done(0, Optional.empty());
    }

    /** One request; answers the failure's reason, if it failed. */
    private Optional<String> send(LeadEndpoint endpoint, EndpointSettings endpointSettings, CrmConnection connection,
                                  Workspace workspace, Delivery delivery, Lead lead, BatchOutcome.Tally tally) {
        String reason;
        boolean retryable;
        try {
            LeadEndpoint.Answer answer = endpoint.send(endpointSettings, connection.mappings(),
                    PushRecords.record(lead, connection, workspace), clock.instant());
            if (answer.accepted()) {
                transactions.inTransaction(() -> {
                    deliveries.delivered(delivery, lead.version());
                    return null;
                });
                tally.created();
                return Optional.empty();
            }
            reason = "HTTP " + answer.status() + (answer.bodyExcerpt().isBlank() ? "" : ": " + answer.bodyExcerpt());
            retryable = answer.retryable();
        } catch (io.leadsync.application.port.out.CrmRateLimitedException e) {
            // An API limit or budget (a Salesforce endpoint's connection): the lead did nothing wrong, so it waits
            // without spending an attempt, until the limit says it may pass.
            String limited = "held: " + e.getMessage();
            Instant due = clock.instant().plus(e.retryAfter().orElse(RATE_LIMIT_WAIT));
            transactions.inTransaction(() -> {
                deliveries.retryLater(delivery, Optional.of(limited), due, false);
                return null;
            });
            return Optional.of(limited);
        } catch (CrmUnavailableException e) {
            reason = "unreachable: " + e.getMessage();
            retryable = true;
        } catch (io.leadsync.application.port.out.DestinationRefusedException e) {
            reason = "refused: " + e.getMessage();
            retryable = false;
        }
        String failure = reason;
        boolean again = retryable;
        boolean gaveUp = transactions.inTransaction(() -> failedAttempt(delivery, failure, again));
        if (gaveUp) {
            tally.failed(delivery.leadId().value(), failure);
        } else {
            tally.waiting(delivery.leadId().value(), failure);
        }
        return Optional.of(failure);
    }

    /** Pending again when the next slot frees, without spending an attempt: the lead did nothing wrong. */
    private String hold(List<Delivery> rest, Instant nextSlot) {
        String reason = HELD + "Salesforce Web-to-Lead creates at most " + WEB_TO_LEAD_DAILY_LIMIT
                + " leads in 24 hours and drops the rest unseen, and " + WEB_TO_LEAD_DAILY_LIMIT
                + " were sent in the last 24 hours; the next slot frees at " + nextSlot;
        transactions.inTransaction(() -> {
            rest.forEach(delivery -> deliveries.retryLater(delivery, Optional.of(reason), nextSlot, false));
            return null;
        });
        return reason;
    }

    /**
     * The domain's {@link io.leadsync.domain.sync.Delivery} decides, under the endpoint's {@link RetryPolicy}: tried
     * again with doubling backoff, or FAILED. Answers whether it gave up.
     */
    private boolean failedAttempt(Delivery entry, String reason, boolean retryable) {
        io.leadsync.domain.sync.Delivery delivery = QueueTransitions.claimed(entry, "endpoint");
        delivery.failed(retryable ? RetryPolicy.Failure.UNAVAILABLE : RetryPolicy.Failure.REFUSED_FOR_GOOD, reason,
                retry, clock.instant());
        if (delivery.state() == io.leadsync.domain.sync.Delivery.State.FAILED) {
            giveUp(entry, reason);
            return true;
        }
        QueueTransitions.apply(deliveries, entry, delivery, clock.instant());
        return false;
    }

    private void giveUp(Delivery delivery, String reason) {
        Instant now = clock.instant();
        deliveries.giveUp(delivery, DeliveryQueue.State.FAILED, reason, now);
        audit.record(AuditEntry.of(ids.newId(), delivery.workspaceId(), now, "sync",
                Optional.of(delivery.leadId().value()), Optional.of(delivery.connectionId().value()),
                SyncEvent.DeliveryFailed.of(PushRecords.trigger(delivery.cause()), reason, delivery.attempts() + 1,
                        Optional.empty(), List.of())));
    }
}
