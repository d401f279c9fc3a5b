package io.leadsync.domain.sync;

import io.leadsync.domain.crm.ConflictPolicy;
import io.leadsync.domain.lead.LeadField;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SyncEventTest {
    private static final Instant T = Instant.parse("2026-12-04T09:00:00Z");

    @Test
    void a_crm_reason_splits_into_the_crms_code_and_its_message_and_a_reason_without_a_code_keeps_it_whole() {
        SyncEvent.DeliveryFailed coded = SyncEvent.DeliveryFailed.of(SyncEvent.Trigger.CHANGE,
                "INVALID_FIELD: No such column 'Foo__c' on sobject of type Lead", 3, Optional.empty(), List.of());
        SyncEvent.DeliveryFailed plain = SyncEvent.DeliveryFailed.of(SyncEvent.Trigger.CHANGE,
                "HTTP 403: Forbidden", 1, Optional.of(T), List.of());

        assertThat(coded.crmCode()).contains("INVALID_FIELD");
        assertThat(coded.message()).isEqualTo("No such column 'Foo__c' on sobject of type Lead");
        assertThat(coded.reason()).isEqualTo("INVALID_FIELD: No such column 'Foo__c' on sobject of type Lead");
        assertThat(coded.action()).isEqualTo("lead.delivery-failed");
        assertThat(plain.crmCode()).isEmpty();
        assertThat(plain.reason()).isEqualTo("HTTP 403: Forbidden");
        assertThat(plain.action()).as("a failure that is retried").isEqualTo("lead.push-retry");
    }

    @Test
    void the_detail_reads_as_the_audit_always_wrote_it_so_api_readers_keep_working() {
        List<FieldDiff> fields = List.of(new FieldDiff(LeadField.JOB_TITLE, Optional.empty(), Optional.of("Engineer")),
                new FieldDiff(LeadField.STATUS, Optional.of("NEW"), Optional.of("CONTACTED")));

        assertThat(new SyncEvent.LeadPushed(SyncEvent.Trigger.CHANGE, Optional.of("00Q1"), false, fields).summary())
                .isEqualTo("push (lead change): CRM record 00Q1 updated; jobTitle: (empty) -> 'Engineer'; "
                        + "status: 'NEW' -> 'CONTACTED'");
        assertThat(SyncEvent.DeliveryFailed.of(SyncEvent.Trigger.SYNC_NOW, "UNABLE_TO_LOCK_ROW: busy", 1,
                Optional.of(T), fields).summary()).startsWith("push (sync now): attempt 1 failed, retried at "
                + T + ": UNABLE_TO_LOCK_ROW: busy; jobTitle: (empty) -> 'Engineer'");
        assertThat(new SyncEvent.PushRun(Map.of(SyncEvent.Trigger.BACKFILL, 300), 300, 300, 0, 0, 5, 900, true,
                Optional.empty()).summary()).isEqualTo("background push, started by the worker for 300 backfill: "
                + "300 record(s), 300 written, 0 failed, 0 to retry, 5 CRM call(s), 900 ms, through a Bulk API 2.0 job");
        assertThat(new SyncEvent.LeadPulled("00Q1", List.of(new PulledField(LeadField.JOB_TITLE, Optional.of("Founder"),
                Optional.of("CTO"), PulledField.Flow.TAKEN, Optional.of(new ConflictResolution(ConflictPolicy.CRM_WINS,
                Side.CRM, Optional.of("Founder"), Optional.of("CTO")))))).summary())
                .isEqualTo("CRM record 00Q1: jobTitle: 'Founder' -> 'CTO' (from the CRM, conflict settled by "
                        + "CRM_WINS: crm won, LeadSync had 'Founder', the CRM 'CTO')");
        assertThat(new SyncEvent.SettingsChanged(List.of(new SyncEvent.SettingChange("frequency", "EVERY_5_MIN",
                "REALTIME"))).summary()).isEqualTo("frequency EVERY_5_MIN -> REALTIME");
    }

    @Test
    void a_field_with_no_value_before_and_after_is_no_change() {
        assertThat(new FieldDiff(LeadField.CITY, Optional.empty(), Optional.empty()).changed()).isFalse();
        assertThat(new FieldDiff(LeadField.CITY, Optional.of("Oslo"), Optional.of("Oslo")).changed()).isFalse();
        assertThat(new FieldDiff(LeadField.CITY, Optional.empty(), Optional.of("Oslo")).changed()).isTrue();
    }

    @Test
    void a_merge_decision_becomes_the_pulled_fields_flow_and_a_kept_value_is_no_line() {
        Optional<ConflictResolution> conflict = Optional.of(new ConflictResolution(ConflictPolicy.APP_WINS, Side.APP,
                Optional.of("CTO"), Optional.of("CEO")));

        assertThat(PulledField.of(LeadField.JOB_TITLE, Optional.of("VP"), new SyncDecision.Push(Optional.of("CTO"),
                conflict))).contains(new PulledField(LeadField.JOB_TITLE, Optional.of("VP"), Optional.of("CTO"),
                PulledField.Flow.OWED_TO_CRM, conflict));
        assertThat(PulledField.of(LeadField.CITY, Optional.of("Oslo"), new SyncDecision.Hold(Side.CRM,
                Optional.empty()))).get().extracting(PulledField::flow).isEqualTo(PulledField.Flow.HELD_FROM_CRM);
        assertThat(PulledField.of(LeadField.CITY, Optional.of("Oslo"), new SyncDecision.Keep(Optional.of("Oslo"))))
                .isEmpty();
    }
}
