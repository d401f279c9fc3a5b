package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.in.capture.LeadActionCommand;
import io.leadsync.application.port.in.capture.LeadOutcome;
import io.leadsync.application.port.out.ActionLog;
import io.leadsync.application.port.out.AgentRoutingRepository;
import io.leadsync.application.port.out.DuplicateRules;
import io.leadsync.application.port.out.SuppressionRepository;
import io.leadsync.application.port.out.contract.StoragePorts;
import io.leadsync.application.service.capture.LeadActionService;
import io.leadsync.domain.lead.FieldChange;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.sync.ChangeSource;
import io.leadsync.domain.sync.LeadChanged;
import io.leadsync.domain.workspace.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.aLead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A lead and its outbox entry commit together or not at all, and racing captures never duplicate either. */
class TransactionsIT {
    private static final int WRITERS = 8;
    private StoragePorts storage;

    @BeforeEach
    void setUp() {
        storage = PostgresStorage.empty();
        storage.workspaces().insert(new Workspace(WORKSPACE, "Acme", "Acme SDR", T0));
    }

    @Test
    void a_failure_after_the_lead_and_its_outbox_entry_were_written_leaves_neither() {
        assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
            storage.leads().insert(aLead().withId("lead-1").build());
            storage.outbox().append(new LeadChanged(UUID.randomUUID(), WORKSPACE, new LeadId("lead-1"), 1, true,
                    List.of(new FieldChange(LeadField.LAST_NAME, Optional.empty(), Optional.of("Lovelace"))),
                    new ChangeSource.App("test"), T0));
            throw new IllegalStateException("the process fails before commit");
        })).hasMessageContaining("before commit");

        assertThat(PostgresStorage.rows("leads")).isZero();
        assertThat(PostgresStorage.rows("outbox")).isZero();
    }

    @Test
    void nested_work_joins_the_outer_transaction() {
        assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
            storage.transactions().inTransaction(() -> {
                storage.leads().insert(aLead().withId("lead-1").build());
                return null;
            });
            throw new IllegalStateException("outer work fails");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(PostgresStorage.rows("leads")).isZero();
    }

    @Test
    void the_same_new_lead_captured_by_racing_agents_is_stored_once_with_one_outbox_entry() throws Exception {
        LeadActionService capture = captureService();
        List<LeadOutcome> outcomes = race(() -> capture.perform(capture(
                Map.of(LeadField.LAST_NAME, "Lovelace", LeadField.WORK_EMAIL, "ada@analytical.example"), "agent"))
                .outcome());

        assertThat(outcomes).filteredOn(LeadOutcome::created).hasSize(1);
        assertThat(PostgresStorage.rows("leads")).isEqualTo(1);
        assertThat(PostgresStorage.rows("outbox")).isEqualTo(1);
        assertThat(storage.leads().find(WORKSPACE, new LeadId("lead-race")).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void racing_different_changes_to_one_lead_each_land_once_and_in_the_outbox() throws Exception {
        LeadActionService capture = captureService();
        capture.perform(capture(Map.of(LeadField.LAST_NAME, "Lovelace"), "agent"));
        int[] next = {0};
        List<LeadOutcome> outcomes = race(() -> {
            int writer;
            synchronized (next) {
                writer = next[0]++;
            }
            return capture.perform(capture(Map.of(LeadField.VISIT_COUNT, Integer.toString(writer + 1)),
                    "agent-" + writer)).outcome();
        });

        long changed = outcomes.stream().filter(outcome -> !outcome.changes().isEmpty()).count();
        long version = storage.leads().find(WORKSPACE, new LeadId("lead-race")).orElseThrow().version();
        assertThat(version).isEqualTo(1 + changed);
        assertThat(PostgresStorage.rows("outbox")).isEqualTo(version);
        assertThat(storage.outbox().forLead(WORKSPACE, new LeadId("lead-race")))
                .extracting(LeadChanged::leadVersion).isSorted().doesNotHaveDuplicates();
    }

    /** The agent API's capture on PostgreSQL, with no CRM connected. */
    private LeadActionService captureService() {
        var context = PostgresStorage.context();
        return new LeadActionService(storage.leads(), storage.outbox(), storage.transactions(), UUID::randomUUID,
                Clock.systemUTC(), storage.connections(), context.getBean(AgentRoutingRepository.class),
                context.getBean(ActionLog.class), storage.workspaces(), storage.links(), List.of(),
                context.getBean(DuplicateRules.class), context.getBean(SuppressionRepository.class));
    }

    private static LeadActionCommand capture(Map<LeadField, String> values, String actor) {
        return new LeadActionCommand(WORKSPACE, actor, LeadActionCommand.Write.CAPTURE, new LeadId("lead-race"), values,
                Optional.empty(), List.of(), false);
    }

    private static List<LeadOutcome> race(Callable<LeadOutcome> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<LeadOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            List<LeadOutcome> outcomes = new ArrayList<>();
            for (Future<LeadOutcome> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
