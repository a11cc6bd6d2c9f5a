package org.tillpay.dintero.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.tillpay.dintero.api.operations.StoreHealth;
import org.tillpay.dintero.emulator.Fault;
import org.tillpay.dintero.emulator.FaultRule;
import org.tillpay.dintero.emulator.testing.EmulatorServer;
import org.tillpay.ledger.OperationRecord;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.payment.api.OperationRequest;
import org.tillpay.payment.api.OperationState;
import org.tillpay.payment.api.PaymentFailedException;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentStatus;

/**
 * A store whose Dintero cannot be reached: after repeated failures its circuit breaker opens, its sales are refused
 * at once with a typed failure naming the store (nothing is sent, so the attempt is over), its health shows the
 * breaker, and another store on the same Camel host goes on selling; a capture it refuses fails at once.
 */
class StoreCircuitBreakerTest extends StoreFlowTestBase {

    private static PaymentFailedException refused(DinteroStoreCore store, String sale) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> store.startPayment(
                StoreFlowFixture.sale(store.storeId(), sale).build()).toCompletableFuture().get(30, TimeUnit.SECONDS));
        return assertInstanceOf(PaymentFailedException.class, e.getCause());
    }

    @Test
    void anOpenBreakerRefusesTheStoresSalesAtOnceWhileAnotherStoreSells() throws Exception {
        DinteroStoreCore down = fixture.store("041", Map.of("api_base_url", "http://127.0.0.1:1",
                "checkout_base_url", "http://127.0.0.1:1"));
        DinteroStoreCore up = fixture.store("042", Map.of());
        for (int i = 1; i <= 4; i++) { // each sale: three token requests, every one refused
            assertEquals(PaymentFailedException.Reason.UNAVAILABLE, refused(down, "D-" + i).reason());
        }

        PaymentFailedException open = refused(down, "D-5");

        assertEquals(PaymentFailedException.Reason.UNAVAILABLE, open.reason());
        assertTrue(open.getMessage().contains("store 041") && open.getMessage().contains("circuit breaker OPEN"),
                open.getMessage());
        assertFalse(open.getMessage().contains("tillpay-test-client-secret"));
        assertEquals(PaymentStatus.FAILED, fixture.ledger.findByMerchantReference("041", "D-5/1").orElseThrow()
                .status(), "nothing was sent: the attempt is over and the sale may try again");
        StoreHealth health = down.health().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertFalse(health.tokenObtainable());
        assertTrue(health.tokenDetail().contains("circuit breaker OPEN"), health.tokenDetail());

        PaymentHandle sold = up.startPayment(StoreFlowFixture.sale("042", "U-1").build()).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        assertEquals(PaymentStatus.LINK_SENT, sold.status());
        assertEquals("", up.health().toCompletableFuture().get(30, TimeUnit.SECONDS).tokenDetail());
    }

    /**
     * A capture the open breaker refuses was never sent, so it fails at once: FAILED in the ledger (not UNKNOWN and
     * read back for two minutes), nothing captured at Dintero, and the payment still authorized for another try.
     */
    @Test
    void aCaptureAnOpenBreakerRefusesFailsAtOnceAndMovesNothing() throws Exception {
        DinteroStoreCore store = fixture.store("043", Map.of());
        PaymentHandle link = store.startPayment(StoreFlowFixture.sale("043", "C-1").build()).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        fixture.dintero.emulator().pay(link.sessionId().orElseThrow(), "vipps");
        fixture.awaitStatus(link.paymentId(), PaymentStatus.AUTHORIZED);
        String outage = fixture.dintero.emulator().addFault(FaultRule.on(Fault.serverError(503))
                .forAccount(EmulatorServer.ACCOUNT_ID));
        try {
            for (int i = 0; i < 10 && !store.health().toCompletableFuture().get(30, TimeUnit.SECONDS).tokenDetail()
                    .contains("circuit breaker OPEN"); i++) {
                assertThrows(ExecutionException.class, () -> store.refreshPayment(link.paymentId())
                        .toCompletableFuture().get(30, TimeUnit.SECONDS));
            }
        } finally {
            fixture.dintero.emulator().removeFault(outage);
        }

        ExecutionException e = assertThrows(ExecutionException.class, () -> store.capturePayment(link.paymentId(),
                OperationRequest.builder().reference("R-1").requestedBy("staff-1").build()).toCompletableFuture()
                .get(30, TimeUnit.SECONDS));

        PaymentFailedException refused = assertInstanceOf(PaymentFailedException.class, e.getCause());
        assertEquals(PaymentFailedException.Reason.UNAVAILABLE, refused.reason());
        assertTrue(refused.getMessage().contains("circuit breaker OPEN"), refused.getMessage());
        PaymentRecord after = fixture.ledger.find(link.paymentId()).orElseThrow();
        assertEquals(PaymentStatus.AUTHORIZED, after.status());
        assertEquals(List.of(OperationState.FAILED), after.operations().stream().map(OperationRecord::state).toList());
        assertEquals(0, after.capturedMinor());
        assertFalse(fixture.dintero.emulator().transaction(after.transactionId()).orElseThrow().get("events")
                .toString().contains("CAPTURE"), "nothing reached Dintero");
    }
}
