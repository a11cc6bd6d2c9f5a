package org.tillpay.dintero.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.testing.EmulatorServer;
import org.tillpay.dintero.internal.config.StoreSettings;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentStatus;

/**
 * Signed callbacks and webhooks on the real servlet, Jetty and H2 ledger: the signature's 300 s window either way,
 * and a request that was acted on, sent again as it was, answered 200 without acting again, while a retry Dintero
 * signs anew, or the retry of a request that failed, is acted on.
 */
class CallbackReplayTest extends StoreFlowTestBase {

    private static final String HOOK_SECRET = "webhook-secret-of-the-replay-test";

    private static PaymentHandle link(DinteroStoreCore store, String sale) throws Exception {
        return store.startPayment(StoreFlowFixture.sale(store.storeId(), sale).build()).toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
    }

    static String query(PaymentHandle link) {
        return "merchant_reference=" + URLEncoder.encode(link.saleReference() + "/1", StandardCharsets.UTF_8)
                + "&session_id=" + URLEncoder.encode(link.sessionId().orElseThrow(), StandardCharsets.UTF_8)
                + "&time=2026-11-22T07%3A00%3A00Z";
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    /** @return the ledger once every hint of the store was read back (within a minute: the machine may be busy) */
    private static LedgerSnapshot settled(String storeId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!fixture.ledger.unprocessedCallbackHints(storeId, 10).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("hints of store " + storeId + " not read back within a minute");
            }
            Thread.sleep(20);
        }
        return LedgerSnapshot.of(fixture.dataSource());
    }

    @Test
    void aCallbackSentAgainAsItWasIsAnsweredWithoutActingAgain() throws Exception {
        DinteroStoreCore store = fixture.store("051", Map.of());
        StoreSettings at = store.settings();
        PaymentHandle link = link(store, "R-1");
        String path = SignedRequests.callbackPath("051");
        String signature = SignedRequests.dinteroSignature(at, EmulatorServer.SIGNATURE_SECRET, "GET", path,
                query(link), now());

        RawHttp.Answer first = SignedRequests.callback(at, path, query(link), signature);
        assertEquals(200, first.status(), first.text());
        assertEquals("ok", first.body());
        LedgerSnapshot acted = settled("051");
        assertEquals(1, acted.rows("TILLPAY_CALLBACK_HINT", link.paymentId()));

        RawHttp.Answer again = SignedRequests.callback(at, path, query(link), signature);
        assertEquals(200, again.status(), again.text());
        assertEquals("already received", again.body());
        assertEquals(acted, settled("051"), "the replay changed the ledger");

        // Dintero signs each retry anew: a new request, acted on (harmlessly: the payment is read back once more)
        String resigned = SignedRequests.dinteroSignature(at, EmulatorServer.SIGNATURE_SECRET, "GET", path,
                query(link), now() + 1);
        RawHttp.Answer retry = SignedRequests.callback(at, path, query(link), resigned);
        assertEquals("ok", retry.body());
        assertEquals(2, settled("051").rows("TILLPAY_CALLBACK_HINT", link.paymentId()));
        assertEquals(PaymentStatus.LINK_SENT, fixture.ledger.find(link.paymentId()).orElseThrow().status());
    }

    @Test
    void aCallbackThatFailedIsActedOnWhenSentAgain() throws Exception {
        DinteroStoreCore store = fixture.store("052", Map.of());
        StoreSettings at = store.settings();
        String path = SignedRequests.callbackPath("052");
        String query = "merchant_reference=R-2%2F1&session_id=T12345678.notKnownYet";
        String signature = SignedRequests.dinteroSignature(at, EmulatorServer.SIGNATURE_SECRET, "GET", path, query,
                now());
        for (int attempt = 1; attempt <= 2; attempt++) {
            RawHttp.Answer answer = SignedRequests.callback(at, path, query, signature);
            assertEquals(503, answer.status(), "attempt " + attempt + ": " + answer.text());
            assertEquals("payment not known yet", answer.body(), "attempt " + attempt);
        }
    }

    @Test
    void signatureTimesMoreThan300SecondsAwayEitherWayAreRefused() throws Exception {
        DinteroStoreCore store = fixture.store("053", Map.of());
        StoreSettings at = store.settings();
        PaymentHandle link = link(store, "R-3");
        String path = SignedRequests.callbackPath("053");
        long now = now();
        for (long t : new long[] {now - 400, now + 400, now - 86_400, now + 86_400, 0, -1, Long.MAX_VALUE,
            Long.MIN_VALUE, 99_999_999_999_999L}) {
            RawHttp.Answer answer = SignedRequests.callback(at, path, query(link),
                    SignedRequests.dinteroSignature(at, EmulatorServer.SIGNATURE_SECRET, "GET", path, query(link), t));
            assertEquals(403, answer.status(), "t " + t + ": " + answer.text());
            assertEquals("signature refused", answer.body(), "t " + t);
        }
        assertEquals(0, settled("053").rows("TILLPAY_CALLBACK_HINT", link.paymentId()));
        for (long t : new long[] {now - 250, now + 250}) {
            RawHttp.Answer answer = SignedRequests.callback(at, path, query(link),
                    SignedRequests.dinteroSignature(at, EmulatorServer.SIGNATURE_SECRET, "GET", path, query(link), t));
            assertEquals(200, answer.status(), "t " + t + ": " + answer.text());
        }
    }

    @Test
    void aWebhookSentAgainAsItWasIsAnsweredWithoutActingAgain() throws Exception {
        DinteroStoreCore store = fixture.store("054", Map.of("webhook_secret", HOOK_SECRET));
        StoreSettings at = store.settings();
        PaymentHandle link = link(store, "R-4");
        byte[] body = SignedRequests.transactionEnvelope("5f0c-delivery-1", "T12345678.tx", link.sessionId()
                .orElseThrow(), "R-4/1");
        String signature = SignedRequests.webhookSignature(body, HOOK_SECRET);
        String path = SignedRequests.hookPath("054");

        RawHttp.Answer first = SignedRequests.webhook(at, path, "checkout_transaction", body, signature);
        assertEquals("ok", first.body(), first.text());
        LedgerSnapshot acted = settled("054");
        assertEquals(1, acted.rows("TILLPAY_CALLBACK_HINT", link.paymentId()));
        RawHttp.Answer again = SignedRequests.webhook(at, path, "checkout_transaction", body, signature.toUpperCase());
        assertEquals(200, again.status(), again.text());
        assertEquals("already received", again.body());
        assertEquals(acted, settled("054"));
    }

    @Test
    void aWebhookWhoseEventHeaderIsNotItsSignedEventIsRefused() throws Exception {
        DinteroStoreCore store = fixture.store("055", Map.of("webhook_secret", HOOK_SECRET));
        PaymentHandle link = link(store, "R-5");
        byte[] body = SignedRequests.transactionEnvelope("5f0c-delivery-2", "T12345678.tx", link.sessionId()
                .orElseThrow(), "R-5/1");
        LedgerSnapshot before = LedgerSnapshot.of(fixture.dataSource());
        RawHttp.Answer answer = SignedRequests.webhook(store.settings(), SignedRequests.hookPath("055"),
                "settlement_add", body, SignedRequests.webhookSignature(body, HOOK_SECRET));
        assertEquals(400, answer.status(), answer.text());
        assertEquals("event header does not match the body", answer.body());
        assertEquals(before, settled("055"));
    }
}
