package io.leadsync.domain.crm;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyncSettingsTest {

    @Test
    void a_new_connection_syncs_every_five_minutes_both_ways_and_the_crm_wins_conflicts() {
        SyncSettings defaults = SyncSettings.defaults();

        assertThat(defaults.frequency()).isEqualTo(SyncFrequency.EVERY_5_MIN);
        assertThat(defaults.direction()).isEqualTo(SyncDirection.BIDIRECTIONAL);
        assertThat(defaults.conflictPolicy()).isEqualTo(ConflictPolicy.CRM_WINS);
        assertThat(defaults.targetObject()).isEqualTo(TargetObject.LEAD);
    }

    @Test
    void by_default_leads_create_crm_records_but_unknown_crm_records_do_not_create_leads() {
        SyncSettings defaults = SyncSettings.defaults();

        assertThat(defaults.createRecordsInCrm()).isTrue();
        assertThat(defaults.createLeadsFromCrm()).isFalse();
    }

    @Test
    void every_setting_is_required() {
        assertThatThrownBy(() -> new SyncSettings(null, SyncDirection.PUSH, ConflictPolicy.APP_WINS, true, true,
                TargetObject.LEAD)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SyncSettings(SyncFrequency.HOURLY, null, ConflictPolicy.APP_WINS, true, true,
                TargetObject.LEAD)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SyncSettings(SyncFrequency.HOURLY, SyncDirection.PUSH, null, true, true,
                TargetObject.LEAD)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SyncSettings(SyncFrequency.HOURLY, SyncDirection.PUSH, ConflictPolicy.APP_WINS,
                true, true, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void each_frequency_pulls_at_its_interval_and_realtime_pulls_every_minute() {
        assertThat(SyncFrequency.REALTIME.pullInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(SyncFrequency.EVERY_5_MIN.pullInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(SyncFrequency.EVERY_15_MIN.pullInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(SyncFrequency.HOURLY.pullInterval()).isEqualTo(Duration.ofHours(1));
    }
}
