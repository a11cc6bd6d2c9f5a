package org.tillpay.dintero.emulator.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders an Insight {@code checkout/transactions} report. Dintero's real layouts are not published, so these are the
 * emulator's (the module README documents them): {@link #csv} is RFC 4180 (comma, CRLF, quoted only when needed)
 * with a header line and one line per transaction, amounts in minor units; {@link #pdf} is a minimal PDF 1.4 (no
 * library) that prints a title and the same rows as a fixed-width text table in Courier, A4 landscape, as many pages
 * as needed.
 */
final class InsightFiles {

    /** The columns of the CSV report, one line per checkout transaction. */
    static final List<String> COLUMNS = List.of("id", "created_at", "merchant_reference", "store_id",
            "payment_product_type", "status", "amount", "currency", "captured_amount", "refunded_amount");

    private static final int PAGE_WIDTH = 842;
    private static final int PAGE_HEIGHT = 595;
    private static final int MARGIN = 36;
    private static final int FONT_SIZE = 7;
    private static final int LEADING = 9;
    private static final int LINES_PER_PAGE = (PAGE_HEIGHT - 2 * MARGIN) / LEADING;

    private InsightFiles() {
    }

    /**
     * The CSV report.
     *
     * @param rows one list of {@link #COLUMNS} values per transaction
     * @return UTF-8 bytes
     */
    static byte[] csv(List<List<String>> rows) {
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (List<String> row : rows) {
            csv.append(String.join(",", row.stream().map(SettlementReports::csvField).toList())).append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The PDF report: the title lines, a blank line, then the rows as a text table under the column names.
     *
     * @param title the title lines (report name, account, period)
     * @param rows one list of {@link #COLUMNS} values per transaction
     * @return the PDF's bytes
     */
    static byte[] pdf(List<String> title, List<List<String>> rows) {
        int[] widths = new int[COLUMNS.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = COLUMNS.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>(title);
        lines.add("");
        lines.add(tableLine(COLUMNS, widths));
        rows.forEach(row -> lines.add(tableLine(row, widths)));
        if (rows.isEmpty()) {
            lines.add("(no transactions)");
        }
        List<List<String>> pages = new ArrayList<>();
        for (int from = 0; from < lines.size(); from += LINES_PER_PAGE) {
            pages.add(lines.subList(from, Math.min(lines.size(), from + LINES_PER_PAGE)));
        }
        return document(pages);
    }

    private static String tableLine(List<String> values, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String value = values.get(i);
            line.append(value).append(" ".repeat(widths[i] - value.length() + 2));
        }
        return line.toString().stripTrailing();
    }

    /**
     * Writes the PDF: catalog (1), page tree (2), font (3), then a page and its content stream per page; the xref
     * table holds each object's byte offset.
     */
    private static byte[] document(List<List<String>> pages) {
        List<byte[]> objects = new ArrayList<>();
        StringBuilder kids = new StringBuilder();
        for (int p = 0; p < pages.size(); p++) {
            kids.append(p == 0 ? "" : " ").append(4 + 2 * p).append(" 0 R");
        }
        objects.add(latin1("<< /Type /Catalog /Pages 2 0 R >>"));
        objects.add(latin1("<< /Type /Pages /Kids [" + kids + "] /Count " + pages.size() + " >>"));
        objects.add(latin1("<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>"));
        for (int p = 0; p < pages.size(); p++) {
            objects.add(latin1("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + PAGE_WIDTH + " " + PAGE_HEIGHT
                    + "] /Resources << /Font << /F1 3 0 R >> >> /Contents " + (5 + 2 * p) + " 0 R >>"));
            StringBuilder text = new StringBuilder("BT\n/F1 " + FONT_SIZE + " Tf\n" + LEADING + " TL\n" + MARGIN + " "
                    + (PAGE_HEIGHT - MARGIN - FONT_SIZE) + " Td\n");
            for (String line : pages.get(p)) {
                text.append('(').append(escape(line)).append(") Tj T*\n");
            }
            byte[] stream = latin1(text.append("ET").toString());
            ByteArrayOutputStream object = new ByteArrayOutputStream();
            object.writeBytes(latin1("<< /Length " + stream.length + " >>\nstream\n"));
            object.writeBytes(stream);
            object.writeBytes(latin1("\nendstream")); // the end-of-line marker is not part of /Length
            objects.add(object.toByteArray());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(latin1("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n"));
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(out.size());
            out.writeBytes(latin1((i + 1) + " 0 obj\n"));
            out.writeBytes(objects.get(i));
            out.writeBytes(latin1("\nendobj\n"));
        }
        int xref = out.size();
        StringBuilder table = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        offsets.forEach(offset -> table.append(String.format(Locale.ROOT, "%010d 00000 n \n", offset)));
        table.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        out.writeBytes(latin1(table.toString()));
        return out.toByteArray();
    }

    /** A PDF string's content: backslash and parentheses escaped, characters outside Latin-1 as {@code ?}. */
    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '\\' || c == '(' || c == ')') {
                escaped.append('\\').append(c);
            } else {
                escaped.append(c >= 0x20 && c < 0x7f || c >= 0xa0 && c <= 0xff ? c : '?');
            }
        }
        return escaped.toString();
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
