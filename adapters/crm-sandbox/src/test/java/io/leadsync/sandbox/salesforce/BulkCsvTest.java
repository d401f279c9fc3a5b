package io.leadsync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BulkCsvTest {

    @Test
    void quoted_cells_hold_delimiters_quotes_and_line_breaks() {
        List<List<String>> rows = BulkCsv.parse("A,B,C\n\"x, y\",\"say \"\"hi\"\"\",\"one\ntwo\"\n,\"\",#N/A",
                ',', "LF");

        assertThat(rows).containsExactly(List.of("A", "B", "C"), List.of("x, y", "say \"hi\"", "one\ntwo"),
                List.of("", "", "#N/A"));
    }

    @Test
    void other_delimiters_crlf_a_byte_order_mark_and_blank_lines() {
        assertThat(BulkCsv.parse("\uFEFFA|B\r\n\r\n1|\"2\r\n3\"\r\n", '|', "CRLF"))
                .containsExactly(List.of("A", "B"), List.of("1", "2\r\n3"));
        assertThat(BulkCsv.delimiter("tab")).isEqualTo('\t');
        assertThat(BulkCsv.delimiter("COLON")).isNull();
    }

    @Test
    void the_wrong_line_ending_and_broken_quotes_are_refused() {
        assertThatThrownBy(() -> BulkCsv.parse("A\r\n1\r\n", ',', "LF")).isInstanceOf(BulkCsv.CsvException.class)
                .hasMessage("ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF");
        assertThatThrownBy(() -> BulkCsv.parse("A\n1\n", ',', "CRLF")).isInstanceOf(BulkCsv.CsvException.class)
                .hasMessageEndingWith("Current LineEnding setting is CRLF");
        assertThatThrownBy(() -> BulkCsv.parse("A\n\"1\n", ',', "LF")).isInstanceOf(BulkCsv.CsvException.class);
        assertThatThrownBy(() -> BulkCsv.parse("A\n\"1\"x\n", ',', "LF")).isInstanceOf(BulkCsv.CsvException.class);
        assertThatThrownBy(() -> BulkCsv.parse("A\n1\"\n", ',', "LF")).isInstanceOf(BulkCsv.CsvException.class);
    }

    @Test
    void written_rows_quote_every_cell_and_read_back_the_same() {
        StringBuilder out = new StringBuilder();
        List<String> cells = List.of("a,b", "q\"q", "l1\nl2", "");
        BulkCsv.appendRow(out, cells, ',', "LF");

        assertThat(out.toString()).isEqualTo("\"a,b\",\"q\"\"q\",\"l1\nl2\",\"\"\n");
        assertThat(BulkCsv.parse(out.toString(), ',', "LF")).containsExactly(cells);
    }

    @Test
    void sf_error_joins_code_message_and_fields() {
        assertThat(BulkIngest.errorText(List.of(ApiError.of("REQUIRED_FIELD_MISSING",
                "Required fields are missing: [LastName, Company]", List.of("LastName", "Company")))))
                .isEqualTo("REQUIRED_FIELD_MISSING:Required fields are missing: [LastName, Company]:LastName,Company --");
    }
}
