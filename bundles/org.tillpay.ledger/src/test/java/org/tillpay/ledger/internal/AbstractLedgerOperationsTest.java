package org.tillpay.ledger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tillpay.payment.api.OperationKind.CAPTURE;
import static org.tillpay.payment.api.OperationKind.REFUND;
import static org.tillpay.payment.api.OperationKind.VOID;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.tillpay.ledger.AuditEntry;
import org.tillpay.ledger.BackOfficeOperation;
import org.tillpay.ledger.OperationRecord;
import org.tillpay.ledger.OperationRefusedException;
import org.tillpay.ledger.OperationSettlement;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.ledger.TransitionResult;
import org.tillpay.ledger.TransitionResult.Outcome;
import org.tillpay.payment.api.OperationOrigin;
import org.tillpay.payment.api.OperationState;
import org.tillpay.payment.api.PaymentStatus;
import org.tillpay.payment.api.StatusChange;

/** Schema version 3 of the ledger's contract: captures, refunds and voids, back-office operations, the audit trail. */
abstract class AbstractLedgerOperationsTest extends AbstractPollLeasesTest {

    @Test
    void partialCapturesAddUpToTheFullAmount() {
        paid("p1");
        PaymentRecord begun = ledger.beginOperation(operation("p1", "op-1", CAPTURE, "RCPT-1", 5000,
                line("L1", 1, 4500), line("L2", 1, 500)));
        OperationRecord pending = operationOf(begun, "op-1");
        assertEquals(OperationState.PENDING, pending.state());
        assertEquals(OperationOrigin.POS, pending.origin());
        assertEquals(List.of(line("L1", 1, 4500), line("L2", 1, 500)), pending.lines());
        assertEquals("cashier-1", pending.requestedBy());
        assertEquals(T0.plusSeconds(10), pending.createdAt());
        assertEquals(begun.openOperation(), java.util.Optional.of(pending));
        assertEquals(0, begun.capturedMinor());

        TransitionResult first = ledger.settleOperation(settlement("op-1", OperationState.SUCCEEDED,
                PaymentStatus.PARTIALLY_CAPTURED));
        assertEquals(Outcome.APPLIED, first.outcome());
        assertEquals(5000, first.payment().capturedMinor());
        assertEquals(7000, first.payment().capturableMinor());
        assertEquals(PaymentStatus.PARTIALLY_CAPTURED, first.payment().status());
        StatusChange last = first.payment().history().get(first.payment().history().size() - 1);
        assertEquals(new StatusChange(PaymentStatus.PARTIALLY_CAPTURED, T0.plusSeconds(20), "callback",
                "capture RCPT-1 5000 succeeded"), last);
        OperationRecord settled = operationOf(first.payment(), "op-1");
        assertEquals(OperationState.SUCCEEDED, settled.state());
        assertEquals("ev-op-1", settled.providerEventId());
        assertEquals(T0.plusSeconds(20), settled.settledAt());

        done("p1", "op-2", CAPTURE, "RCPT-2", 4000, PaymentStatus.PARTIALLY_CAPTURED);
        PaymentRecord full = done("p1", "op-3", CAPTURE, "RCPT-3", 3000, PaymentStatus.CAPTURED).payment();
        assertEquals(12000, full.capturedMinor());
        assertEquals(0, full.capturableMinor());
        assertEquals(PaymentStatus.CAPTURED, full.status());
        assertEquals(List.of(id("op-1"), id("op-2"), id("op-3")),
                full.operations().stream().map(OperationRecord::operationId).toList());
        assertEquals(full, ledger.find(id("p1")).orElseThrow());
        assertEquals(3, full.toHandle().operations().size());
    }

    @Test
    void refundsAddUpToWhatWasCaptured() {
        paid("p1");
        done("p1", "op-1", CAPTURE, "RCPT-1", 12000, PaymentStatus.CAPTURED);
        PaymentRecord part = done("p1", "op-2", REFUND, "RET-1", 4000, PaymentStatus.PARTIALLY_REFUNDED).payment();
        assertEquals(4000, part.refundedMinor());
        assertEquals(8000, part.refundableMinor());
        assertEquals("returned", operationOf(part, "op-2").reason());
        PaymentRecord all = done("p1", "op-3", REFUND, "RET-2", 8000, PaymentStatus.REFUNDED).payment();
        assertEquals(12000, all.refundedMinor());
        assertEquals(0, all.refundableMinor());
        assertEquals(PaymentStatus.REFUNDED, all.status());
    }

    @Test
    void aVoidBeforeCaptureCancelsThePayment() {
        paid("p1");
        PaymentRecord begun = ledger.beginOperation(operation("p1", "op-1", VOID, null, 0));
        assertEquals(12000, operationOf(begun, "op-1").amountMinor(), "a void releases the remainder");
        PaymentRecord cancelled = ledger.settleOperation(settlement("op-1", OperationState.SUCCEEDED,
                PaymentStatus.CANCELLED)).payment();
        assertEquals(PaymentStatus.CANCELLED, cancelled.status());
        assertTrue(cancelled.remainderVoided());
        assertEquals(0, cancelled.capturedMinor());
        assertEquals(0, cancelled.capturableMinor());
    }

    @Test
    void aVoidAfterAPartialCaptureReleasesTheRest() {
        paid("p1");
        done("p1", "op-1", CAPTURE, "RCPT-1", 5000, PaymentStatus.PARTIALLY_CAPTURED);
        PaymentRecord begun = ledger.beginOperation(operation("p1", "op-2", VOID, null, 7000));
        assertEquals(7000, operationOf(begun, "op-2").amountMinor());
        PaymentRecord after = ledger.settleOperation(settlement("op-2", OperationState.SUCCEEDED,
                PaymentStatus.CAPTURED)).payment();
        assertEquals(PaymentStatus.CAPTURED, after.status());
        assertTrue(after.remainderVoided());
        assertEquals(5000, after.capturedMinor());
        assertEquals(0, after.capturableMinor());
        assertEquals(5000, done("p1", "op-3", REFUND, "RET-1", 5000, PaymentStatus.REFUNDED).payment()
                .refundedMinor());
    }

    @Test
    void anOperationSettlesOnceAndCountsOnce() {
        paid("p1");
        PaymentRecord once = done("p1", "op-1", CAPTURE, "RCPT-1", 5000, PaymentStatus.PARTIALLY_CAPTURED).payment();
        TransitionResult again = ledger.settleOperation(settlement("op-1", OperationState.SUCCEEDED,
                PaymentStatus.PARTIALLY_CAPTURED));
        assertEquals(Outcome.DUPLICATE, again.outcome());
        assertEquals(once, again.payment());
        TransitionResult failedLate = ledger.settleOperation(settlement("op-1", OperationState.FAILED, null));
        assertEquals(Outcome.DUPLICATE, failedLate.outcome());
        assertEquals(5000, ledger.find(id("p1")).orElseThrow().capturedMinor());
        assertThrows(IllegalArgumentException.class,
                () -> ledger.settleOperation(settlement("nope", OperationState.SUCCEEDED, null)));
    }

    @Test
    void aFailedOperationMovesNoMoney() {
        PaymentRecord before = paid("p1");
        ledger.beginOperation(operation("p1", "op-1", CAPTURE, "RCPT-1", 5000));
        TransitionResult failed = ledger.settleOperation(settlement("op-1", OperationState.FAILED, null));
        assertEquals(Outcome.APPLIED, failed.outcome());
        OperationRecord op = operationOf(failed.payment(), "op-1");
        assertEquals(OperationState.FAILED, op.state());
        assertEquals("declined by acquirer", op.detail());
        assertNull(op.providerEventId());
        assertEquals(0, failed.payment().capturedMinor());
        assertEquals(PaymentStatus.AUTHORIZED, failed.payment().status());
        assertEquals(before.version(), failed.payment().version());
        assertEquals(before.history(), failed.payment().history());
    }

    @Test
    void aStatusTheStateMachineRefusesIsLeftButTheOperationSettles() {
        paid("p1");
        ledger.beginOperation(operation("p1", "op-1", CAPTURE, "RCPT-1", 12000));
        PaymentRecord after = ledger.settleOperation(settlement("op-1", OperationState.SUCCEEDED,
                PaymentStatus.REFUNDED)).payment();
        assertEquals(PaymentStatus.AUTHORIZED, after.status());
        assertEquals(OperationState.SUCCEEDED, operationOf(after, "op-1").state());
        assertEquals(12000, after.capturedMinor());
    }

    @Test
    void aProviderEventAlreadyInTheHistoryIsNotRecordedTwice() {
        ledger.create(payment("p1", "ref-p1", T0));
        ledger.transition(update("p1", PaymentStatus.AUTHORIZED, "T-1", "visa", "ev-op-1", T0.plusSeconds(1)));
        PaymentRecord after = done("p1", "op-1", CAPTURE, "RCPT-1", 12000, PaymentStatus.CAPTURED).payment();
        assertEquals(PaymentStatus.CAPTURED, after.status());
        assertEquals(List.of(PaymentStatus.CREATED, PaymentStatus.AUTHORIZED, PaymentStatus.CAPTURED),
                statuses(after));
    }

    @Test
    void anEventReadWithASnapshotOlderThanItsOperationSettlesThatOperation() {
        paid("p1");
        ledger.beginOperation(operation("p1", "op-1", CAPTURE, "RCPT-7", 5000));
        // a read-back that loaded the payment before op-1 existed reports op-1's event as if made in the back office
        TransitionResult result = ledger.recordBackOfficeOperation(new BackOfficeOperation(id("p1"), CAPTURE, 5000, 0,
                "ev-7", "RCPT-7", "client", PaymentStatus.PARTIALLY_CAPTURED, "callback", T0.plusSeconds(40)));
        assertEquals(Outcome.APPLIED, result.outcome());
        assertEquals(1, result.payment().operations().size());
        OperationRecord op = result.payment().operations().get(0);
        assertEquals(id("op-1"), op.operationId());
        assertEquals(OperationOrigin.POS, op.origin());
        assertEquals(OperationState.SUCCEEDED, op.state());
        assertEquals("ev-7", op.providerEventId());
        assertEquals(5000, result.payment().capturedMinor());
        assertEquals(Outcome.DUPLICATE, ledger.settleOperation(new OperationSettlement(id("op-1"),
                OperationState.SUCCEEDED, "ev-7", 0, PaymentStatus.PARTIALLY_CAPTURED, "capture", null,
                T0.plusSeconds(41))).outcome());
        assertEquals(5000, ledger.find(id("p1")).orElseThrow().capturedMinor());
    }

    @Test
    void aBackOfficeOperationIsRecordedOncePerEvent() {
        paid("p1");
        BackOfficeOperation capture = new BackOfficeOperation(id("p1"), CAPTURE, 4000, 1000, "bo-ev-1", "BO-1", null,
                PaymentStatus.PARTIALLY_CAPTURED, "poller", T0.plusSeconds(30));
        TransitionResult first = ledger.recordBackOfficeOperation(capture);
        assertEquals(Outcome.APPLIED, first.outcome());
        OperationRecord op = first.payment().operations().get(0);
        assertEquals(OperationOrigin.BACK_OFFICE, op.origin());
        assertEquals(OperationState.SUCCEEDED, op.state());
        assertEquals("back office", op.requestedBy());
        assertEquals("bo-ev-1", op.providerEventId());
        assertEquals(4000, first.payment().capturedMinor());
        assertEquals(1000, op.giftCardMinor());
        assertEquals(0, first.payment().giftCardMinor(), "the payment keeps the authorized gift-card part, set apart");
        assertEquals(PaymentStatus.PARTIALLY_CAPTURED, first.payment().status());

        TransitionResult again = ledger.recordBackOfficeOperation(capture);
        assertEquals(Outcome.DUPLICATE, again.outcome());
        assertEquals(first.payment(), again.payment());

        TransitionResult refund = ledger.recordBackOfficeOperation(new BackOfficeOperation(id("p1"), REFUND, 1500, 0,
                "bo-ev-2", null, "anna@example.com", null, "callback", T0.plusSeconds(40)));
        assertEquals(1500, refund.payment().refundedMinor());
        assertEquals("anna@example.com", refund.payment().operations().get(1).requestedBy());
        assertEquals(PaymentStatus.PARTIALLY_CAPTURED, refund.payment().status());
        assertEquals(3000, ledger.recordGiftCardPart(first.payment().paymentId(), 3000).giftCardMinor());
    }

    @Test
    void onlyOneOfTwoConcurrentOperationsIsRecorded() throws Exception {
        paid("p1");
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String opId = "op-" + i;
            tasks.add(() -> {
                try {
                    ledger.beginOperation(operation("p1", opId, CAPTURE, "RCPT-" + opId, 1000));
                    return "recorded";
                } catch (OperationRefusedException e) {
                    return e.field();
                }
            });
        }
        List<String> outcomes = runTogether(tasks);
        assertEquals(List.of("paymentId", "recorded"), outcomes.stream().sorted().toList());
        assertEquals(1, count(dataSource(), "SELECT COUNT(*) FROM tillpay_payment_operation WHERE payment_id = ?",
                id("p1")));
    }

    @Test
    void concurrentSettlementsOfOneOperationCountItsEventOnce() throws Exception {
        // the POS's own answer, a callback's read-back and the poller's sweep may all settle one capture at once
        for (int round = 0; round < 40; round++) {
            String p = "race-" + round;
            paid(p);
            String op = "op-" + p;
            ledger.beginOperation(operation(p, op, CAPTURE, "RCPT-" + p, 12000));
            List<Callable<Outcome>> tasks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String source = "source-" + i;
                tasks.add(() -> ledger.settleOperation(new OperationSettlement(id(op), OperationState.SUCCEEDED,
                        "event-" + p, 0, PaymentStatus.CAPTURED, source, null, T0.plusSeconds(20))).outcome());
            }
            tasks.add(() -> ledger.recordBackOfficeOperation(new BackOfficeOperation(id(p), CAPTURE, 12000, 0,
                    "event-" + p, "RCPT-" + p, "backoffice", PaymentStatus.CAPTURED, "poller", T0.plusSeconds(21)))
                    .outcome());
            for (int i = 0; i < 4; i++) {
                // readers between a settlement's write and its commit, on pooled connections the settlers reuse
                tasks.add(() -> {
                    for (int j = 0; j < 25; j++) {
                        ledger.find(id(p));
                    }
                    return null;
                });
            }
            List<Outcome> outcomes = runTogether(tasks);
            assertEquals(1, outcomes.stream().filter(o -> o == Outcome.APPLIED).count(), outcomes.toString());
            PaymentRecord after = ledger.find(id(p)).orElseThrow();
            assertEquals(12000, after.capturedMinor(), "round " + round + ": " + after.operations());
            assertEquals(1, after.operations().size(), after.operations().toString());
            assertEquals("event-" + p, after.operations().get(0).providerEventId());
        }
    }

    @Test
    void pendingOperationsAreMarkedAcceptedOrUnknown() {
        paid("p1");
        ledger.beginOperation(operation("p1", "op-1", CAPTURE, "RCPT-1", 1000));
        OperationRecord accepted = operationOf(ledger.markOperationAccepted(id("op-1"), "req-1", T0.plusSeconds(11)),
                "op-1");
        assertEquals(OperationState.ACCEPTED, accepted.state());
        assertEquals("req-1", accepted.eventRequestId());
        assertEquals(accepted, operationOf(ledger.markOperationUnknown(id("op-1"), "timeout", T0.plusSeconds(12)),
                "op-1"), "an accepted operation is not made unknown");
        ledger.settleOperation(settlement("op-1", OperationState.SUCCEEDED, PaymentStatus.PARTIALLY_CAPTURED));

        ledger.beginOperation(operation("p1", "op-2", CAPTURE, "RCPT-2", 1000));
        OperationRecord unknown = operationOf(ledger.markOperationUnknown(id("op-2"), "timeout", T0.plusSeconds(21)),
                "op-2");
        assertEquals(OperationState.UNKNOWN, unknown.state());
        assertEquals("timeout", unknown.detail());
        assertEquals("HTTP 503", operationOf(ledger.markOperationUnknown(id("op-2"), "HTTP 503", T0.plusSeconds(22)),
                "op-2").detail());
        assertEquals(OperationState.UNKNOWN, operationOf(ledger.markOperationAccepted(id("op-2"), "req-2",
                T0.plusSeconds(23)), "op-2").state());
        ledger.settleOperation(settlement("op-2", OperationState.SUCCEEDED, null));
        assertEquals(OperationState.SUCCEEDED, operationOf(ledger.markOperationAccepted(id("op-2"), "req-2",
                T0.plusSeconds(24)), "op-2").state());
        assertThrows(IllegalArgumentException.class, () -> ledger.markOperationAccepted("nope", "r", T0));
    }

    @Test
    void paymentsWithOpenOperationsAreFoundOldestFirst() {
        ledger.create(payment("p2", "ref-p2", T0.minusSeconds(60)));
        ledger.transition(update("p2", PaymentStatus.AUTHORIZED, "T-2", "visa", null, T0));
        paid("p1");
        paid("p3");
        ledger.beginOperation(operation("p1", "op-1", CAPTURE, "RCPT-1", 1000));
        ledger.beginOperation(operation("p2", "op-2", VOID, null, 0));
        done("p3", "op-3", CAPTURE, "RCPT-3", 1000, null);
        ledger.markOperationUnknown(id("op-2"), "timeout", T0.plusSeconds(11));

        List<PaymentRecord> open = ledger.findWithOpenOperations(store, 10);
        assertEquals(List.of(id("p2"), id("p1")), open.stream().map(PaymentRecord::paymentId).toList());
        assertEquals(id("op-2"), open.get(0).openOperation().orElseThrow().operationId());
        assertEquals(id("op-1"), open.get(1).openOperation().orElseThrow().operationId());
        assertEquals(List.of(id("p2")), ledger.findWithOpenOperations(store, 1).stream()
                .map(PaymentRecord::paymentId).toList());
        assertEquals(List.of(), ledger.findWithOpenOperations("other-" + store, 10));
        assertEquals(List.of(), ledger.findWithOpenOperations(store, 0));
        assertEquals(1, ledger.findPending(store, 10).stream().filter(p -> p.paymentId().equals(id("p1")))
                .findFirst().orElseThrow().operations().size(), "findPending reads operations too");
        assertFalse(ledger.findByMerchantReference(store, "ref-p3").orElseThrow().operations().isEmpty());
    }

    @Test
    void theAuditTrailIsKeptPerPaymentOldestFirst() {
        paid("p1");
        AuditEntry create = new AuditEntry(T0, store, "sale-1", id("p1"), "session.create", 12000L, "NOK", "ok 200",
                null, "cashier-1", null);
        AuditEntry capture = new AuditEntry(T0.plusSeconds(5), store, "sale-1", id("p1"), "capture", null, null,
                "refused 400: " + "x".repeat(2000), "ev-9", "cashier-2", "d".repeat(1500));
        ledger.audit(create);
        ledger.audit(capture);
        ledger.audit(new AuditEntry(T0, store, null, null, "transaction.read", null, null, "no answer: timeout",
                null, "poller", null));
        List<AuditEntry> trail = ledger.auditTrail(id("p1"));
        assertEquals(2, trail.size());
        assertEquals(create, trail.get(0));
        AuditEntry cut = trail.get(1);
        assertNull(cut.amountMinor());
        assertEquals(1024, cut.result().length());
        assertEquals(1024, cut.detail().length());
        assertEquals(new AuditEntry(capture.at(), store, "sale-1", id("p1"), "capture", null, null,
                cut.result(), "ev-9", "cashier-2", cut.detail()), cut);
        assertEquals(List.of(), ledger.auditTrail(id("nope")));
    }

    @Test
    void aVersion2DatabaseIsMigratedToVersion3() throws SQLException {
        DataSource ds = freshDatabase();
        SchemaMigrator v2 = new SchemaMigrator(ds, SchemaMigrator.MIGRATIONS.subList(0, 2));
        assertEquals(List.of(1, 2), v2.migrate());
        Jdbc.inTransaction(ds, c -> {
            PaymentRows.insertPayment(c, payment("old", "ref-old", T0));
            PaymentRows.insertLines(c, id("old"), payment("old", "ref-old", T0).lines());
            PaymentRows.insertFirstEvent(c, id("old"), PaymentStatus.CREATED, T0, "start");
            return null;
        });
        JdbcPaymentLedger migrated = new JdbcPaymentLedger(ds);
        assertEquals(ALL_VERSIONS, v2.recordedVersions());
        PaymentRecord old = migrated.find(id("old")).orElseThrow();
        assertEquals(0, old.capturedMinor());
        assertEquals(0, old.refundedMinor());
        assertFalse(old.remainderVoided());
        assertEquals(0, old.giftCardMinor());
        assertEquals(List.of(), old.operations());
        assertEquals(payment("old", "ref-old", T0).lines(), migrated.lines(id("old")));
        migrated.transition(update("old", PaymentStatus.AUTHORIZED, "T-old", "visa", null, T0.plusSeconds(1)));
        migrated.beginOperation(operation("old", "op-old", CAPTURE, "RCPT-1", 12000));
        assertEquals(1, migrated.findWithOpenOperations(store, 10).size());
    }
}
