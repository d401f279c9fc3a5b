package io.leadsync.application.service;

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
import io.leadsync.domain.crm.FieldMapping;
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
    public static final int WEB_TO_LEAD_DAILY_LIMIT = 500;
    public static final Duration WEB_TO_LEAD_WINDOW = Duration.ofHours(24);
    /** The form fields without which Salesforce creates no lead (it reports nothing either way). */
    static final List<String> WEB_TO_LEAD_REQUIRED = List.of("last_name", "company");
    /** How a delivery held for the Web-to-Lead window says so. */
    static final String HELD = "held: ";
    /** Small, since each lead is its own request: the batch must finish well within its lease. */
    static final int BATCH = 10;
    static final Duration LEASE = Duration.ofMinutes(3);

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
    private final Retries retries;
    private java.util.function.BiFunction<io.leadsync.domain.workspace.WorkspaceId, io.leadsync.domain.crm.ConnectionId,
            io.leadsync.domain.crm.Suppressions> suppressions =
            (workspace, connection) -> io.leadsync.domain.crm.Suppressions.NONE;

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
        this.retries = retries;
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

    /** Sends up to {@link #BATCH} of the connection's due deliveries, each in its own request; answers how many went. */
    int push(CrmConnection connection, String node) {
        Instant now = clock.instant();
        List<Delivery> claimed = transactions.inTransaction(() -> deliveries.claim(connection.workspaceId(),
                connection.id(), node, now, now.plus(LEASE), BATCH));
        if (claimed.isEmpty()) {
            return 0;
        }
        Optional<EndpointSettings> endpointSettings = settings.find(connection.workspaceId(), connection.id());
        if (endpointSettings.isEmpty()) {
            transactions.inTransaction(() -> {
                claimed.forEach(delivery -> giveUp(delivery, "the connection has no endpoint settings"));
                return null;
            });
            return 0;
        }
        Workspace workspace = workspaces.find(connection.workspaceId()).orElseThrow();
        LeadEndpoint endpoint = endpoints.get(connection.kind());
        int sent = 0;
        int failed = 0;
        int held = 0;
        String firstFailure = null;
        for (int i = 0; i < claimed.size(); i++) {
            Delivery delivery = claimed.get(i);
            Optional<Lead> lead = leads.find(delivery.workspaceId(), delivery.leadId());
            if (lead.isEmpty() || lead.get().workEmail().isEmpty()) {
                transactions.inTransaction(() -> {
                    deliveries.giveUp(delivery, DeliveryQueue.State.SKIPPED,
                            lead.isEmpty() ? "the lead no longer exists" : PushRecords.NO_WORK_EMAIL, clock.instant());
                    return null;
                });
                continue;
            }
            Optional<String> suppressed = suppressions.apply(connection.workspaceId(), connection.id())
                    .reasonFor(lead.get().workEmail().get());
            if (suppressed.isPresent()) {
                transactions.inTransaction(() -> {
                    deliveries.giveUp(delivery, DeliveryQueue.State.SKIPPED, suppressed.get(), clock.instant());
                    return null;
                });
                continue;
            }
            Optional<String> gap = endpointSettings.get() instanceof EndpointSettings.WebToLead
                    ? webToLeadGap(connection.mappings(), lead.get()) : Optional.empty();
            if (gap.isPresent()) {
                transactions.inTransaction(() -> {
                    deliveries.giveUp(delivery, DeliveryQueue.State.SKIPPED, gap.get(), clock.instant());
                    return null;
                });
                continue;
            }
            if (endpointSettings.get() instanceof EndpointSettings.WebToLead) {
                Optional<Instant> nextSlot = transactions.inTransaction(() -> window.take(connection.workspaceId(),
                        connection.id(), delivery.leadId(), clock.instant(), WEB_TO_LEAD_DAILY_LIMIT,
                        WEB_TO_LEAD_WINDOW));
                if (nextSlot.isPresent()) {
                    List<Delivery> rest = claimed.subList(i, claimed.size());
                    held = rest.size();
                    hold(rest, nextSlot.get());
                    break;
                }
            }
            Optional<String> failure = send(endpoint, endpointSettings.get(), connection, workspace, delivery,
                    lead.get());
            if (failure.isEmpty()) {
                sent++;
            } else {
                failed++;
                firstFailure = firstFailure == null ? failure.get() : firstFailure;
            }
        }
        String summary = claimed.size() + " lead(s): " + sent + " delivered, " + failed + " failed"
                + (held > 0 ? ", " + held + " held for the Web-to-Lead window" : "");
        int written = sent;
        int refused = failed;
        Optional<String> problem = Optional.ofNullable(firstFailure);
        transactions.inTransaction(() -> {
            audit.record(new AuditEntry(ids.newId(), connection.workspaceId(), clock.instant(), "sync", "sync.push",
                    Optional.empty(), Optional.of(connection.id().value()), summary));
            if (written + refused > 0) {
                health.record(connection.workspaceId(), connection.id(),
                        io.leadsync.domain.health.SyncRound.push(clock.instant(), written, refused, 0, problem));
            }
            return null;
        });
        return sent;
    }

    /**
     * Web-to-Lead creates no lead without a last name and a company, and says nothing (it answers 200 whatever
     * happens): such a lead is not sent, and its delivery says why, rather than be lost unseen. A later change of the
     * lead sends it again.
     */
    static Optional<String> webToLeadGap(List<FieldMapping> mappings, Lead lead) {
        for (String required : WEB_TO_LEAD_REQUIRED) {
            Optional<FieldMapping> mapping = mappings.stream().filter(m -> m.crmField().equals(required)).findFirst();
            if (mapping.isEmpty()) {
                return Optional.of("the mapping sends no " + required + ", which Salesforce Web-to-Lead requires");
            }
            if (lead.value(mapping.get().appField()).filter(value -> !value.isBlank()).isEmpty()) {
                return Optional.of("no " + mapping.get().appField().apiName() + ": Salesforce Web-to-Lead drops a lead "
                        + "without its " + required + " unseen");
            }
        }
        return Optional.empty();
    }

    /** One request; answers the failure's reason, if it failed. */
    private Optional<String> send(LeadEndpoint endpoint, EndpointSettings endpointSettings, CrmConnection connection,
                                  Workspace workspace, Delivery delivery, Lead lead) {
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
                return Optional.empty();
            }
            reason = "HTTP " + answer.status() + (answer.bodyExcerpt().isBlank() ? "" : ": " + answer.bodyExcerpt());
            retryable = answer.retryable();
        } catch (CrmUnavailableException e) {
            reason = "unreachable: " + e.getMessage();
            retryable = true;
        } catch (io.leadsync.application.port.out.DestinationRefusedException e) {
            reason = "refused: " + e.getMessage();
            retryable = false;
        }
        String failure = reason;
        boolean again = retryable;
        transactions.inTransaction(() -> {
            failedAttempt(delivery, failure, again);
            return null;
        });
        return Optional.of(failure);
    }

    /** Pending again when the next slot frees, without spending an attempt: the lead did nothing wrong. */
    private void hold(List<Delivery> rest, Instant nextSlot) {
        String reason = HELD + "Salesforce Web-to-Lead creates at most " + WEB_TO_LEAD_DAILY_LIMIT
                + " leads in 24 hours and drops the rest unseen, and " + WEB_TO_LEAD_DAILY_LIMIT
                + " were sent in the last 24 hours; the next slot frees at " + nextSlot;
        transactions.inTransaction(() -> {
            rest.forEach(delivery -> deliveries.retryLater(delivery, Optional.of(reason), nextSlot, false));
            return null;
        });
    }

    static boolean isHeld(String reason) {
        return reason.startsWith(HELD);
    }

    /** Backoff doubles from the first; past the last retry, or for an answer retrying cannot change, it gives up. */
    private void failedAttempt(Delivery delivery, String reason, boolean retryable) {
        if (!retryable || delivery.attempts() >= retries.retries()) {
            giveUp(delivery, reason);
        } else {
            deliveries.retryLater(delivery, Optional.of(reason),
                    clock.instant().plus(retries.firstBackoff().multipliedBy(1L << delivery.attempts())), true);
        }
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
