package org.tillpay.ledger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tillpay.payment.api.OperationKind.CAPTURE;
import static org.tillpay.payment.api.OperationKind.REFUND;
import static org.tillpay.payment.api.OperationKind.VOID;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.tillpay.ledger.NewOperation;
import org.tillpay.ledger.OperationRefusedException;
import org.tillpay.ledger.PaymentNotFoundException;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.payment.api.OperationState;
import org.tillpay.payment.api.PaymentStatus;

/** Schema version 3 of the ledger's contract: the rules that refuse a capture, refund or void, storing nothing. */
abstract class AbstractLedgerOperationRefusalsTest extends AbstractLedgerOperationsTest {

    /** Asserts that the operation is refused for {@code field} and that neither operation nor payment changed. */
    OperationRefusedException refused(String field, NewOperation op) throws SQLException {
        PaymentRecord before = ledger.find(op.paymentId()).orElseThrow();
        OperationRefusedException e = assertThrows(OperationRefusedException.class, () -> ledger.beginOperation(op));
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(before, ledger.find(op.paymentId()).orElseThrow());
        assertEquals(0, count(dataSource(), "SELECT COUNT(*) FROM tillpay_payment_operation WHERE operation_id = ?",
                op.operationId()));
        return e;
    }

    @Test
    void anUnsettledOperationRefusesAnother() throws SQLException {
        paid("p1");
        ledger.beginOperation(operation("p1", "op-1", CAPTURE, "RCPT-1", 5000));
        OperationRefusedException e = refused("paymentId", operation("p1", "op-2", CAPTURE, "RCPT-2", 1000));
        assertTrue(e.getMessage().contains("capture RCPT-1 is still pending"), e.getMessage());
        refused("paymentId", operation("p1", "op-3", VOID, null, 0));

        ledger.markOperationUnknown(id("op-1"), "timeout", T0.plusSeconds(11));
        e = refused("paymentId", operation("p1", "op-4", CAPTURE, "RCPT-2", 1000));
        assertTrue(e.getMessage().contains("capture RCPT-1 is still unknown"), e.getMessage());
        ledger.settleOperation(settlement("op-1", OperationState.FAILED, null));
        ledger.beginOperation(operation("p1", "op-5", CAPTURE, "RCPT-2", 1000));
    }

    @Test
    void aCancelledOrderCannotBeCaptured() throws SQLException {
        paid("p1");
        ledger.transition(update("p1", PaymentStatus.CANCELLED, null, null, null, T0.plusSeconds(2)));
        assertEquals("a cancelled order cannot be captured; the customer must place a new order",
                refused("paymentId", operation("p1", "op-1", CAPTURE, "RCPT-1", 100)).getMessage());
        refused("paymentId", operation("p1", "op-2", REFUND, "RET-1", 100));
        refused("paymentId", operation("p1", "op-3", VOID, null, 0));
    }

    @Test
    void anUnpaidPaymentHasNoOperations() throws SQLException {
        ledger.create(payment("p1", "ref-1", T0));
        for (NewOperation op : java.util.List.of(operation("p1", "op-1", CAPTURE, "RCPT-1", 100),
                operation("p1", "op-2", REFUND, "RET-1", 100), operation("p1", "op-3", VOID, null, 0))) {
            assertTrue(refused("paymentId", op).getMessage().contains("not paid (status CREATED)"));
        }
        assertThrows(PaymentNotFoundException.class,
                () -> ledger.beginOperation(operation("nope", "op-4", CAPTURE, "RCPT-1", 100)));
    }

    @Test
    void aCaptureIsLimitedToWhatIsLeft() throws SQLException {
        paid("p1");
        refused("amountMinor", operation("p1", "op-1", CAPTURE, "RCPT-1", 12001));
        refused("amountMinor", operation("p1", "op-1", CAPTURE, "RCPT-1", 0));
        refused("amountMinor", operation("p1", "op-1", CAPTURE, "RCPT-1", -5));
        done("p1", "op-1", CAPTURE, "RCPT-1", 5000, PaymentStatus.PARTIALLY_CAPTURED);
        OperationRefusedException e = refused("amountMinor", operation("p1", "op-2", CAPTURE, "RCPT-2", 7001));
        assertTrue(e.getMessage().contains("only NOK 70.00 is left to capture"), e.getMessage());
        done("p1", "op-2", CAPTURE, "RCPT-2", 7000, PaymentStatus.CAPTURED);
        assertTrue(refused("paymentId", operation("p1", "op-3", CAPTURE, "RCPT-3", 1)).getMessage()
                .contains("already fully captured"));
    }

    @Test
    void nothingIsCapturedAfterTheRemainderIsReleased() throws SQLException {
        paid("p1");
        done("p1", "op-1", CAPTURE, "RCPT-1", 5000, PaymentStatus.PARTIALLY_CAPTURED);
        done("p1", "op-2", VOID, null, 0, null);
        assertEquals(PaymentStatus.PARTIALLY_CAPTURED, ledger.find(id("p1")).orElseThrow().status());
        assertTrue(refused("paymentId", operation("p1", "op-3", CAPTURE, "RCPT-2", 100)).getMessage()
                .contains("released"));
        refused("paymentId", operation("p1", "op-4", VOID, null, 0));
    }

    @Test
    void capturesAndRefundsNeedAReference() throws SQLException {
        paid("p1");
        refused("reference", operation("p1", "op-1", CAPTURE, null, 100));
        refused("reference", operation("p1", "op-1", CAPTURE, "  ", 100));
        refused("reference", operation("p1", "op-1", CAPTURE, "R".repeat(256), 100));
        done("p1", "op-1", CAPTURE, "RCPT-1", 12000, PaymentStatus.CAPTURED);
        assertTrue(refused("reference", operation("p1", "op-2", REFUND, null, 100)).getMessage()
                .contains("return receipt"));
    }

    @Test
    void aReferenceIsUsedOnceUnlessItFailed() throws SQLException {
        paid("p1");
        ledger.beginOperation(operation("p1", "op-1", CAPTURE, "RCPT-1", 1000));
        ledger.settleOperation(settlement("op-1", OperationState.FAILED, null));
        done("p1", "op-2", CAPTURE, "RCPT-1", 1000, PaymentStatus.PARTIALLY_CAPTURED);
        assertEquals("capture RCPT-1 was already made on 2025-03-01; use a new receipt number",
                refused("reference", operation("p1", "op-3", CAPTURE, "RCPT-1", 1000)).getMessage());
        done("p1", "op-4", REFUND, "RCPT-1", 500, PaymentStatus.PARTIALLY_CAPTURED_REFUNDED);
        refused("reference", operation("p1", "op-5", REFUND, "RCPT-1", 100));
    }

    @Test
    void aRefundIsLimitedToWhatWasCapturedAndNotRefunded() throws SQLException {
        paid("p1");
        assertTrue(refused("paymentId", operation("p1", "op-1", REFUND, "RET-1", 100)).getMessage()
                .contains("nothing was captured yet"));
        done("p1", "op-1", CAPTURE, "RCPT-1", 5000, PaymentStatus.PARTIALLY_CAPTURED);
        refused("amountMinor", operation("p1", "op-2", REFUND, "RET-1", 5001));
        refused("amountMinor", operation("p1", "op-2", REFUND, "RET-1", 0));
        done("p1", "op-2", REFUND, "RET-1", 3000, PaymentStatus.PARTIALLY_CAPTURED_REFUNDED);
        refused("amountMinor", operation("p1", "op-3", REFUND, "RET-2", 2001));
        done("p1", "op-3", REFUND, "RET-2", 2000, null);
        refused("amountMinor", operation("p1", "op-4", REFUND, "RET-3", 1));
    }

    @Test
    void aVoidComesBeforeAFullCaptureAndReleasesTheWholeRemainder() throws SQLException {
        paid("p1");
        refused("amountMinor", operation("p1", "op-1", VOID, null, 11999));
        done("p1", "op-1", CAPTURE, "RCPT-1", 12000, PaymentStatus.CAPTURED);
        assertTrue(refused("paymentId", operation("p1", "op-2", VOID, null, 0)).getMessage()
                .contains("refund it instead"));
        done("p1", "op-2", REFUND, "RET-1", 100, PaymentStatus.PARTIALLY_REFUNDED);
        assertTrue(refused("paymentId", operation("p1", "op-3", VOID, null, 0)).getMessage()
                .contains("refund it instead"));
    }

    @Test
    void linesMustBeOnTheSale() throws SQLException {
        paid("p1");
        assertEquals("line L9 is not on sale sale-" + id("p1"), refused("lines",
                operation("p1", "op-1", CAPTURE, "RCPT-1", 100, line("L1", 1, 50), line("L9", 1, 50))).getMessage());
    }

    @Test
    void aCaptureTakesNoMoreOfALineThanIsLeft() throws SQLException {
        paid("p1");
        refused("lines", operation("p1", "op-1", CAPTURE, "RCPT-1", 4500, line("L1", 3, 4500)));
        refused("lines", operation("p1", "op-1", CAPTURE, "RCPT-1", 9001, line("L1", 2, 9001)));
        refused("lines", operation("p1", "op-1", CAPTURE, "RCPT-1", 9000, line("L1", 1, 4500), line("L1", 2, 4500)));
        done("p1", "op-1", CAPTURE, "RCPT-1", 4500, PaymentStatus.PARTIALLY_CAPTURED, line("L1", 1, 4500));
        assertTrue(refused("lines", operation("p1", "op-2", CAPTURE, "RCPT-2", 7500, line("L1", 2, 7500)))
                .getMessage().contains("only 1 (NOK 45.00) left to capture"));
        done("p1", "op-2", CAPTURE, "RCPT-2", 7500, PaymentStatus.CAPTURED, line("L1", 1, 4500), line("L2", 1, 3000));
    }

    @Test
    void aRefundReturnsNoMoreOfALineThanWasCaptured() throws SQLException {
        paid("p1");
        done("p1", "op-1", CAPTURE, "RCPT-1", 9000, PaymentStatus.PARTIALLY_CAPTURED, line("L1", 2, 9000));
        refused("lines", operation("p1", "op-2", REFUND, "RET-1", 3000, line("L2", 1, 3000)));
        done("p1", "op-2", REFUND, "RET-1", 4500, PaymentStatus.PARTIALLY_CAPTURED_REFUNDED, line("L1", 1, 4500));
        refused("lines", operation("p1", "op-3", REFUND, "RET-2", 4500, line("L1", 1, 4600)));
        refused("lines", operation("p1", "op-3", REFUND, "RET-2", 4500, line("L1", 2, 4500)));
        done("p1", "op-3", REFUND, "RET-2", 4500, null, line("L1", 1, 4500));
    }

    @Test
    void afterACaptureByAmountEveryLineMayBeRefunded() throws SQLException {
        paid("p1");
        done("p1", "op-1", CAPTURE, "RCPT-1", 12000, PaymentStatus.CAPTURED);
        done("p1", "op-2", REFUND, "RET-1", 3000, PaymentStatus.PARTIALLY_REFUNDED, line("L2", 1, 3000));
        refused("lines", operation("p1", "op-3", REFUND, "RET-2", 3000, line("L2", 1, 3000)));
    }
}
