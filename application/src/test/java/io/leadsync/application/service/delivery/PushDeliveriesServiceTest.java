package io.leadsync.application.service.delivery;

import io.leadsync.application.port.out.CrmBulkLeadWriter;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.UpsertBatch;
import io.leadsync.application.port.out.UpsertResult;
import io.leadsync.application.port.out.DeliveryQueue.State;
import io.leadsync.application.testing.DirectTransactions;
import io.leadsync.application.testing.FakeCrmAuthorization;
import io.leadsync.application.testing.FakeCrmLeadWriter;
import io.leadsync.application.testing.InMemoryAuditLog;
import io.leadsync.application.testing.InMemoryCrmConnectionRepository;
import io.leadsync.application.testing.InMemoryCrmLinkRepository;
import io.leadsync.application.testing.InMemoryDeliveryQueue;
import io.leadsync.application.testing.InMemoryLeadRepository;
import io.leadsync.application.testing.InMemoryOutbox;
import io.leadsync.application.testing.InMemoryPushLocks;
import io.leadsync.application.port.in.delivery.PushDeliveriesUseCase;
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
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.crm.SyncFrequency;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.sync.ChangeSource;
import io.leadsync.domain.lead.FieldChange;
import io.leadsync.domain.sync.LeadChanged;
import io.leadsync.domain.workspace.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.aLead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PushDeliveriesServiceTest {
    private static final ConnectionId SALESFORCE = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000e1"));
    private static final ConnectionId HUBSPOT = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000e2"));

    private final MutableClock clock = new MutableClock(T0);
    private final FakeCrmLeadWriter salesforce = new FakeCrmLeadWriter(CrmKind.SALESFORCE, 200);
    private final FakeCrmLeadWriter hubspot = new FakeCrmLeadWriter(CrmKind.HUBSPOT, 100);
    private final InMemoryWorkspaceRepository workspaces = new InMemoryWorkspaceRepository();
    private final InMemoryCrmConnectionRepository connections = new InMemoryCrmConnectionRepository();
    private final InMemoryLeadRepository leads = new InMemoryLeadRepository();
    private final InMemoryCrmLinkRepository links = new InMemoryCrmLinkRepository();
    private final InMemoryTokenVault vault = new InMemoryTokenVault();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryDeliveryQueue deliveries = new InMemoryDeliveryQueue();
    private final DirectTransactions transactions = new DirectTransactions();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final RouteChangesService route = new RouteChangesService(outbox, deliveries, connections,
            List.of(salesforce, hubspot), transactions, clock);
    private final PushDeliveriesService push = new PushDeliveriesService(
            List.of(new FakeCrmAuthorization(CrmKind.SALESFORCE), new FakeCrmAuthorization(CrmKind.HUBSPOT)),
            List.of(salesforce, hubspot), deliveries, workspaces, connections, leads, links, vault,
            audit, transactions, new SequentialIds(), clock).withConversions(outbox);

    @BeforeEach
    void setUp() {
        workspaces.insert(new Workspace(WORKSPACE, "Acme", "Acme SDR", T0));
        connect(SALESFORCE, CrmKind.SALESFORCE, SyncFrequency.REALTIME);
        connect(HUBSPOT, CrmKind.HUBSPOT, SyncFrequency.REALTIME);
    }

    @Test
    void a_captured_lead_reaches_every_connected_crm_once_and_leaves_a_link() {
        capture("ada", "ada@analytical.example");

        route.route(100);
        int sent = push.pushDue("node-1");

        assertThat(sent).isEqualTo(2);
        assertThat(salesforce.records()).containsKey("ada");
        assertThat(hubspot.records()).containsKey("ada");
        assertThat(links.forLead(WORKSPACE, new LeadId("ada"))).hasSize(2);
        assertThat(deliveries.all(WORKSPACE, SALESFORCE)).isEmpty();
        assertThat(push.pushDue("node-1")).isZero();
    }

    @Test
    void a_later_change_sends_only_the_fields_that_changed_so_a_reps_edit_of_another_field_stays() {
        capture("ada", "ada@analytical.example");
        route.route(100);
        push.pushDue("node-1");
        Lead ada = leads.find(WORKSPACE, new LeadId("ada")).orElseThrow();
        List<FieldChange> changes = ada.update(java.util.Map.of(LeadField.STATUS, "CONTACTED"), T0.plusSeconds(5));
        leads.update(ada);
        outbox.append(new LeadChanged(UUID.randomUUID(), WORKSPACE, ada.id(), ada.version(), false, changes,
                new ChangeSource.App("agent"), T0.plusSeconds(5)));

        route.route(100);
        push.pushDue("node-1");

        assertThat(salesforce.records().get("ada")).containsOnlyKeys(LeadField.STATUS, LeadField.LEAD_ID)
                .containsEntry(LeadField.STATUS, Optional.of("CONTACTED"));
        assertThat(links.find(WORKSPACE, SALESFORCE, ada.id()).orElseThrow().base(LeadField.JOB_TITLE))
                .as("the fields not sent keep their base").isEqualTo(ada.value(LeadField.JOB_TITLE));
        assertThat(deliveries.all(WORKSPACE, SALESFORCE)).isEmpty();
    }

    @Test
    void a_push_that_finds_the_lead_converted_moves_it_to_the_contact_and_marks_it_converted_never_failed() {
        capture("ada", "ada@analytical.example");
        route.route(100);
        push.pushDue("node-1");
        Lead ada = leads.find(WORKSPACE, new LeadId("ada")).orElseThrow();
        List<FieldChange> changes = ada.update(java.util.Map.of(LeadField.JOB_TITLE, "Countess"), T0.plusSeconds(5));
        leads.update(ada);
        outbox.append(new LeadChanged(UUID.randomUUID(), WORKSPACE, ada.id(), ada.version(), false, changes,
                new ChangeSource.App("agent"), T0.plusSeconds(5)));
        salesforce.convertOnNextWrite("ada", new io.leadsync.domain.crm.CrmConversion(
                salesforce.records().isEmpty() ? "?" : links.find(WORKSPACE, SALESFORCE, ada.id()).orElseThrow()
                        .crmRecordId(), "003000000000001", Optional.of("001000000000001"), Optional.empty()));

        route.route(100);
        push.pushDue("node-1");

        assertThat(salesforce.records().get("ada")).as("the change itself reached the Contact")
                .containsEntry(LeadField.JOB_TITLE, Optional.of("Countess"));
        var link = links.find(WORKSPACE, SALESFORCE, ada.id()).orElseThrow();
        assertThat(link.crmRecordId()).isEqualTo("003000000000001");
        assertThat(link.conversion()).isPresent();
        assertThat(leads.find(WORKSPACE, ada.id()).orElseThrow().status())
                .isEqualTo(io.leadsync.domain.lead.LeadStatus.CONVERTED);
        assertThat(deliveries.all(WORKSPACE, SALESFORCE)).as("owed to the Contact, nothing failed")
                .allMatch(delivery -> delivery.state() == io.leadsync.application.port.out.DeliveryQueue.State.PENDING
                        && delivery.attempts() == 0);

        route.route(100);
        clock.advance(java.time.Duration.ofSeconds(1));
        push.pushDue("node-1");
        assertThat(salesforce.knownRecordIds()).as("the rest of the lead went to the Contact by its id")
                .contains("003000000000001");
        assertThat(salesforce.records().get("ada")).containsEntry(LeadField.STATUS, Optional.of("CONVERTED"))
                .containsEntry(LeadField.FIRST_NAME, Optional.of("Ada"));
    }

    @Test
    void every_pushed_record_is_audited_with_its_fields_old_to_new_and_the_run_with_what_started_it() {
        capture("ada", "ada@analytical.example");
        route.route(100);
        push.pushDue("node-1");
        Lead ada = leads.find(WORKSPACE, new LeadId("ada")).orElseThrow();
        List<FieldChange> changes = ada.update(java.util.Map.of(LeadField.JOB_TITLE, "Countess"), T0.plusSeconds(5));
        leads.update(ada);
        outbox.append(new LeadChanged(UUID.randomUUID(), WORKSPACE, ada.id(), ada.version(), false, changes,
                new ChangeSource.App("agent"), T0.plusSeconds(5)));
        salesforce.lockLeads("ada");

        route.route(100);
        push.pushDue("node-1");

        List<io.leadsync.application.port.out.AuditEntry> entries = audit.recent(WORKSPACE, 100);
        assertThat(entries).filteredOn(e -> e.action().equals("lead.pushed") && e.connectionId()
                        .equals(Optional.of(SALESFORCE.value()))).singleElement()
                .satisfies(e -> {
                    var pushed = (io.leadsync.domain.sync.SyncEvent.LeadPushed) e.event().orElseThrow();
                    assertThat(pushed.trigger()).isEqualTo(io.leadsync.domain.sync.SyncEvent.Trigger.CHANGE);
                    assertThat(pushed.crmRecordId().orElseThrow()).startsWith("00Q");
                    assertThat(pushed.created()).isTrue();
                    assertThat(pushed.fields()).contains(new io.leadsync.domain.sync.FieldDiff(LeadField.LAST_NAME,
                            Optional.empty(), Optional.of("Lovelace")));
                });
        assertThat(entries).filteredOn(e -> e.action().equals("lead.push-retry")).singleElement()
                .satisfies(e -> {
                    var failed = (io.leadsync.domain.sync.SyncEvent.DeliveryFailed) e.event().orElseThrow();
                    assertThat(failed.crmCode()).contains("UNABLE_TO_LOCK_ROW");
                    assertThat(failed.attempts()).isEqualTo(1);
                    assertThat(failed.retryAt()).isPresent();
                    assertThat(failed.fields()).anySatisfy(f -> {
                        assertThat(f.field()).isEqualTo(LeadField.JOB_TITLE);
                        assertThat(f.after()).contains("Countess");
                    });
                });
        assertThat(entries).filteredOn(e -> e.action().equals("sync.push")).allSatisfy(e -> {
            var run = (io.leadsync.domain.sync.SyncEvent.PushRun) e.event().orElseThrow();
            assertThat(run.triggers()).containsEntry(io.leadsync.domain.sync.SyncEvent.Trigger.CHANGE, 1);
        });
    }

    @Test
    void a_change_the_crm_already_holds_is_delivered_without_a_call() {
        capture("ada", "ada@analytical.example");
        route.route(100);
        push.pushDue("node-1");
        int callsBefore = salesforce.calls();
        Lead ada = leads.find(WORKSPACE, new LeadId("ada")).orElseThrow();
        deliveries.enqueue(WORKSPACE, SALESFORCE, ada.id(), ada.version(), T0);

        push.pushDue("node-1");

        assertThat(salesforce.calls()).isEqualTo(callsBefore);
        assertThat(deliveries.all(WORKSPACE, SALESFORCE)).isEmpty();
    }

    @Test
    void a_backlog_at_the_bulk_threshold_goes_as_one_bulk_job_and_a_smaller_one_in_batches() {
        List<Integer> jobs = new ArrayList<>();
        CrmBulkLeadWriter bulk = new CrmBulkLeadWriter() {
            @Override
            public CrmKind kind() {
                return CrmKind.SALESFORCE;
            }

            @Override
            public UpsertBatch upsertAll(CrmSession session, List<CrmRecord> records) {
                jobs.add(records.size());
                return new UpsertBatch(records.stream().map(record -> record.leadId().value().equals("lead-7")
                        ? UpsertResult.failed(record.leadId(), "REQUIRED_FIELD_MISSING", "Company", false)
                        : UpsertResult.written(record.leadId(), true, "00Q-" + record.leadId().value())).toList(),
                        Optional.empty(), 6);
            }
        };
        push.withBulk(List.of(bulk), 300);
        for (int i = 0; i < 300; i++) {
            capture("lead-" + i, "lead-" + i + "@acme.example");
        }
        route.route(1_000);

        while (push.pushDue("node-1") > 0) {
            // the bulk job for Salesforce, HubSpot's batches of 100
        }

        assertThat(jobs).containsExactly(300);
        assertThat(salesforce.calls()).isZero();
        assertThat(links.find(WORKSPACE, SALESFORCE, new LeadId("lead-3"))).hasValueSatisfying(link ->
                assertThat(link.crmRecordId()).isEqualTo("00Q-lead-3"));
        assertThat(only(SALESFORCE).state()).as("per-record results as in batches").isEqualTo(State.FAILED);
        assertThat(hubspot.calls()).isEqualTo(3);

        capture("late", "late@acme.example");
        route.route(100);
        push.pushDue("node-1");
        assertThat(jobs).hasSize(1);
        assertThat(salesforce.records()).containsOnlyKeys("late");
    }

    @Test
    void four_hundred_fifty_changes_go_in_full_batches() {
        for (int i = 0; i < 450; i++) {
            capture("lead-" + i, "lead-" + i + "@acme.example");
        }

        route.route(1_000);
        while (push.pushDue("node-1") > 0) {
            // one batch per connection per round
        }

        assertThat(salesforce.calls()).isEqualTo(3);
        assertThat(hubspot.calls()).isEqualTo(5);
        assertThat(salesforce.records()).hasSize(450);
    }

    @Test
    void while_one_node_has_a_batch_of_a_connection_in_flight_another_claims_none_of_it_and_says_so() {
        for (int i = 0; i < 450; i++) {
            capture("lead-" + i, "lead-" + i + "@acme.example");
        }
        route.route(1_000);
        InMemoryPushLocks.Cluster cluster = new InMemoryPushLocks.Cluster();
        List<PushDeliveriesUseCase.BatchResult> secondNodeAnswers = new ArrayList<>();
        List<Integer> dueWhileInFlight = new ArrayList<>();
        PushDeliveriesService[] second = new PushDeliveriesService[1];
        // Node 1's writer: while its call is on the wire, node 2 is asked for a batch of the same connection.
        io.leadsync.application.port.out.CrmLeadWriter inFlight = new io.leadsync.application.port.out.CrmLeadWriter() {
            @Override
            public CrmKind kind() {
                return CrmKind.SALESFORCE;
            }

            @Override
            public int batchLimit() {
                return salesforce.batchLimit();
            }

            @Override
            public UpsertBatch upsert(CrmSession session, List<CrmRecord> records) {
                dueWhileInFlight.add(deliveries.countDue(WORKSPACE, SALESFORCE, clock.instant(), 1_000));
                secondNodeAnswers.add(second[0].pushBatch(WORKSPACE, SALESFORCE, "node-2", Duration.ZERO));
                return salesforce.upsert(session, records);
            }
        };
        PushDeliveriesService first = node(inFlight, new InMemoryPushLocks(cluster));
        second[0] = node(salesforce, new InMemoryPushLocks(cluster));

        assertThat(first.pushBatch(WORKSPACE, SALESFORCE, "node-1", Duration.ZERO))
                .isEqualTo(PushDeliveriesUseCase.BatchResult.MORE_DUE);
        assertThat(dueWhileInFlight).as("250 leads were due and unclaimed beside the batch in flight")
                .containsExactly(250);
        assertThat(secondNodeAnswers).as("node 2 claimed none of them: one batch of the connection at a time")
                .containsExactly(PushDeliveriesUseCase.BatchResult.HELD_ELSEWHERE);
        assertThat(salesforce.calls()).isEqualTo(1);
        assertThat(deliveries.countDue(WORKSPACE, SALESFORCE, clock.instant(), 1_000)).isEqualTo(250);

        // The batch landed: node 2 takes the next one.
        assertThat(second[0].pushBatch(WORKSPACE, SALESFORCE, "node-2", Duration.ZERO))
                .isEqualTo(PushDeliveriesUseCase.BatchResult.MORE_DUE);
        assertThat(salesforce.calls()).isEqualTo(2);
        assertThat(salesforce.records()).hasSize(400);
    }

    @Test
    void a_connection_held_elsewhere_is_told_apart_from_one_that_owes_nothing() {
        InMemoryPushLocks.Cluster cluster = new InMemoryPushLocks.Cluster();
        PushDeliveriesService here = node(salesforce, new InMemoryPushLocks(cluster));
        assertThat(here.pushBatch(WORKSPACE, SALESFORCE, "node-1", Duration.ZERO)).as("nothing owed")
                .isEqualTo(PushDeliveriesUseCase.BatchResult.DONE);
        capture("ada", "ada@analytical.example");
        route.route(100);

        var heldByAnotherNode = new InMemoryPushLocks(cluster).tryHold(WORKSPACE, SALESFORCE).orElseThrow();
        assertThat(here.pushBatch(WORKSPACE, SALESFORCE, "node-1", Duration.ZERO))
                .isEqualTo(PushDeliveriesUseCase.BatchResult.HELD_ELSEWHERE);
        assertThat(salesforce.calls()).isZero();
        heldByAnotherNode.close();

        assertThat(here.pushBatch(WORKSPACE, SALESFORCE, "node-1", Duration.ZERO))
                .isEqualTo(PushDeliveriesUseCase.BatchResult.DONE);
        assertThat(salesforce.records()).containsOnlyKeys("ada");
    }

    /** Another node on the same stores: its own push pipeline and its own session with the locks. */
    private PushDeliveriesService node(io.leadsync.application.port.out.CrmLeadWriter writer,
                                       InMemoryPushLocks locks) {
        return new PushDeliveriesService(List.of(new FakeCrmAuthorization(CrmKind.SALESFORCE)), List.of(writer),
                deliveries, workspaces, connections, leads, links, vault, audit, transactions, new SequentialIds(),
                clock).withConversions(outbox).withLocks(locks);
    }

    @Test
    void a_change_that_came_from_a_crm_goes_to_the_others_and_never_back() {
        leads.insert(aLead().withId("ada").withEmail("ada@analytical.example").build());
        outbox.append(new LeadChanged(UUID.randomUUID(), WORKSPACE, new LeadId("ada"), 2, false,
                List.of(new FieldChange(LeadField.JOB_TITLE, Optional.empty(), Optional.of("CTO"))),
                new ChangeSource.Crm(SALESFORCE), T0));

        route.route(100);
        push.pushDue("node-1");

        assertThat(salesforce.records()).isEmpty();
        assertThat(hubspot.records()).containsKey("ada");
    }

    @Test
    void a_record_that_met_the_rate_limit_in_a_later_call_of_its_claim_waits_without_spending_attempts() {
        capture("ada", "ada@analytical.example");
        salesforce.rateLimitLeads("ada");
        route.route(100);

        for (int round = 0; round < 5; round++) {
            push.pushDue("node-1");
            clock.advance(java.time.Duration.ofSeconds(11));
        }

        DeliveryQueue.Delivery waiting = only(SALESFORCE);
        assertThat(waiting.state()).as("five rate limits are no refusal").isEqualTo(State.PENDING);
        assertThat(waiting.attempts()).isZero();
        salesforce.rateLimitLeads();
        push.pushDue("node-1");
        assertThat(salesforce.records()).containsKey("ada");
    }

    @Test
    void a_record_the_crm_cannot_lock_is_retried_with_backoff_then_failed_with_the_reason_and_resynced_later() {
        capture("ada", "ada@analytical.example");
        salesforce.lockLeads("ada");
        route.route(100);

        push.pushDue("node-1");
        assertThat(only(SALESFORCE).attempts()).isEqualTo(1);
        assertThat(push.pushDue("node-1")).as("not due before the backoff").isZero();
        clock.advance(PushDeliveriesService.FIRST_BACKOFF);
        push.pushDue("node-1");
        clock.advance(PushDeliveriesService.FIRST_BACKOFF.multipliedBy(2));
        push.pushDue("node-1");

        DeliveryQueue.Delivery failed = only(SALESFORCE);
        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.attempts()).isEqualTo(PushDeliveriesService.MAX_ATTEMPTS);
        assertThat(failed.lastError()).hasValueSatisfying(error -> assertThat(error).startsWith("UNABLE_TO_LOCK_ROW"));

        salesforce.lockLeads();
        deliveries.resyncFailed(WORKSPACE, SALESFORCE, clock.instant());
        push.pushDue("node-1");
        assertThat(salesforce.records()).containsKey("ada");
        assertThat(deliveries.all(WORKSPACE, SALESFORCE)).isEmpty();
    }

    @Test
    void shorter_timings_shorten_the_backoff_but_not_the_number_of_attempts() {
        push.withTimings(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(30));
        capture("ada", "ada@analytical.example");
        salesforce.lockLeads("ada");
        route.route(100);

        push.pushDue("node-1");
        assertThat(push.pushDue("node-1")).as("not due before the backoff").isZero();
        clock.advance(java.time.Duration.ofSeconds(1));
        push.pushDue("node-1");
        assertThat(only(SALESFORCE).attempts()).isEqualTo(2);
        assertThat(only(SALESFORCE).state()).isEqualTo(State.PENDING);
        clock.advance(java.time.Duration.ofSeconds(2));
        push.pushDue("node-1");

        assertThat(only(SALESFORCE).state()).isEqualTo(State.FAILED);
        assertThat(only(SALESFORCE).attempts()).isEqualTo(PushDeliveriesService.MAX_ATTEMPTS);
        assertThatThrownBy(() -> push.withTimings(java.time.Duration.ofSeconds(1), java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_crm_that_is_down_keeps_the_batch_pending_for_ten_attempts_with_capped_backoff_and_it_lands_when_back() {
        capture("ada", "ada@analytical.example");
        route.route(100);
        salesforce.failAfter(0);

        for (int attempt = 0; attempt < PushDeliveriesService.MAX_UNAVAILABLE_ATTEMPTS - 1; attempt++) {
            push.pushDue("node-1");
            assertThat(only(SALESFORCE).state()).isEqualTo(State.PENDING);
            clock.advance(PushDeliveriesService.backoff(attempt));
        }
        assertThat(PushDeliveriesService.backoff(PushDeliveriesService.MAX_UNAVAILABLE_ATTEMPTS))
                .isEqualTo(PushDeliveriesService.MAX_BACKOFF);
        salesforce.failAfter(-1);
        push.pushDue("node-1");

        assertThat(salesforce.records()).containsKey("ada");
        assertThat(deliveries.all(WORKSPACE, SALESFORCE)).isEmpty();
    }

    @Test
    void a_record_the_crm_refuses_for_good_fails_at_once_and_the_batch_lands() {
        capture("ada", "ada@analytical.example");
        capture("grace", "grace@navy.example");
        salesforce.refuseLeads("ada");

        route.route(100);
        push.pushDue("node-1");

        assertThat(only(SALESFORCE).state()).isEqualTo(State.FAILED);
        assertThat(only(SALESFORCE).attempts()).isEqualTo(1);
        assertThat(salesforce.records()).containsOnlyKeys("grace");
    }

    @Test
    void a_lead_without_a_work_email_is_skipped_with_the_reason_until_it_changes() {
        leads.insert(aLead().withId("byron").without(LeadField.WORK_EMAIL).build());
        outbox.append(change("byron", 1));

        route.route(100);
        push.pushDue("node-1");

        assertThat(only(SALESFORCE).state()).isEqualTo(State.SKIPPED);
        assertThat(only(SALESFORCE).lastError()).contains(PushRecords.NO_WORK_EMAIL);
        assertThat(salesforce.calls()).isZero();
    }

    @Test
    void a_rate_limit_delays_the_batch_without_spending_its_attempts() {
        capture("ada", "ada@analytical.example");
        salesforce.rateLimitNext(1);
        route.route(100);

        push.pushDue("node-1");
        DeliveryQueue.Delivery waiting = only(SALESFORCE);
        clock.advance(Duration.ofSeconds(2));
        push.pushDue("node-1");

        assertThat(waiting.attempts()).isZero();
        assertThat(waiting.dueAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(salesforce.records()).containsKey("ada");
    }

    @Test
    void a_paused_connections_deliveries_wait_until_it_syncs_again() {
        connections.update(WORKSPACE, SALESFORCE, connection -> connection.pause(T0));
        capture("ada", "ada@analytical.example");

        route.route(100);
        push.pushDue("node-1");

        assertThat(salesforce.records()).isEmpty();
        assertThat(only(SALESFORCE).state()).isEqualTo(State.PENDING);
        assertThat(deliveries.due(clock.instant(), 10)).as("set aside, not in the way of others")
                .doesNotContain(new DeliveryQueue.Due(WORKSPACE, SALESFORCE));
        connections.update(WORKSPACE, SALESFORCE, connection -> connection.resume(T0));
        clock.advance(PushDeliveriesService.NOT_SYNCING_RECHECK);
        push.pushDue("node-1");
        assertThat(salesforce.records()).containsKey("ada");
    }

    @Test
    void a_disconnected_connections_deliveries_are_closed_as_skipped() {
        capture("ada", "ada@analytical.example");
        route.route(100);
        connections.update(WORKSPACE, SALESFORCE, connection -> connection.disconnect(T0));

        push.pushDue("node-1");

        assertThat(only(SALESFORCE).state()).isEqualTo(State.SKIPPED);
        assertThat(only(SALESFORCE).lastError()).contains("the connection is disconnected");
    }

    @Test
    void a_push_only_connection_gets_changes_and_a_pull_only_one_does_not() {
        connections.update(WORKSPACE, HUBSPOT, pullOnly -> pullOnly.changeSettings(new SyncSettings(
                SyncFrequency.REALTIME, SyncDirection.PULL, pullOnly.settings().conflictPolicy(), true, false,
                pullOnly.settings().targetObject()), pullOnly.mappings(), T0));
        capture("ada", "ada@analytical.example");

        route.route(100);
        push.pushDue("node-1");

        assertThat(salesforce.records()).containsKey("ada");
        assertThat(deliveries.all(WORKSPACE, HUBSPOT)).isEmpty();
    }

    @Test
    void a_cycle_connection_is_due_at_its_next_cycle_boundary_and_realtime_at_once() {
        Instant now = Instant.parse("2026-11-23T10:02:30Z");

        assertThat(RouteChangesService.dueAt(SyncFrequency.REALTIME, now)).isEqualTo(now);
        assertThat(RouteChangesService.dueAt(SyncFrequency.EVERY_5_MIN, now)).isEqualTo(Instant.parse("2026-11-23T10:05:00Z"));
        assertThat(RouteChangesService.dueAt(SyncFrequency.HOURLY, now)).isEqualTo(Instant.parse("2026-11-23T11:00:00Z"));
        assertThat(RouteChangesService.dueAt(SyncFrequency.EVERY_15_MIN, Instant.parse("2026-11-23T10:15:00Z")))
                .isEqualTo(Instant.parse("2026-11-23T10:15:00Z"));
    }

    @Test
    void a_record_another_lead_is_linked_to_fails_that_one_lead_for_good_and_the_rest_of_the_batch_goes() {
        capture("ada", "ada@analytical.example");
        route.route(100);
        push.pushDue("node-1");
        String adasRecord = links.find(WORKSPACE, SALESFORCE, new LeadId("ada")).orElseThrow().crmRecordId();
        salesforce.writeOntoRecordOf("byron", "ada");
        capture("byron", "byron@poets.example");
        capture("cara", "cara@analytical.example");
        route.route(100);

        push.pushDue("node-1");

        assertThat(links.find(WORKSPACE, SALESFORCE, new LeadId("ada")).orElseThrow().crmRecordId())
                .isEqualTo(adasRecord);
        assertThat(links.find(WORKSPACE, SALESFORCE, new LeadId("byron"))).isEmpty();
        assertThat(links.find(WORKSPACE, SALESFORCE, new LeadId("cara"))).isPresent();
        DeliveryQueue.Delivery byron = only(SALESFORCE);
        assertThat(byron.leadId()).isEqualTo(new LeadId("byron"));
        assertThat(byron.state()).isEqualTo(DeliveryQueue.State.FAILED);
        assertThat(byron.lastError()).hasValueSatisfying(error -> assertThat(error)
                .startsWith("LINK_CONFLICT").contains(adasRecord, "already linked to lead ada"));
        clock.advance(java.time.Duration.ofHours(1));
        assertThat(push.pushDue("node-1")).as("nothing is left to send again and again").isZero();
    }

    private DeliveryQueue.Delivery only(ConnectionId connection) {
        List<DeliveryQueue.Delivery> all = deliveries.all(WORKSPACE, connection);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private void connect(ConnectionId id, CrmKind kind, SyncFrequency frequency) {
        SyncSettings defaults = SyncSettings.defaults();
        CrmConnection connection = CrmConnection.start(id, WORKSPACE, kind, new SyncSettings(frequency,
                defaults.direction(), defaults.conflictPolicy(), true, false, defaults.targetObject()),
                DefaultMappings.forKind(kind, "LeadSync"), T0);
        connection.authorised(new CrmIdentity("admin@acme.example", "Acme", "org-" + kind, Optional.empty()), T0);
        connection.verified(T0);
        connections.insert(connection);
        vault.store(WORKSPACE, id, new CrmTokens("access-" + kind, Optional.of("refresh"), Optional.empty(), T0));
    }

    private void capture(String leadId, String email) {
        Lead lead = aLead().withId(leadId).withEmail(email).build();
        leads.insert(lead);
        outbox.append(change(leadId, lead.version()));
    }

    private static LeadChanged change(String leadId, long version) {
        return new LeadChanged(UUID.randomUUID(), WORKSPACE, new LeadId(leadId), version, true,
                List.of(new FieldChange(LeadField.LAST_NAME, Optional.empty(), Optional.of("Lovelace"))),
                new ChangeSource.App("agent"), T0);
    }
}
