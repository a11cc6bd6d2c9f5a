package org.tillpay.dintero.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.Fault;
import org.tillpay.dintero.emulator.FaultRule;
import org.tillpay.dintero.emulator.testing.EmulatorServer;
import org.tillpay.dintero.internal.TestStores;
import org.tillpay.dintero.internal.client.DinteroCamelHost;
import org.tillpay.dintero.internal.config.StoreSettings;
import org.tillpay.ledger.PaymentLedger;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.payment.api.InvalidPaymentRequestException;
import org.tillpay.payment.api.LinkOptions;
import org.tillpay.payment.api.PaymentFailedException;
import org.tillpay.payment.api.OperationLine;
import org.tillpay.payment.api.OperationRequest;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentRequest;
import org.tillpay.payment.api.PaymentStatus;
import org.tillpay.payment.api.StatusChange;

/**
 * A store in-JVM against the emulator, with the real Camel routes, the real ledger on H2 and our callback servlet on
 * its own Jetty: every exchange with the emulator is validated against Dintero's OpenAPI spec.
 */
class DinteroStoreFlowTest extends StoreFlowTestBase {

    private static EmulatorServer dintero;
    private static PaymentLedger ledger;
    private static DinteroCamelHost host;
    private static PaymentListeners listeners;
    private static List<StatusChange> heard;
    private static DinteroStoreCore store;

    @BeforeAll
    static void start() {
        dintero = fixture.dintero;
        ledger = fixture.ledger;
        host = fixture.host;
        listeners = fixture.listeners;
        heard = fixture.heard;
        store = fixture.store("012", Map.of());
    }

    private static PaymentRequest.Builder sale(String reference) {
        return StoreFlowFixture.sale("012", reference);
    }

    private static PaymentHandle start(PaymentRequest request) throws Exception {
        return store.startPayment(request).toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        StoreFlowFixture.await(what, condition);
    }

    private static PaymentRecord awaitStatus(String paymentId, PaymentStatus status) throws InterruptedException {
        return fixture.awaitStatus(paymentId, status);
    }

    @Test
    void customerPaysAndTheSignedCallbackCompletesTheSale() throws Exception {
        PaymentHandle link = start(sale("S-1").build());
        assertEquals(PaymentStatus.LINK_SENT, link.status());
        assertEquals("publish sms:sent", link.history().get(1).detail().orElseThrow());
        Map<String, Object> session = dintero.emulator().session(link.sessionId().orElseThrow()).orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> order = (Map<String, Object>) session.get("order");
        assertEquals(79700, ((Number) order.get("amount")).intValue());
        assertEquals(11960, ((Number) order.get("vat_amount")).intValue());
        assertEquals("S-1/1", order.get("merchant_reference"));

        dintero.emulator().pay(link.sessionId().get(), "vipps");
        PaymentRecord paid = awaitStatus(link.paymentId(), PaymentStatus.AUTHORIZED);
        assertEquals("vipps", paid.paymentProduct());
        assertEquals("callback", paid.history().get(2).source());
        // The emulator records the delivery once our answer is back; listeners hear it on their own thread.
        await("the emulator saw our 200", () -> dintero.emulator().callbackDeliveries().stream()
                .anyMatch(d -> d.sessionId().equals(link.sessionId().get()) && d.httpStatus() == 200));
        await("the listener heard AUTHORIZED", () -> heard.stream().anyMatch(c -> c.status() == PaymentStatus.AUTHORIZED));
    }

    @Test
    void autoCaptureEndsCapturedAndDeclineEndsDeclined() throws Exception {
        PaymentHandle captured = start(sale("S-2").linkOptions(LinkOptions.builder().autoCapture(true).build()).build());
        dintero.emulator().pay(captured.sessionId().orElseThrow(), "card");
        assertEquals("dintero_psp.creditcard", awaitStatus(captured.paymentId(), PaymentStatus.CAPTURED).paymentProduct());

        PaymentHandle declined = start(sale("S-3").build());
        dintero.emulator().decline(declined.sessionId().orElseThrow());
        awaitStatus(declined.paymentId(), PaymentStatus.DECLINED);
        // A declined sale may try again: a new attempt with its own merchant reference.
        PaymentHandle retry = start(sale("S-3").build());
        assertEquals("S-3/2", dintero.emulator().session(retry.sessionId().orElseThrow()).map(s -> ((Map<?, ?>) s.get("order"))
                .get("merchant_reference")).orElseThrow());
    }

    @Test
    void aSaleWithAPendingOrPaidPaymentIsRefusedBeforeDinteroIsAsked() throws Exception {
        start(sale("S-4").build());
        int sessions = dintero.emulator().sessions().size();
        InvalidPaymentRequestException e = assertThrows(InvalidPaymentRequestException.class,
                () -> store.startPayment(sale("S-4").build()));
        assertEquals("saleReference", e.field());
        assertEquals(sessions, dintero.emulator().sessions().size());
        assertEquals("storeId", assertThrows(InvalidPaymentRequestException.class,
                () -> store.startPayment(sale("S-5").storeId("013").build())).field());
    }

    @Test
    void refreshReadsThePaymentBackWithoutACallback() throws Exception {
        PaymentHandle link = start(sale("S-6").customerPhone(null)
                .linkOptions(LinkOptions.builder().linkOnly(true).build()).build());
        assertEquals("link only", link.history().get(1).detail().orElseThrow());
        PaymentHandle refreshed = store.refreshPayment(link.paymentId()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(PaymentStatus.LINK_SENT, refreshed.status());
    }

    @Test
    void anUnpaidLinkExpiresOnDinterosClock() throws Exception {
        // Its own emulator: moving Dintero's clock a week ahead must not touch the other tests' sessions.
        try (EmulatorServer ownDintero = EmulatorServer.builder().defaultAccount().start()) {
            StoreSettings settings = StoreSettings.from(TestStores.config(Map.of("store_id", "014", "account_id",
                    EmulatorServer.ACCOUNT_ID, "client_id", EmulatorServer.CLIENT_ID, "client_secret",
                    EmulatorServer.CLIENT_SECRET, "signature_secret", EmulatorServer.SIGNATURE_SECRET, "api_base_url",
                    ownDintero.apiBaseUrl(), "checkout_base_url", ownDintero.checkoutBaseUrl(), "callback_base_url",
                    "http://127.0.0.1:1")));
            DinteroStoreCore own = new DinteroStoreCore(settings, host, ledger, listeners, Clock.systemUTC());
            PaymentHandle link = own.startPayment(sale("S-8").storeId("014").linkOptions(LinkOptions.builder()
                    .expiry(org.tillpay.payment.api.LinkExpiry.ONE_WEEK).build()).build())
                    .toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertEquals(link.createdAt().plus(Duration.ofDays(7)), link.expiresAt().orElseThrow());
            ownDintero.emulator().advanceClock(Duration.ofDays(6));
            assertEquals(PaymentStatus.LINK_SENT, own.refreshPayment(link.paymentId()).toCompletableFuture().get().status());
            ownDintero.emulator().advanceClock(Duration.ofDays(1).plusMinutes(1));
            PaymentHandle expired = own.refreshPayment(link.paymentId()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(PaymentStatus.EXPIRED, expired.status());
            assertEquals(List.of(), ownDintero.contractViolations());
        }
    }

    /**
     * The full soak: a cancel Dintero carried out but whose outcome was not recorded (the ledger was restarting) was
     * read back by the poller as the customer's decline. A session cancelled through the API is the cashier's cancel.
     */
    @Test
    void aCancelWhoseAnswerIsLostIsReadBackAsCancelledNotDeclined() throws Exception {
        PaymentHandle link = start(sale("S-CX").build());
        String lost = dintero.emulator().addFault(FaultRule.on(FaultRule.Route.SESSION_CANCEL,
                Fault.reset(Fault.Stage.AFTER_WORK)).times(5));
        try {
            PaymentHandle cancelled = store.cancelPayment(link.paymentId()).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            assertEquals(PaymentStatus.CANCELLED, cancelled.status());
        } finally {
            dintero.emulator().removeFault(lost);
        }
        assertEquals(PaymentStatus.CANCELLED, store.refreshPayment(link.paymentId()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS).status());
    }

    @Test
    void openingTheLinkShowsAtTheTillAndCancelVoidsTheAuthorization() throws Exception {
        PaymentHandle link = start(sale("S-9").build());
        dintero.emulator().open(link.sessionId().orElseThrow());
        assertEquals(PaymentStatus.OPENED, store.refreshPayment(link.paymentId()).toCompletableFuture().get().status());
        dintero.emulator().pay(link.sessionId().get(), "vipps");
        awaitStatus(link.paymentId(), PaymentStatus.AUTHORIZED);
        PaymentHandle cancelled = store.cancelPayment(link.paymentId()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(PaymentStatus.CANCELLED, cancelled.status());
        @SuppressWarnings("unchecked")
        Map<String, Object> tx = dintero.emulator().transaction(cancelled.transactionId().orElseThrow()).orElseThrow();
        assertEquals("AUTHORIZATION_VOIDED", tx.get("status"));
        // the sale is free again
        assertEquals(PaymentStatus.LINK_SENT, start(sale("S-9").build()).status());
    }

    @Test
    void aCapturedPaymentCannotBeCancelled() throws Exception {
        PaymentHandle link = start(sale("S-10").linkOptions(LinkOptions.builder().autoCapture(true).build()).build());
        dintero.emulator().pay(link.sessionId().orElseThrow(), "card");
        awaitStatus(link.paymentId(), PaymentStatus.CAPTURED);
        // refused before any call to Dintero, naming the field
        InvalidPaymentRequestException e = assertThrows(InvalidPaymentRequestException.class,
                () -> store.cancelPayment(link.paymentId()));
        assertEquals("paymentId", e.field());
        assertTrue(e.getMessage().contains("refund"), e.getMessage());
    }

    @Test
    void onlyTheChosenMethodsAreOfferedAndASingleWalletGetsAPush() throws Exception {
        PaymentHandle vippsOnly = start(sale("S-11").linkOptions(LinkOptions.builder()
                .paymentMethods(java.util.EnumSet.of(org.tillpay.payment.api.PaymentMethodChoice.VIPPS)).build()).build());
        assertEquals("publish push:sent", vippsOnly.history().get(1).detail().orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> dintero.emulator().pay(vippsOnly.sessionId().orElseThrow(), "card"));
        dintero.emulator().pay(vippsOnly.sessionId().get(), "vipps");
        awaitStatus(vippsOnly.paymentId(), PaymentStatus.AUTHORIZED);
    }

    @Test
    void expressCheckoutRecordsTheDeliveryAddress() throws Exception {
        PaymentHandle link = start(sale("S-12").linkOptions(LinkOptions.builder().express(true).build()).build());
        dintero.emulator().pay(link.sessionId().orElseThrow(), "klarna", Map.of("first_name", "Kari", "last_name",
                "Nordmann", "address_line", "Storgata 1", "postal_code", "0155", "postal_place", "Oslo", "country", "NO",
                "email", "kari@example.no", "phone_number", "+4799999999"));
        PaymentRecord paid = awaitStatus(link.paymentId(), PaymentStatus.AUTHORIZED);
        await("the delivery address is recorded", () -> ledger.find(link.paymentId()).orElseThrow().deliveryAddress() != null);
        assertEquals("Kari Nordmann\nStorgata 1\n0155 Oslo\nNO", ledger.find(paid.paymentId()).orElseThrow().deliveryAddress());
    }

    @Test
    void aRefusedSessionFailsThePaymentAndSaysWhy() throws Exception {
        StoreSettings wrongProfile = StoreSettings.from(TestStores.config(Map.of("store_id", "013", "account_id",
                EmulatorServer.ACCOUNT_ID, "client_id", EmulatorServer.CLIENT_ID, "client_secret",
                EmulatorServer.CLIENT_SECRET, "signature_secret", EmulatorServer.SIGNATURE_SECRET, "profile_id",
                "no-such-profile", "api_base_url", dintero.apiBaseUrl(), "checkout_base_url", dintero.checkoutBaseUrl(),
                "callback_base_url", "http://127.0.0.1:1")));
        DinteroStoreCore other = new DinteroStoreCore(wrongProfile, host, ledger, listeners, Clock.systemUTC());
        CompletionException e = assertThrows(CompletionException.class,
                () -> other.startPayment(sale("S-7").storeId("013").build()).toCompletableFuture().join());
        PaymentFailedException failure = (PaymentFailedException) e.getCause();
        assertEquals(PaymentFailedException.Reason.REJECTED, failure.reason());
        assertTrue(failure.getMessage().contains("400"), failure.getMessage());
        PaymentRecord row = ledger.findByMerchantReference("013", "S-7/1").orElseThrow();
        assertEquals(PaymentStatus.FAILED, row.status());
    }

    @Test
    void captureRefundVoidAndSettlementsFollowTheSpec() throws Exception {
        PaymentHandle link = start(sale("S-OPS").build());
        dintero.emulator().pay(link.sessionId().orElseThrow(), "vipps");
        awaitStatus(link.paymentId(), PaymentStatus.AUTHORIZED);
        OperationRequest.Builder line2 = OperationRequest.builder().reference("R-1").requestedBy("staff")
                .line(OperationLine.whole("2"));
        PaymentHandle part = store.capturePayment(link.paymentId(), line2.build()).toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
        assertEquals(19900, part.capturedMinor());
        PaymentHandle rest = store.cancelPayment(link.paymentId(), "staff").toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertEquals(PaymentStatus.CAPTURED, rest.status());
        PaymentHandle refunded = store.refundPayment(link.paymentId(), OperationRequest.builder().reference("RET-1")
                .reason("return").amountMinor(900).requestedBy("staff").build()).toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
        assertEquals(PaymentStatus.PARTIALLY_REFUNDED, refunded.status());
        assertEquals(19900, refunded.capturedMinor());
        assertEquals(900, refunded.refundedMinor());

        assertEquals(1, dintero.settlements().settle(EmulatorServer.ACCOUNT_ID, java.time.LocalDate.of(2026, 11, 23))
                .size());
        assertEquals(1, store.fetchSettlements().toCompletableFuture().get(20, TimeUnit.SECONDS).size());
        assertEquals(List.of(), store.fetchSettlements().toCompletableFuture().get(20, TimeUnit.SECONDS),
                "a settlement fetched twice is stored once");
    }
}
