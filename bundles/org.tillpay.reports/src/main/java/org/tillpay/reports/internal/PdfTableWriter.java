package org.tillpay.reports.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A printable PDF made with Apache PDFBox: A4 landscape, the title and notes on the first page, the header repeated
 * on every page, amounts right-aligned ({@code 1,234.50}), totals in bold, a page number at the foot. Text a cell
 * cannot hold is cut with {@code ...}; characters the PDF's standard font lacks are written as {@code ?}. At most
 * {@value #MAX_ROWS} rows (about 500 pages): beyond that a note says how many rows were left out and that the CSV
 * or XLSX has them all. The document is kept in memory until {@link #finish}.
 */
final class PdfTableWriter implements TableWriter {

    static final int MAX_ROWS = 20_000;

    private static final float MARGIN = 36;
    private static final float SIZE = 7.5f;
    private static final float LEADING = 11;
    private static final PDRectangle PAGE = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());

    private final OutputStream out;
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final DecimalFormat amounts = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
    private PDDocument document;
    private PDPageContentStream page;
    private Table table;
    private float[] widths;
    private float y;
    private int pages;
    private long rows;
    private long leftOut;

    PdfTableWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void start(Table t) throws IOException {
        table = t;
        document = new PDDocument();
        document.getDocumentInformation().setTitle(t.title());
        document.getDocumentInformation().setCreator("Tillpay");
        float total = t.columns().stream().mapToInt(Column::width).sum();
        float usable = PAGE.getWidth() - 2 * MARGIN;
        widths = new float[t.columns().size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = usable * t.columns().get(i).width() / total;
        }
        newPage();
        text(bold, 14, MARGIN, y, t.title());
        y -= 20;
        for (String note : t.notes()) {
            text(regular, 9, MARGIN, y, note);
            y -= LEADING + 1;
        }
        y -= 6;
        header();
    }

    @Override
    public void row(List<Object> cells) throws IOException {
        if (rows >= MAX_ROWS) {
            leftOut++;
            return;
        }
        rows++;
        cells(cells, regular);
    }

    @Override
    public void total(List<Object> cells) throws IOException {
        cells(cells, bold);
    }

    @Override
    public void footnote(String text) throws IOException {
        room(2 * LEADING);
        y -= LEADING / 2;
        text(regular, 8, MARGIN, y, text);
        y -= LEADING;
    }

    @Override
    public void finish() throws IOException {
        if (leftOut > 0) {
            footnote(leftOut + " more rows are left out of this PDF (it shows the first " + MAX_ROWS
                    + "); the CSV and XLSX downloads hold them all.");
        }
        page.close();
        document.save(out);
        document.close();
    }

    private void cells(List<Object> cells, PDType1Font font) throws IOException {
        room(LEADING);
        float x = MARGIN;
        for (int i = 0; i < cells.size(); i++) {
            Object cell = cells.get(i);
            String text = cell == null ? "" : cell instanceof BigDecimal d ? amounts.format(d) : cell.toString();
            text = fit(font, safe(font, text), widths[i] - 4);
            float at = right(table.columns().get(i)) ? x + widths[i] - 4 - width(font, text) : x;
            text(font, SIZE, at, y, text);
            x += widths[i];
        }
        y -= LEADING;
    }

    private void header() throws IOException {
        float x = MARGIN;
        for (int i = 0; i < widths.length; i++) {
            String name = fit(bold, table.columns().get(i).name(), widths[i] - 4);
            text(bold, SIZE, right(table.columns().get(i)) ? x + widths[i] - 4 - width(bold, name) : x, y, name);
            x += widths[i];
        }
        page.moveTo(MARGIN, y - 3);
        page.lineTo(PAGE.getWidth() - MARGIN, y - 3);
        page.stroke();
        y -= LEADING + 2;
    }

    /** Amounts and counts are right-aligned, their headings too. */
    private static boolean right(Column column) {
        return column.type() == Column.Type.MONEY || column.type() == Column.Type.COUNT;
    }

    private static float width(PDType1Font font, String text) throws IOException {
        return font.getStringWidth(text) / 1000 * SIZE;
    }

    /** Starts a new page when fewer than {@code needed} points are left. */
    private void room(float needed) throws IOException {
        if (y - needed < MARGIN + 14) {
            newPage();
            header();
        }
    }

    private void newPage() throws IOException {
        if (page != null) {
            page.close();
        }
        PDPage p = new PDPage(PAGE);
        document.addPage(p);
        page = new PDPageContentStream(document, p);
        page.setLineWidth(0.5f);
        pages++;
        text(regular, 7, PAGE.getWidth() - MARGIN - 40, MARGIN - 14, "Page " + pages);
        y = PAGE.getHeight() - MARGIN;
    }

    private void text(PDType1Font font, float size, float x, float at, String text) throws IOException {
        page.beginText();
        page.setFont(font, size);
        page.newLineAtOffset(x, at);
        page.showText(safe(font, text));
        page.endText();
    }

    /** @return the text cut to the width, with "..." when cut */
    private static String fit(PDType1Font font, String text, float width) throws IOException {
        if (font.getStringWidth(text) / 1000 * SIZE <= width) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && font.getStringWidth(cut + "...") / 1000 * SIZE > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "...";
    }

    /** @return the text with every character the font cannot encode replaced by '?' */
    private static String safe(PDType1Font font, String text) {
        try {
            font.encode(text);
            return text;
        } catch (IOException | IllegalArgumentException e) {
            StringBuilder b = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                String ch = new String(Character.toChars(cp));
                try {
                    font.encode(ch);
                    b.append(ch);
                } catch (IOException | IllegalArgumentException unencodable) {
                    b.append('?');
                }
            });
            return b.toString();
        }
    }
}
