package org.tillpay.dintero.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.CallbackMode;
import org.tillpay.dintero.internal.store.StuckPaymentsTest.MovableClock;
import org.tillpay.ledger.LedgerException;
import org.tillpay.ledger.PaymentLedger;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentStatus;

/**
 * The scheduled poller rounds of many stores: an idle store's round asks nothing of the ledger (one question for all
 * stores a second does), a store with a payment awaiting Dintero runs its round once the ledger's answer says so, and
 * while the ledger cannot answer every round runs.
 */
class StoresAwaitingDinteroTest extends StoreFlowTestBase {

    /** Rounds that listed a store's pending payments, per store: a round that ran. */
    private final Map<String, Integer> roundsRun = new ConcurrentHashMap<>();

    private PaymentLedger counting(PaymentLedger real) {
        return (PaymentLedger) Proxy.newProxyInstance(PaymentLedger.class.getClassLoader(),
                new Class<?>[] {PaymentLedger.class}, (proxy, method, args) -> {
                    if (method.getName().equals("findPending")) {
                        roundsRun.merge((String) args[0], 1, Integer::sum);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private int rounds(String storeId) {
        return roundsRun.getOrDefault(storeId, 0);
    }

    @Test
    void anIdleStoresRoundIsSkippedAndAStoreAwaitingDinteroRunsItsRound() throws Exception {
        MovableClock clock = new MovableClock();
        PaymentLedger ledger = counting(fixture.ledger);
        DinteroStoreCore idle = fixture.store("051", Map.of(), ledger, "node-1", clock);
        DinteroStoreCore busy = fixture.store("052", Map.of(), ledger, "node-1", clock);
        StoresAwaitingDintero awaiting = new StoresAwaitingDintero(fixture.ledger, clock);
        Runnable idleRound = awaiting.roundOf(idle);
        Runnable busyRound = awaiting.roundOf(busy);

        idleRound.run();
        busyRound.run();
        assertEquals(1, rounds("051"), "the first round runs: its back-office sweep is due");
        assertEquals(1, rounds("052"));
        clock.advance(StoresAwaitingDintero.FRESH_FOR);
        idleRound.run();
        busyRound.run();
        assertEquals(1, rounds("051"), "nothing awaits Dintero: no round");
        assertEquals(1, rounds("052"));

        fixture.dintero.emulator().setCallbackMode(CallbackMode.DROP);
        PaymentHandle link = busy.startPayment(StoreFlowFixture.sale("052", "AW-1").build()).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        fixture.dintero.emulator().pay(link.sessionId().orElseThrow(), "vipps");
        busyRound.run();
        assertEquals(1, rounds("052"), "the ledger's answer of a moment ago is used");
        clock.advance(StoresAwaitingDintero.FRESH_FOR);
        busyRound.run();
        idleRound.run();
        assertEquals(2, rounds("052"), "the next answer names the store");
        assertEquals(PaymentStatus.AUTHORIZED, fixture.ledger.find(link.paymentId()).orElseThrow().status(),
                "the round read the payment back (its callback was lost)");
        assertEquals(1, rounds("051"));

        clock.advance(Duration.ofSeconds(300)); // the parked interval, the back-office sweep's
        idleRound.run();
        assertEquals(2, rounds("051"), "an idle store's round runs for its back-office sweep");
    }

    @Test
    void everyStoreIsTakenAsAwaitingWhileTheLedgerCannotSay() {
        PaymentLedger down = (PaymentLedger) Proxy.newProxyInstance(PaymentLedger.class.getClassLoader(),
                new Class<?>[] {PaymentLedger.class}, (proxy, method, args) -> {
                    throw new LedgerException("connection refused", null);
                });
        MovableClock clock = new MovableClock();
        StoresAwaitingDintero awaiting = new StoresAwaitingDintero(down, clock);
        assertTrue(awaiting.awaiting("053"));
        assertTrue(awaiting.awaiting("054"));
        StoresAwaitingDintero up = new StoresAwaitingDintero(fixture.ledger, clock);
        assertFalse(up.awaiting("055"), "a store the ledger knows nothing of awaits nothing");
    }
}
