package io.leadsync.domain.crm;

import io.leadsync.domain.lead.LeadField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.T1;
import static io.leadsync.domain.lead.LeadFixtures.T2;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CrmConnectionTest {

    private static final ConnectionId ID = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000c1"));
    private static final CrmIdentity ADMIN = new CrmIdentity("admin@acme.example", "Acme Corp", "00D000000000001",
            Optional.of("https://acme.my.salesforce.com"));
    private static final Instant T3 = T2.plusSeconds(3_600);
    private static final List<FieldMapping> MAPPINGS = List.of(
            FieldMapping.both(LeadField.LAST_NAME, "LastName"),
            FieldMapping.both(LeadField.WORK_EMAIL, "Email"));

    private static CrmConnection started() {
        return CrmConnection.start(ID, WORKSPACE, CrmKind.SALESFORCE, SyncSettings.defaults(), MAPPINGS, T0);
    }

    private static CrmConnection connected() {
        CrmConnection connection = started();
        connection.authorised(ADMIN, T0);
        connection.verified(T0);
        return connection;
    }

    private static CrmConnection in(ConnectionState state) {
        return CrmConnection.restore(ID, WORKSPACE, CrmKind.HUBSPOT, state,
                state == ConnectionState.CONNECTED ? Optional.empty() : Optional.of("some reason"),
                Optional.of(ADMIN), SyncSettings.defaults(), MAPPINGS, T0, T0);
    }

    @Test
    void a_started_connection_needs_setup_because_it_is_not_authorised_yet() {
        CrmConnection connection = started();

        assertThat(connection.id()).isEqualTo(ID);
        assertThat(connection.workspaceId()).isEqualTo(WORKSPACE);
        assertThat(connection.kind()).isEqualTo(CrmKind.SALESFORCE);
        assertThat(connection.state()).isEqualTo(ConnectionState.NEEDS_SETUP);
        assertThat(connection.stateReason()).contains("not authorised yet");
        assertThat(connection.identity()).isEmpty();
        assertThat(connection.syncs()).isFalse();
        assertThat(connection.settings()).isEqualTo(SyncSettings.defaults());
        assertThat(connection.mappings()).isEqualTo(MAPPINGS);
        assertThat(connection.createdAt()).isEqualTo(T0);
        assertThat(connection.updatedAt()).isEqualTo(T0);
    }

    @Test
    void an_authorised_connection_shows_who_connected_it_and_still_waits_for_field_verification() {
        CrmConnection connection = started();

        connection.authorised(ADMIN, T1);

        assertThat(connection.identity()).contains(ADMIN);
        assertThat(connection.state()).isEqualTo(ConnectionState.NEEDS_SETUP);
        assertThat(connection.stateReason()).contains("fields not verified yet");
        assertThat(connection.syncs()).isFalse();
        assertThat(connection.updatedAt()).isEqualTo(T1);
    }

    @Test
    void a_verified_connection_syncs_with_no_reason_to_show() {
        CrmConnection connection = started();
        connection.authorised(ADMIN, T1);

        connection.verified(T2);

        assertThat(connection.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(connection.stateReason()).isEmpty();
        assertThat(connection.syncs()).isTrue();
        assertThat(connection.updatedAt()).isEqualTo(T2);
        assertThat(connection.createdAt()).isEqualTo(T0);
    }

    @Test
    void a_connection_cannot_be_verified_before_it_is_authorised() {
        CrmConnection connection = started();

        assertThatThrownBy(() -> connection.verified(T1)).isInstanceOf(IllegalStateException.class);
        assertThat(connection.state()).isEqualTo(ConnectionState.NEEDS_SETUP);
        assertThat(connection.syncs()).isFalse();
    }

    @Test
    void missing_fields_stop_the_sync_and_say_how_to_fix_them() {
        CrmConnection connection = connected();

        connection.needsSetup("field LeadSync_Lead_Id__c is hidden from the integration user", T1);

        assertThat(connection.state()).isEqualTo(ConnectionState.NEEDS_SETUP);
        assertThat(connection.stateReason()).contains("field LeadSync_Lead_Id__c is hidden from the integration user");
        assertThat(connection.syncs()).isFalse();
        assertThat(connection.updatedAt()).isEqualTo(T1);

        connection.verified(T2);
        assertThat(connection.syncs()).isTrue();
    }

    @Test
    void a_refused_refresh_token_stops_the_sync_until_an_admin_connects_again() {
        CrmConnection connection = connected();

        connection.needsReauth("refresh token expired", T1);

        assertThat(connection.state()).isEqualTo(ConnectionState.NEEDS_REAUTH);
        assertThat(connection.stateReason()).contains("refresh token expired");
        assertThat(connection.syncs()).isFalse();

        connection.authorised(ADMIN, T2);
        connection.verified(T3);
        assertThat(connection.state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void a_connection_that_needs_reauthorisation_is_not_brought_back_by_a_verification() {
        CrmConnection connection = connected();
        connection.needsReauth("refresh token expired", T1);

        assertThatThrownBy(() -> connection.verified(T2)).isInstanceOf(IllegalStateException.class);
        assertThat(connection.state()).isEqualTo(ConnectionState.NEEDS_REAUTH);
        assertThat(connection.stateReason()).contains("refresh token expired");
    }

    @Test
    void an_admin_can_pause_a_syncing_connection_and_resume_it() {
        CrmConnection connection = connected();

        connection.pause(T1);
        assertThat(connection.state()).isEqualTo(ConnectionState.PAUSED);
        assertThat(connection.stateReason()).contains("paused by an admin");
        assertThat(connection.syncs()).isFalse();
        assertThat(connection.updatedAt()).isEqualTo(T1);

        connection.resume(T2);
        assertThat(connection.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(connection.stateReason()).isEmpty();
        assertThat(connection.syncs()).isTrue();
        assertThat(connection.updatedAt()).isEqualTo(T2);
    }

    @Test
    void a_paused_connection_stays_paused_when_its_fields_are_verified_again() {
        CrmConnection connection = connected();
        connection.pause(T1);

        connection.verified(T2);

        assertThat(connection.state()).isEqualTo(ConnectionState.PAUSED);
        assertThat(connection.syncs()).isFalse();
        connection.resume(T3);
        assertThat(connection.syncs()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = ConnectionState.class, names = {"NEEDS_SETUP", "NEEDS_REAUTH", "DISCONNECTED"})
    void pausing_a_connection_that_does_not_sync_changes_nothing(ConnectionState state) {
        CrmConnection connection = in(state);

        connection.pause(T1);

        assertThat(connection.state()).isEqualTo(state);
        assertThat(connection.stateReason()).contains("some reason");
        assertThat(connection.updatedAt()).isEqualTo(T0);
    }

    @ParameterizedTest
    @EnumSource(value = ConnectionState.class, names = {"NEEDS_SETUP", "NEEDS_REAUTH", "DISCONNECTED"})
    void resuming_does_not_skip_setup_reauthorisation_or_reconnection(ConnectionState state) {
        CrmConnection connection = in(state);

        connection.resume(T1);

        assertThat(connection.state()).isEqualTo(state);
        assertThat(connection.syncs()).isFalse();
        assertThat(connection.updatedAt()).isEqualTo(T0);
    }

    @Test
    void resuming_a_syncing_connection_changes_nothing() {
        CrmConnection connection = in(ConnectionState.CONNECTED);

        connection.resume(T1);

        assertThat(connection.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(connection.updatedAt()).isEqualTo(T0);
    }

    @ParameterizedTest
    @EnumSource(ConnectionState.class)
    void an_admin_can_disconnect_from_any_state(ConnectionState state) {
        CrmConnection connection = in(state);

        connection.disconnect(T1);

        assertThat(connection.state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(connection.stateReason()).contains("disconnected by an admin");
        assertThat(connection.syncs()).isFalse();
        assertThat(connection.updatedAt()).isEqualTo(T1);
    }

    @Test
    void a_disconnected_connection_is_not_brought_back_by_a_late_verification() {
        CrmConnection connection = connected();
        connection.disconnect(T1);

        assertThatThrownBy(() -> connection.verified(T2)).isInstanceOf(IllegalStateException.class);
        assertThat(connection.state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(connection.syncs()).isFalse();
    }

    @Test
    void a_disconnected_connection_stays_disconnected_when_a_late_failure_is_reported() {
        CrmConnection connection = connected();
        connection.disconnect(T1);

        connection.needsReauth("refresh token revoked", T2);
        connection.needsSetup("field Email is not writable", T2);

        assertThat(connection.state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(connection.stateReason()).contains("disconnected by an admin");
        assertThat(connection.updatedAt()).isEqualTo(T1);
    }

    @Test
    void a_disconnected_connection_syncs_again_once_an_admin_connects_it_again() {
        CrmConnection connection = connected();
        connection.disconnect(T1);

        connection.authorised(ADMIN, T2);
        assertThat(connection.state()).isEqualTo(ConnectionState.NEEDS_SETUP);
        connection.verified(T3);

        assertThat(connection.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(connection.syncs()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ConnectionState.class)
    void only_a_connected_connection_syncs(ConnectionState state) {
        assertThat(in(state).syncs()).isEqualTo(state == ConnectionState.CONNECTED);
    }

    @Test
    void an_app_field_may_be_mapped_only_once() {
        List<FieldMapping> twice = List.of(
                FieldMapping.both(LeadField.WORK_EMAIL, "Email"),
                FieldMapping.both(LeadField.WORK_EMAIL, "Work_Email__c"));

        assertThatThrownBy(() -> CrmConnection.start(ID, WORKSPACE, CrmKind.SALESFORCE, SyncSettings.defaults(),
                twice, T0)).isInstanceOf(IllegalArgumentException.class);

        CrmConnection connection = connected();
        assertThatThrownBy(() -> connection.changeSettings(SyncSettings.defaults(), twice, T1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(connection.mappings()).isEqualTo(MAPPINGS);
        assertThat(connection.updatedAt()).isEqualTo(T0);
    }

    @Test
    void two_app_fields_may_go_to_the_same_crm_field_name_in_different_mappings() {
        // Only the app side must be unique; the CRM side is checked by provisioning.
        List<FieldMapping> mappings = List.of(
                FieldMapping.both(LeadField.ABOUT, "Description"),
                FieldMapping.both(LeadField.JOB_TITLE, "Title"));

        assertThat(CrmConnection.start(ID, WORKSPACE, CrmKind.HUBSPOT, SyncSettings.defaults(), mappings, T0)
                .mappings()).hasSize(2);
    }

    @Test
    void changing_settings_replaces_the_settings_and_mappings_and_keeps_the_state() {
        CrmConnection connection = connected();
        SyncSettings hourlyPushOnly = new SyncSettings(SyncFrequency.HOURLY, SyncDirection.PUSH,
                ConflictPolicy.APP_WINS, true, false, TargetObject.CONTACT);
        List<FieldMapping> mappings = List.of(FieldMapping.both(LeadField.LAST_NAME, "lastname"));

        connection.changeSettings(hourlyPushOnly, mappings, T1);

        assertThat(connection.settings()).isEqualTo(hourlyPushOnly);
        assertThat(connection.mappings()).isEqualTo(mappings);
        assertThat(connection.updatedAt()).isEqualTo(T1);
        assertThat(connection.state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void the_mappings_do_not_follow_later_edits_of_the_list_they_came_from() {
        List<FieldMapping> mappings = new ArrayList<>(MAPPINGS);
        CrmConnection connection = CrmConnection.start(ID, WORKSPACE, CrmKind.SALESFORCE, SyncSettings.defaults(),
                mappings, T0);

        mappings.add(FieldMapping.both(LeadField.CITY, "City"));

        assertThat(connection.mappings()).isEqualTo(MAPPINGS);
        assertThatThrownBy(() -> connection.mappings().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_restored_connection_is_the_connection_that_was_saved() {
        CrmConnection restored = CrmConnection.restore(ID, WORKSPACE, CrmKind.HUBSPOT, ConnectionState.NEEDS_REAUTH,
                Optional.of("refresh token expired"), Optional.of(ADMIN), SyncSettings.defaults(), MAPPINGS, T0, T1);

        assertThat(restored.id()).isEqualTo(ID);
        assertThat(restored.kind()).isEqualTo(CrmKind.HUBSPOT);
        assertThat(restored.state()).isEqualTo(ConnectionState.NEEDS_REAUTH);
        assertThat(restored.stateReason()).contains("refresh token expired");
        assertThat(restored.identity()).contains(ADMIN);
        assertThat(restored.createdAt()).isEqualTo(T0);
        assertThat(restored.updatedAt()).isEqualTo(T1);
    }

    @Test
    void an_identity_says_who_connected_to_which_org() {
        assertThat(ADMIN.userEmail()).isEqualTo("admin@acme.example");
        assertThatThrownBy(() -> new CrmIdentity("a@b.example", null, "1", Optional.empty()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new CrmIdentity("a@b.example", "Acme", "1", null))
                .isInstanceOf(NullPointerException.class);
    }
}
