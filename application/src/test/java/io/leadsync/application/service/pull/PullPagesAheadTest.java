package io.leadsync.application.service.pull;

import io.leadsync.application.port.in.pull.PullChangesUseCase.PullReport;
import io.leadsync.application.port.out.CrmChangeReader;
import io.leadsync.application.port.out.CrmChangeReader.Watermark;
import io.leadsync.application.port.out.CrmChangeReader.CrmChange;
import io.leadsync.application.port.out.CrmChangeReader.ChangePage;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.application.port.out.PullSchedule;
import io.leadsync.application.testing.DirectTransactions;
import io.leadsync.application.testing.FakeCrmAuthorization;
import io.leadsync.application.testing.FakeCrmChangeReader;
import io.leadsync.application.testing.InMemoryAuditLog;
import io.leadsync.application.testing.InMemoryCrmConnectionRepository;
import io.leadsync.application.testing.InMemoryCrmLinkRepository;
import io.leadsync.application.testing.InMemoryDeliveryQueue;
import io.leadsync.application.testing.InMemoryLeadRepository;
import io.leadsync.application.testing.InMemoryOutbox;
import io.leadsync.application.testing.InMemoryPullSchedule;
import io.leadsync.application.testing.InMemoryTokenVault;
import io.leadsync.application.testing.MutableClock;
import io.leadsync.application.testing.SequentialIds;
import io.leadsync.domain.crm.ConflictPolicy;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmIdentity;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.crm.SyncFrequency;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.crm.TargetObject;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.aLead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A pull reads its next page while it merges the last (ADR 0105): the pages are still merged in the CRM's order,
 * each once, and the watermark only ever names a page that was merged, whatever fails on the way.
 */
class PullPagesAheadTest {
    private static final ConnectionId SALESFORCE = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000b1"));
    /** Six edited records, two a page: three pages. */
    private static final int RECORDS = 6;

    private final MutableClock clock = new MutableClock(T0.plus(Duration.ofHours(1)));
    private final FakeCrmChangeReader crm = new FakeCrmChangeReader(CrmKind.SALESFORCE, 2);
    private final ObservedReader reader = new ObservedReader(crm);
    private final InMemoryCrmConnectionRepository connections = new InMemoryCrmConnectionRepository();
    private final InMemoryLeadRepository leads = new InMemoryLeadRepository();
    private final InMemoryTokenVault vault = new InMemoryTokenVault();
    private final ObservedSchedule schedule = new ObservedSchedule(new InMemoryPullSchedule(connections,
            List.of(WORKSPACE)));
    private final PullChangesService pull = new PullChangesService(
            List.of(new FakeCrmAuthorization(CrmKind.SALESFORCE)), List.of(reader), schedule, connections, leads,
            new InMemoryCrmLinkRepository(), new InMemoryOutbox(), new InMemoryDeliveryQueue(), vault,
            new InMemoryAuditLog(), new DirectTransactions(), new SequentialIds(), clock);

    @BeforeEach
    void setUp() {
        CrmConnection connection = CrmConnection.start(SALESFORCE, WORKSPACE, CrmKind.SALESFORCE,
                new SyncSettings(SyncFrequency.REALTIME, SyncDirection.BIDIRECTIONAL, ConflictPolicy.CRM_WINS, true,
                        false, TargetObject.LEAD), DefaultMappings.forKind(CrmKind.SALESFORCE, "LeadSync"), T0);
        connection.authorised(new CrmIdentity("admin@acme.example", "Acme", "org-1", Optional.empty()), T0);
        connection.verified(T0);
        connections.insert(connection);
        vault.store(WORKSPACE, SALESFORCE, new CrmTokens("access", Optional.of("refresh"), Optional.empty(), T0));
        Instant editedAt = clock.instant().minus(Duration.ofMinutes(30));
        for (int i = 1; i <= RECORDS; i++) {
            leads.insert(aLead().withId("lead-" + i).withEmail("rep" + i + "@acme.example")
                    .with(LeadField.JOB_TITLE, "Analyst").createdAt(T0).build());
            // Three minutes apart: more than the pull's overlap, so a pull that goes on after page two reads page
            // two's last record again and nothing before it.
            crm.edit(recordId(i), editedAt.plus(Duration.ofMinutes(3L * i)), Map.of(
                    LeadField.WORK_EMAIL, "rep" + i + "@acme.example", LeadField.LAST_NAME, "Rep " + i,
                    LeadField.JOB_TITLE, "Director " + i));
        }
    }

    @Test
    void the_pages_are_merged_in_the_crms_order_each_once_and_each_checkpointed_only_once_merged() {
        List<Boolean> mergedWhenCheckpointed = Collections.synchronizedList(new ArrayList<>());
        schedule.onCheckpoint = watermark -> mergedWhenCheckpointed.add(
                title(Integer.parseInt(watermark.recordId().substring(3))).equals("Director "
                        + Integer.parseInt(watermark.recordId().substring(3))));

        PullReport report = pull.pullNow(WORKSPACE, SALESFORCE, "node-1");

        assertThat(report.stoppedBecause()).isNull();
        assertThat(report.read()).isEqualTo(RECORDS);
        assertThat(report.leadsUpdated()).isEqualTo(RECORDS);
        assertThat(schedule.checkpoints).extracting(CrmChangeReader.Watermark::recordId)
                .containsExactly("00Q2", "00Q4", "00Q6");
        assertThat(mergedWhenCheckpointed).containsExactly(true, true, true);
        assertThat(reader.cursors).containsExactly("first", "2", "4");
        for (int i = 1; i <= RECORDS; i++) {
            assertThat(title(i)).isEqualTo("Director " + i);
        }
    }

    @Test
    void the_next_page_is_read_while_the_last_one_is_merged() throws InterruptedException {
        CountDownLatch secondPageRead = new CountDownLatch(1);
        reader.beforeRead = page -> {
            if (page == 2) {
                secondPageRead.countDown();
            }
        };
        AtomicInteger checkpoints = new AtomicInteger();
        List<Boolean> overlapped = Collections.synchronizedList(new ArrayList<>());
        // The first page's checkpoint (the end of its merge) waits for the second page's read to have begun: were the
        // read to start only after the merge, this would wait in vain and record false.
        schedule.onCheckpoint = watermark -> {
            if (checkpoints.incrementAndGet() == 1) {
                try {
                    overlapped.add(secondPageRead.await(30, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };

        PullReport report = pull.pullNow(WORKSPACE, SALESFORCE, "node-1");

        assertThat(overlapped).containsExactly(true);
        assertThat(report.leadsUpdated()).isEqualTo(RECORDS);
        assertThat(reader.threads.get(0)).isEqualTo(Thread.currentThread().getName());
        assertThat(reader.threads.subList(1, 3)).allMatch(name -> name.equals("leadsync-pull-read-ahead"));
    }

    @Test
    void a_read_that_fails_mid_way_leaves_the_watermark_at_the_last_merged_page_and_the_next_pull_goes_on_from_it() {
        reader.beforeRead = page -> {
            if (page == 3) {
                throw new CrmUnavailableException("Salesforce answered 503");
            }
        };

        PullReport stopped = pull.pullNow(WORKSPACE, SALESFORCE, "node-1");

        assertThat(stopped.stoppedBecause()).contains("503");
        assertThat(stopped.leadsUpdated()).isEqualTo(4);
        assertThat(schedule.checkpoints).extracting(CrmChangeReader.Watermark::recordId)
                .containsExactly("00Q2", "00Q4");
        assertThat(title(5)).isEqualTo("Analyst");
        assertThat(title(6)).isEqualTo("Analyst");

        reader.beforeRead = page -> { };
        clock.advance(Duration.ofMinutes(1));
        PullReport next = pull.pullNow(WORKSPACE, SALESFORCE, "node-1");

        // From page two's last record (less the overlap): that record again, changing nothing, and the two never merged.
        assertThat(next.read()).isEqualTo(3);
        assertThat(next.leadsUpdated()).isEqualTo(2);
        assertThat(title(5)).isEqualTo("Director 5");
        assertThat(title(6)).isEqualTo("Director 6");
    }

    @Test
    void a_merge_that_fails_ends_the_pull_at_the_last_merged_page_and_the_page_read_ahead_is_dropped() {
        schedule.onCheckpoint = watermark -> {
            if (watermark.recordId().equals("00Q4")) {
                throw new IllegalStateException("the database went away");
            }
        };

        assertThatThrownBy(() -> pull.pullNow(WORKSPACE, SALESFORCE, "node-1"))
                .hasMessageContaining("the database went away");

        assertThat(schedule.checkpoints).extracting(CrmChangeReader.Watermark::recordId).containsExactly("00Q2");
        // The third page was read ahead while the second was merged, then dropped: never merged.
        assertThat(reader.cursors).containsExactly("first", "2", "4");
        assertThat(title(5)).isEqualTo("Analyst");
        assertThat(title(6)).isEqualTo("Analyst");
        // No read of this pull runs on after it ended.
        assertThat(reader.finished.get()).isEqualTo(reader.cursors.size());
    }

    @Test
    void pages_out_of_change_order_move_the_watermark_once_after_the_last_page_to_the_highest_record_read() {
        reader.byRecordId = true;

        PullReport report = pull.pullNow(WORKSPACE, SALESFORCE, "node-1");

        assertThat(report.leadsUpdated()).isEqualTo(RECORDS);
        assertThat(schedule.checkpoints).extracting(CrmChangeReader.Watermark::recordId).containsExactly("00Q6");
    }

    @Test
    void a_pull_by_record_id_that_fails_mid_way_moves_no_watermark_and_the_next_pull_reads_its_window_again() {
        reader.byRecordId = true;
        reader.beforeRead = page -> {
            if (page == 3) {
                throw new CrmUnavailableException("HubSpot answered 502");
            }
        };

        PullReport stopped = pull.pullNow(WORKSPACE, SALESFORCE, "node-1");

        assertThat(stopped.stoppedBecause()).contains("502");
        assertThat(stopped.leadsUpdated()).isEqualTo(4);
        // Pages two and one hold records edited after some that page three holds: saving 00Q4 would skip those.
        assertThat(schedule.checkpoints).isEmpty();

        reader.beforeRead = page -> { };
        clock.advance(Duration.ofMinutes(1));
        PullReport next = pull.pullNow(WORKSPACE, SALESFORCE, "node-1");

        assertThat(next.read()).isEqualTo(RECORDS);
        assertThat(next.leadsUpdated()).isEqualTo(2);
        assertThat(title(5)).isEqualTo("Director 5");
        assertThat(title(6)).isEqualTo("Director 6");
        assertThat(schedule.checkpoints).extracting(CrmChangeReader.Watermark::recordId).containsExactly("00Q6");
    }

    private String title(int record) {
        return leads.find(WORKSPACE, new LeadId("lead-" + record)).orElseThrow().value(LeadField.JOB_TITLE)
                .orElse("");
    }

    private static String recordId(int i) {
        return "00Q" + i;
    }

    /** The CRM's reader, noting which pages were read, on which thread, and able to fail a page's read. */
    private static final class ObservedReader implements CrmChangeReader {
        private final FakeCrmChangeReader crm;
        final List<String> cursors = Collections.synchronizedList(new ArrayList<>());
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger finished = new AtomicInteger();
        volatile IntConsumer beforeRead = page -> { };
        /** Pages as a read by record id hands them out: each page's records in another order, flagged so. */
        volatile boolean byRecordId;

        ObservedReader(FakeCrmChangeReader crm) {
            this.crm = crm;
        }

        @Override
        public CrmKind kind() {
            return crm.kind();
        }

        @Override
        public ChangePage changes(CrmSession session, ChangeWindow window, Optional<String> cursor) {
            cursors.add(cursor.orElse("first"));
            threads.add(Thread.currentThread().getName());
            try {
                beforeRead.accept(cursors.size());
                ChangePage page = crm.changes(session, window, cursor);
                if (!byRecordId) {
                    return page;
                }
                List<CrmChange> reversed = new ArrayList<>(page.changes());
                Collections.reverse(reversed);
                return new ChangePage(reversed, page.next(), page.calls(), page.usage(), false);
            } finally {
                finished.incrementAndGet();
            }
        }

        @Override
        public DeletionPage deletions(CrmSession session, Instant since, Instant until) {
            return crm.deletions(session, since, until);
        }
    }

    /** The pull schedule, noting every checkpoint once it is saved; {@code onCheckpoint} runs before saving. */
    private static final class ObservedSchedule implements PullSchedule {
        private final InMemoryPullSchedule schedule;
        final List<Watermark> checkpoints = Collections.synchronizedList(new ArrayList<>());
        volatile java.util.function.Consumer<Watermark> onCheckpoint = watermark -> { };

        ObservedSchedule(InMemoryPullSchedule schedule) {
            this.schedule = schedule;
        }

        @Override
        public List<Due> claimDue(Instant now, String node, Instant leaseUntil, int limit) {
            return schedule.claimDue(now, node, leaseUntil, limit);
        }

        @Override
        public Optional<Due> claimNow(WorkspaceId workspaceId, ConnectionId connectionId, Instant now, String node,
                                      Instant leaseUntil) {
            return schedule.claimNow(workspaceId, connectionId, now, node, leaseUntil);
        }

        @Override
        public void pullBy(WorkspaceId workspaceId, ConnectionId connectionId, Instant latest) {
            schedule.pullBy(workspaceId, connectionId, latest);
        }

        @Override
        public void checkpoint(WorkspaceId workspaceId, ConnectionId connectionId, Watermark watermark) {
            onCheckpoint.accept(watermark);
            schedule.checkpoint(workspaceId, connectionId, watermark);
            checkpoints.add(watermark);
        }

        @Override
        public void startOver(WorkspaceId workspaceId, ConnectionId connectionId) {
            schedule.startOver(workspaceId, connectionId);
        }

        @Override
        public void finished(WorkspaceId workspaceId, ConnectionId connectionId, Instant nextPullAt,
                             Optional<Instant> deletionsCheckedUntil, Optional<String> deletionsResume) {
            schedule.finished(workspaceId, connectionId, nextPullAt, deletionsCheckedUntil, deletionsResume);
        }
    }
}
