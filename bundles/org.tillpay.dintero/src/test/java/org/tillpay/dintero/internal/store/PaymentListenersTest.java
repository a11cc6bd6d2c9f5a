package org.tillpay.dintero.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentStatus;
import org.tillpay.payment.api.StatusChange;

/**
 * The host listeners' notifications: delivered in order on one thread, and bounded: a listener that does not return
 * neither fills the memory nor holds up the payments whose changes are committed meanwhile.
 */
class PaymentListenersTest {

    private static PaymentHandle payment(String id) {
        return PaymentHandle.builder().paymentId(id).storeId("071").methodId("dintero").saleReference("S-" + id)
                .amountMinor(100).currency("NOK").status(PaymentStatus.AUTHORIZED).createdAt(Instant.EPOCH).build();
    }

    private static StatusChange authorized() {
        return new StatusChange(PaymentStatus.AUTHORIZED, Instant.EPOCH, "callback", null);
    }

    @Test
    void aListenerThatDoesNotReturnHoldsAtMostTheQueueAndTheRestIsDroppedNotWaitedFor() throws Exception {
        PaymentListeners listeners = new PaymentListeners(2, Duration.ofMillis(100));
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch first = new CountDownLatch(1);
        List<String> heard = new CopyOnWriteArrayList<>();
        listeners.addListener((payment, change) -> {
            heard.add(payment.paymentId());
            first.countDown();
            try {
                stuck.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, Map.of());
        try {
            listeners.notifyChange(payment("p1"), authorized());
            assertTrue(first.await(10, TimeUnit.SECONDS), "the first change reached the listener, which now hangs");
            listeners.notifyChange(payment("p2"), authorized());
            listeners.notifyChange(payment("p3"), authorized());
            long before = System.nanoTime();
            listeners.notifyChange(payment("p4"), authorized()); // the queue (2) is full
            assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(10), "the caller was not held");

            stuck.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (heard.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(200);
            assertEquals(List.of("p1", "p2", "p3"), heard, "in order; p4 found no room and was dropped");
            listeners.notifyChange(payment("p5"), authorized());
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (heard.size() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(List.of("p1", "p2", "p3", "p5"), heard, "once the listener returns, changes flow again");
        } finally {
            stuck.countDown();
            listeners.stop();
        }
    }
}
