package io.leadsync.application.service.capture;

import io.leadsync.application.port.in.capture.CaptureBatchCommand;
import io.leadsync.application.port.in.capture.CaptureBatchResult;
import io.leadsync.application.port.in.capture.CaptureBatchResult.Outcome;
import io.leadsync.application.port.in.capture.CaptureBatchResult.Refusal;
import io.leadsync.application.port.in.capture.InvalidTargetsException;
import io.leadsync.application.port.in.capture.LeadActionCommand;
import io.leadsync.application.port.out.CrmLeadWriter;
import io.leadsync.application.service.delivery.RouteChangesService;
import io.leadsync.application.testing.DirectTransactions;
import io.leadsync.application.testing.FakeCrmLeadWriter;
import io.leadsync.application.testing.InMemoryActionLog;
import io.leadsync.application.testing.InMemoryAgentRoutingRepository;
import io.leadsync.application.testing.InMemoryCrmConnectionRepository;
import io.leadsync.application.testing.InMemoryCrmLinkRepository;
import io.leadsync.application.testing.InMemoryDeliveryQueue;
import io.leadsync.application.testing.InMemoryDuplicateRules;
import io.leadsync.application.testing.InMemoryLeadRepository;
import io.leadsync.application.testing.InMemoryOutbox;
import io.leadsync.application.testing.InMemorySuppressionRepository;
import io.leadsync.application.testing.InMemoryWorkspaceRepository;
import io.leadsync.application.testing.MutableClock;
import io.leadsync.application.testing.SequentialIds;
import io.leadsync.domain.crm.AgentAction;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmIdentity;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.RoutingRules;
import io.leadsync.domain.crm.SyncFrequency;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.lead.DuplicateRule;
import io.leadsync.domain.lead.FieldViolation;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaptureBatchServiceTest {
    private static final ConnectionId SALESFORCE = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000f1"));
    private static final ConnectionId HUBSPOT = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000f2"));
    private static final ConnectionId GONE = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000f3"));

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryLeadRepository leads = new InMemoryLeadRepository();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryCrmConnectionRepository connections = new InMemoryCrmConnectionRepository();
    private final InMemoryAgentRoutingRepository routing = new InMemoryAgentRoutingRepository();
    private final InMemoryActionLog actions = new InMemoryActionLog();
    private final InMemoryDuplicateRules duplicates = new InMemoryDuplicateRules(leads);
    private final InMemoryDeliveryQueue deliveries = new InMemoryDeliveryQueue();
    private final InMemoryWorkspaceRepository workspaces = new InMemoryWorkspaceRepository();
    private final List<CrmLeadWriter> writers = List.of(new FakeCrmLeadWriter(CrmKind.SALESFORCE, 200),
            new FakeCrmLeadWriter(CrmKind.HUBSPOT, 100));
    private final DirectTransactions transactions = new DirectTransactions();
    private final SequentialIds ids = new SequentialIds();
    private final CaptureBatchService batch = new CaptureBatchService(leads, outbox, transactions, ids, clock,
            connections, routing, actions, writers, duplicates);
    private final LeadActionService single = new LeadActionService(leads, outbox, transactions, ids, clock,
            connections, routing, actions, workspaces, new InMemoryCrmLinkRepository(), writers, duplicates,
            new InMemorySuppressionRepository());
    private final RouteChangesService route = new RouteChangesService(outbox, deliveries, connections, writers,
            transactions, clock);

    @BeforeEach
    void setUp() {
        workspaces.insert(new Workspace(WORKSPACE, "Acme", "Acme SDR", T0));
        connect(SALESFORCE, CrmKind.SALESFORCE);
        connect(HUBSPOT, CrmKind.HUBSPOT);
        connect(GONE, CrmKind.HUBSPOT);
        connections.update(WORKSPACE, GONE, gone -> gone.disconnect(T0));
    }

    @Test
    void each_lead_is_created_or_updated_as_a_single_capture_would_and_answered_in_the_requests_order() {
        single.perform(new LeadActionCommand(WORKSPACE, "api-key:lsk_test", LeadActionCommand.Write.CAPTURE,
                new LeadId("bob"), values("Byron", "bob@analytical.example"), Optional.empty(), List.of(), false));
        clock.advance(Duration.ofMinutes(1));

        CaptureBatchResult result = batch.capture(command(false, List.of(),
                item("ada", values("Lovelace", "ada@analytical.example")),
                item("bob", values("Byron", "bob@babbage.example")),
                item("bob-again", values("Byron", "bob@babbage.example"))));
        CaptureBatchResult again = batch.capture(command(false, List.of(),
                item("ada", values("Lovelace", "ada@analytical.example"))));
        route.route(100);

        assertThat(result.written()).isTrue();
        assertThat(result.leads()).extracting(CaptureBatchResult.Item::outcome)
                .containsExactly(Outcome.CREATED, Outcome.UPDATED, Outcome.CREATED);
        assertThat(leads.find(WORKSPACE, new LeadId("bob")).orElseThrow().value(LeadField.WORK_EMAIL))
                .contains("bob@babbage.example");
        assertThat(again.leads().get(0).outcome()).as("the same values again change nothing")
                .isEqualTo(Outcome.UNCHANGED);
        assertThat(deliveries.all(WORKSPACE, SALESFORCE)).extracting(d -> d.leadId().value())
                .containsExactlyInAnyOrder("ada", "bob", "bob-again");
        UUID tracking = result.leads().get(0).trackingId().orElseThrow();
        assertThat(actions.find(WORKSPACE, tracking).orElseThrow().action()).isEqualTo(AgentAction.UPSERT_LEAD);
        assertThat(result.leads().get(0).targets()).extracting(CaptureBatchResult.Target::connectionId)
                .containsExactlyInAnyOrder(SALESFORCE, HUBSPOT);
    }

    @Test
    void a_bad_lead_is_refused_with_its_fields_named_and_the_others_are_written() {
        Map<LeadField, String> noLastName = values("Lovelace", "grace@navy.example");
        noLastName.remove(LeadField.LAST_NAME);
        Map<LeadField, String> badEmail = values("Hopper", "not-an-email");

        CaptureBatchResult result = batch.capture(command(false, List.of(), item("grace", noLastName),
                item("ada", values("Lovelace", "ada@analytical.example")), item("lin", badEmail),
                item("ada", values("Lovelace", "ada@analytical.example"))));

        assertThat(result.leads()).extracting(CaptureBatchResult.Item::outcome).containsExactly(Outcome.REFUSED,
                Outcome.CREATED, Outcome.REFUSED, Outcome.REFUSED);
        assertThat(result.leads().get(0).violations()).extracting(FieldViolation::field).containsExactly("lastName");
        assertThat(result.leads().get(2).violations()).extracting(FieldViolation::field).containsExactly("workEmail");
        assertThat(result.leads().get(3).refusal()).contains(Refusal.REPEATED_IN_BATCH);
        assertThat(leads.find(WORKSPACE, new LeadId("grace"))).isEmpty();
        assertThat(leads.find(WORKSPACE, new LeadId("lin"))).isEmpty();
        assertThat(outbox.all()).extracting(change -> change.leadId().value()).containsExactly("ada");
    }

    @Test
    void all_or_none_writes_nothing_when_one_lead_is_refused_and_says_which() {
        CaptureBatchResult result = batch.capture(command(true, List.of(),
                item("ada", values("Lovelace", "ada@analytical.example")),
                item("lin", values("Lin", "not-an-email"))));

        assertThat(result.written()).isFalse();
        assertThat(result.leads()).extracting(item -> item.refusal().orElseThrow())
                .containsExactly(Refusal.NOT_WRITTEN, Refusal.INVALID);
        assertThat(leads.find(WORKSPACE, new LeadId("ada"))).isEmpty();
        assertThat(outbox.all()).isEmpty();
    }

    @Test
    void the_duplicate_rule_refuses_a_new_lead_matching_a_stored_one_or_an_earlier_one_in_the_batch() {
        duplicates.replace(WORKSPACE, new DuplicateRule(true, List.of(LeadField.WORK_EMAIL), Duration.ofDays(30)));
        batch.capture(command(false, List.of(), item("ada", values("Lovelace", "ada@analytical.example"))));

        CaptureBatchResult result = batch.capture(command(false, List.of(),
                item("ada-2", values("Lovelace", "ADA@analytical.example")),
                item("grace", values("Hopper", "grace@navy.example")),
                item("grace-2", values("Hopper", "grace@navy.example")),
                item("ada", values("Lovelace", "ada@analytical.example"))));

        assertThat(result.leads()).extracting(CaptureBatchResult.Item::outcome).containsExactly(Outcome.REFUSED,
                Outcome.CREATED, Outcome.REFUSED, Outcome.UNCHANGED);
        assertThat(result.leads().get(0).refusal()).contains(Refusal.DUPLICATE);
        assertThat(result.leads().get(0).duplicateOf()).contains(new LeadId("ada"));
        assertThat(result.leads().get(0).violations()).extracting(FieldViolation::field).containsExactly("workEmail");
        assertThat(result.leads().get(2).refusal()).contains(Refusal.REPEATED_IN_BATCH);
        assertThat(result.leads().get(2).duplicateOf()).contains(new LeadId("grace"));
        assertThat(leads.find(WORKSPACE, new LeadId("grace-2"))).isEmpty();
    }

    @Test
    void the_batchs_targets_route_every_lead_and_an_unusable_one_refuses_the_batch() {
        CaptureBatchResult result = batch.capture(command(false, List.of(HUBSPOT.toString()),
                item("ada", values("Lovelace", "ada@analytical.example"))));
        route.route(10);

        assertThat(result.leads().get(0).rule()).contains("REQUEST");
        assertThat(deliveries.all(WORKSPACE, HUBSPOT)).hasSize(1);
        assertThat(deliveries.all(WORKSPACE, SALESFORCE)).isEmpty();
        assertThatThrownBy(() -> batch.capture(command(false, List.of(GONE.toString()),
                item("bob", values("Byron", "bob@analytical.example")))))
                .isInstanceOf(InvalidTargetsException.class);
        assertThat(leads.find(WORKSPACE, new LeadId("bob"))).isEmpty();
    }

    @Test
    void an_agents_default_naming_a_disconnected_crm_refuses_only_that_agents_leads() {
        routing.replace(WORKSPACE, new RoutingRules(Map.of(), Map.of("agent-7", List.of(GONE)), List.of()));
        Map<LeadField, String> agents = values("Lovelace", "ada@analytical.example");
        agents.put(LeadField.AGENT_ID, "agent-7");

        CaptureBatchResult result = batch.capture(command(false, List.of(), item("ada", agents),
                item("bob", values("Byron", "bob@analytical.example"))));

        assertThat(result.leads()).extracting(CaptureBatchResult.Item::outcome)
                .containsExactly(Outcome.REFUSED, Outcome.CREATED);
        assertThat(result.leads().get(0).refusal()).contains(Refusal.TARGETS);
        assertThat(result.leads().get(0).violations().get(0).rule()).contains(GONE.toString()).contains("disconnected");
    }

    private static CaptureBatchCommand command(boolean allOrNone, List<String> targets,
                                               CaptureBatchCommand.Item... items) {
        return new CaptureBatchCommand(WORKSPACE, "api-key:lsk_test", List.of(items), targets, allOrNone);
    }

    private static CaptureBatchCommand.Item item(String leadId, Map<LeadField, String> values) {
        return new CaptureBatchCommand.Item(new LeadId(leadId), values);
    }

    private static Map<LeadField, String> values(String lastName, String email) {
        Map<LeadField, String> values = new HashMap<>();
        values.put(LeadField.LAST_NAME, lastName);
        values.put(LeadField.WORK_EMAIL, email);
        values.put(LeadField.COMPANY_NAME, "AE");
        return values;
    }

    private void connect(ConnectionId id, CrmKind kind) {
        SyncSettings defaults = SyncSettings.defaults();
        CrmConnection connection = CrmConnection.start(id, WORKSPACE, kind, new SyncSettings(SyncFrequency.REALTIME,
                defaults.direction(), defaults.conflictPolicy(), true, false, defaults.targetObject()),
                DefaultMappings.forKind(kind, "LeadSync"), T0);
        connection.authorised(new CrmIdentity("admin@acme.example", "Acme", "org-" + kind, Optional.empty()), T0);
        connection.verified(T0);
        connections.insert(connection);
    }
}
