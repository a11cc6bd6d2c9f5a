package org.tillpay.dintero.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.testing.EmulatorServer;
import org.tillpay.dintero.internal.TestStores;
import org.tillpay.dintero.internal.client.DinteroApi;
import org.tillpay.dintero.internal.client.DinteroCamelHost;
import org.tillpay.dintero.internal.config.StoreSettings;
import org.tillpay.payment.api.PaymentFailedException;
import org.tillpay.payment.api.ProviderReport;

/**
 * The store's Insight report through the real routes against the emulator (requests and answers checked against
 * Dintero's spec where it covers them): the configuration is kept as configured, once, and the reports Dintero made
 * from it are listed and downloaded through their signed URLs.
 */
class InsightReportsTest {

    private static EmulatorServer dintero;
    private static DinteroCamelHost host;

    @BeforeAll
    static void start() throws Exception {
        dintero = EmulatorServer.builder().defaultAccount().start();
        host = new DinteroCamelHost();
    }

    @AfterAll
    static void stop() throws Exception {
        host.stop();
        dintero.close();
    }

    @AfterEach
    void exchangesFollowTheSpec() {
        assertEquals(List.of(), dintero.contractViolations());
    }

    private static InsightReports insight(String schedule, String emails) {
        Map<String, Object> m = new HashMap<>();
        m.put("account_id", EmulatorServer.ACCOUNT_ID);
        m.put("client_id", EmulatorServer.CLIENT_ID);
        m.put("client_secret", EmulatorServer.CLIENT_SECRET);
        m.put("signature_secret", EmulatorServer.SIGNATURE_SECRET);
        m.put("api_base_url", dintero.apiBaseUrl());
        m.put("checkout_base_url", dintero.checkoutBaseUrl());
        m.put("callback_base_url", "http://127.0.0.1:1");
        m.put("insight_report_schedule", schedule);
        m.put("insight_report_emails", emails);
        StoreSettings settings = StoreSettings.from(TestStores.config(m));
        return new InsightReports(settings, new DinteroApi(settings, host, Clock.systemUTC()));
    }

    private static List<Map<String, Object>> configurations() {
        return dintero.insight().insightConfigurations(EmulatorServer.ACCOUNT_ID);
    }

    @Test
    void theConfigurationIsKeptAsConfiguredAndReportsAreListedAndDownloaded() throws Exception {
        assertEquals("created", insight("weekly", "books@butikk.example.no").ensure().get(20, TimeUnit.SECONDS));
        assertEquals("unchanged", insight("weekly", "books@butikk.example.no").ensure().get(20, TimeUnit.SECONDS));
        assertEquals(1, configurations().size());
        assertEquals("weekly", configurations().get(0).get("schedule"));

        assertEquals("updated", insight("monthly", "").ensure().get(20, TimeUnit.SECONDS));
        assertEquals(1, configurations().size());
        assertEquals("monthly", configurations().get(0).get("schedule"));
        assertEquals(List.of(), configurations().get(0).get("emails"));

        List<String> made = dintero.insight().runInsightReports(EmulatorServer.ACCOUNT_ID, "monthly");
        assertEquals(2, made.size(), "one CSV and one PDF");
        InsightReports store = insight("monthly", "");
        List<ProviderReport> reports = store.reports().get(20, TimeUnit.SECONDS);
        assertEquals(made.stream().sorted().toList(), reports.stream().map(ProviderReport::id).sorted().toList());
        ProviderReport csv = reports.stream().filter(r -> r.contentType().startsWith("text/csv")).findFirst()
                .orElseThrow();
        assertEquals("Tillpay store 012", csv.name());
        assertEquals("monthly", csv.schedule());
        assertEquals(1, csv.periodFrom().getDayOfMonth());
        assertEquals(csv.periodFrom().lengthOfMonth(), csv.periodTo().getDayOfMonth(), "the last day, inclusive");
        String text = new String(store.download(csv.id()).get(20, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("id,created_at,merchant_reference,store_id"), text);
        ProviderReport pdf = reports.stream().filter(r -> r.contentType().equals("application/pdf")).findFirst()
                .orElseThrow();
        assertTrue(new String(store.download(pdf.id()).get(20, TimeUnit.SECONDS), StandardCharsets.ISO_8859_1)
                .startsWith("%PDF-"));

        ExecutionException unknown = assertThrows(ExecutionException.class,
                () -> store.download("rep_unknown").get(20, TimeUnit.SECONDS));
        assertInstanceOf(PaymentFailedException.class, unknown.getCause());
        assertEquals(PaymentFailedException.Reason.NOT_FOUND, ((PaymentFailedException) unknown.getCause()).reason());

        assertEquals("deleted", insight("", "").ensure().get(20, TimeUnit.SECONDS));
        assertEquals(List.of(), configurations());
        assertEquals("unchanged", insight("", "").ensure().get(20, TimeUnit.SECONDS));
    }
}
