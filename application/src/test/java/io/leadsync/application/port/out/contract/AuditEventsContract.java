package io.leadsync.application.port.out.contract;

import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.domain.crm.ConflictPolicy;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.sync.ConflictResolution;
import io.leadsync.domain.sync.FieldDiff;
import io.leadsync.domain.sync.PulledField;
import io.leadsync.domain.sync.Side;
import io.leadsync.domain.sync.SyncEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link AuditLog} does with typed sync events (ADR 0063): each kind comes back as it was written, one by
 * one or in a batch, and an entry written as prose (before the events, or by code not yet typed) comes back as prose
 * with no event, so the pages show it as they always did.
 */
public abstract class AuditEventsContract {
    private static final UUID CONNECTION = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
    private AuditLog audit;

    protected abstract StoragePorts emptyStorage();

    @BeforeEach
    void setUp() {
        audit = emptyStorage().withFixtureWorkspaces().audit();
    }

    /** One of every kind, with optional parts both present and absent. */
    static List<SyncEvent> everyKind() {
        List<FieldDiff> fields = List.of(new FieldDiff(LeadField.JOB_TITLE, Optional.of("CTO"), Optional.of("CEO")),
                new FieldDiff(LeadField.CITY, Optional.empty(), Optional.of("Oslo \"centre\" \u00e6\u00f8\u00e5")),
                new FieldDiff(LeadField.INDUSTRY, Optional.empty(), Optional.empty()));
        return List.of(
                new SyncEvent.LeadPushed(SyncEvent.Trigger.CHANGE, Optional.of("00Q1"), true, fields),
                new SyncEvent.LeadPushed(SyncEvent.Trigger.SYNC_NOW, Optional.empty(), false, List.of()),
                SyncEvent.DeliveryFailed.of(SyncEvent.Trigger.RESYNC, "INVALID_FIELD: No such column 'Foo__c'", 3,
                        Optional.empty(), fields),
                SyncEvent.DeliveryFailed.of(SyncEvent.Trigger.BACKFILL, "HTTP 503: Service Unavailable", 1,
                        Optional.of(T0.plusSeconds(60)), List.of()),
                new SyncEvent.LeadSkipped("no work email"),
                new SyncEvent.LeadPulled("00Q2", List.of(
                        new PulledField(LeadField.JOB_TITLE, Optional.of("Founder"), Optional.of("CTO"),
                                PulledField.Flow.TAKEN, Optional.of(new ConflictResolution(ConflictPolicy.CRM_WINS,
                                Side.CRM, Optional.of("Founder"), Optional.of("CTO")))),
                        new PulledField(LeadField.STATUS, Optional.of("NEW"), Optional.of("CONTACTED"),
                                PulledField.Flow.OWED_TO_CRM, Optional.of(new ConflictResolution(
                                ConflictPolicy.APP_WINS, Side.APP, Optional.of("CONTACTED"), Optional.empty()))),
                        new PulledField(LeadField.CITY, Optional.empty(), Optional.empty(),
                                PulledField.Flow.HELD_FROM_CRM, Optional.empty()))),
                new SyncEvent.PullRefused("00Q3", "the record is linked to lead bob"),
                new SyncEvent.LeadConverted("00Q4", "0031", Optional.of("0011"), "on a pull"),
                new SyncEvent.LeadConverted("00Q5", "0032", Optional.empty(), "on a push"),
                new SyncEvent.LeadMerged("00Q6", "00Q7", Optional.of("bob")),
                new SyncEvent.LeadMerged("00Q8", "00Q9", Optional.empty()),
                new SyncEvent.PushRun(Map.of(SyncEvent.Trigger.CHANGE, 2, SyncEvent.Trigger.PULL, 1), 3, 2, 1, 0, 1,
                        420, false, Optional.empty()),
                new SyncEvent.PushRun(Map.of(), 0, 0, 0, 0, 0, 5, true, Optional.of("the CRM failed: 503")),
                new SyncEvent.PullRun(10, 2, 1, 6, 1, 0, 0, 0, 0, 1, 2, 800, "pull now", Optional.empty()),
                new SyncEvent.PullRun(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 30, "the worker",
                        Optional.of("rate limited")),
                new SyncEvent.SyncNowRun(3, 1, 1, 0, 2, 1_200, true),
                new SyncEvent.SettingsChanged(List.of(new SyncEvent.SettingChange("frequency", "EVERY_5_MIN",
                        "REALTIME"))),
                new SyncEvent.Connected("admin@acme.example", "Acme Corp"),
                new SyncEvent.Disconnected());
    }

    @Test
    void every_kind_of_event_comes_back_as_it_was_written_one_by_one_and_in_a_batch() {
        List<AuditEntry> single = new ArrayList<>();
        List<AuditEntry> batch = new ArrayList<>();
        List<SyncEvent> events = everyKind();
        for (int i = 0; i < events.size(); i++) {
            single.add(AuditEntry.of(UUID.randomUUID(), WORKSPACE, T0.plusSeconds(i), "sync", Optional.of("ada"),
                    Optional.of(CONNECTION), events.get(i)));
            batch.add(AuditEntry.of(UUID.randomUUID(), WORKSPACE, T0.plusSeconds(1_000 + i), "sync",
                    Optional.of("bob"), Optional.of(CONNECTION), events.get(i)));
        }
        single.forEach(audit::record);
        audit.recordAll(batch);

        List<AuditEntry> back = new ArrayList<>(audit.recent(WORKSPACE, 1_000));
        java.util.Collections.reverse(back);
        List<AuditEntry> written = new ArrayList<>(single);
        written.addAll(batch);
        assertThat(back).containsExactlyElementsOf(written);
        assertThat(back).allSatisfy(entry -> {
            assertThat(entry.action()).isEqualTo(entry.event().orElseThrow().action());
            assertThat(entry.detail()).isEqualTo(entry.event().orElseThrow().summary());
        });
    }

    @Test
    void a_prose_entry_comes_back_as_prose_without_an_event() {
        AuditEntry prose = new AuditEntry(UUID.randomUUID(), WORKSPACE, T0, "admin", "routing.changed",
                Optional.empty(), Optional.empty(), "routing rules replaced: 2 rule(s)");
        audit.record(prose);

        assertThat(audit.recent(WORKSPACE, 10)).singleElement().satisfies(entry -> {
            assertThat(entry).isEqualTo(prose);
            assertThat(entry.event()).isEmpty();
        });
    }
}
