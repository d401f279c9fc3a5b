package io.leadsync.adapters.in.http.agent;

import io.leadsync.adapters.in.http.agent.LeadRequestParser.Mode;
import io.leadsync.adapters.in.http.agent.LeadRequestParser.ParsedLead;
import io.leadsync.domain.lead.FieldViolation;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class LeadRequestParserTest {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private static JsonNode json(String text) {
        try {
            return JSON.readValue(text, JsonNode.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void values_of_the_right_json_type_become_raw_text_and_null_clears() {
        ParsedLead parsed = LeadRequestParser.parse(json("""
                {"leadId": "lead-1", "lastName": "Lovelace", "outreachScore": 72, "isDql": true, "city": null}
                """), Mode.CAPTURE, null);

        assertThat(parsed.violations()).isEmpty();
        assertThat(parsed.leadId()).contains(new LeadId("lead-1"));
        assertThat(parsed.values()).containsOnly(entry(LeadField.LEAD_ID, "lead-1"),
                entry(LeadField.LAST_NAME, "Lovelace"), entry(LeadField.OUTREACH_SCORE, "72"),
                entry(LeadField.IS_DQL, "true"), entry(LeadField.CITY, null));
    }

    @Test
    void wrong_json_types_are_refused_even_when_the_text_would_convert() {
        ParsedLead parsed = LeadRequestParser.parse(json("""
                {"leadId": "lead-1", "lastName": 7, "outreachScore": "72", "aiScore": 72.0, "isDql": "true",
                 "visitCount": [1]}
                """), Mode.CAPTURE, null);

        assertThat(parsed.violations()).extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("lastName", "outreachScore", "aiScore", "isDql", "visitCount");
        assertThat(parsed.violations()).filteredOn(v -> v.field().equals("outreachScore")).singleElement()
                .satisfies(v -> assertThat(v.rule()).startsWith("must be a JSON integer, not a string"));
        assertThat(parsed.values()).containsOnlyKeys(LeadField.LEAD_ID);
    }

    @Test
    void domain_rules_unknown_and_read_only_members_are_collected_together() {
        ParsedLead parsed = LeadRequestParser.parse(json("""
                {"leadId": "lead-1", "lastName": "L", "workEmail": "nope", "outreachScore": 101,
                 "colour": "blue", "version": 3}
                """), Mode.CAPTURE, null);

        assertThat(parsed.violations()).containsExactlyInAnyOrder(
                new FieldViolation("workEmail", LeadField.WORK_EMAIL.rule()),
                new FieldViolation("outreachScore", LeadField.OUTREACH_SCORE.rule()),
                new FieldViolation("colour", "is not a lead field"),
                new FieldViolation("version", "is set by LeadSync and cannot be sent"));
    }

    @Test
    void a_capture_needs_a_lead_id_and_can_never_clear_the_last_name() {
        ParsedLead parsed = LeadRequestParser.parse(json("{\"lastName\": \"  \"}"), Mode.CAPTURE, null);

        assertThat(parsed.leadId()).isEmpty();
        assertThat(parsed.violations()).extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("leadId", "lastName");
    }

    @Test
    void a_patch_may_repeat_its_lead_id_but_not_change_it_or_clear_the_status() {
        LeadId path = new LeadId("lead-1");

        ParsedLead same = LeadRequestParser.parse(json("{\"leadId\": \"lead-1\"}"), Mode.PATCH, path);
        ParsedLead other = LeadRequestParser.parse(json("{\"leadId\": \"lead-2\", \"status\": null}"), Mode.PATCH,
                path);

        assertThat(same.violations()).isEmpty();
        assertThat(other.violations()).extracting(FieldViolation::field).containsExactlyInAnyOrder("leadId", "status");
    }
}
