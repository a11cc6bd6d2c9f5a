package org.tillpay.ledger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.tillpay.ledger.CallbackHint;
import org.tillpay.payment.api.OperationKind;
import org.tillpay.payment.api.OperationState;
import org.tillpay.payment.api.PaymentStatus;

/**
 * The pollers' leases ({@code claimForPolling}, {@code releasePolling}): nodes sharing the database never hold one
 * payment at once, and a lease that runs out lets another node take the payment; and the stores the pollers have work
 * for ({@code storesAwaitingProvider}).
 */
abstract class AbstractPollLeasesTest extends LedgerTestSupport {

    private static final Duration LEASE = Duration.ofMinutes(2);

    private List<String> pending(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ledger.create(payment("poll-" + i, "ref-poll-" + i, T0.plusMillis(i)));
            ids.add(id("poll-" + i));
        }
        return ids;
    }

    @Test
    void twoNodesClaimingAtOnceNeverHoldOnePaymentBoth() throws Exception {
        List<String> ids = pending(30);
        for (int round = 0; round < 10; round++) {
            Instant now = T0.plus(LEASE.multipliedBy(round + 1));
            List<Callable<Set<String>>> claims = List.of(
                    () -> ledger.claimForPolling(store, "node-a", ids, LEASE, now),
                    () -> ledger.claimForPolling(store, "node-b", ids, LEASE, now));
            List<Set<String>> claimed = runTogether(claims);
            Set<String> both = new HashSet<>(claimed.get(0));
            both.retainAll(claimed.get(1));
            assertEquals(Set.of(), both, "claimed by both nodes in round " + round);
            Set<String> all = new HashSet<>(claimed.get(0));
            all.addAll(claimed.get(1));
            // a row the other node was claiming is skipped, not waited for: what neither got is still free
            Set<String> left = ledger.claimForPolling(store, "node-c", ids, LEASE, now);
            left.forEach(id -> assertTrue(!all.contains(id), id + " claimed again while its lease holds"));
            assertEquals(ids.size(), all.size() + left.size());
        }
    }

    @Test
    void aLeaseHoldsUntilItRunsOutThenAnotherNodeTakesThePayment() {
        List<String> ids = pending(3);
        assertEquals(Set.copyOf(ids), ledger.claimForPolling(store, "node-a", ids, LEASE, T0));
        assertEquals(Set.of(), ledger.claimForPolling(store, "node-b", ids, LEASE, T0.plus(LEASE).minusMillis(1)));
        assertEquals(Set.of(), ledger.claimForPolling(store, "node-a", ids, LEASE, T0.plusSeconds(1)),
                "a node's own lease is not claimed twice either");
        // node-a was killed mid-round: its leases run out and node-b takes the work
        assertEquals(Set.copyOf(ids), ledger.claimForPolling(store, "node-b", ids, LEASE, T0.plus(LEASE)));
        // node-a's late release leaves node-b's leases alone
        ledger.releasePolling(store, "node-a", Map.of(ids.get(0), T0));
        assertEquals(Set.of(), ledger.claimForPolling(store, "node-c", ids, LEASE, T0.plus(LEASE).plusSeconds(1)));
    }

    @Test
    void aReleasedPaymentIsClaimableFromTheInstantGiven() {
        List<String> ids = pending(2);
        ledger.claimForPolling(store, "node-a", ids, LEASE, T0);
        ledger.releasePolling(store, "node-a", Map.of(ids.get(0), T0.plusSeconds(30), ids.get(1), T0));
        assertEquals(Set.of(ids.get(1)), ledger.claimForPolling(store, "node-b", ids, LEASE, T0.plusSeconds(1)));
        assertEquals(Set.of(ids.get(0)), ledger.claimForPolling(store, "node-b", ids, LEASE, T0.plusSeconds(30)));
    }

    @Test
    void onlyTheStoresOwnPaymentsAreClaimed() {
        List<String> ids = pending(1);
        String otherStore = store + "-other";
        assertEquals(Set.of(), ledger.claimForPolling(otherStore, "node-a", ids, LEASE, T0));
        assertEquals(Set.of(), ledger.claimForPolling(store, "node-a", List.of(id("unknown")), LEASE, T0));
        assertEquals(Set.copyOf(ids), ledger.claimForPolling(store, "node-a", ids, LEASE, T0));
    }

    @Test
    void aPaymentBeingChangedIsSkippedNotWaitedFor() throws Exception {
        List<String> ids = pending(2);
        try (Connection c = dataSource().getConnection()) {
            c.setAutoCommit(false);
            LockedPayment.lock(c, ids.get(0)); // as a status change or an operation holds it
            assertEquals(Set.of(ids.get(1)), ledger.claimForPolling(store, "node-a", ids, LEASE, T0));
            c.rollback();
            c.setAutoCommit(true);
        }
        assertEquals(Set.of(ids.get(0)), ledger.claimForPolling(store, "node-b", ids, LEASE, T0));
    }

    @Test
    void aNodeIdIsRequired() {
        List<String> ids = pending(1);
        assertThrows(IllegalArgumentException.class, () -> ledger.claimForPolling(store, " ", ids, LEASE, T0));
        assertThrows(IllegalArgumentException.class, () -> ledger.claimForPolling(store, "n".repeat(101), ids,
                LEASE, T0));
        assertThrows(IllegalArgumentException.class, () -> ledger.claimForPolling(store, "node-a", ids,
                Duration.ZERO, T0));
    }

    private boolean awaiting(Instant expiringAfter) {
        return ledger.storesAwaitingProvider(expiringAfter).contains(store);
    }

    @Test
    void aStoreAwaitsTheProviderWhileAPaymentOrAnOperationIsOpenOrACallbackUnprocessed() {
        assertFalse(awaiting(T0), "a store without payments");
        ledger.create(payment("p1", "ref-1", T0));
        assertTrue(awaiting(T0), "a link being made");
        ledger.attachSession(id("p1"), "S-1", "https://pay.example/S-1", "made", T0);
        ledger.transition(update("p1", PaymentStatus.AUTHORIZED, "T-1", "visa", null, T0.plusSeconds(1)));
        assertTrue(awaiting(T0), "authorized: read back until captured or cancelled");
        done("p1", "op-1", OperationKind.CAPTURE, "RCPT-1", 12000, PaymentStatus.CAPTURED);
        assertFalse(awaiting(T0), "captured, nothing open");

        ledger.beginOperation(operation("p1", "op-2", OperationKind.REFUND, "RET-1", 3000));
        assertTrue(awaiting(T0), "a refund not yet settled");
        ledger.settleOperation(settlement("op-2", OperationState.FAILED, PaymentStatus.CAPTURED));
        assertFalse(awaiting(T0), "the refund settled");

        CallbackHint hint = ledger.addCallbackHint(new CallbackHint(0, store, id("p1"), "S-1", "T-1", null, null,
                null, T0.plusSeconds(30)));
        assertTrue(awaiting(T0), "a stored callback");
        ledger.markCallbackHintProcessed(hint.id(), T0.plusSeconds(31));
        assertFalse(awaiting(T0), "the callback processed");
        assertFalse(ledger.storesAwaitingProvider(T0).contains(store + "-other"));
    }

    @Test
    void aSaleClosedBeforeItsLinkWasKnownIsAwaitedUntilTheLinkExpires() {
        ledger.create(payment("p1", "ref-1", T0)); // links work until T0 + 1 day
        ledger.transition(update("p1", PaymentStatus.FAILED, null, null, null, T0.plusSeconds(1)));
        assertFalse(awaiting(T0.plusSeconds(60)), "Dintero refused the link: nothing to watch");
        ledger.create(payment("p2", "ref-2", T0));
        ledger.transition(update("p2", PaymentStatus.CANCELLED, null, null, null, T0.plusSeconds(1)));
        assertTrue(awaiting(T0.plusSeconds(60)), "cancelled, but a link Dintero may have made still works");
        assertFalse(awaiting(T0.plus(Duration.ofDays(2))), "the link has expired");
    }
}
