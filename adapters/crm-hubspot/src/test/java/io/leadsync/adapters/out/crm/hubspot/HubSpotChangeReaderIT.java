package io.leadsync.adapters.out.crm.hubspot;

import io.leadsync.application.port.out.AccessTokenRejectedException;
import io.leadsync.application.port.out.CrmChangeReader.ChangePage;
import io.leadsync.application.port.out.CrmChangeReader.ChangeWindow;
import io.leadsync.application.port.out.CrmChangeReader.CrmChange;
import io.leadsync.application.port.out.CrmChangeReader.Deletion;
import io.leadsync.application.port.out.CrmChangeReader.DeletionPage;
import io.leadsync.application.port.out.CrmChangeReader.Watermark;
import io.leadsync.application.port.out.CrmRateLimitedException;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmIdentity;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.sandbox.hubspot.HubSpotSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HubSpot change reader over real HTTP against the HubSpot sandbox, on a clock the tests move. */
class HubSpotChangeReaderIT {
    private static final List<FieldMapping> MAPPINGS = DefaultMappings.hubspot("LeadSync");
    private static final Duration LAG = Duration.ofSeconds(1);
    private static final String SEARCH = "POST /crm/v3/objects/contacts/search";
    /** How the reader's watermarks must come: by stamp, then by HubSpot's numeric id. */
    private static final Comparator<CrmChange> CHANGE_ORDER = Comparator.comparing(CrmChange::modifiedAt)
            .thenComparing(CrmChange::crmRecordId, HubSpotChangeReader.ID_ORDER);

    private static final TestClock clock = new TestClock();
    private static HubSpotSandbox sandbox;
    private static HubSpotHttp http;
    private static HubSpotChangeReader reader;
    /** Reads every window by stamp, as the reader does for a window of more than 20,000 changes. */
    private static HubSpotChangeReader byStamp;
    private static HubSpotLeadWriter writer;
    private static HubSpotProvisioner provisioner;
    private CrmSession session;

    @BeforeAll
    static void start() {
        sandbox = HubSpotSandbox.start(0, clock);
        HubSpotSettings settings = new HubSpotSettings(URI.create(sandbox.baseUrl()),
                URI.create(sandbox.baseUrl() + "/oauth/authorize"), HubSpotSandbox.CLIENT_ID,
                HubSpotSandbox.CLIENT_SECRET, URI.create("http://localhost:8080/oauth/callback"), Duration.ofSeconds(30));
        http = new HubSpotHttp(settings);
        reader = new HubSpotChangeReader(http);
        byStamp = new HubSpotChangeReader(http, duration -> Thread.sleep(duration.toMillis()), 0);
        writer = new HubSpotLeadWriter(http);
        provisioner = new HubSpotProvisioner(http);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        clock.run();
        sandbox.reset();
        session = session();
        assertThat(provisioner.provision(session).isReady()).isTrue();
    }

    @Test
    void a_reps_edit_comes_back_as_canonical_values_by_app_field_and_push_only_fields_are_not_read() {
        Instant t0 = clock.freeze();
        String contactId = writer.upsert(session, List.of(record("ada", "ada@analytical.example")))
                .results().get(0).crmRecordId().orElseThrow();
        clock.set(t0.plusSeconds(5));
        sandbox.editAsRep("contacts", contactId, Map.of("firstname", "Augusta", "leadsync_outreach_score", "91",
                "leadsync_last_visit", "1769851800000", "city", "", "leadsync_status", "On holiday"));
        clock.runFrom(t0.plusSeconds(10));

        ChangePage page = reader.changes(session, window(Watermark.origin()), Optional.empty());

        assertThat(page.next()).isEmpty();
        assertThat(page.calls()).isEqualTo(1);
        CrmChange change = page.changes().get(0);
        assertThat(page.changes()).hasSize(1);
        assertThat(change.crmRecordId()).isEqualTo(contactId);
        assertThat(change.modifiedAt()).isEqualTo(t0.plusSeconds(5));
        assertThat(change.values())
                .containsEntry(LeadField.LEAD_ID, Optional.of("ada"))
                .containsEntry(LeadField.FIRST_NAME, Optional.of("Augusta"))
                .containsEntry(LeadField.LAST_NAME, Optional.of("Lovelace"))
                .containsEntry(LeadField.WORK_EMAIL, Optional.of("ada@analytical.example"))
                .containsEntry(LeadField.OUTREACH_SCORE, Optional.of("91"))
                .containsEntry(LeadField.IS_DQL, Optional.of("true"))
                .containsEntry(LeadField.LAST_VISIT, Optional.of("2026-01-31T09:30:00Z"))
                .containsEntry(LeadField.CITY, Optional.empty())
                .containsEntry(LeadField.JOB_TITLE, Optional.empty())
                .doesNotContainKey(LeadField.LEAD_SOURCE)
                .doesNotContainKey(LeadField.STATUS);
        assertThat(change.unreadable()).singleElement().satisfies(reason ->
                assertThat(reason).contains("status").contains("On holiday"));
    }

    @Test
    void changes_come_by_stamp_then_id_across_pages_and_a_watermark_inside_a_tie_resumes_right_after_it() {
        Instant t0 = clock.freeze();
        create(3, "early");
        clock.set(t0.plusMillis(5));
        // 450 contacts in one millisecond: a tie longer than two search pages.
        create(450, "tied");
        clock.set(t0.plusMillis(9));
        create(2, "late");
        clock.runFrom(t0.plusSeconds(5));

        Pull all = pull(byStamp, window(Watermark.origin()));

        assertThat(all.changes()).hasSize(455).isSortedAccordingTo(CHANGE_ORDER);
        assertThat(all.changes().stream().map(CrmChange::crmRecordId).distinct()).hasSize(455);
        assertThat(all.changes().get(3).modifiedAt()).isEqualTo(t0.plusMillis(5));
        assertThat(all.changes().get(454).modifiedAt()).isEqualTo(t0.plusMillis(9));

        // The caller saved the watermark of the 100th tied contact, and pulls again from it.
        Watermark saved = all.changes().get(102).watermark();
        Pull resumed = pull(byStamp, window(saved));

        assertThat(resumed.changes()).isEqualTo(all.changes().subList(103, 455));
        // By id (the window is small), from the same watermark: the same changes, each once.
        assertThat(pull(window(saved)).changes()).containsExactlyInAnyOrderElementsOf(all.changes().subList(103, 455));
    }

    @Test
    void until_leaves_out_edits_made_after_it_and_a_later_window_brings_them() {
        Instant t0 = clock.freeze();
        List<String> ids = create(3, "rep");
        clock.set(t0.plusSeconds(10));
        sandbox.editAsRep("contacts", ids.get(1), Map.of("jobtitle", "Analyst"));
        clock.runFrom(t0.plusSeconds(20));

        Pull first = pull(new ChangeWindow(Watermark.origin(), t0.plusSeconds(5)));

        // Search shows the edited contact as it is now, stamped after until: it waits for the next window.
        assertThat(first.changes()).extracting(CrmChange::crmRecordId).containsExactly(ids.get(0), ids.get(2));
        Pull second = pull(new ChangeWindow(first.changes().get(1).watermark(), t0.plusSeconds(19)));
        assertThat(second.changes()).singleElement().satisfies(change -> {
            assertThat(change.crmRecordId()).isEqualTo(ids.get(1));
            assertThat(change.values()).containsEntry(LeadField.JOB_TITLE, Optional.of("Analyst"));
        });
    }

    @Test
    void an_edit_search_has_not_indexed_yet_is_not_read_before_its_lag_has_passed() {
        Instant t0 = clock.freeze();
        List<String> ids = create(1, "fresh");
        clock.set(t0.plusMillis(500));

        // A caller that ignored the lag would move its watermark past this edit without seeing it.
        assertThat(reader.changes(session, new ChangeWindow(Watermark.origin(), clock.instant()), Optional.empty())
                .changes()).isEmpty();

        clock.runFrom(t0.plus(LAG).plusMillis(1));
        assertThat(pull(window(Watermark.origin())).changes()).extracting(CrmChange::crmRecordId)
                .containsExactly(ids.get(0));
    }

    @Test
    void twelve_thousand_contacts_changed_in_one_minute_all_come_once_despite_the_ten_thousand_result_cap() {
        Instant t0 = clock.freeze();
        // A bulk import: 10,500 contacts in one millisecond, then 1,500 more over the rest of the minute.
        create(10_500, "import");
        for (int i = 1; i <= 1_500; i++) {
            clock.set(t0.plusMillis(i * 39L));
            create(1, "workflow-" + i);
        }
        clock.runFrom(t0.plusSeconds(65));
        long searchesBefore = sandbox.callCounts().getOrDefault(SEARCH, 0L);
        long started = System.nanoTime();

        Pull all = pull(byStamp, window(Watermark.origin()));

        long millis = (System.nanoTime() - started) / 1_000_000;
        long answered = sandbox.callCounts().getOrDefault(SEARCH, 0L) - searchesBefore;
        long beforeById = sandbox.callCounts().getOrDefault(SEARCH, 0L);
        Pull byId = pull(window(Watermark.origin()));
        assertThat(byId.changes()).containsExactlyInAnyOrderElementsOf(all.changes());
        // By id every page is full: 12,000 / 200.
        assertThat(sandbox.callCounts().getOrDefault(SEARCH, 0L) - beforeById).isEqualTo(60);
        System.out.printf("12,000 changes: %d pages, %d calls by the reader (%d searches answered, %d refused by the"
                + " 5/s limit), %d ms%n", all.pages(), all.calls(), answered, all.calls() - answered, millis);
        assertThat(all.changes()).hasSize(12_000).isSortedAccordingTo(CHANGE_ORDER);
        assertThat(all.changes().stream().map(CrmChange::crmRecordId).distinct()).hasSize(12_000);
        assertThat(all.changes().get(10_499).modifiedAt()).isEqualTo(t0);
        assertThat(all.changes().get(11_999).modifiedAt()).isEqualTo(t0.plusMillis(1_500 * 39L));
        // 12,000 / 200 = 60 pages of results; a few more searches end a stamp or start one.
        assertThat(answered).isLessThan(70);
        // The reader spaces its searches to the portal's 5 a second, so it spends (next to) no calls on 429s.
        assertThat(all.calls() - answered).isLessThanOrEqualTo(2);
    }

    @Test
    void a_contact_a_rep_edits_again_while_the_pull_pages_moves_no_other_contact_out_of_reach() {
        sandbox.searchLag(Duration.ZERO);
        Instant t0 = clock.freeze();
        for (int i = 0; i < 450; i++) {
            clock.set(t0.plusMillis(i));
            create(1, "paged-" + i);
        }
        clock.runFrom(t0.plusSeconds(5));
        ChangeWindow window = new ChangeWindow(Watermark.origin(), clock.instant());
        ChangePage first = byStamp.changes(session, window, Optional.empty());
        // An offset-paged search would now skip one contact: this one leaves the window and the rest move up.
        sandbox.editAsRep("contacts", first.changes().get(10).crmRecordId(), Map.of("jobtitle", "Moved on"));

        List<CrmChange> all = new ArrayList<>(first.changes());
        Optional<String> next = first.next();
        while (next.isPresent()) {
            ChangePage page = byStamp.changes(session, window, next);
            all.addAll(page.changes());
            next = page.next();
        }

        assertThat(all).hasSize(450).isSortedAccordingTo(CHANGE_ORDER);
    }

    @Test
    void a_window_whose_ids_run_against_its_stamps_is_read_by_id_in_full_pages_and_an_edit_meanwhile_comes_next_window() {
        sandbox.searchLag(Duration.ZERO);
        Instant t0 = clock.freeze();
        List<String> ids = create(450, "old");
        // Reps edit them newest first: by stamp the highest ids come first, by id the last edited.
        for (int i = 0; i < ids.size(); i++) {
            clock.set(t0.plusSeconds(60).plusMillis(i));
            sandbox.editAsRep("contacts", ids.get(ids.size() - 1 - i), Map.of("jobtitle", "Edit " + i));
        }
        clock.runFrom(t0.plusSeconds(70));
        ChangeWindow window = new ChangeWindow(new Watermark(t0.plusSeconds(30), ""), clock.instant());
        long searchesBefore = sandbox.callCounts().getOrDefault(SEARCH, 0L);

        ChangePage first = reader.changes(session, window, Optional.empty());
        // Not yet read: the rep edits it again, after the window's end.
        sandbox.editAsRep("contacts", ids.get(449), Map.of("jobtitle", "Edited again"));
        List<CrmChange> all = new ArrayList<>(first.changes());
        Optional<String> next = first.next();
        while (next.isPresent()) {
            ChangePage page = reader.changes(session, window, next);
            assertThat(page.inChangeOrder()).isFalse();
            all.addAll(page.changes());
            next = page.next();
        }

        assertThat(first.inChangeOrder()).as("records by id, not by stamp").isFalse();
        assertThat(first.changes()).hasSize(200);
        assertThat(sandbox.callCounts().getOrDefault(SEARCH, 0L) - searchesBefore).as("full pages").isEqualTo(3);
        assertThat(all).extracting(CrmChange::crmRecordId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ids.subList(0, 449));
        // The caller saves the highest watermark it read; the next window brings the contact edited meanwhile.
        Watermark highest = all.stream().map(CrmChange::watermark).max(Comparator.naturalOrder()).orElseThrow();
        clock.runFrom(clock.instant().plusSeconds(5));
        assertThat(pull(window(new Watermark(highest.modifiedAt().minusSeconds(120), ""))).changes())
                .extracting(CrmChange::crmRecordId).contains(ids.get(449));
    }

    @Test
    void an_archived_contact_is_a_deletion_up_to_the_window_end_and_never_a_change() {
        Instant t0 = clock.freeze();
        List<String> ids = create(4, "bin");
        clock.set(t0.plusSeconds(2));
        sandbox.archiveAsRep("contacts", ids.get(0));
        clock.set(t0.plusSeconds(10));
        sandbox.archiveAsRep("contacts", ids.get(2));
        clock.set(t0.plusSeconds(20));
        sandbox.archiveAsRep("contacts", ids.get(3));
        clock.runFrom(t0.plusSeconds(30));

        DeletionPage deletions = reader.deletions(session, t0.plusSeconds(5), t0.plusSeconds(20));

        // The scan is spread over cycles (ADR 0032), so it reports what is archived up to the window's end, the
        // earlier ones again (marking a link deleted twice is a no-op).
        assertThat(deletions.deletions()).containsExactly(new Deletion(ids.get(0), t0.plusSeconds(2)),
                new Deletion(ids.get(2), t0.plusSeconds(10)), new Deletion(ids.get(3), t0.plusSeconds(20)));
        assertThat(deletions.calls()).isEqualTo(1);
        assertThat(pull(window(Watermark.origin())).changes()).extracting(CrmChange::crmRecordId)
                .containsExactly(ids.get(1));
    }

    @Test
    void archived_contacts_are_read_over_every_list_page() {
        Instant t0 = clock.freeze();
        List<String> ids = create(230, "gone");
        clock.set(t0.plusSeconds(1));
        ids.forEach(id -> sandbox.archiveAsRep("contacts", id));
        clock.runFrom(t0.plusSeconds(2));

        DeletionPage deletions = reader.deletions(session, t0, clock.instant());

        assertThat(deletions.deletions()).extracting(Deletion::crmRecordId).containsExactlyElementsOf(ids);
        assertThat(deletions.calls()).isEqualTo(3);
    }

    @Test
    void an_expired_access_token_is_refused_for_changes_and_deletions() {
        sandbox.accessTokenLifetime(Duration.ZERO);

        assertThatThrownBy(() -> reader.changes(session, window(Watermark.origin()), Optional.empty()))
                .isInstanceOf(AccessTokenRejectedException.class).hasMessageContaining("EXPIRED_AUTHENTICATION");
        assertThatThrownBy(() -> reader.deletions(session, Instant.EPOCH, clock.instant()))
                .isInstanceOf(AccessTokenRejectedException.class).hasMessageContaining("EXPIRED_AUTHENTICATION");
    }

    @Test
    void the_search_limit_is_waited_out_a_few_times_then_reported_and_a_daily_limit_at_once() {
        List<Duration> waits = new ArrayList<>();
        HubSpotChangeReader waiting = new HubSpotChangeReader(http, waits::add);
        sandbox.limits(null, null, 0, null);

        assertThatThrownBy(() -> waiting.changes(session, window(Watermark.origin()), Optional.empty()))
                .isInstanceOfSatisfying(CrmRateLimitedException.class, limited -> {
                    assertThat(limited.daily()).isFalse();
                    assertThat(limited.getMessage()).contains("SECONDLY");
                });
        assertThat(waits).containsExactly(HubSpotChangeReader.SEARCH_WAIT, HubSpotChangeReader.SEARCH_WAIT,
                HubSpotChangeReader.SEARCH_WAIT);

        waits.clear();
        sandbox.limits(null, 1, 5, null);
        assertThatThrownBy(() -> waiting.changes(session, window(Watermark.origin()), Optional.empty()))
                .isInstanceOfSatisfying(CrmRateLimitedException.class, limited ->
                        assertThat(limited.daily()).isTrue());
        assertThat(waits).isEmpty();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** Every page of a window, as a caller would pull them, saving nothing. */
    private Pull pull(ChangeWindow window) {
        return pull(reader, window);
    }

    private Pull pull(HubSpotChangeReader reader, ChangeWindow window) {
        List<CrmChange> changes = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int calls = 0;
        int pages = 0;
        do {
            ChangePage page = reader.changes(session, window, cursor);
            changes.addAll(page.changes());
            calls += page.calls();
            pages++;
            cursor = page.next();
            assertThat(pages).as("pages").isLessThan(1_000);
        } while (cursor.isPresent());
        return new Pull(changes, calls, pages);
    }

    private record Pull(List<CrmChange> changes, int calls, int pages) {
    }

    /** A window as the caller sets it: until is now less the search lag. */
    private static ChangeWindow window(Watermark after) {
        return new ChangeWindow(after, clock.instant().minus(LAG));
    }

    /** Contacts a rep makes in HubSpot (no API calls); their ids in the order made. */
    private static List<String> create(int count, String name) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add((String) sandbox.createAsRep("contacts", Map.of("firstname", name, "lastname", "No " + i))
                    .get("id"));
        }
        return ids;
    }

    private static CrmSession session() {
        Map<String, Object> tokens = sandbox.tokensFor("admin@acme.example");
        CrmIdentity identity = new CrmIdentity("admin@acme.example", HubSpotSandbox.PORTAL_NAME,
                Long.toString(HubSpotSandbox.HUB_ID), Optional.empty());
        return new CrmSession(new ConnectionId(UUID.randomUUID()), identity,
                new CrmTokens((String) tokens.get("access_token"),
                        Optional.ofNullable((String) tokens.get("refresh_token")), Optional.empty(), clock.instant()),
                MAPPINGS);
    }

    private static CrmRecord record(String leadId, String email) {
        Map<LeadField, Optional<String>> values = new EnumMap<>(LeadField.class);
        values.put(LeadField.LEAD_ID, Optional.of(leadId));
        values.put(LeadField.FIRST_NAME, Optional.of("Ada"));
        values.put(LeadField.LAST_NAME, Optional.of("Lovelace"));
        values.put(LeadField.WORK_EMAIL, Optional.of(email));
        values.put(LeadField.OUTREACH_SCORE, Optional.of("87"));
        values.put(LeadField.IS_DQL, Optional.of("true"));
        values.put(LeadField.LAST_VISIT, Optional.of("2026-01-31T09:30:00Z"));
        values.put(LeadField.LEAD_SOURCE, Optional.of("Acme SDR"));
        values.put(LeadField.CITY, Optional.of("London"));
        return new CrmRecord(new LeadId(leadId), values);
    }

    /**
     * The sandbox's clock: running with real time (so the 5-a-second search window passes as the reader waits), or
     * held at an instant so that many writes share one millisecond. It never goes back, as issued tokens expect.
     */
    static final class TestClock extends Clock {
        private Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        private long baseNanos = System.nanoTime();
        private boolean frozen;

        @Override
        public synchronized Instant instant() {
            return frozen ? base : base.plusNanos(System.nanoTime() - baseNanos);
        }

        /** Holds the clock at the current millisecond; answers it. */
        synchronized Instant freeze() {
            base = instant().truncatedTo(ChronoUnit.MILLIS);
            frozen = true;
            return base;
        }

        /** Holds the clock at {@code at}, which must not be before the current instant. */
        synchronized void set(Instant at) {
            if (at.isBefore(instant())) {
                throw new IllegalArgumentException("the clock does not go back");
            }
            base = at;
            frozen = true;
        }

        /** Lets the clock run with real time from {@code at}, which must not be before the current instant. */
        synchronized void runFrom(Instant at) {
            set(at);
            run();
        }

        /** Lets the clock run with real time from where it stands. */
        synchronized void run() {
            base = instant();
            baseNanos = System.nanoTime();
            frozen = false;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
