package org.tillpay.dintero.internal.store;

import java.time.Clock;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.ledger.AuditEntry;
import org.tillpay.ledger.LedgerException;
import org.tillpay.ledger.OperationRecord;
import org.tillpay.ledger.PaymentLedger;
import org.tillpay.ledger.PaymentRecord;

/**
 * Writes the audit trail of the calls that change something at Dintero (session create and cancel, capture, refund,
 * void): operation, store, sale, amount, result, Dintero's event id and who asked. Entries hold ids, amounts and
 * Dintero's messages, never a credential. A failure to write one is logged and does not undo the call it records.
 */
final class OperationAudit {

    private static final Logger LOG = LoggerFactory.getLogger(OperationAudit.class);

    private final PaymentLedger ledger;
    private final Clock clock;

    OperationAudit(PaymentLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Records a call made for an operation. */
    void record(PaymentRecord payment, OperationRecord op, String result, String eventId, String requestedBy) {
        record(payment, op.kind().name().toLowerCase(Locale.ROOT), op.amountMinor(), result, eventId, requestedBy,
                op.reference() == null ? null : "reference " + op.reference());
    }

    /** @return the audit entry of a call made for a payment, to be written with the change it made */
    AuditEntry entry(String storeId, String saleReference, String paymentId, String currency, String operation,
            Long amountMinor, String result, String requestedBy, String detail) {
        return new AuditEntry(clock.instant(), storeId, saleReference, paymentId, operation, amountMinor, currency,
                result, null, requestedBy, detail);
    }

    private AuditEntry entry(PaymentRecord payment, String operation, Long amountMinor, String result, String eventId,
            String requestedBy, String detail) {
        return new AuditEntry(clock.instant(), payment.storeId(), payment.saleReference(), payment.paymentId(),
                operation, amountMinor, payment.currency(), result, eventId, requestedBy, detail);
    }

    /** Records a call made for a payment. */
    void record(PaymentRecord payment, String operation, Long amountMinor, String result, String eventId,
            String requestedBy, String detail) {
        try {
            ledger.audit(entry(payment, operation, amountMinor, result, eventId, requestedBy, detail));
        } catch (LedgerException e) {
            LOG.error("store {} sale {}: audit record of {} on payment {} ({}) not written: {}", payment.storeId(),
                    payment.saleReference(), operation, payment.paymentId(), result, e.getMessage());
        }
    }
}
