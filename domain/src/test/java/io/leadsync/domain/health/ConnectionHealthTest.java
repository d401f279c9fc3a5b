package io.leadsync.domain.health;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.ConnectionState;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmIdentity;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.SyncSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

class ConnectionHealthTest {
    private static final ConnectionId ID = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000c1"));
    private static final String HIDDEN = "No such column 'LeadSync_Outreach_Score__c' on entity 'Lead'";
    private static final Instant NOW = T0.plusSeconds(600);

    private static CrmConnection in(ConnectionState state) {
        return CrmConnection.restore(ID, WORKSPACE, CrmKind.SALESFORCE, state,
                state == ConnectionState.CONNECTED ? Optional.empty() : Optional.of("the CRM refused the refresh token"),
                Optional.of(new CrmIdentity("admin@acme.example", "Acme Corp", "00D000000000001", Optional.empty())),
                SyncSettings.defaults(), List.of(), T0, T0);
    }

    private static ConnectionHealth assess(ConnectionState state, SyncSignals signals, QueueTally queue) {
        return ConnectionHealth.assess(in(state), signals, queue, HealthPolicy.DEFAULT, NOW);
    }

    @Test
    void a_connection_whose_rounds_get_through_is_healthy_and_says_how_many_leads_wait() {
        SyncSignals signals = SyncSignals.NONE.after(SyncRound.push(T0, 5, 0, 0, Optional.empty()))
                .after(SyncRound.pulled(T0, 2));

        ConnectionHealth health = assess(ConnectionState.CONNECTED, signals,
                new QueueTally(3, 0, 0, 0, Optional.empty()));

        assertThat(health.state()).isEqualTo(HealthState.HEALTHY);
        assertThat(health.reason()).contains("3 leads wait");
        assertThat(health.lastPushOkAt()).contains(T0);
        assertThat(health.needsAttention()).isFalse();
    }

    @Test
    void a_failed_pull_degrades_a_connected_connection_with_the_crms_words() {
        SyncSignals signals = SyncSignals.NONE.after(SyncRound.pulled(T0, 1)).after(SyncRound.pullStopped(NOW, HIDDEN));

        ConnectionHealth health = assess(ConnectionState.CONNECTED, signals, QueueTally.EMPTY);

        assertThat(health.state()).isEqualTo(HealthState.DEGRADED);
        assertThat(health.reason()).contains("The last pull failed").contains(HIDDEN);
        assertThat(health.needsAttention()).isTrue();
    }

    @Test
    void three_pulls_in_a_row_that_fail_make_it_failing_and_one_that_gets_through_heals_it() {
        SyncSignals signals = SyncSignals.NONE;
        for (int i = 0; i < 3; i++) {
            signals = signals.after(SyncRound.pullStopped(T0.plusSeconds(i), HIDDEN));
        }

        assertThat(assess(ConnectionState.CONNECTED, signals, QueueTally.EMPTY).state())
                .isEqualTo(HealthState.FAILING);
        assertThat(assess(ConnectionState.CONNECTED, signals, QueueTally.EMPTY).reason())
                .startsWith("Pulls stopped: the last 3 failed.");
        assertThat(assess(ConnectionState.CONNECTED, signals.after(SyncRound.pulled(NOW, 0)), QueueTally.EMPTY)
                .state()).isEqualTo(HealthState.HEALTHY);
    }

    @Test
    void refused_records_leave_failed_leads_that_keep_it_degraded_until_they_are_resent() {
        SyncSignals signals = SyncSignals.NONE.after(SyncRound.push(T0, 0, 2, 0,
                Optional.of("INVALID_FIELD: " + HIDDEN)));

        ConnectionHealth degraded = assess(ConnectionState.CONNECTED, signals,
                new QueueTally(0, 0, 2, 0, Optional.empty()));
        SyncSignals later = signals.after(SyncRound.push(NOW, 2, 0, 0, Optional.empty()));

        assertThat(degraded.state()).isEqualTo(HealthState.DEGRADED);
        assertThat(degraded.reason()).contains("The last push failed").contains("2 leads could not be delivered");
        assertThat(degraded.failedLeads()).isEqualTo(2);
        assertThat(assess(ConnectionState.CONNECTED, later, new QueueTally(0, 0, 2, 0, Optional.empty())).state())
                .as("resent elsewhere but still FAILED in the queue").isEqualTo(HealthState.DEGRADED);
        assertThat(assess(ConnectionState.CONNECTED, later, QueueTally.EMPTY).state()).isEqualTo(HealthState.HEALTHY);
    }

    @Test
    void a_due_lead_waiting_past_the_policy_degrades_it_even_without_errors() {
        QueueTally stuck = new QueueTally(4, 4, 0, 0, Optional.of(NOW.minus(Duration.ofMinutes(40))));

        ConnectionHealth health = assess(ConnectionState.CONNECTED, SyncSignals.NONE, stuck);

        assertThat(health.state()).isEqualTo(HealthState.DEGRADED);
        assertThat(health.reason()).contains("4 leads have waited to be sent for 40 minutes");
    }

    @Test
    void states_that_do_not_sync_say_why_whatever_the_rounds_said() {
        QueueTally waiting = new QueueTally(7, 7, 0, 0, Optional.empty());

        assertThat(assess(ConnectionState.NEEDS_REAUTH, SyncSignals.NONE, waiting))
                .satisfies(health -> assertThat(health.state()).isEqualTo(HealthState.NEEDS_REAUTH))
                .satisfies(health -> assertThat(health.reason()).contains("connect again")
                        .contains("refused the refresh token").contains("7 leads wait"));
        assertThat(assess(ConnectionState.NEEDS_SETUP, SyncSignals.NONE, waiting).state())
                .isEqualTo(HealthState.FAILING);
        assertThat(assess(ConnectionState.PAUSED, SyncSignals.NONE, waiting).state()).isEqualTo(HealthState.DEGRADED);
        assertThat(assess(ConnectionState.DISCONNECTED, SyncSignals.NONE, QueueTally.EMPTY).needsAttention()).isFalse();
    }

    @Test
    void one_alert_opens_an_incident_silence_follows_and_health_closes_it_with_a_recovery() {
        ConnectionHealth failing = assess(ConnectionState.NEEDS_REAUTH, SyncSignals.NONE, QueueTally.EMPTY);
        ConnectionHealth healthy = assess(ConnectionState.CONNECTED, SyncSignals.NONE, QueueTally.EMPTY);
        ConnectionHealth fewFailed = assess(ConnectionState.CONNECTED, SyncSignals.NONE,
                new QueueTally(0, 0, 3, 0, Optional.empty()));

        assertThat(AlertDecision.decide(failing, false, 10)).isEqualTo(new AlertDecision.Raise(
                "needs to be connected again"));
        assertThat(AlertDecision.decide(failing, true, 10)).isEqualTo(new AlertDecision.Quiet());
        assertThat(AlertDecision.decide(healthy, true, 10)).isEqualTo(new AlertDecision.Recover(true));
        assertThat(AlertDecision.decide(healthy, false, 10)).isEqualTo(new AlertDecision.Quiet());
        assertThat(AlertDecision.decide(fewFailed, false, 10)).as("under the threshold")
                .isEqualTo(new AlertDecision.Quiet());
        assertThat(AlertDecision.decide(fewFailed, false, 3)).isInstanceOf(AlertDecision.Raise.class);
        assertThat(AlertDecision.decide(fewFailed, true, 10)).as("still degraded: not recovered yet")
                .isEqualTo(new AlertDecision.Quiet());
        assertThat(AlertDecision.decide(assess(ConnectionState.DISCONNECTED, SyncSignals.NONE, QueueTally.EMPTY),
                true, 10)).isEqualTo(new AlertDecision.Recover(false));
    }
}
