package org.tillpay.dintero.internal.store;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.internal.client.TransactionEvent;
import org.tillpay.dintero.internal.client.TransactionView;
import org.tillpay.ledger.BackOfficeOperation;
import org.tillpay.ledger.OperationRecord;
import org.tillpay.ledger.OperationSettlement;
import org.tillpay.ledger.PaymentLedger;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.ledger.TransitionResult;
import org.tillpay.payment.api.OperationKind;
import org.tillpay.payment.api.OperationState;
import org.tillpay.payment.api.PaymentStatus;

/**
 * Brings the ledger's operations in line with a transaction's events, each event once (its id is kept): a final
 * {@code CAPTURE}, {@code REFUND} or {@code VOID} event settles the open operation it belongs to (by the
 * {@code correlation_request_id} of an accepted operation, or by its {@code event_reference}); a successful one that
 * belongs to no operation of ours was made elsewhere (Dintero's Backoffice, auto-capture) and is recorded as such.
 */
final class OperationSync {

    private static final Logger LOG = LoggerFactory.getLogger(OperationSync.class);

    private final PaymentLedger ledger;
    private final PaymentListeners listeners;
    private final Clock clock;

    OperationSync(PaymentLedger ledger, PaymentListeners listeners, Clock clock) {
        this.ledger = ledger;
        this.listeners = listeners;
        this.clock = clock;
    }

    /**
     * @param payment the payment as recorded, with its operations
     * @param tx the transaction as Dintero reports it
     * @param source what read it ({@code callback}, {@code poller}, {@code capture}, ...)
     * @return the payment as recorded afterwards
     */
    PaymentRecord apply(PaymentRecord payment, TransactionView tx, String source) {
        for (TransactionEvent event : tx.events()) {
            if (!event.isOperation() || event.id() == null || isKnown(payment, event.id())) {
                continue;
            }
            PaymentStatus status = DinteroStatusMapper.fromTransactionStatus(
                    Objects.requireNonNullElse(event.transactionStatus(), tx.status())).orElse(null);
            Optional<OperationRecord> open = openOperationFor(payment, event);
            TransitionResult result;
            if (open.isPresent()) {
                result = ledger.settleOperation(new OperationSettlement(open.get().operationId(),
                        event.success() ? OperationState.SUCCEEDED : OperationState.FAILED, event.id(),
                        event.giftCardAmount(), event.success() ? status : null, source, detail(event),
                        clock.instant()));
            } else if (event.success()) {
                result = ledger.recordBackOfficeOperation(new BackOfficeOperation(payment.paymentId(), kind(event),
                        event.amount(), event.giftCardAmount(), event.id(), event.eventReference(), event.createdBy(),
                        status, source, clock.instant()));
            } else {
                LOG.info("store {} sale {}: failed {} event {} of transaction {} belongs to no operation; ignored",
                        payment.storeId(), payment.saleReference(), event.event(), event.id(), tx.id());
                continue;
            }
            PaymentRecord before = payment;
            payment = result.payment();
            if (result.applied()) {
                LOG.info("store {} sale {}: {} {} {} of payment {} {} ({}; status {} -> {})", payment.storeId(),
                        payment.saleReference(), open.isPresent() ? "operation" : "back-office", event.event(),
                        event.amount(), payment.paymentId(), event.success() ? "succeeded" : "failed", source,
                        before.status(), payment.status());
                listeners.notifyLatest(payment);
            }
        }
        return payment;
    }

    /**
     * @return the open operation the event finishes, if any: the one whose 202 named the event's correlation id, or
     *         else by its reference one whose 202 answer never reached us (so its event-request-id is unknown)
     */
    static Optional<OperationRecord> openOperationFor(PaymentRecord payment, TransactionEvent event) {
        OperationKind kind = kind(event);
        List<OperationRecord> open = payment.operations().stream()
                .filter(op -> !op.state().isSettled() && op.kind() == kind).toList();
        if (event.correlationRequestId() != null) {
            Optional<OperationRecord> accepted = open.stream()
                    .filter(op -> event.correlationRequestId().equals(op.eventRequestId())).findFirst();
            if (accepted.isPresent()) {
                return accepted;
            }
            open = open.stream().filter(op -> op.eventRequestId() == null).toList();
        }
        return open.stream()
                .filter(op -> op.reference() == null ? kind == OperationKind.VOID
                        : op.reference().equals(event.eventReference()))
                .findFirst();
    }

    private static boolean isKnown(PaymentRecord payment, String eventId) {
        return payment.operations().stream().anyMatch(op -> eventId.equals(op.providerEventId()));
    }

    static OperationKind kind(TransactionEvent event) {
        return OperationKind.valueOf(event.event());
    }

    private static String detail(TransactionEvent event) {
        return event.success() ? event.event() + " " + event.amount() + " (" + event.transactionStatus() + ")"
                : event.event() + " failed: " + Objects.requireNonNullElse(event.error(), "no reason given");
    }
}
