package org.tillpay.reports.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tillpay.ledger.internal.JdbcSettlementStore;
import org.tillpay.ledger.settlement.Settlement;
import org.tillpay.ledger.settlement.SettlementFile;
import org.tillpay.ledger.settlement.SettlementLine;
import org.tillpay.payment.api.SettlementSource;
import org.tillpay.reports.ReportFile;
import org.tillpay.reports.ReportFormat;
import org.tillpay.reports.ReportKind;
import org.tillpay.reports.ReportRequest;

/**
 * Every report in every format from a real (H2) ledger: CSV parsed, XLSX read back with fastexcel's reader, PDF text
 * extracted with PDFBox.
 */
class SettlementReportsTest {

    private static final String ACCOUNT = "P11223344";
    private static final byte[] SOURCE = ("Date;Transaction;Amount;Comment\r\n2026-10-30;T1;100,00;\"a; b\"\r\n"
            + "2026-10-31;T2;-20,00;=cmd\r\n").getBytes(StandardCharsets.UTF_8);

    private static SettlementReportsComponent reports;

    @BeforeAll
    static void ledger() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:reports" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;OPTIMIZE_REUSE_RESULTS=FALSE");
        JdbcSettlementStore store = new JdbcSettlementStore(h2);
        store.store(settlement("st_vipps_oct", "vipps", LocalDate.of(2026, 10, 30), 30_000, 0, 450),
                List.of(line("st_vipps_oct", 0, "T1", "CAPTURE", 10_000, 150),
                        line("st_vipps_oct", 1, "T2", "CAPTURE", 20_000, 300)).iterator(),
                List.of(SettlementFile.Content.of("a1", "vipps-2026-10-30.csv", "text/csv", "vipps", SOURCE)));
        store.store(settlement("st_card_oct", "payex", LocalDate.of(2026, 10, 31), 50_000, 5_000, 900),
                List.of(line("st_card_oct", 0, "T3", "CAPTURE", 50_000, 900),
                        line("st_card_oct", 1, "T4", "REFUND", 5_000, 0)).iterator());
        store.store(settlement("st_vipps_nov", "vipps", LocalDate.of(2026, 11, 2), 7_000, 0, 105),
                List.<SettlementLine>of().iterator());
        reports = new SettlementReportsComponent(store, Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"),
                ZoneOffset.UTC));
        reports.addSource(new Source());
    }

    private static Settlement settlement(String id, String provider, LocalDate paid, long capture, long refund,
            long fee) {
        return new Settlement(id, ACCOUNT, null, provider, "ref-" + id, "paid", "NOK", capture, refund, fee,
                capture - refund - fee, paid, null, null, null);
    }

    private static SettlementLine line(String id, int no, String tx, String event, long amount, long fee) {
        return new SettlementLine(id, no, tx, "SALE-" + tx, "012", "vipps", event, amount, fee, "NOK",
                Instant.parse("2026-10-29T12:00:00Z"));
    }

    private static byte[] write(ReportRequest request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reports.write(request, out);
        return out.toByteArray();
    }

    private static ReportRequest request(ReportKind kind, ReportFormat format) {
        return ReportRequest.of(kind, "012", format);
    }

    @Test
    void payoutsAsCsvHoldOneLinePerPayoutAndNoTotals() throws IOException {
        String csv = new String(write(request(ReportKind.PAYOUTS, ReportFormat.CSV)), StandardCharsets.UTF_8);

        assertEquals(List.of("Payout date,Settlement,Provider,Provider reference,Status,Currency,Captured,Refunded,"
                + "Fees,Paid out,Store",
                "2026-10-30,st_vipps_oct,vipps,ref-st_vipps_oct,paid,NOK,300.00,0.00,4.50,295.50,",
                "2026-10-31,st_card_oct,payex,ref-st_card_oct,paid,NOK,500.00,50.00,9.00,441.00,",
                "2026-11-02,st_vipps_nov,vipps,ref-st_vipps_nov,paid,NOK,70.00,0.00,1.05,68.95,"),
                List.of(csv.split("\r\n")));
    }

    @Test
    void payoutsFilteredByProviderAndDateAsXlsxReadBack() throws IOException {
        byte[] xlsx = write(new ReportRequest(ReportKind.PAYOUTS, "012", ReportFormat.XLSX, "vipps",
                LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31), null));

        List<Row> rows = rows(xlsx);
        assertEquals("Dintero payouts", rows.get(0).getCellText(0));
        assertEquals("Store 012, Dintero account P11223344, accounting number 1920", rows.get(1).getCellText(0));
        assertEquals("Provider: vipps, period: 2026-10-01 to 2026-10-31", rows.get(2).getCellText(0));
        Row header = rows.stream().filter(r -> "Payout date".equals(r.getCellText(0))).findFirst().orElseThrow();
        int h = rows.indexOf(header);
        Row data = rows.get(h + 1);
        assertEquals("st_vipps_oct", data.getCellText(1));
        assertEquals(new BigDecimal("295.5"), data.getCellAsNumber(9).orElseThrow().stripTrailingZeros());
        assertEquals(LocalDate.of(2026, 10, 30), data.getCellAsDate(0).orElseThrow().toLocalDate());
        Row total = rows.get(h + 2);
        assertEquals("Total", total.getCellText(2));
        assertEquals(new BigDecimal("4.5"), total.getCellAsNumber(8).orElseThrow().stripTrailingZeros());
        assertEquals(h + 3, rows.size(), "one payout and its total: the others are filtered out");
    }

    @Test
    void theMonthlySummaryAddsUpPerMonthAcrossProviders() throws IOException {
        String csv = new String(write(request(ReportKind.MONTHLY_SUMMARY, ReportFormat.CSV)), StandardCharsets.UTF_8);

        assertEquals(List.of("Month,Provider,Currency,Payouts,Captured,Refunded,Fees,Paid out",
                "2026-10,payex,NOK,1,500.00,50.00,9.00,441.00",
                "2026-10,vipps,NOK,1,300.00,0.00,4.50,295.50",
                "2026-10,All,NOK,2,800.00,50.00,13.50,736.50",
                "2026-11,vipps,NOK,1,70.00,0.00,1.05,68.95",
                "2026-11,All,NOK,1,70.00,0.00,1.05,68.95"), List.of(csv.split("\r\n")));
    }

    @Test
    void aSettlementsNormalisedReportAsPdf() throws IOException {
        String text = pdfText(write(ReportRequest.ofSettlement(ReportKind.SETTLEMENT, "012", "st_card_oct",
                ReportFormat.PDF)));

        assertTrue(text.contains("Dintero settlement st_card_oct"), text);
        assertTrue(text.contains("Provider payex, payout date 2026-10-31, paid"), text);
        assertTrue(text.contains("T3 SALE-T3 012 vipps CAPTURE 500.00 9.00 491.00 NOK 2026-10-29 12:00:00"), text);
        assertTrue(text.contains("T4 SALE-T4 012 vipps REFUND 50.00 0.00 -50.00 NOK"), text);
        assertTrue(text.contains("2 lines Paid out 450.00 9.00 441.00 NOK"), text);
    }

    @Test
    void theSourceFileIsServedAsDeliveredOrReadAsATable() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportFile file = reports.write(ReportRequest.ofSettlement(ReportKind.SOURCE_FILE, "012", "st_vipps_oct",
                ReportFormat.CSV), out);
        assertArrayEquals(SOURCE, out.toByteArray());
        assertEquals("vipps-2026-10-30.csv", file.fileName());
        assertEquals(2, file.rows());

        List<Row> rows = rows(write(ReportRequest.ofSettlement(ReportKind.SOURCE_FILE, "012", "st_vipps_oct",
                ReportFormat.XLSX)));
        Row header = rows.stream().filter(r -> "Date".equals(r.getCellText(0))).findFirst().orElseThrow();
        assertEquals("Comment", header.getCellText(3));
        int h = rows.indexOf(header);
        assertEquals("a; b", rows.get(h + 1).getCellText(3));
        assertEquals("=cmd", rows.get(h + 2).getCellText(3), "a text cell, not a formula");

        assertThrows(IllegalArgumentException.class, () -> write(ReportRequest.ofSettlement(ReportKind.SOURCE_FILE,
                "012", "st_card_oct", ReportFormat.PDF)), "no source file");
    }

    @Test
    void badRequestsNameTheField() {
        assertEquals("store: '999' keeps no settlements", assertThrows(IllegalArgumentException.class,
                () -> write(request(ReportKind.PAYOUTS, ReportFormat.CSV).withStore("999"))).getMessage());
        assertEquals("settlement: 'st_other' is not a settlement of store 012", assertThrows(
                IllegalArgumentException.class, () -> write(ReportRequest.ofSettlement(ReportKind.SETTLEMENT, "012",
                        "st_other", ReportFormat.CSV))).getMessage());
        assertEquals("settlement: required for the SETTLEMENT report", assertThrows(IllegalArgumentException.class,
                () -> request(ReportKind.SETTLEMENT, ReportFormat.CSV)).getMessage());
        assertEquals("from: 2026-11-02 is after to: 2026-11-01", assertThrows(IllegalArgumentException.class,
                () -> new ReportRequest(ReportKind.PAYOUTS, "012", ReportFormat.PDF, null, LocalDate.of(2026, 11, 2),
                        LocalDate.of(2026, 11, 1), null)).getMessage());
        assertEquals("format: 'docx' is not csv, xlsx or pdf", assertThrows(IllegalArgumentException.class,
                () -> ReportFormat.parse("docx")).getMessage());
    }

    @Test
    void aPdfOfManyRowsIsCutWithANote() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfTableWriter pdf = new PdfTableWriter(out);
        pdf.start(new Table("Big", List.of("ünïcode ✓ note"), List.of(Column.count("No"), Column.text("Text", 9))));
        for (long i = 0; i < PdfTableWriter.MAX_ROWS + 5; i++) {
            pdf.row(List.of(i, "row " + i));
        }
        pdf.finish();

        try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
            String last = new PDFTextStripper() {
                {
                    setStartPage(doc.getNumberOfPages());
                }
            }.getText(doc);
            assertTrue(last.contains("5 more rows are left out of this PDF"), last);
            String all = new PDFTextStripper().getText(doc);
            assertTrue(all.contains("Big" + System.lineSeparator() + "ünïcode ? note"), all.substring(0, 40));
        }
    }

    private static List<Row> rows(byte[] xlsx) throws IOException {
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            return wb.getFirstSheet().read();
        }
    }

    private static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc).lines().collect(Collectors.joining("\n"));
        }
    }

    /** The store's settlement source, as the Dintero bundle registers it. */
    private static final class Source implements SettlementSource {
        @Override
        public String storeId() {
            return "012";
        }

        @Override
        public String accountId() {
            return ACCOUNT;
        }

        @Override
        public String accountingNumber() {
            return "1920";
        }

        @Override
        public CompletionStage<List<String>> fetchSettlements() {
            return CompletableFuture.completedFuture(List.of());
        }
    }
}
