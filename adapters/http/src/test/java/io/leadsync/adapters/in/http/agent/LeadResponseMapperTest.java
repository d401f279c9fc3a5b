package io.leadsync.adapters.in.http.agent;

import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

class LeadResponseMapperTest {
    private static Lead lead() {
        Map<LeadField, String> input = new HashMap<>();
        input.put(LeadField.LAST_NAME, "Lovelace");
        input.put(LeadField.OUTREACH_SCORE, "72");
        input.put(LeadField.IS_DQL, "true");
        input.put(LeadField.VISIT_COUNT, "3");
        return Lead.create(WORKSPACE, new LeadId("lead-1"), input, T0);
    }

    @Test
    void every_field_is_written_in_its_json_type_and_missing_values_are_null() {
        JsonNode json = LeadResponseMapper.toJson(lead());

        for (LeadField field : LeadField.values()) {
            assertThat(json.get(field.apiName())).as(field.apiName()).isNotNull();
        }
        assertThat(json.get("outreachScore").isNumber()).isTrue();
        assertThat(json.get("outreachScore").getIntValue()).isEqualTo(72);
        assertThat(json.get("isDql").getBooleanValue()).isTrue();
        assertThat(json.get("visitCount").getLongValue()).isEqualTo(3);
        assertThat(json.get("lastName").getStringValue()).isEqualTo("Lovelace");
        assertThat(json.get("firstName").isNull()).isTrue();
        assertThat(json.get("status").getStringValue()).isEqualTo("NEW");
    }

    @Test
    void the_version_instants_and_each_fields_change_instant_are_included() {
        JsonNode json = LeadResponseMapper.toJson(lead());

        assertThat(json.get("version").getLongValue()).isEqualTo(1);
        assertThat(json.get("createdAt").getStringValue()).isEqualTo("2026-01-05T09:00:00Z");
        assertThat(json.get("updatedAt").getStringValue()).isEqualTo("2026-01-05T09:00:00Z");
        assertThat(json.get("changedAt").get("lastName").getStringValue()).isEqualTo("2026-01-05T09:00:00Z");
        assertThat(json.get("changedAt").get("firstName")).isNull();
    }

    @Test
    void a_write_lists_the_api_names_of_the_fields_it_changed() {
        Lead lead = lead();

        JsonNode json = LeadResponseMapper.toJson(lead, lead.update(Map.of(LeadField.CITY, "London"), T0));

        assertThat(json.get("changedFields").size()).isEqualTo(1);
        assertThat(json.get("changedFields").get(0).getStringValue()).isEqualTo("city");
        assertThat(json.get("version").getLongValue()).isEqualTo(2);
        assertThat(List.of(json.get("city").getStringValue())).containsExactly("London");
    }
}
