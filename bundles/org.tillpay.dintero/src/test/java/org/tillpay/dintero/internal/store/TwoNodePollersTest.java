package org.tillpay.dintero.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.CallbackMode;
import org.tillpay.ledger.PaymentLedger;
import org.tillpay.ledger.StatusUpdate;
import org.tillpay.ledger.TransitionResult;
import org.tillpay.ledger.TransitionResult.Outcome;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentStatus;

/**
 * One store on two nodes sharing the ledger's database: both pollers run at once, and each payment whose callbacks
 * were lost is read back, and completes, on one node only.
 */
class TwoNodePollersTest extends StoreFlowTestBase {

    private static final String STORE = "041";
    private static final int PAID = 6;
    private static final int UNPAID = 2;

    /**
     * What one node did in the ledger: the payments its rounds claimed, those it read back (reported a status for),
     * and those it recorded paid.
     */
    private static final class Node {
        final String id;
        final List<Set<String>> claims = new CopyOnWriteArrayList<>();
        final List<String> authorized = new CopyOnWriteArrayList<>();
        final List<String> readBack = new CopyOnWriteArrayList<>();
        final PaymentLedger ledger;

        Node(String id) {
            this.id = id;
            InvocationHandler recording = (proxy, method, args) -> {
                Object result;
                try {
                    result = method.invoke(fixture.ledger, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
                if (method.getName().equals("claimForPolling")) {
                    @SuppressWarnings("unchecked")
                    Set<String> claimed = (Set<String>) result;
                    claims.add(Set.copyOf(claimed));
                } else if (method.getName().equals("transition")) {
                    // a read-back reports the status it read, changed or not
                    StatusUpdate update = (StatusUpdate) args[0];
                    readBack.add(update.paymentId());
                    if (update.status() == PaymentStatus.AUTHORIZED
                            && ((TransitionResult) result).outcome() == Outcome.APPLIED) {
                        authorized.add(update.paymentId());
                    }
                }
                return result;
            };
            ledger = (PaymentLedger) Proxy.newProxyInstance(PaymentLedger.class.getClassLoader(),
                    new Class<?>[] {PaymentLedger.class}, recording);
        }

        Set<String> claimedIn(int fromRound) {
            Set<String> all = new HashSet<>();
            claims.subList(fromRound, claims.size()).forEach(all::addAll);
            return all;
        }

        Set<String> readBackIn(int from) {
            return new HashSet<>(readBack.subList(from, readBack.size()));
        }
    }

    @Test
    void bothPollersRunAndEachPaymentIsReadBackOnOneNode() throws Exception {
        Node a = new Node("node-a");
        Node b = new Node("node-b");
        DinteroStoreCore onA = fixture.store(STORE, Map.of(), a.ledger, a.id, Clock.systemUTC());
        DinteroStoreCore onB = fixture.store(STORE, Map.of(), b.ledger, b.id, Clock.systemUTC());
        fixture.dintero.emulator().setCallbackMode(CallbackMode.DROP);
        List<String> paid = new ArrayList<>();
        List<String> unpaid = new ArrayList<>();
        for (int i = 0; i < PAID + UNPAID; i++) {
            DinteroStoreCore starting = i % 2 == 0 ? onA : onB;
            PaymentHandle link = starting.startPayment(StoreFlowFixture.sale(STORE, "N-" + i).build())
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            if (i < PAID) {
                fixture.dintero.emulator().pay(link.sessionId().orElseThrow(), "vipps");
                paid.add(link.paymentId());
            } else {
                unpaid.add(link.paymentId());
            }
        }
        Map<String, Integer> heard = new HashMap<>();
        fixture.listeners.addListener((payment, change) -> {
            if (change.status() == PaymentStatus.AUTHORIZED) {
                synchronized (heard) {
                    heard.merge(payment.paymentId(), 1, Integer::sum);
                }
            }
        }, Map.of());

        for (int round = 0; round < 3; round++) {
            int claimsOfA = a.claims.size();
            int claimsOfB = b.claims.size();
            int readOnA = a.readBack.size();
            int readOnB = b.readBack.size();
            runTogether(onA::pollPending, onB::pollPending);
            Set<String> both = new HashSet<>(a.claimedIn(claimsOfA));
            both.retainAll(b.claimedIn(claimsOfB));
            assertEquals(Set.of(), both, "payments claimed by both nodes in round " + round);
            Set<String> readOnBoth = a.readBackIn(readOnA);
            readOnBoth.retainAll(b.readBackIn(readOnB));
            assertEquals(Set.of(), readOnBoth, "payments read back on both nodes in round " + round);
            Set<String> readInRound = a.readBackIn(readOnA);
            readInRound.addAll(b.readBackIn(readOnB));
            assertTrue(readInRound.containsAll(paid), "every paid payment read back in round " + round);
        }

        for (String id : paid) {
            assertEquals(PaymentStatus.AUTHORIZED, fixture.ledger.find(id).orElseThrow().status(), id);
        }
        for (String id : unpaid) {
            assertEquals(PaymentStatus.LINK_SENT, fixture.ledger.find(id).orElseThrow().status(), id);
        }
        List<String> reported = new ArrayList<>(a.authorized);
        reported.addAll(b.authorized);
        assertEquals(Set.copyOf(paid), Set.copyOf(reported));
        assertEquals(PAID, reported.size(), "a payment recorded AUTHORIZED twice: " + reported);
        // listeners are told asynchronously
        StoreFlowFixture.await("every paid payment was heard of", () -> {
            synchronized (heard) {
                return heard.keySet().containsAll(paid);
            }
        });
        synchronized (heard) {
            assertEquals(paid.stream().collect(Collectors.toMap(id -> id, id -> 1)), heard);
        }
        Set<String> claimed = a.claimedIn(0);
        claimed.addAll(b.claimedIn(0));
        assertTrue(claimed.containsAll(paid), "every paid payment was claimed by a poller");
    }

    /** Runs both at the same moment, each on its own thread, and waits for both; rethrows a failure. */
    private static void runTogether(Runnable first, Runnable second) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = List.of(pool.submit(() -> {
                go.await();
                first.run();
                return null;
            }), pool.submit(() -> {
                go.await();
                second.run();
                return null;
            }));
            go.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
