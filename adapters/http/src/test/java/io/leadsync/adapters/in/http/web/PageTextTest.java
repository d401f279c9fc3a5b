package io.leadsync.adapters.in.http.web;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PageTextTest {
    @Test
    void a_csv_cell_is_quoted_and_a_formula_is_never_run_by_a_spreadsheet() {
        assertThat(ActivityController.cell("plain")).isEqualTo("\"plain\"");
        assertThat(ActivityController.cell("say \"hi\", twice")).isEqualTo("\"say \"\"hi\"\", twice\"");
        assertThat(ActivityController.cell("=HYPERLINK(\"x\")")).startsWith("\"'=");
        assertThat(ActivityController.cell("@SUM(A1)")).startsWith("\"'@");
    }

    @Test
    void a_pulled_field_change_is_split_into_field_before_and_after_and_other_lines_stay_text() {
        List<Map<String, Object>> lines = ActivityController.lines(
                "pulled from SALESFORCE\njobTitle: 'CTO' -> 'CEO', conflict settled by CRM_WINS: crm won\ncity: (empty) -> 'Paris'");

        assertThat(lines.get(0)).containsEntry("text", "pulled from SALESFORCE");
        assertThat(lines.get(1)).containsEntry("field", "jobTitle").containsEntry("before", "'CTO'")
                .containsEntry("after", "'CEO'").containsEntry("rest", ", conflict settled by CRM_WINS: crm won");
        assertThat(lines.get(2)).containsEntry("before", "(empty)").containsEntry("after", "'Paris'");
    }

    @Test
    void each_known_error_type_says_what_to_do_and_an_unknown_one_still_points_somewhere() {
        assertThat(ErrorsController.fix("INVALID_FIELD_FOR_INSERT_UPDATE")).contains("Provision again");
        assertThat(ErrorsController.fix("REQUIRED_FIELD_MISSING")).contains("map a field");
        assertThat(ErrorsController.fix("NO_WORK_EMAIL")).contains("work email").contains("cannot help");
        assertThat(ErrorsController.fix("DUPLICATES_DETECTED")).contains("duplicate rule");
        assertThat(ErrorsController.fix("SOMETHING_NEW")).contains("then resync");
    }

    @Test
    void a_refused_mapping_row_is_named_by_its_leadsync_field_and_column() {
        List<io.leadsync.application.port.in.MappingInput> rows = List.of(
                new io.leadsync.application.port.in.MappingInput("leadId", "LeadSync_Lead_ID__c", null, null),
                new io.leadsync.application.port.in.MappingInput("visitCount", "LeadSync_Agent_ID__c", null, null));

        assertThat(MappingEditor.rowViolation(new io.leadsync.application.port.in.InvalidSettingsException
                .Violation("mappings/1/crmField", "is a text field"), rows)).isEqualTo("Visit count, CRM field: is a text field");
        assertThat(MappingEditor.rowViolation(new io.leadsync.application.port.in.InvalidSettingsException
                .Violation("mappings", "leadId must stay mapped"), rows)).isEqualTo("mappings: leadId must stay mapped");
    }

    @Test
    void labels_read_as_words() {
        assertThat(Pages.label("NEEDS_SETUP")).isEqualTo("Needs setup");
        assertThat(Pages.label("CRM_WINS")).isEqualTo("CRM wins");
        assertThat(Pages.label("BIDIRECTIONAL")).isEqualTo("Both ways");
        assertThat(Pages.fieldLabel("jobTitle")).isEqualTo("Job title");
        assertThat(Pages.fieldLabel("linkedinUrl")).isEqualTo("LinkedIn URL");
        assertThat(Pages.fieldLabel("outreachScore")).isEqualTo("Outreach score");
        assertThat(Pages.actionLabel("upsertLead")).doesNotContain("upsertLead").contains("capturing");
    }
}
