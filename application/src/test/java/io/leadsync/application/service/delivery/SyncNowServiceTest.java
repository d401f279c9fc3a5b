package io.leadsync.application.service.delivery;

import io.leadsync.application.port.in.delivery.ConnectionNotSyncingException;
import io.leadsync.application.port.in.delivery.SyncNowCommand;
import io.leadsync.application.port.in.delivery.SyncReport;
import io.leadsync.application.testing.DirectTransactions;
import io.leadsync.application.testing.FakeCrmAuthorization;
import io.leadsync.application.testing.FakeCrmLeadWriter;
import io.leadsync.application.testing.InMemoryAuditLog;
import io.leadsync.application.testing.InMemoryCrmConnectionRepository;
import io.leadsync.application.testing.InMemoryCrmLinkRepository;
import io.leadsync.application.testing.InMemoryDeliveryQueue;
import io.leadsync.application.testing.InMemoryPushLocks;
import io.leadsync.application.testing.InMemoryLeadRepository;
import io.leadsync.application.testing.InMemoryTokenVault;
import io.leadsync.application.testing.InMemoryWorkspaceRepository;
import io.leadsync.application.testing.MutableClock;
import io.leadsync.application.testing.SequentialIds;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.ConnectionState;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmIdentity;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.aLead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyncNowServiceTest {
    private static final ConnectionId SALESFORCE = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000c1"));

    private final FakeCrmAuthorization authorization = new FakeCrmAuthorization(CrmKind.SALESFORCE);
    private final FakeCrmLeadWriter crm = new FakeCrmLeadWriter(CrmKind.SALESFORCE, 200);
    private final InMemoryWorkspaceRepository workspaces = new InMemoryWorkspaceRepository();
    private final InMemoryCrmConnectionRepository connections = new InMemoryCrmConnectionRepository();
    private final InMemoryLeadRepository leads = new InMemoryLeadRepository();
    private final InMemoryCrmLinkRepository links = new InMemoryCrmLinkRepository();
    private final InMemoryTokenVault vault = new InMemoryTokenVault();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final SequentialIds ids = new SequentialIds();
    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryDeliveryQueue deliveries = new InMemoryDeliveryQueue();
    private final SyncNowRuns runs = new SyncNowRuns();
    private final PushDeliveriesService push = new PushDeliveriesService(List.of(authorization), List.of(crm),
            deliveries, workspaces, connections, leads, links, vault, audit, new DirectTransactions(), ids, clock);
    private final SyncNowService syncNow = new SyncNowService(push, List.of(crm), connections, leads, deliveries,
            vault, audit, new DirectTransactions(), ids, clock, runs);
    private final SyncProgressService progress = new SyncProgressService(connections, leads, deliveries, runs, clock);

    @BeforeEach
    void setUp() {
        workspaces.insert(new Workspace(WORKSPACE, "Acme", "Acme SDR", T0));
        CrmConnection connection = CrmConnection.start(SALESFORCE, WORKSPACE, CrmKind.SALESFORCE, SyncSettings.defaults(),
                DefaultMappings.salesforce("LeadSync"), T0);
        connection.authorised(new CrmIdentity("admin@acme.example", "Acme Corp", "00D1", Optional.of("https://acme")), T0);
        connection.verified(T0);
        connections.insert(connection);
        vault.store(WORKSPACE, SALESFORCE, new CrmTokens("access-1", Optional.of("refresh-1"), Optional.empty(), T0));
    }

    @Test
    void the_deliveries_sync_now_satisfied_leave_the_queue_and_a_newer_change_stays_owed() {
        capture(3);
        deliveries.enqueue(WORKSPACE, SALESFORCE, new LeadId("lead-0"), 1, T0.plusSeconds(300));
        deliveries.enqueue(WORKSPACE, SALESFORCE, new LeadId("lead-1"), 1, T0.plusSeconds(300));
        deliveries.enqueue(WORKSPACE, SALESFORCE, new LeadId("lead-2"), 7, T0.plusSeconds(300));

        syncNow.syncNow(new SyncNowCommand(WORKSPACE, SALESFORCE, "admin"));

        assertThat(deliveries.all(WORKSPACE, SALESFORCE)).extracting(d -> d.leadId().value())
                .as("a change newer than what sync now sent").containsExactly("lead-2");
        assertThat(audit.recent(WORKSPACE, 10)).filteredOn(e -> e.action().equals("lead.pushed"))
                .extracting(e -> e.leadId().orElseThrow()).containsOnly("lead-0", "lead-1", "lead-2");
        assertThat(audit.recent(WORKSPACE, 10)).filteredOn(e -> e.action().equals("lead.pushed"))
                .allSatisfy(e -> assertThat(e.event()).get().isInstanceOfSatisfying(
                        io.leadsync.domain.sync.SyncEvent.LeadPushed.class, pushed -> assertThat(pushed.trigger())
                                .isEqualTo(io.leadsync.domain.sync.SyncEvent.Trigger.SYNC_NOW)));
    }

    @Test
    void sync_now_waits_for_the_batch_another_node_has_in_flight_then_sends_every_lead_once() throws Exception {
        capture(3);
        InMemoryPushLocks.Cluster cluster = new InMemoryPushLocks.Cluster();
        push.withLocks(new InMemoryPushLocks(cluster));
        var otherNodesBatch = new InMemoryPushLocks(cluster).tryHold(WORKSPACE, SALESFORCE).orElseThrow();
        Thread landing = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            otherNodesBatch.close();
        });
        landing.start();

        SyncReport report = syncNow.syncNow(new SyncNowCommand(WORKSPACE, SALESFORCE, "admin"));
        landing.join();

        assertThat(report.created()).isEqualTo(3);
        assertThat(report.waiting()).isEmpty();
        assertThat(crm.calls()).isEqualTo(1);
    }

    @Test
    void a_batch_elsewhere_that_outlasts_the_patience_leaves_the_leads_to_the_background_push_unsent() {
        capture(3);
        InMemoryPushLocks.Cluster cluster = new InMemoryPushLocks.Cluster();
        push.withLocks(new InMemoryPushLocks(cluster));
        var otherNodesBulkJob = new InMemoryPushLocks(cluster).tryHold(WORKSPACE, SALESFORCE).orElseThrow();

        SyncReport report = syncNow.withHeldPatience(java.time.Duration.ofMillis(100))
                .syncNow(new SyncNowCommand(WORKSPACE, SALESFORCE, "admin"));
        otherNodesBulkJob.close();

        assertThat(crm.calls()).as("nothing sent beside the other node's batch").isZero();
        assertThat(report.created()).isZero();
        assertThat(report.waiting()).extracting(SyncReport.Problem::leadId)
                .containsExactlyInAnyOrder("lead-0", "lead-1", "lead-2");
        assertThat(report.waiting()).extracting(SyncReport.Problem::reason).containsOnly(
                "waiting for the background push: another node is sending a batch of this connection");
        assertThat(deliveries.all(WORKSPACE, SALESFORCE)).as("still owed, for the background push").hasSize(3);
    }

    @Test
    void four_hundred_fifty_leads_take_three_calls_and_a_second_run_updates_without_duplicating() {
        capture(450);

        SyncReport first = syncNow.syncNow(new SyncNowCommand(WORKSPACE, SALESFORCE, "admin"));
        SyncReport second = syncNow.syncNow(new SyncNowCommand(WORKSPACE, SALESFORCE, "admin"));

        assertThat(first.created()).isEqualTo(450);
        assertThat(first.crmCalls()).isEqualTo(3);
        assertThat(second.created()).isZero();
        assertThat(second.updated()).isEqualTo(450);
        assertThat(crm.records()).hasSize(450);
        assertThat(links.forLead(WORKSPACE, new LeadId("lead-7"))).singleElement()
                .satisfies(link -> assertThat(link.base(LeadField.WORK_EMAIL)).contains("lead-7@acme.example"));
    }

    @Test
    void a_lead_without_a_work_email_is_skipped_with_the_reason() {
        leads.insert(aLead().withId("no-email").without(LeadField.WORK_EMAIL).build());
        capture(2);

        SyncReport report = syncNow.syncNow(new SyncNowCommand(WORKSPACE, SALESFORCE, "admin"));

        assertThat(report.skipped()).containsExactly(new SyncReport.Problem("no-email", SyncNowService.NO_WORK_EMAIL));
        assertThat(crm.records()).doesNotContainKey("no-email").hasSize(2);
    }

    @Test
    void a_lead_sync_now_skipped_is_skipped_in_the_queue_not_waiting() {
        leads.insert(aLead().withId("no-email").without(LeadField.WORK_EMAIL).build());
        capture(2);

        syncNow.syncNow(new SyncNowCommand(WORKSPACE, SALESFORCE, "admin"));

        assertThat(deliveries.all(WORKSPACE, SALESFORCE)).singleElement().satisfies(delivery -> {
            assertThat(delivery.leadId().value()).isEqualTo("no-email");
            assertThat(delivery.state()).isEqualTo(io.leadsync.application.port.out.DeliveryQueue.State.SKIPPED);
            assertThat(delivery.lastError()).contains(SyncNowService.NO_WORK_EMAIL);
        });
    }

    @Test
    void progress_counts_delivered_skipped_failed_and_waiting_leads_of_the_run() {
        leads.insert(aLead().withId("no-email").without(LeadField.WORK_EMAIL).build());
        capture(450);
        crm.refuseLeads("lead-1");
        crm.failAfter(2);

        syncNow.syncNow(new SyncNowCommand(WORKSPACE, SALESFORCE, "admin"));
        io.leadsync.application.port.in.delivery.SyncProgress seen = progress.progress(
                new io.leadsync.application.port.in.delivery.GetSyncProgressUseCase.SyncProgressQuery(WORKSPACE, SALESFORCE));

        assertThat(seen.leads()).isEqualTo(451);
        assertThat(seen.skipped()).isEqualTo(1);
        assertThat(seen.failed()).isEqualTo(1);
        assertThat(seen.delivered()).isEqualTo(399);
        assertThat(seen.waiting()).isEqualTo(50);
        assertThat(seen.started()).contains(T0);
        assertThat(seen.running()).isFalse();
        assertThat(seen.crmCalls()).as("the answered calls; the third found the CRM down").isEqualTo(2);
    }

    @Test
    void the_lead_source_is_the_workspaces_product_and_only_pushable_fields_go() {
        capture(1);

        syncNow.syncNow(new SyncNowCommand(WORKSPACE, SALESFORCE, "admin"));

        assertThat(crm.records().get("lead-0")).containsEntry(LeadField.LEAD_SOURCE, Optional.of("Acme SDR"))
                .containsEntry(LeadField.LEAD_ID, Optional.of("lead-0"));
    }

    @Test
    void an_expired_access_token_is_refreshed_once_and_nothing_is_lost() {
        capture(3);
        crm.refuseAccessToken("access-1");

        SyncReport report = syncNow.syncNow(new SyncNowCommand(WORKSPACE, SALESFORCE, "admin"));

        assertThat(report.created()).isEqualTo(3);
        assertThat(authorization.refreshes()).isEqualTo(1);
        assertThat(crm.accessTokensSeen()).containsExactly("access-1", "access-1-refreshed");
        assertThat(vault.find(WORKSPACE, SALESFORCE).orElseThrow().accessToken()).isEqualTo("access-1-refreshed");
    }

    @Test
    void a_backlog_above_the_threshold_goes_as_one_bulk_job_and_below_it_in_batches() {
        List<Integer> jobs = new ArrayList<>();
        io.leadsync.application.port.out.CrmBulkLeadWriter bulk = new io.leadsync.application.port.out.CrmBulkLeadWriter() {
            @Override
            public CrmKind kind() {
                return CrmKind.SALESFORCE;
            }

            @Override
            public io.leadsync.application.port.out.UpsertBatch upsertAll(io.leadsync.application.port.out.CrmSession session,
                                                                          List<io.leadsync.application.port.out.CrmRecord> records) {
                jobs.add(records.size());
                return new io.leadsync.application.port.out.UpsertBatch(records.stream().map(record ->
                        io.leadsync.application.port.out.UpsertResult.written(record.leadId(), true,
                                "00Q-" + record.leadId().value())).toList(), Optional.empty(), 6);
            }
        };
        push.withBulk(List.of(bulk), 400);
        capture(450);

        SyncReport report = syncNow.syncNow(new SyncNowCommand(WORKSPACE, SALESFORCE, "admin"));

        assertThat(jobs).containsExactly(450);
        assertThat(report.created()).isEqualTo(450);
        assertThat(report.crmCalls()).isEqualTo(6);
        assertThat(crm.calls()).isZero();
        assertThat(links.forLead(WORKSPACE, new LeadId("lead-3"))).singleElement()
                .satisfies(link -> assertThat(link.crmRecordId()).isEqualTo("00Q-lead-3"));

        push.withBulk(List.of(bulk), 1_000);
        syncNow.syncNow(new SyncNowCommand(WORKSPACE, SALESFORCE, "admin"));
        assertThat(jobs).hasSize(1);
        assertThat(crm.calls()).isEqualTo(3);
    }

    @Test
    void a_token_about_to_expire_is_refreshed_before_the_call_not_after_a_refusal() {
        // A two-hour token with a minute left.
        vault.store(WORKSPACE, SALESFORCE, new CrmTokens("access-1", Optional.of("refresh-1"),
                Optional.of(T0.plusSeconds(60)), T0.minus(Duration.ofHours(2)).plusSeconds(60)));
        capture(3);

        SyncReport report = syncNow.syncNow(new SyncNowCommand(WORKSPACE, SALESFORCE, "admin"));

        assertThat(report.created()).isEqualTo(3);
        assertThat(report.crmCalls()).isEqualTo(1);
        assertThat(authorization.refreshes()).isEqualTo(1);
        assertThat(crm.accessTokensSeen()).containsExactly("access-1-refreshed");
    }

    @Test
    void a_fresh_token_that_lives_only_a_minute_is_not_refreshed_before_every_call() {
        vault.store(WORKSPACE, SALESFORCE, new CrmTokens("access-1", Optional.of("refresh-1"),
                Optional.of(T0.plusSeconds(60)), T0));
        capture(3);

        SyncReport report = syncNow.syncNow(new SyncNowCommand(WORKSPACE, SALESFORCE, "admin"));

        assertThat(report.created()).isEqualTo(3);
        assertThat(authorization.refreshes()).isZero();
        assertThat(crm.accessTokensSeen()).containsExactly("access-1");
    }

    @Test
    void a_rate_limited_batch_waits_in_the_queue_and_the_worker_delivers_everything_once_the_crm_allows() {
        capture(450);
        crm.rateLimitNext(2);

        SyncReport report = syncNow.syncNow(new SyncNowCommand(WORKSPACE, SALESFORCE, "admin"));

        assertThat(report.created()).isZero();
        assertThat(report.failed()).isEmpty();
        assertThat(report.waiting()).hasSize(450);
        assertThat(report.waiting()).filteredOn(problem -> problem.reason().contains("ten_secondly_rolling"))
                .hasSize(200);
        assertThat(report.crmCalls()).as("no call repeated in a tight loop, no sleep").isEqualTo(1);
        for (int round = 0; round < 10 && !deliveries.all(WORKSPACE, SALESFORCE).isEmpty(); round++) {
            clock.advance(Duration.ofMinutes(1));
            while (push.pushDue("worker") > 0) {
                // drain what is due
            }
        }
        assertThat(crm.records()).hasSize(450);
        assertThat(deliveries.all(WORKSPACE, SALESFORCE)).isEmpty();
    }

    @Test
    void a_rate_limit_that_does_not_clear_leaves_the_leads_waiting_after_one_call() {
        capture(3);
        crm.rateLimitNext(1_000);

        SyncReport report = syncNow.syncNow(new SyncNowCommand(WORKSPACE, SALESFORCE, "admin"));

        assertThat(report.waiting()).hasSize(3).allSatisfy(problem ->
                assertThat(problem.reason()).startsWith(SyncNowService.WAITING).contains("limit"));
        assertThat(report.failed()).isEmpty();
        assertThat(crm.records()).isEmpty();
        assertThat(crm.calls()).isEqualTo(1);
    }

    @Test
    void a_crm_that_fails_mid_run_ends_the_run_with_a_report_of_what_landed_and_what_waits() {
        capture(450);
        crm.failAfter(1);

        SyncReport report = syncNow.syncNow(new SyncNowCommand(WORKSPACE, SALESFORCE, "admin"));

        assertThat(report.created()).isEqualTo(200);
        assertThat(report.failed()).isEmpty();
        assertThat(report.waiting()).hasSize(250);
        assertThat(report.waiting()).filteredOn(problem -> problem.reason().contains("SERVER_UNAVAILABLE"))
                .hasSize(200);
        assertThat(crm.calls()).isEqualTo(2);
    }

    @Test
    void a_spent_daily_limit_is_not_waited_for() {
        capture(3);
        crm.spendDailyLimit();

        SyncReport report = syncNow.syncNow(new SyncNowCommand(WORKSPACE, SALESFORCE, "admin"));

        assertThat(report.waiting()).hasSize(3).allSatisfy(problem ->
                assertThat(problem.reason()).contains("daily limit"));
        assertThat(crm.calls()).isEqualTo(1);
        assertThat(deliveries.all(WORKSPACE, SALESFORCE)).allSatisfy(delivery ->
                assertThat(delivery.dueAt()).isAfterOrEqualTo(T0.plus(Duration.ofHours(1))));
    }

    @Test
    void a_refused_refresh_token_stops_the_run_and_asks_for_reauthorisation() {
        capture(3);
        crm.refuseAccessToken("access-1");
        authorization.refuseRefresh();

        SyncReport report = syncNow.syncNow(new SyncNowCommand(WORKSPACE, SALESFORCE, "admin"));

        assertThat(report.waiting()).hasSize(3);
        assertThat(connections.find(WORKSPACE, SALESFORCE).orElseThrow().state()).isEqualTo(ConnectionState.NEEDS_REAUTH);
        assertThatThrownBy(() -> syncNow.syncNow(new SyncNowCommand(WORKSPACE, SALESFORCE, "admin")))
                .isInstanceOf(ConnectionNotSyncingException.class).hasMessageContaining("NEEDS_REAUTH");
        assertThat(crm.calls()).isEqualTo(1);
    }

    @Test
    void a_record_the_crm_refuses_is_reported_with_the_crms_reason_and_the_others_land() {
        capture(3);
        crm.refuseLeads("lead-1");

        SyncReport report = syncNow.syncNow(new SyncNowCommand(WORKSPACE, SALESFORCE, "admin"));

        assertThat(report.created()).isEqualTo(2);
        assertThat(report.failed()).singleElement().satisfies(problem -> {
            assertThat(problem.leadId()).isEqualTo("lead-1");
            assertThat(problem.reason()).contains("REQUIRED_FIELD_MISSING").contains("Company");
        });
        assertThat(links.forLead(WORKSPACE, new LeadId("lead-1"))).isEmpty();
    }

    @Test
    void sync_now_on_a_push_only_connection_points_to_the_background_push_and_backfill() {
        ConnectionId hook = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000c2"));
        CrmConnection webhook = CrmConnection.start(hook, WORKSPACE, CrmKind.WEBHOOK, SyncSettings.defaults(),
                DefaultMappings.webhook(), T0);
        webhook.authorised(new CrmIdentity("hooks@acme.example", "Acme hooks", "hook", Optional.empty()), T0);
        webhook.verified(T0);
        connections.insert(webhook);

        assertThatThrownBy(() -> syncNow.syncNow(new SyncNowCommand(WORKSPACE, hook, "admin")))
                .isInstanceOf(ConnectionNotSyncingException.class)
                .hasMessageContaining("background push delivers each lead to it one at a time")
                .hasMessageContaining("/api/admin/v1/connections/" + hook.value() + "/backfill")
                .hasMessageNotContaining("cannot be written to");
    }

    private void capture(int count) {
        for (int i = 0; i < count; i++) {
            leads.insert(aLead().withId("lead-" + i).withEmail("lead-" + i + "@acme.example").createdAt(T0.plusSeconds(i)).build());
        }
    }
}
