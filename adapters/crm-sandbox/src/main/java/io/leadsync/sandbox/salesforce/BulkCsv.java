package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CSV as Bulk API 2.0 reads and writes it (RFC 4180): fields optionally quoted, {@code ""} inside quotes for a
 * quote, delimiters and line breaks allowed inside quotes. The delimiter and line ending are the job's
 * {@code columnDelimiter} and {@code lineEnding}.
 */
final class BulkCsv {

    /** A cell that sets the field to null; an empty cell leaves the field as it is (BULK "Prepare CSV Files"). */
    static final String NULL_CELL = "#N/A";

    /** The data cannot be read as CSV; the job fails with this message. */
    static final class CsvException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CsvException(String message) {
            super(message, null, false, false);
        }
    }

    private BulkCsv() {
    }

    /** {@code COMMA}, {@code TAB}, {@code PIPE}, {@code SEMICOLON}, {@code CARET}, {@code BACKQUOTE}; null if none. */
    static Character delimiter(String columnDelimiter) {
        switch (columnDelimiter.toUpperCase(Locale.ROOT)) {
            case "COMMA":
                return ',';
            case "TAB":
                return '\t';
            case "PIPE":
                return '|';
            case "SEMICOLON":
                return ';';
            case "CARET":
                return '^';
            case "BACKQUOTE":
                return '`';
            default:
                return null;
        }
    }

    /**
     * Parses the whole text into rows of cells. With {@code lineEnding} LF a CR before a line break outside quotes
     * is an error, as Salesforce reports it; with CRLF a bare LF outside quotes is. A final line break is optional;
     * blank lines are skipped.
     */
    static List<List<String>> parse(String text, char delimiter, String lineEnding) {
        boolean crlf = "CRLF".equalsIgnoreCase(lineEnding);
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int i = 0;
        int n = text.length();
        if (n > 0 && text.charAt(0) == '\uFEFF') {
            i = 1;
        }
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    i++;
                    continue;
                }
                cell.append(c);
                i++;
                continue;
            }
            if (c == '"') {
                if (cell.length() > 0 || wasQuoted) {
                    throw new CsvException("ClientInputError : Unable to parse CSV: unexpected quote in line "
                            + (rows.size() + 1));
                }
                quoted = true;
                wasQuoted = true;
                i++;
            } else if (c == delimiter) {
                row.add(cell.toString());
                cell.setLength(0);
                wasQuoted = false;
                i++;
            } else if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                if (!crlf) {
                    throw lineEnding("LF");
                }
                endRow(rows, row, cell, wasQuoted);
                row = new ArrayList<>();
                cell.setLength(0);
                wasQuoted = false;
                i += 2;
            } else if (c == '\n') {
                if (crlf) {
                    throw lineEnding("CRLF");
                }
                endRow(rows, row, cell, wasQuoted);
                row = new ArrayList<>();
                cell.setLength(0);
                wasQuoted = false;
                i++;
            } else {
                if (wasQuoted) {
                    throw new CsvException("ClientInputError : Unable to parse CSV: text after a closing quote in"
                            + " line " + (rows.size() + 1));
                }
                cell.append(c);
                i++;
            }
        }
        if (quoted) {
            throw new CsvException("ClientInputError : Unable to parse CSV: a quoted field is not closed");
        }
        endRow(rows, row, cell, wasQuoted);
        return rows;
    }

    private static CsvException lineEnding(String setting) {
        return new CsvException("ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is "
                + setting);
    }

    private static void endRow(List<List<String>> rows, List<String> row, StringBuilder cell, boolean wasQuoted) {
        if (row.isEmpty() && cell.length() == 0 && !wasQuoted) {
            return;
        }
        row.add(cell.toString());
        rows.add(row);
    }

    /** One line: every cell quoted, quotes doubled. */
    static void appendRow(StringBuilder out, List<String> cells, char delimiter, String lineEnding) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(delimiter);
            }
            String cell = cells.get(i) == null ? "" : cells.get(i);
            out.append('"').append(cell.replace("\"", "\"\"")).append('"');
        }
        out.append("CRLF".equalsIgnoreCase(lineEnding) ? "\r\n" : "\n");
    }

    /** A CSV row as the REST write path reads a body: {@code #N/A} is null, an empty cell is left out. */
    static ObjectNode record(List<String> header, List<String> cells) {
        ObjectNode record = Json.object();
        for (int i = 0; i < header.size(); i++) {
            String cell = cells.get(i);
            if (cell.isEmpty()) {
                continue;
            }
            record.set(header.get(i), BulkCsv.NULL_CELL.equals(cell) ? NullNode.instance : TextNode.valueOf(cell));
        }
        return record;
    }
}
