package io.leadsync.application.service.connect;

import io.leadsync.application.service.crmcall.CallBudget;
import io.leadsync.application.service.delivery.RouteChangesService;
import io.leadsync.application.service.pull.PullChangesService;
import io.leadsync.application.service.delivery.PushDeliveriesService;
import io.leadsync.application.service.delivery.SyncNowService;
import io.leadsync.application.port.in.pull.PullChangesUseCase.PullReport;
import io.leadsync.application.port.in.delivery.SyncNowCommand;
import io.leadsync.application.port.in.delivery.SyncReport;
import io.leadsync.application.port.out.ApiUsage;
import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmLeadWriter;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.UpsertBatch;
import io.leadsync.application.testing.DirectTransactions;
import io.leadsync.application.testing.FakeCrmAuthorization;
import io.leadsync.application.testing.FakeCrmChangeReader;
import io.leadsync.application.testing.FakeCrmLeadWriter;
import io.leadsync.application.testing.InMemoryApiBudget;
import io.leadsync.application.testing.InMemoryAuditLog;
import io.leadsync.application.testing.InMemoryCrmConnectionRepository;
import io.leadsync.application.testing.InMemoryCrmLinkRepository;
import io.leadsync.application.testing.InMemoryDeliveryQueue;
import io.leadsync.application.testing.InMemoryLeadRepository;
import io.leadsync.application.testing.InMemoryOutbox;
import io.leadsync.application.testing.InMemoryPullSchedule;
import io.leadsync.application.testing.InMemoryTokenVault;
import io.leadsync.application.testing.InMemoryWorkspaceRepository;
import io.leadsync.application.testing.MutableClock;
import io.leadsync.application.testing.SequentialIds;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmIdentity;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.SyncFrequency;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.lead.FieldChange;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.sync.ChangeSource;
import io.leadsync.domain.sync.LeadChanged;
import io.leadsync.domain.workspace.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.aLead;
import static org.assertj.core.api.Assertions.assertThat;

/** Every CRM call takes from the connection's budget first: push, pull and sync now when it is spent, and after. */
class BudgetsTest {
    private static final ConnectionId SALESFORCE = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000b1"));
    private static final Instant NOON = Instant.parse("2026-01-05T12:00:00Z");
    private static final Instant NEXT_DAY = Instant.parse("2026-01-06T00:00:00Z");

    private final MutableClock clock = new MutableClock(NOON);
    private final FakeCrmLeadWriter crm = new FakeCrmLeadWriter(CrmKind.SALESFORCE, 200);
    private final FakeCrmChangeReader reader = new FakeCrmChangeReader(CrmKind.SALESFORCE, 2);
    private final InMemoryApiBudget budget = new InMemoryApiBudget();
    private final InMemoryWorkspaceRepository workspaces = new InMemoryWorkspaceRepository();
    private final InMemoryCrmConnectionRepository connections = new InMemoryCrmConnectionRepository();
    private final InMemoryLeadRepository leads = new InMemoryLeadRepository();
    private final InMemoryCrmLinkRepository links = new InMemoryCrmLinkRepository();
    private final InMemoryTokenVault vault = new InMemoryTokenVault();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryDeliveryQueue deliveries = new InMemoryDeliveryQueue();
    private final InMemoryPullSchedule schedule = new InMemoryPullSchedule(connections, List.of(WORKSPACE));
    private final DirectTransactions transactions = new DirectTransactions();
    private final List<CrmAuthorization> authorizations = List.of(new FakeCrmAuthorization(CrmKind.SALESFORCE));
    private final List<Duration> paused = new ArrayList<>();

    @BeforeEach
    void setUp() {
        workspaces.insert(new Workspace(WORKSPACE, "Acme", "Acme SDR", T0));
        SyncSettings defaults = SyncSettings.defaults();
        CrmConnection connection = CrmConnection.start(SALESFORCE, WORKSPACE, CrmKind.SALESFORCE, new SyncSettings(
                SyncFrequency.REALTIME, defaults.direction(), defaults.conflictPolicy(), true, false,
                defaults.targetObject()), DefaultMappings.salesforce("LeadSync"), T0);
        connection.authorised(new CrmIdentity("admin@acme.example", "Acme", "00D1", Optional.empty()), T0);
        connection.verified(T0);
        connections.insert(connection);
        vault.store(WORKSPACE, SALESFORCE, new CrmTokens("access-1", Optional.of("refresh"), Optional.empty(), T0));
    }

    @Test
    void push_leaves_the_batch_pending_until_the_next_day_when_the_budget_is_spent_mid_push() {
        PushDeliveriesService push = push(crm, 1);
        capture(250);
        new RouteChangesService(outbox, deliveries, connections, List.of(crm), transactions, clock).route(1_000);

        assertThat(push.pushDue("node-1")).isEqualTo(200);
        assertThat(push.pushDue("node-1")).as("the budget is spent").isZero();

        assertThat(crm.calls()).isEqualTo(1);
        List<DeliveryQueue.Delivery> waiting = deliveries.all(WORKSPACE, SALESFORCE);
        assertThat(waiting).hasSize(50).allSatisfy(delivery -> {
            assertThat(delivery.state()).isEqualTo(DeliveryQueue.State.PENDING);
            assertThat(delivery.attempts()).as("no attempt spent").isZero();
            assertThat(delivery.dueAt()).isEqualTo(NEXT_DAY);
            assertThat(delivery.lastError()).hasValueSatisfying(error -> assertThat(error).contains("budget"));
        });
        clock.set(NEXT_DAY.minusSeconds(1));
        assertThat(push.pushDue("node-1")).isZero();

        clock.set(NEXT_DAY);
        assertThat(push.pushDue("node-1")).as("a new day restores the budget").isEqualTo(50);
        assertThat(deliveries.all(WORKSPACE, SALESFORCE)).isEmpty();
        assertThat(budget.today(WORKSPACE, SALESFORCE, NEXT_DAY)).hasValueSatisfying(day ->
                assertThat(day.used()).isEqualTo(1));
    }

    @Test
    void pull_checkpoints_and_ends_with_budget_spent_then_goes_on_from_there_the_next_day() {
        PullChangesService pull = pull(2);
        for (int i = 0; i < 5; i++) {
            reader.edit("00Q" + i, NOON.minus(Duration.ofHours(2)).plus(Duration.ofMinutes(10L * i)),
                    Map.of(LeadField.JOB_TITLE, "CTO"));
        }

        PullReport stopped = pull.pullNow(WORKSPACE, SALESFORCE, "node-1");

        assertThat(stopped.read()).isEqualTo(4);
        assertThat(stopped.stoppedBecause()).startsWith("budget spent");
        assertThat(reader.calls()).isEqualTo(2);
        clock.advance(Duration.ofHours(6));
        assertThat(pull.pullDue("node-1")).as("not due before the budget returns").isZero();

        clock.set(NEXT_DAY);
        pull.pullDue("node-1");
        assertThat(reader.calls()).as("two pages from the checkpoint and the deletions").isEqualTo(2 + 2);
    }

    @Test
    void sync_now_reports_the_leads_it_could_not_send_with_the_reason_and_calls_again_the_next_day() {
        capture(450);
        SyncNowService syncNow = syncNow(crm, 2, 10);

        SyncReport report = syncNow.syncNow(new SyncNowCommand(WORKSPACE, SALESFORCE, "admin"));

        assertThat(report.created()).isEqualTo(400);
        assertThat(report.failed()).isEmpty();
        assertThat(report.waiting()).hasSize(50).allSatisfy(problem -> assertThat(problem.reason())
                .contains("budget of 2 CRM calls is spent"));
        assertThat(crm.calls()).isEqualTo(2);

        clock.set(NEXT_DAY);
        SyncReport nextDay = syncNow.syncNow(new SyncNowCommand(WORKSPACE, SALESFORCE, "admin"));
        assertThat(crm.calls()).as("a new day restores the budget").isEqualTo(4);
        assertThat(nextDay.created() + nextDay.updated()).isEqualTo(400);
        assertThat(nextDay.waiting()).hasSize(50);
    }

    @Test
    void when_the_crm_says_fewer_calls_remain_leadsync_believes_it() {
        capture(450);
        CrmUsageWriter nearlySpent = new CrmUsageWriter(crm, new ApiUsage(99_999, 100_000), 1);
        SyncNowService syncNow = syncNow(nearlySpent, 15_000, 10);

        SyncReport report = syncNow.syncNow(new SyncNowCommand(WORKSPACE, SALESFORCE, "admin"));

        assertThat(report.created()).isEqualTo(400);
        assertThat(report.waiting()).hasSize(50);
        assertThat(budget.today(WORKSPACE, SALESFORCE, NOON)).hasValueSatisfying(day -> {
            assertThat(day.used()).isEqualTo(15_000);
            assertThat(day.allocation()).isEqualTo(15_000);
        });
    }

    @Test
    void a_call_that_took_more_than_one_is_counted_as_it_was() {
        capture(3);
        SyncNowService syncNow = syncNow(new CrmUsageWriter(crm, new ApiUsage(1, 100_000), 4), 15_000, 10);

        syncNow.syncNow(new SyncNowCommand(WORKSPACE, SALESFORCE, "admin"));

        assertThat(budget.today(WORKSPACE, SALESFORCE, NOON).orElseThrow().used()).isEqualTo(4);
    }

    @Test
    void the_crms_spent_daily_limit_spends_the_budget_too() {
        capture(3);
        crm.spendDailyLimit();
        SyncNowService syncNow = syncNow(crm, 15_000, 10);

        syncNow.syncNow(new SyncNowCommand(WORKSPACE, SALESFORCE, "admin"));

        assertThat(budget.today(WORKSPACE, SALESFORCE, NOON).orElseThrow().remaining()).isZero();
    }

    @Test
    void calls_keep_to_the_pace_by_waiting_for_the_next_second() {
        capture(450);
        SyncNowService syncNow = syncNow(crm, 15_000, 1);

        SyncReport report = syncNow.syncNow(new SyncNowCommand(WORKSPACE, SALESFORCE, "admin"));

        assertThat(report.created()).isEqualTo(450);
        assertThat(paused).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void the_connection_status_shows_the_calls_used_today_and_the_allocation() {
        GetConnectionBudgetService status = new GetConnectionBudgetService(callBudget(15_000, 10), clock);
        assertThat(status.budget(WORKSPACE, SALESFORCE).callsUsedToday()).isZero();
        capture(450);

        syncNow(crm, 15_000, 10).syncNow(new SyncNowCommand(WORKSPACE, SALESFORCE, "admin"));

        assertThat(status.budget(WORKSPACE, SALESFORCE)).satisfies(today -> {
            assertThat(today.callsUsedToday()).isEqualTo(3);
            assertThat(today.dailyAllocation()).isEqualTo(15_000);
            assertThat(today.day()).isEqualTo(java.time.LocalDate.of(2026, 1, 5));
        });
        clock.set(NEXT_DAY);
        assertThat(status.budget(WORKSPACE, SALESFORCE).callsUsedToday()).isZero();
    }

    private CallBudget callBudget(long daily, int perSecond) {
        return new CallBudget(budget, daily, perSecond, duration -> {
            paused.add(duration);
            clock.advance(duration);
        });
    }

    private PushDeliveriesService push(CrmLeadWriter writer, long daily) {
        return new PushDeliveriesService(authorizations, List.of(writer), deliveries, workspaces, connections, leads,
                links, vault, new InMemoryAuditLog(), transactions, new SequentialIds(), clock,
                callBudget(daily, 10));
    }

    private PullChangesService pull(long daily) {
        return new PullChangesService(authorizations, List.of(reader), schedule, connections, leads, links, outbox,
                deliveries, vault, new InMemoryAuditLog(), transactions, new SequentialIds(), clock,
                callBudget(daily, 10));
    }

    private SyncNowService syncNow(CrmLeadWriter writer, long daily, int perSecond) {
        PushDeliveriesService pipeline = new PushDeliveriesService(authorizations, List.of(writer), deliveries,
                workspaces, connections, leads, links, vault, new InMemoryAuditLog(), transactions, new SequentialIds(),
                clock, callBudget(daily, perSecond));
        return new SyncNowService(pipeline, List.of(writer), connections, leads, deliveries, vault,
                new InMemoryAuditLog(), transactions, new SequentialIds(), clock,
                new io.leadsync.application.service.delivery.SyncNowRuns());
    }

    private void capture(int count) {
        for (int i = 0; i < count; i++) {
            Lead lead = aLead().withId("lead-" + i).withEmail("lead-" + i + "@acme.example")
                    .createdAt(T0.plusSeconds(i)).build();
            leads.insert(lead);
            outbox.append(new LeadChanged(UUID.randomUUID(), WORKSPACE, new LeadId("lead-" + i), lead.version(), true,
                    List.of(new FieldChange(LeadField.LAST_NAME, Optional.empty(), Optional.of("Lovelace"))),
                    new ChangeSource.App("agent"), T0));
        }
    }

    /** A CRM whose answers report the given usage and number of calls. */
    private record CrmUsageWriter(FakeCrmLeadWriter crm, ApiUsage usage, int calls) implements CrmLeadWriter {
        @Override
        public CrmKind kind() {
            return crm.kind();
        }

        @Override
        public int batchLimit() {
            return crm.batchLimit();
        }

        @Override
        public UpsertBatch upsert(CrmSession session, List<CrmRecord> batch) {
            return new UpsertBatch(crm.upsert(session, batch).results(), Optional.of(usage), calls);
        }
    }
}
