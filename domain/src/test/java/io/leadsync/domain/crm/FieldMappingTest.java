package io.leadsync.domain.crm;

import io.leadsync.domain.lead.LeadField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldMappingTest {

    @ParameterizedTest
    @EnumSource(ConflictPolicy.class)
    void without_an_override_a_field_follows_the_connections_conflict_policy(ConflictPolicy connectionPolicy) {
        FieldMapping mapping = FieldMapping.both(LeadField.JOB_TITLE, "Title");

        assertThat(mapping.policyUnder(connectionPolicy)).isEqualTo(connectionPolicy);
    }

    @ParameterizedTest
    @EnumSource(ConflictPolicy.class)
    void a_field_override_wins_over_the_connections_conflict_policy(ConflictPolicy connectionPolicy) {
        FieldMapping mapping = new FieldMapping(LeadField.STATUS, "Status", SyncDirection.BIDIRECTIONAL,
                Optional.of(ConflictPolicy.APP_WINS));

        assertThat(mapping.policyUnder(connectionPolicy)).isEqualTo(ConflictPolicy.APP_WINS);
    }

    @Test
    void a_mapping_both_ways_has_no_override() {
        FieldMapping mapping = FieldMapping.both(LeadField.WORK_EMAIL, "Email");

        assertThat(mapping.appField()).isEqualTo(LeadField.WORK_EMAIL);
        assertThat(mapping.crmField()).isEqualTo("Email");
        assertThat(mapping.direction()).isEqualTo(SyncDirection.BIDIRECTIONAL);
        assertThat(mapping.conflictOverride()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Email", "LeadSync_Lead_Id__c", "hs_lead_status", "a", "A1"})
    void crm_field_api_names_are_accepted(String crmField) {
        assertThat(FieldMapping.both(LeadField.CITY, crmField).crmField()).isEqualTo(crmField);
    }

    @Test
    void a_crm_field_name_of_80_characters_is_accepted_and_one_more_is_refused() {
        String longest = "F" + "x".repeat(79);
        assertThat(FieldMapping.both(LeadField.CITY, longest).crmField()).hasSize(80);

        assertThatThrownBy(() -> FieldMapping.both(LeadField.CITY, longest + "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "1Email", "_Email", "Lead.Email", "Email Address", "Email;DROP", "Émail"})
    void names_that_are_not_crm_field_api_names_are_refused(String crmField) {
        assertThatThrownBy(() -> FieldMapping.both(LeadField.CITY, crmField))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
