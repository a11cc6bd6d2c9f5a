package org.tillpay.ledger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tillpay.ledger.AuditEntry;
import org.tillpay.ledger.CallbackHint;
import org.tillpay.ledger.NewPayment;
import org.tillpay.ledger.PaymentNotFoundException;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.ledger.TransitionResult.Outcome;
import org.tillpay.payment.api.PaymentStatus;

/** Schema version 2 of the ledger's contract: parked sales, the Express address, the durable callback inbox. */
abstract class AbstractLedgerParkingAndCallbacksTest extends AbstractLedgerOperationRefusalsTest {

    @Test
    void parkingChangesNoStatusAndIsRecorded() {
        ledger.create(payment("p1", "ref-1", T0));
        assertFalse(ledger.find(id("p1")).orElseThrow().parked());
        PaymentRecord parked = ledger.setParked(id("p1"), true);
        assertTrue(parked.parked());
        assertEquals(PaymentStatus.CREATED, parked.status());
        assertEquals(1, parked.history().size(), "parking is not a status change");
        assertTrue(ledger.findPending(store, 10).get(0).parked());
        assertTrue(parked.toHandle().parked());
        assertFalse(ledger.setParked(id("p1"), false).parked());
        assertThrows(PaymentNotFoundException.class, () -> ledger.setParked(id("nope"), true));
    }

    @Test
    void theDeliveryAddressIsRecordedOnce() {
        ledger.create(payment("p1", "ref-1", T0));
        assertNull(ledger.find(id("p1")).orElseThrow().deliveryAddress());
        assertEquals("Kari Nordmann\nStorgata 1\n0155 Oslo\nNO",
                ledger.recordDeliveryAddress(id("p1"), "Kari Nordmann\nStorgata 1\n0155 Oslo\nNO").deliveryAddress());
        assertEquals("Kari Nordmann\nStorgata 1\n0155 Oslo\nNO",
                ledger.recordDeliveryAddress(id("p1"), "Someone Else").deliveryAddress(), "the first address stays");
        assertEquals("Kari Nordmann\nStorgata 1\n0155 Oslo\nNO",
                ledger.find(id("p1")).orElseThrow().toHandle().deliveryAddress().orElseThrow());
    }

    @Test
    void aSessionLearntFromAnEarlyCallbackGetsItsLinkLater() {
        ledger.create(payment("p1", "ref-1", T0));
        ledger.attachSession(id("p1"), "S-1", null, "session learnt from callback", T0.plusSeconds(1));
        assertNull(ledger.find(id("p1")).orElseThrow().sessionUrl());
        ledger.attachSession(id("p1"), "S-1", "https://pay.example/S-1", "publish sms:sent", T0.plusSeconds(2));
        assertEquals("https://pay.example/S-1", ledger.find(id("p1")).orElseThrow().sessionUrl());
        assertEquals(PaymentStatus.LINK_SENT, ledger.find(id("p1")).orElseThrow().status());
    }

    @Test
    void aSessionAndTheAuditOfItsCreationAreWrittenTogether() {
        ledger.create(payment("p1", "ref-1", T0));
        AuditEntry made = new AuditEntry(T0.plusSeconds(1), store, "sale-1", id("p1"), "session.create", 12000L,
                "NOK", "ok", null, "till 4", "session S-1; publish sms:sent");
        assertEquals(Outcome.APPLIED, ledger.attachSession(id("p1"), "S-1", "https://pay.example/S-1",
                "publish sms:sent", T0.plusSeconds(1), made).outcome());
        assertEquals(PaymentStatus.LINK_SENT, ledger.find(id("p1")).orElseThrow().status());
        assertEquals(List.of(made), ledger.auditTrail(id("p1")));

        AuditEntry ghost = new AuditEntry(T0, store, "sale-9", id("nope"), "session.create", 1L, "NOK", "ok", null,
                "pos", null);
        assertThrows(PaymentNotFoundException.class, () -> ledger.attachSession(id("nope"), "S-9", null, null, T0,
                ghost));
        assertEquals(List.of(), ledger.auditTrail(id("nope")), "nothing written when the session is not");
    }

    @Test
    void paymentsWithoutSessionAreFoundUntilTheirLinkExpires() {
        ledger.create(payment("lost", "ref-lost", T0));
        ledger.create(payment("cancelled", "ref-cancelled", T0.plusSeconds(1)));
        ledger.create(payment("refused", "ref-refused", T0.plusSeconds(2)));
        ledger.create(payment("linked", "ref-linked", T0.plusSeconds(3)));
        ledger.transition(update("cancelled", PaymentStatus.CANCELLED, null, null, null, T0.plusSeconds(4)));
        ledger.transition(update("refused", PaymentStatus.FAILED, null, null, null, T0.plusSeconds(4)));
        ledger.attachSession(id("linked"), "S-1", "https://pay.example/S-1", null, T0.plusSeconds(4));
        ledger.create(new NewPayment(id("elsewhere"), "other-" + store, "dintero", "s9", "ref-x", "NOK", 100, 20,
                List.of(), T0, T0.plus(Duration.ofDays(1))));

        List<String> found = ledger.findWithoutSession(store, T0, 10).stream().map(PaymentRecord::paymentId).toList();
        assertEquals(List.of(id("lost"), id("cancelled")), found, "no session, not refused, oldest first");
        assertEquals(List.of(id("lost")), ledger.findWithoutSession(store, T0, 1).stream()
                .map(PaymentRecord::paymentId).toList());
        // the links expire a day after they were made: the first at T0 + 1 day, the second a second later
        assertEquals(List.of(id("cancelled")), ledger.findWithoutSession(store, T0.plus(Duration.ofDays(1)), 10)
                .stream().map(PaymentRecord::paymentId).toList());
        assertEquals(List.of(), ledger.findWithoutSession(store, T0.plus(Duration.ofDays(2)), 10));
        assertEquals(List.of(), ledger.findWithoutSession(store, T0, 0));
    }

    @Test
    void theLatestPaymentsAreListedNewestFirstWithFilters() {
        ledger.create(payment("a", "ref-a", T0));
        ledger.create(payment("b", "ref-b", T0.plusSeconds(1)));
        ledger.create(payment("c", "ref-c", T0.plusSeconds(2)));
        ledger.transition(update("b", PaymentStatus.FAILED, null, null, null, T0.plusSeconds(3)));
        ledger.create(new NewPayment(id("x"), "other-" + store, "dintero", "s9", "ref-x", "NOK", 100, 20,
                List.of(), T0.plusSeconds(4), T0.plus(Duration.ofDays(1))));

        assertEquals(List.of(id("c"), id("b"), id("a")), ids(ledger.findLatest(store, null, null, 10)));
        assertEquals(List.of(id("c"), id("b")), ids(ledger.findLatest(store, null, null, 2)));
        assertEquals(List.of(id("b")), ids(ledger.findLatest(store, PaymentStatus.FAILED, null, 10)));
        assertEquals(List.of(id("a")), ids(ledger.findLatest(store, null, "sale-" + id("a"), 10)));
        assertEquals(List.of(id("x")), ids(ledger.findLatest("other-" + store, null, null, 10)));
        assertTrue(ids(ledger.findLatest(null, null, null, 1000)).containsAll(List.of(id("x"), id("a"))),
                "every store");
        assertEquals(2, ledger.findLatest(store, null, null, 10).get(1).history().size(), "with history");
    }

    private static List<String> ids(List<PaymentRecord> payments) {
        return payments.stream().map(PaymentRecord::paymentId).toList();
    }

    @Test
    void callbacksWaitInTheInboxUntilProcessed() {
        ledger.create(payment("p1", "ref-1", T0));
        ledger.create(payment("p2", "ref-2", T0));
        CallbackHint first = ledger.addCallbackHint(new CallbackHint(0, store, id("p1"), "S-1", "T-1", null, null,
                null, T0.plusSeconds(1)));
        CallbackHint second = ledger.addCallbackHint(new CallbackHint(0, store, id("p2"), "S-2", null, "VOID", "7",
                "cancelled", T0.plusSeconds(2)));
        assertTrue(first.id() > 0);
        assertTrue(second.id() > first.id());
        assertEquals(List.of(first, second), ledger.unprocessedCallbackHints(store, 10));
        assertEquals(List.of(first), ledger.unprocessedCallbackHints(store, 1));
        assertEquals(List.of(), ledger.unprocessedCallbackHints("another-store", 10));

        ledger.markCallbackHintProcessed(first.id(), T0.plusSeconds(3));
        ledger.markCallbackHintProcessed(first.id(), T0.plusSeconds(4));
        assertEquals(List.of(second), ledger.unprocessedCallbackHints(store, 10));
    }

    @Test
    void aCallbackForAnUnknownPaymentIsRefused() {
        assertThrows(PaymentNotFoundException.class, () -> ledger.addCallbackHint(
                new CallbackHint(0, store, id("nope"), "S-1", null, null, null, null, T0)));
        assertEquals(List.of(), ledger.unprocessedCallbackHints(store, 10));
    }
}
