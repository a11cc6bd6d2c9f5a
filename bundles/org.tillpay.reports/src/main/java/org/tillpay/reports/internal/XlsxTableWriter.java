package org.tillpay.reports.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * An Excel workbook with one sheet, written by fastexcel as it goes (rows are flushed to the stream every
 * {@value #FLUSH_EVERY} rows): the title in bold, the notes, the header in bold on grey, then the rows with amounts as
 * numbers ({@code #,##0.00}) and dates as dates; totals rows in bold.
 */
final class XlsxTableWriter implements TableWriter {

    private static final int FLUSH_EVERY = 1_000;
    private static final String MONEY = "#,##0.00";
    private static final String DATE = "yyyy-mm-dd";

    private final OutputStream out;
    private Workbook workbook;
    private Worksheet sheet;
    private Table table;
    private int row;

    XlsxTableWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void start(Table t) throws IOException {
        table = t;
        workbook = new Workbook(out, "Tillpay", "1.0");
        sheet = workbook.newWorksheet(sheetName(t.title()));
        sheet.value(row, 0, t.title());
        sheet.style(row, 0).bold().fontSize(14).set();
        row++;
        for (String note : t.notes()) {
            sheet.value(row++, 0, note);
        }
        row++;
        for (int c = 0; c < t.columns().size(); c++) {
            sheet.value(row, c, t.columns().get(c).name());
            sheet.style(row, c).bold().fillColor("DDDDDD").set();
            sheet.width(c, Math.max(10, t.columns().get(c).width() * 1.6));
        }
        row++;
    }

    @Override
    public void row(List<Object> cells) throws IOException {
        cells(cells, false);
    }

    @Override
    public void total(List<Object> cells) throws IOException {
        cells(cells, true);
    }

    @Override
    public void footnote(String text) {
        sheet.value(++row, 0, text);
        row++;
    }

    @Override
    public void finish() throws IOException {
        sheet.finish();
        workbook.finish();
    }

    private void cells(List<Object> cells, boolean bold) throws IOException {
        for (int c = 0; c < cells.size(); c++) {
            Object cell = cells.get(c);
            Column.Type type = table.columns().get(c).type();
            if (cell == null) {
                continue;
            }
            if (cell instanceof BigDecimal amount) {
                sheet.value(row, c, amount);
            } else if (cell instanceof Number number) {
                sheet.value(row, c, number);
            } else if (cell instanceof LocalDate date) {
                sheet.value(row, c, date);
            } else {
                sheet.value(row, c, cell.toString());
            }
            String format = type == Column.Type.MONEY ? MONEY : type == Column.Type.DATE ? DATE : null;
            if (format != null || bold) {
                var style = sheet.style(row, c);
                if (format != null) {
                    style = style.format(format);
                }
                if (bold) {
                    style = style.bold();
                }
                style.set();
            }
        }
        if (++row % FLUSH_EVERY == 0) {
            sheet.flush();
        }
    }

    /** @return the title as an Excel sheet name: at most 31 characters, none of {@code []:*?/\} */
    static String sheetName(String title) {
        String name = title.replaceAll("[\\[\\]:*?/\\\\]", " ").strip();
        return name.isEmpty() ? "Report" : name.length() > 31 ? name.substring(0, 31) : name;
    }
}
