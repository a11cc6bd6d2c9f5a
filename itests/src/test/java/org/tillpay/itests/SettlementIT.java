package org.tillpay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.tillpay.dintero.emulator.DinteroSettlementsEmulator;
import org.tillpay.dintero.emulator.WebhookMode;
import org.tillpay.ledger.settlement.MonthlySummary;
import org.tillpay.ledger.settlement.ReconciliationLine;
import org.tillpay.ledger.settlement.ReconciliationLine.Outcome;
import org.tillpay.ledger.settlement.Settlement;
import org.tillpay.ledger.settlement.SettlementStore;
import org.tillpay.payment.api.OperationRequest;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentMethod;
import org.tillpay.payment.api.SettlementSource;

/**
 * Dintero's payouts in the POS (FLOWS.md (e)): payments captured through the emulator are settled by it, Tillpay
 * subscribes to its {@code settlement_add} webhook and fetches them (on the webhook, and on its schedule), stores each
 * once, and reconciles them against the sales; a webhook with a bad signature is refused.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SettlementIT extends TillpayTestSupport {

    private static final String STORE = "tau";
    private static final String ACCOUNT = "T77777777";
    private static final String WEBHOOK_SECRET = "tau-webhook-secret-0123";
    private static boolean configured;

    @Configuration
    public Option[] config() {
        return baseConfig();
    }

    @Before
    public void configure() throws Exception {
        if (!configured) {
            configureStore(STORE, ACCOUNT, Map.of("poll.interval.seconds", 1, "settlement.poll.interval.minutes", 0,
                    "webhook.secret", WEBHOOK_SECRET));
            configured = true;
        }
    }


    private DinteroSettlementsEmulator payouts() {
        return awaitService(DinteroSettlementsEmulator.class);
    }

    private SettlementStore settlements() {
        return service(SettlementStore.class, null);
    }

    /** A sale paid with {@code method} and captured in full (797.00). */
    private PaymentHandle captured(String sale, String method) throws Exception {
        PaymentMethod tau = paymentMethod(STORE);
        PaymentHandle link = ItSales.start(tau, ItSales.sale(STORE, sale));
        ItSales.payAndAwaitAuthorized(emulator(), tau, link, method);
        return tau.capturePayment(link.paymentId(), OperationRequest.builder().reference("R-" + sale)
                .requestedBy("staff").build()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private Map<String, ReconciliationLine> reconcile() {
        List<ReconciliationLine> lines = new ArrayList<>();
        settlements().reconcile(ACCOUNT, STORE, null, null, lines::add);
        return lines.stream().collect(Collectors.toMap(ReconciliationLine::transactionId, l -> l));
    }

    @Test
    public void payoutsArriveByWebhookOnceAndAreReconciledAgainstTheSales() throws Exception {
        PaymentMethod tau = paymentMethod(STORE);
        eventually(Duration.ofSeconds(20), "Tillpay subscribed to settlement_add", () -> payouts().webhookDeliveries()
                .stream().anyMatch(d -> "ping".equals(d.event()) && d.delivered()));
        PaymentHandle vipps = captured("S-SET-1", "vipps");
        PaymentHandle card = captured("S-SET-2", "card");
        PaymentHandle later = captured("S-SET-3", "card");
        payouts().setWebhookMode(WebhookMode.DUPLICATE);
        List<String> ids = payouts().settle(ACCOUNT, LocalDate.of(2026, 11, 23));
        assertEquals(2, ids.size()); // vipps and dintero_psp
        eventually(Duration.ofSeconds(30), "both settlements fetched", () -> ids.stream().allMatch(settlements()::isStored));
        Thread.sleep(2000); // the duplicate delivery and its fetch
        List<Settlement> stored = settlements().settlements(ACCOUNT, null, null, null);
        assertEquals(2, stored.size());
        assertTrue(stored.stream().allMatch(Settlement::addsUp));
        long fees = stored.stream().mapToLong(Settlement::feeMinor).sum();
        assertTrue("fees were deducted: " + fees, fees > 0);

        List<MonthlySummary> month = settlements().monthlySummary(ACCOUNT, null, null, null);
        assertEquals(stored.stream().mapToLong(Settlement::amountMinor).sum(),
                month.stream().mapToLong(MonthlySummary::amountMinor).sum());
        assertEquals("2026-11", month.get(0).month().toString());
        assertEquals(1, settlements().settlements(ACCOUNT, "vipps", null, null).size());

        // a capture after the payout is not settled yet; the settled ones match to the øre
        PaymentHandle unsettled = captured("S-SET-4", "vipps");
        Map<String, ReconciliationLine> lines = reconcile();
        for (PaymentHandle p : List.of(vipps, card, later)) {
            ReconciliationLine line = lines.get(p.transactionId().orElseThrow());
            assertEquals(line.toString(), Outcome.MATCHED, line.outcome());
            assertEquals(79700, line.settledNetMinor());
            assertEquals(p.saleReference(), line.saleReference());
        }
        assertEquals(Outcome.NOT_YET_SETTLED, lines.get(unsettled.transactionId().orElseThrow()).outcome());
        SettlementSource source = service(SettlementSource.class, "(tillpay.store.id=" + STORE + ")");
        assertEquals("1920-" + STORE, source.accountingNumber());

        // the next payout takes it; fetched on request this time
        payouts().setWebhookMode(WebhookMode.DROP);
        assertEquals(1, payouts().settle(ACCOUNT, LocalDate.of(2026, 12, 1)).size());
        assertEquals(1, source.fetchSettlements().toCompletableFuture().get(30, TimeUnit.SECONDS).size());
        assertEquals(Outcome.MATCHED, reconcile().get(unsettled.transactionId().orElseThrow()).outcome());
        assertEquals(2, settlements().monthlySummary(ACCOUNT, null, null, null).stream()
                .map(MonthlySummary::month).distinct().count());
        payouts().setWebhookMode(WebhookMode.NORMAL);
        assertTrue(tau.findPayment(vipps.paymentId()).isPresent());
    }

    @Test
    public void aWebhookWithABadSignatureIsRefused() throws Exception {
        paymentMethod(STORE);
        String body = "{\"account_id\":\"" + ACCOUNT + "\",\"event\":\"settlement_add\",\"event_delivery\":\"x\"}";
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(karafBaseUrl()
                + "/tillpay/dintero/hooks/" + STORE)).header("event", "settlement_add")
                .header("event-signature", "00ff").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, forged.statusCode());
        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(URI.create(karafBaseUrl()
                + "/tillpay/dintero/hooks/" + STORE)).header("event", "settlement_add")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, unsigned.statusCode());
    }

    @Test
    public void theScheduleFetchesPayoutsWithoutAWebhook() throws Exception {
        String store = "upsilon";
        String account = "T88888888";
        org.osgi.service.cm.Configuration config = configureStore(store, account, Map.of("poll.interval.seconds", 1));
        PaymentMethod ups = paymentMethod(store);
        PaymentHandle link = ItSales.start(ups, ItSales.sale(store, "S-SCHED-1"));
        ItSales.payAndAwaitAuthorized(emulator(), ups, link, "klarna");
        ups.capturePayment(link.paymentId(), OperationRequest.builder().reference("R-S").requestedBy("staff").build())
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        List<String> ids = payouts().settle(account, LocalDate.of(2026, 11, 24));
        assertEquals(1, ids.size());
        // a store (re)starting fetches on its schedule: first 10 s after it starts, then every interval
        Dictionary<String, Object> props = config.getProperties();
        props.put("store.name", "Upsilon, restarted");
        config.update(props);
        eventually(Duration.ofSeconds(40), "the scheduled fetch stored the payout", () -> settlements().isStored(ids.get(0)));
        List<ReconciliationLine> lines = new ArrayList<>();
        settlements().reconcile(account, store, null, null, lines::add);
        assertEquals(1, lines.size());
        assertEquals(Outcome.MATCHED, lines.get(0).outcome());
        assertEquals("klarna.klarna", lines.get(0).paymentProductType());
    }
}
