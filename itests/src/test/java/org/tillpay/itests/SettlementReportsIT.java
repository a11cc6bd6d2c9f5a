package org.tillpay.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.KarafDistributionOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.tillpay.dintero.emulator.DinteroInsightEmulator;
import org.tillpay.dintero.emulator.DinteroSettlementsEmulator;
import org.tillpay.ledger.settlement.Settlement;
import org.tillpay.ledger.settlement.SettlementFile;
import org.tillpay.ledger.settlement.SettlementStore;
import org.tillpay.payment.api.OperationRequest;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentMethod;
import org.tillpay.payment.api.ProviderReport;
import org.tillpay.payment.api.ProviderReportSource;
import org.tillpay.payment.api.SettlementSource;
import org.tillpay.reports.PayoutWindow;
import org.tillpay.reports.ReportFormat;
import org.tillpay.reports.ReportKind;
import org.tillpay.reports.ReportRequest;
import org.tillpay.reports.SettlementReports;

/**
 * Settlement reports inside the distribution (issue 5): payouts of sales paid through the emulator are fetched,
 * e-mailed with their files to the store's recipient on a real SMTP server (once), and downloaded as CSV, XLSX (read
 * back with fastexcel) and PDF (text extracted with PDFBox): payouts with filters, the monthly summary adding up, a
 * settlement's normalised report and source file, and the reconciliation with the accounting number. The store's
 * Insight schedule is set up at Dintero and its reports listed and downloaded.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SettlementReportsIT extends TillpayTestSupport {

    private static final String STORE = "chi";
    private static final String ACCOUNT = "T66666666";
    private static final String SMTP_PORT = "tillpay.itest.smtp.port";
    private static final String POP3_PORT = "tillpay.itest.pop3.port";
    private static boolean configured;

    @Configuration
    public Option[] config() {
        int[] mail = MailServer.start(freePort(), freePort());
        return OptionUtils.combine(OptionUtils.combine(baseConfig(), ReportReaders.bundles()),
                KarafDistributionOption.editConfigurationFilePut("etc/system.properties", SMTP_PORT, Integer.toString(mail[0])),
                KarafDistributionOption.editConfigurationFilePut("etc/system.properties", POP3_PORT, Integer.toString(mail[1])));
    }

    @Before
    public void configure() throws Exception {
        if (!configured) {
            Map<String, Object> settings = new HashMap<>();
            settings.put("poll.interval.seconds", 1);
            settings.put("settlement.poll.interval.minutes", 0);
            settings.put("smtp.host", "127.0.0.1");
            settings.put("smtp.port", Integer.parseInt(System.getProperty(SMTP_PORT)));
            settings.put("smtp.from", "kasse@butikk.example");
            settings.put("smtp.starttls", false);
            settings.put("settlement.report.email", books());
            settings.put("insight.report.schedule", "daily");
            settings.put("insight.report.emails", books());
            configureStore(STORE, ACCOUNT, settings);
            configured = true;
        }
    }

    /** @return the store's report recipient: one per test class, as the SMTP server outlives each class's Karaf */
    private String books() {
        return "regnskap-" + getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + "@butikk.example";
    }

    private SettlementStore settlements() {
        return service(SettlementStore.class, null);
    }

    private byte[] download(ReportRequest request) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        awaitService(SettlementReports.class).write(request, out);
        return out.toByteArray();
    }

    private PaymentHandle captured(String sale, String method) throws Exception {
        PaymentMethod chi = paymentMethod(STORE);
        PaymentHandle link = ItSales.start(chi, ItSales.sale(STORE, sale));
        ItSales.payAndAwaitAuthorized(emulator(), chi, link, method);
        return chi.capturePayment(link.paymentId(), OperationRequest.builder().reference("R-" + sale)
                .requestedBy("staff").build()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private String mailbox() throws Exception {
        return MailServer.retrieveAll(Integer.parseInt(System.getProperty(POP3_PORT)), books());
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    public void payoutsAreForwardedOnceAndDownloadedAsCsvXlsxAndPdf() throws Exception {
        PaymentHandle vipps = captured("S-REP-1", "vipps");
        PaymentHandle card = captured("S-REP-2", "card");
        PaymentHandle card2 = captured("S-REP-3", "card");
        List<String> ids = awaitService(DinteroSettlementsEmulator.class).settle(ACCOUNT, LocalDate.of(2026, 11, 23));
        assertEquals(2, ids.size());
        SettlementSource source = service(SettlementSource.class, "(tillpay.store.id=" + STORE + ")");
        assertEquals(2, source.fetchSettlements().toCompletableFuture().get(60, TimeUnit.SECONDS).size());

        // forwarded once each, with Dintero's files attached
        String mail = mailbox();
        assertEquals(mail, 2, count(mail, "Subject: Dintero payout "));
        for (String id : ids) {
            assertTrue(mail, mail.contains(id));
            for (SettlementFile f : settlements().files(id)) {
                assertTrue(f.fileName() + " attached:\n" + mail, mail.contains("filename=" + f.fileName()));
            }
        }
        assertEquals(0, source.fetchSettlements().toCompletableFuture().get(60, TimeUnit.SECONDS).size());
        assertEquals("fetched again: nothing new, nothing e-mailed again", 2, count(mailbox(), "Subject: Dintero payout "));

        Settlement vippsPayout = settlements().settlements(ACCOUNT, "vipps", null, null).get(0);
        Settlement cardPayout = settlements().settlements(ACCOUNT, "dintero_psp", null, null).get(0);

        // payouts: XLSX read back, filters by provider and date
        List<List<String>> payouts = ReportReaders.xlsx(download(ReportRequest.of(ReportKind.PAYOUTS, STORE,
                ReportFormat.XLSX)));
        assertEquals("Dintero payouts", payouts.get(0).get(0));
        assertTrue(payouts.get(1).get(0), payouts.get(1).get(0).contains("accounting number 1920-" + STORE));
        for (Settlement s : List.of(vippsPayout, cardPayout)) {
            List<String> row = payouts.stream().filter(r -> r.size() > 9 && s.settlementId().equals(r.get(1)))
                    .findFirst().orElseThrow();
            assertEquals(BigDecimal.valueOf(s.amountMinor(), 2), new BigDecimal(row.get(9)).setScale(2));
            assertEquals(BigDecimal.valueOf(s.feeMinor(), 2), new BigDecimal(row.get(8)).setScale(2));
        }
        String vippsOnly = csv(new ReportRequest(ReportKind.PAYOUTS, STORE, ReportFormat.CSV, "vipps", null, null,
                null));
        assertEquals(vippsOnly, 2, vippsOnly.split("\r\n").length);
        assertTrue(vippsOnly, vippsOnly.contains(vippsPayout.settlementId()));
        String december = csv(new ReportRequest(ReportKind.PAYOUTS, STORE, ReportFormat.CSV, null,
                LocalDate.of(2026, 12, 1), null, null));
        assertEquals(december, 1, december.split("\r\n").length);

        // the monthly summary adds up: the providers' rows sum to the month's "All" row, which is what was paid out
        String monthly = csv(ReportRequest.of(ReportKind.MONTHLY_SUMMARY, STORE, ReportFormat.CSV));
        BigDecimal providers = BigDecimal.ZERO;
        BigDecimal all = null;
        for (String line : monthly.split("\r\n")) {
            String[] f = line.split(",");
            if (f[0].equals("2026-11")) {
                if (f[1].equals("All")) {
                    all = new BigDecimal(f[7]);
                } else {
                    providers = providers.add(new BigDecimal(f[7]));
                }
            }
        }
        assertEquals(monthly, providers, all);
        assertEquals(BigDecimal.valueOf(vippsPayout.amountMinor() + cardPayout.amountMinor(), 2), all);
        assertTrue(ReportReaders.pdf(download(ReportRequest.of(ReportKind.MONTHLY_SUMMARY, STORE, ReportFormat.PDF)))
                .contains("2026-11 All NOK 2"));

        // one settlement: its normalised report as PDF, its source file as delivered and as XLSX
        String report = ReportReaders.pdf(download(ReportRequest.ofSettlement(ReportKind.SETTLEMENT, STORE,
                cardPayout.settlementId(), ReportFormat.PDF)));
        assertTrue(report, report.contains(card.transactionId().orElseThrow()));
        assertTrue(report, report.contains(card2.transactionId().orElseThrow()));
        assertTrue(report, report.contains("2 lines Paid out"));
        SettlementFile source0 = settlements().files(vippsPayout.settlementId()).stream().filter(f -> !f.fromDintero())
                .findFirst().orElseThrow();
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        settlements().copyFile(vippsPayout.settlementId(), source0.attachmentId(), stored);
        assertArrayEquals(stored.toByteArray(), download(ReportRequest.ofSettlement(ReportKind.SOURCE_FILE, STORE,
                vippsPayout.settlementId(), ReportFormat.CSV)));
        List<List<String>> sourceSheet = ReportReaders.xlsx(download(ReportRequest.ofSettlement(
                ReportKind.SOURCE_FILE, STORE, vippsPayout.settlementId(), ReportFormat.XLSX)));
        List<String> header = sourceSheet.stream().filter(r -> r.contains("order_reference")).findFirst()
                .orElseThrow();
        List<String> first = sourceSheet.get(sourceSheet.indexOf(header) + 1);
        assertTrue(first.toString(), first.get(header.indexOf("order_reference")).startsWith(vipps.saleReference() + "/"));
        assertEquals("797.00", first.get(header.indexOf("gross_amount")));

        // the reconciliation: every sale matched, with the accounting number, in all three formats
        List<List<String>> rec = ReportReaders.xlsx(download(ReportRequest.of(ReportKind.RECONCILIATION, STORE,
                ReportFormat.XLSX)));
        List<String> columns = rec.stream().filter(r -> r.contains("Outcome")).findFirst().orElseThrow();
        for (PaymentHandle p : List.of(vipps, card, card2)) {
            List<String> row = rec.stream().filter(r -> r.size() == columns.size()
                    && p.transactionId().orElseThrow().equals(r.get(columns.indexOf("Transaction")))).findFirst()
                    .orElseThrow();
            assertEquals(row.toString(), "MATCHED", row.get(0));
            assertEquals(p.saleReference(), row.get(columns.indexOf("Sale")));
            assertEquals("1920-" + STORE, row.get(columns.indexOf("Accounting no.")));
        }
        String recCsv = csv(ReportRequest.of(ReportKind.RECONCILIATION, STORE, ReportFormat.CSV));
        assertEquals(recCsv, 3, count(recCsv, ",MATCHED,") + count(recCsv, "\r\nMATCHED,"));
        String recPdf = ReportReaders.pdf(download(ReportRequest.of(ReportKind.RECONCILIATION, STORE,
                ReportFormat.PDF)));
        assertTrue(recPdf, recPdf.contains("Summary: MATCHED 3, UNKNOWN_TO_POS 0, NOT_YET_SETTLED 0, AMOUNT_MISMATCH 0"));
        assertTrue(recPdf, recPdf.contains("1920-" + STORE));

        // a sale captured after the payout: not settled yet, with the window its payout is expected in
        PaymentHandle unsettled = captured("S-REP-4", "vipps");
        LocalDate sold = LocalDate.ofInstant(unsettled.history().get(0).at(), java.time.ZoneOffset.UTC);
        String window = PayoutWindow.expected("vipps", sold).toString();
        String open = csv(ReportRequest.of(ReportKind.RECONCILIATION, STORE, ReportFormat.CSV)).lines()
                .filter(l -> l.contains(unsettled.transactionId().orElseThrow())).findFirst().orElseThrow();
        assertTrue(open, open.startsWith("NOT_YET_SETTLED,"));
        assertTrue(open + " expected in " + window, open.endsWith("," + window + ",1920-" + STORE));
    }

    @Test
    public void theInsightScheduleIsSetUpAtDinteroAndItsReportsDownloaded() throws Exception {
        paymentMethod(STORE);
        DinteroInsightEmulator insight = awaitService(DinteroInsightEmulator.class);
        eventually(Duration.ofSeconds(20), "the store's Insight configuration exists",
                () -> insight.insightConfigurations(ACCOUNT).size() == 1);
        Map<String, Object> config = insight.insightConfigurations(ACCOUNT).get(0);
        assertEquals("Tillpay store " + STORE, config.get("name"));
        assertEquals("daily", config.get("schedule"));
        assertEquals(List.of(books()), config.get("emails"));
        assertTrue(config.toString(), config.get("reportFilters").toString().contains(STORE));

        List<String> made = insight.runInsightReports(ACCOUNT, "daily");
        assertEquals(2, made.size());
        ProviderReportSource reports = service(ProviderReportSource.class, "(tillpay.store.id=" + STORE + ")");
        assertEquals("daily", reports.schedule().orElseThrow());
        List<ProviderReport> listed = reports.reports().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(made.stream().sorted().toList(), listed.stream().map(ProviderReport::id).sorted().toList());
        ProviderReport csv = listed.stream().filter(r -> r.contentType().startsWith("text/csv")).findFirst()
                .orElseThrow();
        assertEquals(csv.periodFrom(), csv.periodTo());
        String text = new String(reports.download(csv.id()).toCompletableFuture().get(30, TimeUnit.SECONDS),
                StandardCharsets.UTF_8);
        assertTrue(text, text.startsWith("id,created_at,merchant_reference,store_id"));
        ProviderReport pdf = listed.stream().filter(r -> r.contentType().equals("application/pdf")).findFirst()
                .orElseThrow();
        assertTrue(ReportReaders.pdf(reports.download(pdf.id()).toCompletableFuture().get(30, TimeUnit.SECONDS))
                .length() > 0);
    }

    private String csv(ReportRequest request) throws Exception {
        return new String(download(request), StandardCharsets.UTF_8);
    }
}
