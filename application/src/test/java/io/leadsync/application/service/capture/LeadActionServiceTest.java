package io.leadsync.application.service.capture;

import io.leadsync.application.service.delivery.RouteChangesService;
import io.leadsync.application.port.in.capture.ActionReport;
import io.leadsync.application.port.in.capture.DuplicateLeadException;
import io.leadsync.application.port.in.capture.InvalidTargetsException;
import io.leadsync.application.port.in.capture.LeadActionCommand;
import io.leadsync.application.port.in.capture.LeadActionResult;
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
import io.leadsync.domain.crm.Suppressions;
import io.leadsync.domain.crm.SyncFrequency;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.lead.DuplicateRule;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeadActionServiceTest {
    private static final ConnectionId SALESFORCE = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000f1"));
    private static final ConnectionId HUBSPOT = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000f2"));
    private static final ConnectionId GONE = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000f3"));

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryLeadRepository leads = new InMemoryLeadRepository();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryCrmConnectionRepository connections = new InMemoryCrmConnectionRepository();
    private final InMemoryAgentRoutingRepository routing = new InMemoryAgentRoutingRepository();
    private final InMemoryActionLog actions = new InMemoryActionLog();
    private final InMemoryWorkspaceRepository workspaces = new InMemoryWorkspaceRepository();
    private final InMemoryDuplicateRules duplicates = new InMemoryDuplicateRules(leads);
    private final InMemorySuppressionRepository suppressions = new InMemorySuppressionRepository();
    private final InMemoryDeliveryQueue deliveries = new InMemoryDeliveryQueue();
    private final List<io.leadsync.application.port.out.CrmLeadWriter> writers = List.of(
            new FakeCrmLeadWriter(CrmKind.SALESFORCE, 200), new FakeCrmLeadWriter(CrmKind.HUBSPOT, 100));
    private final DirectTransactions transactions = new DirectTransactions();
    private final LeadActionService service = new LeadActionService(leads, outbox, transactions,
            new SequentialIds(), clock, connections, routing, actions, workspaces, new InMemoryCrmLinkRepository(),
            writers, duplicates, suppressions);
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
    void a_change_goes_only_to_the_targets_the_request_names() {
        LeadActionResult result = service.perform(capture("ada", "ada@analytical.example", List.of(HUBSPOT.toString()),
                false));
        route.route(10);

        assertThat(result.rule()).isEqualTo("REQUEST");
        assertThat(result.trackingId()).isPresent();
        assertThat(deliveries.all(WORKSPACE, HUBSPOT)).hasSize(1);
        assertThat(deliveries.all(WORKSPACE, SALESFORCE)).isEmpty();
    }

    @Test
    void without_targets_the_workspace_rule_decides_and_without_rules_every_connected_crm_gets_it() {
        routing.replace(WORKSPACE, new RoutingRules(Map.of(AgentAction.UPSERT_LEAD, List.of(SALESFORCE)), Map.of(),
                List.of()));
        service.perform(capture("ada", "ada@analytical.example", List.of(), false));
        routing.replace(WORKSPACE, RoutingRules.NONE);
        LeadActionResult everywhere = service.perform(capture("bob", "bob@analytical.example", List.of(), false));
        route.route(10);

        assertThat(deliveries.all(WORKSPACE, SALESFORCE)).extracting(d -> d.leadId().value())
                .containsExactlyInAnyOrder("ada", "bob");
        assertThat(deliveries.all(WORKSPACE, HUBSPOT)).extracting(d -> d.leadId().value()).containsExactly("bob");
        assertThat(everywhere.targets()).extracting(LeadActionResult.Target::connectionId)
                .containsExactlyInAnyOrder(SALESFORCE, HUBSPOT);
    }

    @Test
    void a_disconnected_or_unknown_target_refuses_the_action_and_nothing_is_written() {
        String unknown = UUID.randomUUID().toString();

        assertThatThrownBy(() -> service.perform(capture("ada", "ada@analytical.example",
                List.of(SALESFORCE.toString(), GONE.toString(), unknown, "not-an-id"), false)))
                .isInstanceOfSatisfying(InvalidTargetsException.class, e -> assertThat(e.violations())
                        .extracting(InvalidTargetsException.Violation::path).containsExactly("targets/3"));
        assertThatThrownBy(() -> service.perform(capture("ada", "ada@analytical.example",
                List.of(SALESFORCE.toString(), GONE.toString(), unknown), false)))
                .isInstanceOfSatisfying(InvalidTargetsException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.path() + " " + v.rule())
                        .containsExactly("targets/1 is disconnected", "targets/2 names no connection of this workspace"));
        assertThat(leads.find(WORKSPACE, new LeadId("ada"))).isEmpty();
        assertThat(outbox.claimUnrouted(10)).isEmpty();
    }

    @Test
    void a_dry_run_previews_each_targets_payload_and_writes_nothing() {
        suppressions.replace(WORKSPACE, HUBSPOT, new Suppressions(Set.of(), Set.of("analytical.example")));

        LeadActionResult preview = service.perform(capture("ada", "ada@analytical.example", List.of(), true));

        assertThat(preview.trackingId()).isEmpty();
        LeadActionResult.Preview salesforce = preview.targets().stream()
                .filter(target -> target.connectionId().equals(SALESFORCE)).findFirst().orElseThrow().preview()
                .orElseThrow();
        assertThat(salesforce.operation()).isEqualTo("UPSERT_BY_EXTERNAL_ID");
        assertThat(salesforce.expect()).hasValue("CREATE");
        assertThat(salesforce.payload()).containsEntry("Email", "ada@analytical.example");
        LeadActionResult.Preview hubspot = preview.targets().stream()
                .filter(target -> target.connectionId().equals(HUBSPOT)).findFirst().orElseThrow().preview()
                .orElseThrow();
        assertThat(hubspot.operation()).isEqualTo("SKIP");
        assertThat(hubspot.reason()).hasValueSatisfying(reason -> assertThat(reason).startsWith("suppressed"));
        assertThat(leads.find(WORKSPACE, new LeadId("ada"))).isEmpty();
        assertThat(outbox.claimUnrouted(10)).isEmpty();
    }

    @Test
    void a_new_lead_id_with_an_email_seen_within_the_window_is_a_duplicate_but_an_older_one_is_not() {
        duplicates.replace(WORKSPACE, new DuplicateRule(true, List.of(LeadField.WORK_EMAIL), Duration.ofDays(7)));
        service.perform(capture("ada", "ada@analytical.example", List.of(), false));

        assertThatThrownBy(() -> service.perform(capture("ada-2", "ADA@analytical.example", List.of(), false)))
                .isInstanceOfSatisfying(DuplicateLeadException.class, e ->
                        assertThat(e.existing()).isEqualTo(new LeadId("ada")));
        assertThat(leads.find(WORKSPACE, new LeadId("ada-2"))).isEmpty();
        clock.advance(Duration.ofDays(8));
        assertThat(service.perform(capture("ada-2", "ada@analytical.example", List.of(), false)).outcome().created())
                .isTrue();
    }

    @Test
    void an_action_that_changes_nothing_is_tracked_as_skipped_at_every_target() {
        service.perform(capture("ada", "ada@analytical.example", List.of(), false));
        LeadActionResult again = service.perform(capture("ada", "ada@analytical.example", List.of(), false));

        ActionReport report = new TrackActionService(actions, clock).track(WORKSPACE, again.trackingId().orElseThrow())
                .orElseThrow();
        assertThat(report.targets()).hasSize(2).allSatisfy(target -> {
            assertThat(target.status()).isEqualTo(ActionReport.Status.SKIPPED);
            assertThat(target.reason()).hasValue(TrackActionService.NOTHING_CHANGED);
        });
    }

    private static LeadActionCommand capture(String leadId, String email, List<String> targets, boolean dryRun) {
        return new LeadActionCommand(WORKSPACE, "api-key:lsk_test", LeadActionCommand.Write.CAPTURE, new LeadId(leadId),
                Map.of(LeadField.LAST_NAME, "Lovelace", LeadField.WORK_EMAIL, email, LeadField.COMPANY_NAME, "AE"),
                Optional.empty(), targets, dryRun);
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
