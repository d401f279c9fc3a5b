package io.leadsync.domain.crm;

import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.T1;
import static io.leadsync.domain.lead.LeadFixtures.T2;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class CrmLinkTest {

    private static final ConnectionId CONNECTION = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000c1"));
    private static final LeadId LEAD = new LeadId("lead-1");
    private static final Instant CRM_STAMP = Instant.parse("2026-01-05T08:59:30Z");

    private static CrmLink link(Map<LeadField, String> lastSynced) {
        return new CrmLink(WORKSPACE, CONNECTION, LEAD, "00Q5e00000AbCdE", lastSynced, Optional.of(CRM_STAMP), T0, false);
    }

    @Test
    void the_merge_base_of_a_field_is_its_last_synced_value() {
        CrmLink link = link(Map.of(LeadField.LAST_NAME, "Lovelace", LeadField.WORK_EMAIL, "ada@acme.com"));

        assertThat(link.base(LeadField.LAST_NAME)).contains("Lovelace");
        assertThat(link.base(LeadField.WORK_EMAIL)).contains("ada@acme.com");
    }

    @Test
    void a_field_missing_from_the_last_sync_was_synced_as_no_value() {
        assertThat(link(Map.of(LeadField.LAST_NAME, "Lovelace")).base(LeadField.CITY)).isEmpty();
    }

    @Test
    void the_merge_base_does_not_follow_later_edits_of_the_map_it_came_from() {
        Map<LeadField, String> values = new EnumMap<>(LeadField.class);
        values.put(LeadField.LAST_NAME, "Lovelace");
        CrmLink link = link(values);

        values.put(LeadField.LAST_NAME, "Byron");

        assertThat(link.base(LeadField.LAST_NAME)).contains("Lovelace");
        assertThatThrownBy(() -> link.lastSynced().put(LeadField.CITY, "London"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_sync_replaces_the_whole_base_and_the_crm_stamp() {
        CrmLink link = link(Map.of(LeadField.LAST_NAME, "Lovelace", LeadField.CITY, "London"));
        Instant newStamp = CRM_STAMP.plusSeconds(600);

        CrmLink synced = link.synced(Map.of(LeadField.LAST_NAME, "Byron"), Optional.of(newStamp), T1);

        assertThat(synced.base(LeadField.LAST_NAME)).contains("Byron");
        assertThat(synced.base(LeadField.CITY)).as("cleared by the sync").isEmpty();
        assertThat(synced.crmModifiedAt()).contains(newStamp);
        assertThat(synced.lastSyncedAt()).isEqualTo(T1);
        assertThat(synced.crmRecordId()).isEqualTo("00Q5e00000AbCdE");
        assertThat(synced.leadId()).isEqualTo(LEAD);
        assertThat(synced.connectionId()).isEqualTo(CONNECTION);
        assertThat(synced.workspaceId()).isEqualTo(WORKSPACE);
        assertThat(link.base(LeadField.LAST_NAME)).as("the old link is unchanged").contains("Lovelace");
    }

    @Test
    void a_record_deleted_in_the_crm_keeps_its_base_and_is_marked() {
        CrmLink link = link(Map.of(LeadField.LAST_NAME, "Lovelace"));

        CrmLink deleted = link.markDeletedInCrm(T1);

        assertThat(deleted.deletedInCrm()).isTrue();
        assertThat(deleted.lastSynced()).containsExactly(entry(LeadField.LAST_NAME, "Lovelace"));
        assertThat(deleted.crmModifiedAt()).contains(CRM_STAMP);
        assertThat(deleted.lastSyncedAt()).isEqualTo(T1);
        assertThat(link.deletedInCrm()).isFalse();
    }

    @Test
    void a_record_synced_again_after_a_deletion_is_no_longer_marked_deleted() {
        CrmLink deleted = link(Map.of(LeadField.LAST_NAME, "Lovelace")).markDeletedInCrm(T1);

        CrmLink restored = deleted.synced(Map.of(LeadField.LAST_NAME, "Lovelace"), Optional.of(CRM_STAMP), T2);

        assertThat(restored.deletedInCrm()).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void a_link_needs_the_crm_record_id(String crmRecordId) {
        assertThatThrownBy(() -> new CrmLink(WORKSPACE, CONNECTION, LEAD, crmRecordId, Map.of(), Optional.empty(), T0,
                false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_converted_link_names_the_contact_forgets_the_base_and_is_written_by_id_from_then_on() {
        CrmLink link = link(Map.of(LeadField.LEAD_ID, "lead-1", LeadField.LAST_NAME, "Lovelace"));
        CrmConversion conversion = new CrmConversion("00Q5e00000AbCdE", "0035e00000XyZaB",
                Optional.of("0015e00000QwErT"), Optional.of(java.time.LocalDate.of(2026, 12, 4)));

        CrmLink converted = link.converted(conversion, T1);

        assertThat(link.writesById()).as("stamped with the lead id: upserted by it").isFalse();
        assertThat(converted.crmRecordId()).isEqualTo("0035e00000XyZaB");
        assertThat(converted.lastSynced()).as("the Contact holds only what the conversion copied").isEmpty();
        assertThat(converted.conversion()).contains(conversion);
        assertThat(converted.synced(Map.of(LeadField.LEAD_ID, "lead-1"), Optional.empty(), T2).writesById())
                .as("even once stamped: an upsert by lead id would find the read-only Lead").isTrue();
    }

    @Test
    void a_merged_link_follows_the_master_keeping_the_base_but_not_the_lead_id() {
        CrmLink link = link(Map.of(LeadField.LEAD_ID, "lead-1", LeadField.LAST_NAME, "Lovelace"));

        CrmLink merged = link.mergedInto("00Q5e00000MaStEr", T1);

        assertThat(merged.crmRecordId()).isEqualTo("00Q5e00000MaStEr");
        assertThat(merged.lastSynced()).containsOnly(entry(LeadField.LAST_NAME, "Lovelace"));
        assertThat(merged.writesById()).as("the master may not carry the lead id yet").isTrue();
        assertThat(merged.deletedInCrm()).isFalse();
    }

    @Test
    void a_conversion_names_what_was_converted_and_the_contact() {
        assertThatThrownBy(() -> new CrmConversion("00Q1", " ", Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Contact");
        assertThatThrownBy(() -> new CrmConversion("", "0031", Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
