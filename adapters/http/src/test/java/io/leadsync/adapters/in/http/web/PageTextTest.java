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
        List<io.leadsync.application.port.in.configure.MappingInput> rows = List.of(
                new io.leadsync.application.port.in.configure.MappingInput("leadId", "LeadSync_Lead_ID__c", null, null),
                new io.leadsync.application.port.in.configure.MappingInput("visitCount", "LeadSync_Agent_ID__c", null, null));

        assertThat(MappingEditor.rowViolation(new io.leadsync.application.port.in.configure.InvalidSettingsException
                .Violation("mappings/1/crmField", "is a text field"), rows)).isEqualTo("Visit count, CRM field: is a text field");
        assertThat(MappingEditor.rowViolation(new io.leadsync.application.port.in.configure.InvalidSettingsException
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

    @Test
    void the_api_reference_lists_each_operation_of_an_openapi_document_with_its_summary() {
        String yaml = "openapi: 3.1.0\ninfo:\n  title: x\npaths:\n  /api/v1/leads:\n    post:\n      operationId: a\n"
                + "      summary: Create a lead\n    get:\n      summary: A page of leads\n  /api/v1/leads/{leadId}:\n"
                + "    parameters:\n      - name: leadId\n    get:\n      summary: One lead\ncomponents:\n  schemas:\n"
                + "    get:\n      summary: not an operation\n";

        assertThat(ApiReferenceController.operations(yaml)).extracting(o -> o.get("method") + " " + o.get("path")
                + " " + o.get("summary")).containsExactly("POST /api/v1/leads Create a lead",
                "GET /api/v1/leads A page of leads", "GET /api/v1/leads/{leadId} One lead");
    }

    @Test
    void a_chart_is_svg_without_inline_style_and_each_bar_says_its_figure() {
        io.leadsync.domain.overview.Series series = new io.leadsync.domain.overview.Series("c1", "Salesforce <Acme>", 24);
        series.add(23, 3);
        String svg = SvgChart.bars("delivered-chart", "Delivered", io.leadsync.domain.overview.OverviewRange.DAY,
                io.leadsync.domain.overview.OverviewRange.DAY.buckets(java.time.Instant.parse("2026-12-04T09:30:00Z")),
                List.of(series), true, "leads");

        assertThat(svg).startsWith("<svg").doesNotContainPattern("(?i)style").contains("data-count=\"3\"")
                .contains("Salesforce &lt;Acme&gt;, Dec 4 09:00 UTC: 3 leads").containsOnlyOnce("<rect");
        assertThat(SvgChart.niceCeiling(3)).isEqualTo(4);
        assertThat(SvgChart.niceCeiling(1)).isEqualTo(2);
        assertThat(SvgChart.niceCeiling(101)).isEqualTo(200);
    }
}
