package org.tillpay.dintero.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.tillpay.dintero.api.operations.StoreHealth;
import org.tillpay.payment.api.PaymentFailedException;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentStatus;

/**
 * A store whose Dintero cannot be reached: after repeated failures its circuit breaker opens, its sales are refused
 * at once with a typed failure naming the store (nothing is sent, so the attempt is over), its health shows the
 * breaker, and another store on the same Camel host goes on selling.
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
}
