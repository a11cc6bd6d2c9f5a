package org.tillpay.dintero.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.testing.EmulatorServer;
import org.tillpay.dintero.internal.config.StoreSettings;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentStatus;

/**
 * Two stores of one Dintero account (account-wide webhook subscriptions) whose sales
 * have the same reference: a correctly signed callback or webhook at one store naming the other store's payment
 * changes nothing at the first, not even a payment whose own session was never recorded (the answer to creating it
 * was lost) and whose merchant reference it names.
 */
class CrossStoreCallbackTest extends StoreFlowTestBase {

    private static final String HOOK_SECRET = "webhook-secret-of-the-cross-store-test";

    @Test
    void anotherStoresPaidSessionChangesNothingHere() throws Exception {
        DinteroStoreCore here = fixture.store("061", Map.of("webhook_secret", HOOK_SECRET));
        // (its own signature secret: the emulator's callbacks for its payment are refused, so nothing changes it
        // behind the test's back; it is read back on request instead)
        DinteroStoreCore there = fixture.store("062", Map.of("signature_secret", "signature-secret-of-store-062"));
        PaymentHandle paid = there.startPayment(StoreFlowFixture.sale("062", "X-1").build()).toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        String thereSession = paid.sessionId().orElseThrow();
        fixture.dintero.emulator().pay(thereSession, "card");
        there.retry(paid.paymentId()).toCompletableFuture().get(60, TimeUnit.SECONDS);
        PaymentRecord thereRecord = fixture.ledger.find(paid.paymentId()).orElseThrow();
        assertEquals(PaymentStatus.AUTHORIZED, thereRecord.status());
        String thereTransaction = thereRecord.transactionId();
        fixture.dintero.emulator().loseNextSessionResponse();
        assertThrows(ExecutionException.class, () -> here.startPayment(StoreFlowFixture.sale("061", "X-1").build())
                .toCompletableFuture().get(60, TimeUnit.SECONDS));
        PaymentRecord lost = fixture.ledger.findByMerchantReference("061", "X-1/1").orElseThrow();
        assertNull(lost.sessionId());
        LedgerSnapshot before = LedgerSnapshot.of(fixture.dataSource());

        StoreSettings at = here.settings();
        String path = SignedRequests.callbackPath("061");
        String query = "merchant_reference=X-1%2F1&session_id=" + thereSession + "&transaction_id=" + thereTransaction;
        long t = Instant.now().getEpochSecond();
        RawHttp.Answer callback = SignedRequests.callback(at, path, query,
                SignedRequests.dinteroSignature(at, EmulatorServer.SIGNATURE_SECRET, "GET", path, query, t));
        assertEquals(200, callback.status(), callback.text()); // read back from Dintero, which knows no such payment here

        byte[] body = SignedRequests.transactionEnvelope("cross-store-delivery", thereTransaction, thereSession, "X-1/1");
        RawHttp.Answer webhook = SignedRequests.webhook(at, SignedRequests.hookPath("061"), "checkout_transaction",
                body, SignedRequests.webhookSignature(body, HOOK_SECRET));
        assertEquals(200, webhook.status(), webhook.text());

        // signed for store 062's path, sent to store 061's: the path is signed
        String therePath = SignedRequests.callbackPath("062");
        RawHttp.Answer moved = SignedRequests.callback(at, path, query,
                SignedRequests.dinteroSignature(at, EmulatorServer.SIGNATURE_SECRET, "GET", therePath, query, t + 1));
        assertEquals(403, moved.status(), moved.text());

        here.retry(lost.paymentId()).toCompletableFuture().get(60, TimeUnit.SECONDS); // every read-back has run
        PaymentRecord after = fixture.ledger.find(lost.paymentId()).orElseThrow();
        assertEquals(PaymentStatus.CREATED, after.status());
        assertNull(after.sessionId());
        assertEquals(before, LedgerSnapshot.of(fixture.dataSource()));
    }
}
