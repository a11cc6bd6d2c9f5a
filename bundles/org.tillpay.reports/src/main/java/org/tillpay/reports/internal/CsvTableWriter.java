package org.tillpay.reports.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CSV as RFC 4180 has it: a header line, then one line per data row, CRLF line ends, UTF-8, fields quoted when they
 * hold a comma, a quote or a line break. Amounts are plain decimals with a dot ({@code 1234.50}), dates ISO. Only
 * data: no title, totals or footnotes, so the file loads as one table. A text cell that a spreadsheet would run as a
 * formula (starting with {@code = + - @}) is written with a leading apostrophe.
 */
final class CsvTableWriter implements TableWriter {

    private final Writer out;

    CsvTableWriter(OutputStream out) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    @Override
    public void start(Table table) throws IOException {
        line(table.columns().stream().map(c -> (Object) c.name()).toList());
    }

    @Override
    public void row(List<Object> cells) throws IOException {
        line(cells);
    }

    @Override
    public void total(List<Object> cells) {
        // data rows only
    }

    @Override
    public void footnote(String text) {
        // data rows only
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }

    private void line(List<Object> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(cells.get(i)));
        }
        out.write("\r\n");
    }

    /** @return the cell as a CSV field, quoted when it must be */
    static String field(Object cell) {
        if (cell == null) {
            return "";
        }
        String text = cell instanceof BigDecimal d ? d.toPlainString() : cell.toString();
        if (cell instanceof String && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text; // a spreadsheet would take it for a formula (CSV injection)
        }
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
