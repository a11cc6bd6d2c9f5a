package org.tillpay.dintero.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.tillpay.dintero.api.operations.StuckPayment;
import org.tillpay.dintero.api.operations.StuckPayment.Reason;
import org.tillpay.dintero.emulator.CallbackMode;
import org.tillpay.dintero.emulator.Fault;
import org.tillpay.dintero.emulator.FaultRule;
import org.tillpay.dintero.emulator.OperationMode;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.payment.api.OperationRequest;
import org.tillpay.payment.api.PaymentFailedException;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentStatus;

/**
 * Payments waiting on Dintero too long: a link whose creation got no answer (FLOWS.md (a), "Timeout or 5xx on
 * create-session"), found later by its merchant reference, expired when nobody paid it, and voided when the sale was
 * cancelled meanwhile and the customer paid anyway; an operation Dintero accepted and has not finished. Each listed
 * as stuck, and tried again on request.
 */
class StuckPaymentsTest extends StoreFlowTestBase {

    /** A clock the test moves: the store's, not Dintero's. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** Starts a sale whose session Dintero makes but whose answer is lost; @return the payment, left CREATED */
    private static PaymentRecord lostLink(DinteroStoreCore store, String sale) throws Exception {
        fixture.dintero.emulator().loseNextSessionResponse();
        ExecutionException e = assertThrows(ExecutionException.class, () -> store.startPayment(
                StoreFlowFixture.sale(store.storeId(), sale).build()).toCompletableFuture().get(20, TimeUnit.SECONDS));
        assertEquals(PaymentFailedException.Reason.UNAVAILABLE,
                assertInstanceOf(PaymentFailedException.class, e.getCause()).reason());
        PaymentRecord payment = fixture.ledger.findByMerchantReference(store.storeId(), sale + "/1").orElseThrow();
        assertEquals(PaymentStatus.CREATED, payment.status());
        assertNull(payment.sessionId());
        return payment;
    }

    /** @return the id of the session Dintero made for the merchant reference */
    private static String sessionAtDintero(String merchantReference) {
        return fixture.dintero.emulator().sessions().stream()
                .filter(s -> merchantReference.equals(s.merchantReference())).map(s -> s.sessionId()).findFirst()
                .orElseThrow();
    }

    private static List<Reason> reasons(DinteroStoreCore store, String paymentId) {
        return store.stuckPayments().stream().filter(s -> s.paymentId().equals(paymentId)).map(StuckPayment::reason)
                .toList();
    }

    private static List<StuckPayment> retry(DinteroStoreCore store, String paymentId) throws Exception {
        return store.retry(paymentId).toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void aLinkWhoseAnswerWasLostIsFoundOnceTheCustomerPays() throws Exception {
        DinteroStoreCore store = fixture.store("031", Map.of());
        fixture.dintero.emulator().setCallbackMode(CallbackMode.DROP);
        PaymentRecord lost = lostLink(store, "L-1");
        assertEquals(List.of(Reason.LINK_UNCONFIRMED), reasons(store, lost.paymentId()),
                "listed at once: the audit trail says Dintero did not answer");
        assertEquals("saleReference", assertThrows(org.tillpay.payment.api.InvalidPaymentRequestException.class,
                () -> store.startPayment(StoreFlowFixture.sale("031", "L-1").build())).field(),
                "no second link while the first may exist");
        assertEquals(List.of(Reason.LINK_UNCONFIRMED), retry(store, lost.paymentId()).stream()
                .map(StuckPayment::reason).toList(), "Dintero has no transaction for it yet");
        assertEquals(PaymentStatus.CREATED, fixture.ledger.find(lost.paymentId()).orElseThrow().status());

        String session = sessionAtDintero("L-1/1");
        fixture.dintero.emulator().pay(session, "vipps");
        assertEquals(List.of(), retry(store, lost.paymentId()));
        PaymentRecord paid = fixture.ledger.find(lost.paymentId()).orElseThrow();
        assertEquals(PaymentStatus.AUTHORIZED, paid.status());
        assertEquals(session, paid.sessionId());
        assertTrue(paid.history().stream().anyMatch(c -> c.detail().orElse("").contains("merchant reference")),
                paid.history()::toString);
        assertEquals(List.of(), reasons(store, lost.paymentId()));
    }

    @Test
    void aLostLinkNobodyPaidExpiresAndFreesTheSale() throws Exception {
        MovableClock clock = new MovableClock();
        DinteroStoreCore store = fixture.store("032", Map.of(), clock);
        PaymentRecord lost = lostLink(store, "L-2");
        clock.advance(Duration.between(clock.instant(), lost.expiresAt()).plus(PaymentReadBack.LOST_LINK_GRACE)
                .plusSeconds(1));
        assertEquals(List.of(Reason.LINK_UNCONFIRMED), reasons(store, lost.paymentId()));
        store.pollPending();
        assertEquals(PaymentStatus.EXPIRED, fixture.ledger.find(lost.paymentId()).orElseThrow().status());
        assertEquals(List.of(), reasons(store, lost.paymentId()));
        PaymentHandle again = store.startPayment(StoreFlowFixture.sale("032", "L-2").build()).toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
        assertEquals(PaymentStatus.LINK_SENT, again.status());
        assertEquals("L-2/2", fixture.ledger.find(again.paymentId()).orElseThrow().merchantReference());
    }

    @Test
    void aCancelledSaleWhoseLostLinkIsPaidAnywayIsVoided() throws Exception {
        DinteroStoreCore store = fixture.store("033", Map.of());
        PaymentRecord lost = lostLink(store, "L-3");
        PaymentHandle cancelled = store.cancelPayment(lost.paymentId()).toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertEquals(PaymentStatus.CANCELLED, cancelled.status());

        fixture.dintero.emulator().setCallbackMode(CallbackMode.DROP);
        String session = sessionAtDintero("L-3/1");
        fixture.dintero.emulator().pay(session, "card");
        String transaction = (String) fixture.dintero.emulator().session(session).orElseThrow().get("transaction_id");
        store.pollPending();
        StoreFlowFixture.await("the late payment was voided", () -> "AUTHORIZATION_VOIDED".equals(
                fixture.dintero.emulator().transaction(transaction).orElseThrow().get("status")));
        assertEquals(PaymentStatus.CANCELLED, fixture.ledger.find(lost.paymentId()).orElseThrow().status());
    }

    @Test
    void aLatePaymentWhoseVoidFailsIsVoidedByThePoller() throws Exception {
        // soak: a customer declined, then paid the same link; the void got 503, and the DECLINED payment was never
        // read back again, so the money stayed reserved
        DinteroStoreCore store = fixture.store("037", Map.of());
        PaymentHandle link = store.startPayment(StoreFlowFixture.sale("037", "L-5").build()).toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
        String session = link.sessionId().orElseThrow();
        fixture.dintero.emulator().decline(session);
        StoreFlowFixture.await("declined", () -> fixture.ledger.find(link.paymentId()).orElseThrow().status()
                == PaymentStatus.DECLINED);
        String refused = fixture.dintero.emulator().addFault(FaultRule.on(FaultRule.Route.TRANSACTION_OPERATION,
                Fault.serverError(503)).times(1));
        fixture.dintero.emulator().pay(session, "card");
        String transaction = (String) fixture.dintero.emulator().session(session).orElseThrow().get("transaction_id");
        StoreFlowFixture.await("the failed void left a reminder for the poller", () -> fixture.ledger
                .unprocessedCallbackHints("037", 10).stream()
                .anyMatch(h -> LatePaymentGuard.VOID_FAILED.equals(h.error())));
        assertEquals(1, fixture.dintero.emulator().faultHits(refused));
        assertEquals("AUTHORIZED", fixture.dintero.emulator().transaction(transaction).orElseThrow().get("status"));

        store.pollPending();
        StoreFlowFixture.await("the late payment was voided", () -> "AUTHORIZATION_VOIDED".equals(
                fixture.dintero.emulator().transaction(transaction).orElseThrow().get("status")));
        assertEquals(PaymentStatus.DECLINED, fixture.ledger.find(link.paymentId()).orElseThrow().status());
    }

    @Test
    void anOperationDinteroAcceptedAndHasNotFinishedIsListedUntilItIs() throws Exception {
        MovableClock clock = new MovableClock();
        DinteroStoreCore store = fixture.store("034", Map.of(), clock);
        PaymentHandle link = store.startPayment(StoreFlowFixture.sale("034", "L-4").build()).toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
        fixture.dintero.emulator().pay(link.sessionId().orElseThrow(), "vipps");
        fixture.awaitStatus(link.paymentId(), PaymentStatus.AUTHORIZED);
        fixture.dintero.emulator().setOperationMode(OperationMode.ASYNC);
        store.capturePayment(link.paymentId(), OperationRequest.builder().reference("R-4").requestedBy("staff")
                .build()).toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertEquals(List.of(), reasons(store, link.paymentId()));

        clock.advance(PendingPayments.ACCEPTED_STUCK_AFTER.plusMinutes(1));
        assertEquals(List.of(Reason.OPERATION_AWAITING_PROVIDER), reasons(store, link.paymentId()));
        assertEquals(List.of(Reason.OPERATION_AWAITING_PROVIDER), retry(store, link.paymentId()).stream()
                .map(StuckPayment::reason).toList(), "an accepted operation is read back, never sent again");
        assertEquals(1, fixture.dintero.emulator().completePendingOperations());
        assertEquals(List.of(), retry(store, link.paymentId()));
        assertEquals(PaymentStatus.CAPTURED, fixture.ledger.find(link.paymentId()).orElseThrow().status());
    }

    @Test
    void aWalleyPaymentOnHoldReadBackTwiceStaysOnHold() throws Exception {
        // not a stuck payment, but the read-back retry() and the poller repeat: a second read of a transaction still
        // ON_HOLD once took it for an authorization
        DinteroStoreCore store = fixture.store("036", Map.of());
        fixture.dintero.emulator().setCallbackMode(CallbackMode.DROP);
        PaymentHandle link = store.startPayment(StoreFlowFixture.sale("036", "L-6").build()).toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
        fixture.dintero.emulator().payOnHold(link.sessionId().orElseThrow(), "walley");
        assertEquals(PaymentStatus.ON_HOLD, store.refreshPayment(link.paymentId()).toCompletableFuture()
                .get(20, TimeUnit.SECONDS).status());
        assertEquals(PaymentStatus.ON_HOLD, store.refreshPayment(link.paymentId()).toCompletableFuture()
                .get(20, TimeUnit.SECONDS).status(), "not paid until Walley decides");
        assertEquals(List.of(), retry(store, link.paymentId()));
        assertEquals(PaymentStatus.ON_HOLD, fixture.ledger.find(link.paymentId()).orElseThrow().status());
    }

    @Test
    void retryingAnotherStoresPaymentIsRefused() throws Exception {
        DinteroStoreCore store = fixture.store("035", Map.of());
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> store.retry("no-such-payment").toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
    }
}
