package org.tillpay.reports.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.tillpay.ledger.settlement.SettlementFile;

/**
 * A payment provider's source file (CSV) read as a table: its first line is the header, every column is text as the
 * provider wrote it. The separator is found from the header (semicolon, comma or tab); quoted fields may hold the
 * separator, quotes ({@code ""}) and line breaks. As CSV the file is served byte for byte instead (see
 * {@code SettlementReportsComponent}).
 */
final class SourceFileReport implements Report {

    private final ReportContext context;
    private final SettlementFile file;
    private final List<List<String>> records;

    /**
     * @throws IllegalArgumentException when the file has no header line
     */
    SourceFileReport(ReportContext context, SettlementFile file, byte[] bytes) {
        this.context = context;
        this.file = file;
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        this.records = parse(text, separator(text));
        if (records.isEmpty()) {
            throw new IllegalArgumentException("settlement: source file " + file.fileName() + " is empty");
        }
    }

    /** @return the header line and every data line */
    int recordCount() {
        return records.size();
    }

    @Override
    public Table table() {
        List<String> notes = new ArrayList<>(context.notes());
        notes.add("Source file " + file.fileName() + " from " + (file.createdBy() == null ? "the provider"
                : file.createdBy()) + ", as delivered");
        List<Column> columns = new ArrayList<>();
        for (String name : records.get(0)) {
            columns.add(Column.text(name.isBlank() ? "(unnamed)" : name, 8));
        }
        return new Table("Source file " + file.fileName(), notes, columns);
    }

    @Override
    public long rows(TableWriter out) throws IOException {
        int width = records.get(0).size();
        for (List<String> r : records.subList(1, records.size())) {
            List<Object> cells = new ArrayList<>(r.subList(0, Math.min(width, r.size())));
            while (cells.size() < width) {
                cells.add(null);
            }
            out.row(cells);
        }
        return records.size() - 1L;
    }

    /** @return the character among ; , and tab that the header line holds most of, outside quotes */
    static char separator(String text) {
        int end = text.indexOf('\n');
        String header = end < 0 ? text : text.substring(0, end);
        char best = ',';
        long most = -1;
        for (char c : new char[] {';', ',', '\t'}) {
            long n = header.chars().filter(ch -> ch == c).count();
            if (n > most) {
                most = n;
                best = c;
            }
        }
        return best;
    }

    /** @return the records of an RFC 4180 text with the given separator; blank lines are skipped */
    static List<List<String>> parse(String text, char separator) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == separator) {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                end(records, record, field);
                record = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        end(records, record, field);
        return records;
    }

    private static void end(List<List<String>> records, List<String> record, StringBuilder field) {
        record.add(field.toString());
        field.setLength(0);
        if (!(record.size() == 1 && record.get(0).isEmpty())) {
            records.add(record);
        }
    }
}
