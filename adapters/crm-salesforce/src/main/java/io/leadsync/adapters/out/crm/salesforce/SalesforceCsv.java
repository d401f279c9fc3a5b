package io.leadsync.adapters.out.crm.salesforce;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV as Bulk API 2.0 takes and gives it: every cell quoted on the way out, quotes and newlines read back. */
final class SalesforceCsv {
    private SalesforceCsv() {
    }

    static String row(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append('"').append(cells.get(i).replace("\"", "\"\"")).append('"');
        }
        return line.append('\n').toString();
    }

    /** Every row, the header first; a trailing newline ends the last row rather than starting an empty one. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean rowStarted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
                continue;
            }
            if (c == '"') {
                quoted = true;
                rowStarted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
                rowStarted = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                    i++;
                }
                if (rowStarted || cell.length() > 0) {
                    row.add(cell.toString());
                    rows.add(row);
                }
                row = new ArrayList<>();
                cell.setLength(0);
                rowStarted = false;
            } else {
                cell.append(c);
                rowStarted = true;
            }
        }
        if (rowStarted || cell.length() > 0) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
