package io.leadsync.adapters.in.mcp;

import io.leadsync.domain.lead.FieldViolation;
import io.leadsync.domain.lead.LeadField;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ToolArgumentsTest {
    private static final Set<LeadField> FIELDS = EnumSet.complementOf(EnumSet.of(LeadField.LEAD_ID));

    @Test
    void every_bad_field_is_named_with_its_rule_as_the_rest_api_names_it() {
        ToolArguments args = new ToolArguments(Map.of("leadId", "ada", "workEmail", "not-an-email",
                "outreachScore", 250, "isDql", "yes", "aiScore", 1.5));

        args.leadId();
        args.leadFields(true, FIELDS);

        assertThat(args.valid()).isFalse();
        assertThat(args.violations()).extracting(FieldViolation::field)
                .containsExactly("aiScore", "isDql", "outreachScore", "workEmail");
        assertThat(args.violations()).filteredOn(v -> v.field().equals("isDql")).singleElement()
                .extracting(FieldViolation::rule).asString().startsWith("must be a JSON boolean, not a string");
        assertThat(args.violations()).filteredOn(v -> v.field().equals("aiScore")).singleElement()
                .extracting(FieldViolation::rule).asString().contains("a number with a fraction");
        assertThat(args.violations()).filteredOn(v -> v.field().equals("workEmail")).singleElement()
                .extracting(FieldViolation::rule).isEqualTo(LeadField.WORK_EMAIL.rule());
    }

    @Test
    void good_values_pass_as_the_raw_text_the_domain_normalises_and_null_clears() {
        Map<String, Object> raw = new HashMap<>();
        raw.put("leadId", "ada");
        raw.put("lastName", "Lovelace");
        raw.put("outreachScore", 72);
        raw.put("isDql", true);
        raw.put("jobTitle", null);
        ToolArguments args = new ToolArguments(raw);

        Map<LeadField, String> values = args.leadFields(true, FIELDS);

        assertThat(args.valid()).isTrue();
        assertThat(values).containsEntry(LeadField.OUTREACH_SCORE, "72").containsEntry(LeadField.IS_DQL, "true")
                .containsEntry(LeadField.LAST_NAME, "Lovelace").containsEntry(LeadField.JOB_TITLE, null);
    }

    @Test
    void a_last_name_cannot_be_cleared_and_an_update_cannot_clear_the_status() {
        Map<String, Object> raw = new HashMap<>();
        raw.put("lastName", null);
        raw.put("status", null);
        ToolArguments args = new ToolArguments(raw);

        args.leadFields(false, FIELDS);

        assertThat(args.violations()).extracting(FieldViolation::field).containsExactly("lastName", "status");
    }

    @Test
    void an_unknown_argument_or_a_read_only_member_is_refused_by_name() {
        ToolArguments args = new ToolArguments(Map.of("leadId", "ada", "favouriteColour", "blue", "version", 3));

        args.onlyThese(Set.of("leadId"), "leadId and the lead fields");

        assertThat(args.violations()).containsExactly(
                new FieldViolation("favouriteColour", "is not an argument of this tool; they are leadId and the lead "
                        + "fields"),
                new FieldViolation("version", "is set by LeadSync and cannot be sent"));
    }

    @Test
    void a_missing_or_malformed_lead_id_is_named() {
        ToolArguments missing = new ToolArguments(Map.of());
        missing.leadId();
        ToolArguments number = new ToolArguments(Map.of("leadId", 7));
        number.leadId();

        assertThat(missing.violations()).singleElement().extracting(FieldViolation::rule).asString()
                .startsWith("is required");
        assertThat(number.violations()).singleElement().extracting(FieldViolation::rule).asString()
                .startsWith("must be a JSON string");
    }

    @Test
    void targets_must_be_strings_each_named_by_its_index() {
        ToolArguments args = new ToolArguments(Map.of("targets", List.of("SALESFORCE", 3)));

        assertThat(args.strings("targets")).containsExactly("SALESFORCE");
        assertThat(args.violations()).containsExactly(new FieldViolation("targets/1", "must be a string"));
    }
}
