package io.leadsync.application.service.delivery;

import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.DeliveryQueue.State;
import io.leadsync.application.port.out.DeliveryWindow;
import io.leadsync.application.port.out.EndpointSettingsStore;
import io.leadsync.application.port.out.LeadEndpoint;
import io.leadsync.application.testing.DirectTransactions;
import io.leadsync.application.testing.InMemoryAuditLog;
import io.leadsync.application.testing.InMemoryCrmConnectionRepository;
import io.leadsync.application.testing.InMemoryCrmLinkRepository;
import io.leadsync.application.testing.InMemoryDeliveryQueue;
import io.leadsync.application.testing.InMemoryLeadRepository;
import io.leadsync.application.testing.InMemoryOutbox;
import io.leadsync.application.testing.InMemoryTokenVault;
import io.leadsync.application.testing.InMemoryWorkspaceRepository;
import io.leadsync.application.testing.MutableClock;
import io.leadsync.application.testing.SequentialIds;
import io.leadsync.domain.crm.BodyFormat;
import io.leadsync.domain.crm.ConflictPolicy;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmIdentity;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.EndpointSettings;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.crm.SyncFrequency;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.crm.TargetObject;
import io.leadsync.domain.lead.FieldChange;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.sync.ChangeSource;
import io.leadsync.domain.sync.LeadChanged;
import io.leadsync.domain.workspace.Workspace;
import io.leadsync.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.aLead;
import static org.assertj.core.api.Assertions.assertThat;

/** Webhook and Web-to-Lead deliveries through the background push, over in-memory ports and a scripted endpoint. */
class EndpointDeliveriesTest {
    private static final ConnectionId HOOK = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000a1"));
    private static final ConnectionId FORM = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000a2"));

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryWorkspaceRepository workspaces = new InMemoryWorkspaceRepository();
    private final InMemoryCrmConnectionRepository connections = new InMemoryCrmConnectionRepository();
    private final InMemoryLeadRepository leads = new InMemoryLeadRepository();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryDeliveryQueue deliveries = new InMemoryDeliveryQueue();
    private final DirectTransactions transactions = new DirectTransactions();
    private final ScriptedEndpoint webhook = new ScriptedEndpoint(CrmKind.WEBHOOK);
    private final ScriptedEndpoint webToLead = new ScriptedEndpoint(CrmKind.SALESFORCE_WEB_TO_LEAD);
    private final CountingWindow window = new CountingWindow();
    private final Map<ConnectionId, EndpointSettings> settings = new HashMap<>();
    private final EndpointDeliveries endpoints = new EndpointDeliveries(List.of(webhook, webToLead), new MapStore(),
            window, deliveries, workspaces, leads, new InMemoryAuditLog(), transactions, new SequentialIds(), clock,
            EndpointDeliveries.Retries.defaults());
    private final RouteChangesService route = new RouteChangesService(outbox, deliveries, connections, List.of(),
            transactions, clock).alsoRoutingTo(endpoints.kinds());
    private final PushDeliveriesService push = new PushDeliveriesService(List.of(), List.of(), deliveries, workspaces,
            connections, leads, new InMemoryCrmLinkRepository(), new InMemoryTokenVault(), new InMemoryAuditLog(),
            transactions, new SequentialIds(), clock).withEndpoints(endpoints);

    @BeforeEach
    void setUp() {
        workspaces.insert(new Workspace(WORKSPACE, "Acme", "Acme SDR", T0));
        connect(HOOK, CrmKind.WEBHOOK, DefaultMappings.webhook(), new EndpointSettings.Webhook(
                URI.create("https://hooks.acme.example/lead"), BodyFormat.JSON, Optional.empty(), Map.of(),
                "a-signing-secret-of-some-length"));
    }

    @Test
    void a_webhook_that_keeps_failing_is_retried_three_times_after_30_60_and_120_seconds_then_failed() {
        webhook.answerAlways(new LeadEndpoint.Answer(503, "maintenance"));
        capture("ada");

        List<Instant> dueTimes = new ArrayList<>();
        for (int attempt = 0; attempt < 4; attempt++) {
            push.pushDue("node");
            DeliveryQueue.Delivery delivery = deliveries.all(WORKSPACE, HOOK).get(0);
            dueTimes.add(delivery.dueAt());
            clock.set(delivery.dueAt());
        }

        assertThat(webhook.sent).hasSize(4);
        assertThat(dueTimes.subList(0, 3)).containsExactly(T0.plusSeconds(30), T0.plusSeconds(90),
                T0.plusSeconds(210));
        DeliveryQueue.Delivery failed = deliveries.all(WORKSPACE, HOOK).get(0);
        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.lastError()).contains("HTTP 503: maintenance");
        clock.advance(Duration.ofHours(1));
        push.pushDue("node");
        assertThat(webhook.sent).hasSize(4);
    }

    @Test
    void a_refusal_of_the_orgs_own_logic_is_retried_like_a_5xx_then_failed_with_its_message() {
        webhook.answerAlways(LeadEndpoint.Answer.refusedByOrgLogic(400,
                "FIELD_CUSTOM_VALIDATION_EXCEPTION: Leads from Blocked Co are not accepted"));
        capture("ada");

        for (int attempt = 0; attempt < 4; attempt++) {
            push.pushDue("node");
            clock.set(deliveries.all(WORKSPACE, HOOK).get(0).dueAt());
        }

        assertThat(webhook.sent).hasSize(4);
        DeliveryQueue.Delivery failed = deliveries.all(WORKSPACE, HOOK).get(0);
        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.lastError()).contains(
                "HTTP 400: FIELD_CUSTOM_VALIDATION_EXCEPTION: Leads from Blocked Co are not accepted");
    }

    @Test
    void a_spent_api_budget_holds_the_lead_until_it_frees_without_spending_an_attempt() {
        webhook.answers.add(new io.leadsync.application.port.out.CrmRateLimitedException("budget spent",
                Optional.of(Duration.ofHours(5)), true));
        webhook.answers.add(new LeadEndpoint.Answer(200, "ok"));
        capture("ada");

        push.pushDue("node");
        DeliveryQueue.Delivery held = deliveries.all(WORKSPACE, HOOK).get(0);
        assertThat(held.state()).isEqualTo(State.PENDING);
        assertThat(held.attempts()).isZero();
        assertThat(held.dueAt()).isEqualTo(T0.plus(Duration.ofHours(5)));
        assertThat(held.lastError()).contains("held: budget spent");

        clock.set(held.dueAt());
        push.pushDue("node");
        assertThat(deliveries.all(WORKSPACE, HOOK)).isEmpty();
        assertThat(webhook.sent).hasSize(2);
    }

    @Test
    void a_refusal_fails_at_once_but_408_429_and_an_unreachable_endpoint_are_tried_again() {
        webhook.answers.add(new LeadEndpoint.Answer(422, "bad email"));
        capture("ada");
        push.pushDue("node");
        assertThat(deliveries.all(WORKSPACE, HOOK).get(0).state()).isEqualTo(State.FAILED);

        for (Object outcome : List.of(new LeadEndpoint.Answer(408, ""), new LeadEndpoint.Answer(429, "slow down"),
                new CrmUnavailableException("connection refused"))) {
            webhook.answers.add(outcome);
        }
        for (String lead : List.of("grace", "hedy", "joan")) {
            capture(lead);
        }
        push.pushDue("node");
        assertThat(deliveries.all(WORKSPACE, HOOK)).filteredOn(d -> !d.leadId().value().equals("ada"))
                .hasSize(3).allSatisfy(d -> {
                    assertThat(d.state()).isEqualTo(State.PENDING);
                    assertThat(d.attempts()).isEqualTo(1);
                });
    }

    @Test
    void a_webhook_that_takes_the_lead_the_third_time_leaves_nothing_queued() {
        webhook.answers.add(new LeadEndpoint.Answer(500, ""));
        webhook.answers.add(new LeadEndpoint.Answer(500, ""));
        capture("ada");
        for (int i = 0; i < 3; i++) {
            push.pushDue("node");
            deliveries.all(WORKSPACE, HOOK).stream().findFirst().ifPresent(d -> clock.set(d.dueAt()));
        }
        assertThat(webhook.sent).hasSize(3);
        assertThat(deliveries.all(WORKSPACE, HOOK)).isEmpty();
        assertThat(webhook.sent.get(2).values()).containsEntry(LeadField.LEAD_ID, Optional.of("ada"));
    }

    @Test
    void web_to_lead_past_the_window_holds_the_rest_pending_until_the_next_slot_without_spending_attempts() {
        connect(FORM, CrmKind.SALESFORCE_WEB_TO_LEAD, DefaultMappings.webToLead(),
                new EndpointSettings.WebToLead("00DDn000000Acme", Optional.of("AI SDR")));
        for (int i = 0; i < EndpointDeliveries.WEB_TO_LEAD_DAILY_LIMIT - 1; i++) {
            window.sends.add(T0.minus(Duration.ofHours(1)));
        }
        capture("ada");
        capture("grace");
        capture("hedy");

        push.pushDue("node");

        assertThat(webToLead.sent).hasSize(1);
        List<DeliveryQueue.Delivery> held = deliveries.all(WORKSPACE, FORM);
        assertThat(held).hasSize(2).allSatisfy(d -> {
            assertThat(d.state()).isEqualTo(State.PENDING);
            assertThat(d.attempts()).isZero();
            assertThat(d.dueAt()).isEqualTo(T0.plus(Duration.ofHours(23)));
            assertThat(d.lastError()).hasValueSatisfying(reason -> assertThat(reason).startsWith("held: "));
        });
        clock.set(T0.plus(Duration.ofHours(23)));
        push.pushDue("node");
        assertThat(webToLead.sent).hasSize(3);
        assertThat(deliveries.all(WORKSPACE, FORM)).isEmpty();
    }

    @Test
    void a_lead_without_a_company_is_not_posted_to_web_to_lead_which_would_drop_it_unseen() {
        connect(FORM, CrmKind.SALESFORCE_WEB_TO_LEAD, DefaultMappings.webToLead(),
                new EndpointSettings.WebToLead("00DDn000000Acme", Optional.empty()));
        capture(aLead().withId("solo").withEmail("solo@analytical.example").without(LeadField.COMPANY_NAME).build());

        push.pushDue("node");

        assertThat(webToLead.sent).isEmpty();
        assertThat(window.sends).isEmpty();
        DeliveryQueue.Delivery skipped = deliveries.all(WORKSPACE, FORM).get(0);
        assertThat(skipped.state()).isEqualTo(State.SKIPPED);
        assertThat(skipped.lastError()).hasValueSatisfying(reason -> assertThat(reason).contains("companyName"));
    }

    private void connect(ConnectionId id, CrmKind kind, List<FieldMapping> mappings, EndpointSettings endpoint) {
        CrmConnection connection = CrmConnection.start(id, WORKSPACE, kind, new SyncSettings(SyncFrequency.REALTIME,
                SyncDirection.PUSH, ConflictPolicy.CRM_WINS, true, false, TargetObject.LEAD), mappings, T0);
        connection.authorised(new CrmIdentity("admin@acme.example", "Endpoint", "endpoint", Optional.empty()), T0);
        connection.verified(T0);
        connections.insert(connection);
        settings.put(id, endpoint);
    }

    private void capture(String leadId) {
        capture(aLead().withId(leadId).withEmail(leadId + "@analytical.example").build());
    }

    private void capture(Lead lead) {
        leads.insert(lead);
        outbox.append(new LeadChanged(UUID.randomUUID(), WORKSPACE, lead.id(), lead.version(), true,
                List.of(new FieldChange(LeadField.LAST_NAME, Optional.empty(), Optional.of("Lovelace"))),
                new ChangeSource.App("agent"), clock.instant()));
        route.route(100);
    }

    /** Answers from a script (an Answer, or an exception to throw), then 200. */
    private static final class ScriptedEndpoint implements LeadEndpoint {
        private final CrmKind kind;
        private final Deque<Object> answers = new ArrayDeque<>();
        private final List<CrmRecord> sent = new ArrayList<>();
        private Answer always;

        ScriptedEndpoint(CrmKind kind) {
            this.kind = kind;
        }

        void answerAlways(Answer answer) {
            always = answer;
        }

        @Override
        public CrmKind kind() {
            return kind;
        }

        @Override
        public Answer send(EndpointSettings settings, List<FieldMapping> mappings, CrmRecord record, Instant now) {
            sent.add(record);
            if (always != null) {
                return always;
            }
            Object next = answers.isEmpty() ? new Answer(200, "ok") : answers.removeFirst();
            if (next instanceof RuntimeException failure) {
                throw failure;
            }
            return (Answer) next;
        }
    }

    private final class MapStore implements EndpointSettingsStore {
        @Override
        public void save(WorkspaceId workspaceId, ConnectionId connectionId, EndpointSettings endpoint) {
            settings.put(connectionId, endpoint);
        }

        @Override
        public Optional<EndpointSettings> find(WorkspaceId workspaceId, ConnectionId connectionId) {
            return Optional.ofNullable(settings.get(connectionId));
        }

        @Override
        public void delete(WorkspaceId workspaceId, ConnectionId connectionId) {
            settings.remove(connectionId);
        }

        @Override
        public int reencryptStale(int limit) {
            return 0;
        }
    }

    /** The rolling window as PostgresDeliveryWindow keeps it, in a list. */
    private static final class CountingWindow implements DeliveryWindow {
        private final List<Instant> sends = new ArrayList<>();

        @Override
        public Optional<Instant> take(WorkspaceId workspaceId, ConnectionId connectionId, LeadId leadId, Instant now,
                                      int limit, Duration window) {
            List<Instant> inWindow = sends.stream().filter(at -> at.isAfter(now.minus(window))).sorted().toList();
            if (inWindow.size() >= limit) {
                return Optional.of(inWindow.get(inWindow.size() - limit).plus(window));
            }
            sends.add(now);
            return Optional.empty();
        }

        @Override
        public int used(WorkspaceId workspaceId, ConnectionId connectionId, Instant now, Duration window) {
            return (int) sends.stream().filter(at -> at.isAfter(now.minus(window))).count();
        }
    }
}
