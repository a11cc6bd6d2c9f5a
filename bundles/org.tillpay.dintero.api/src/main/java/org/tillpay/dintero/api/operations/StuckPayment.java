package org.tillpay.dintero.api.operations;

import java.time.Instant;
import java.util.Objects;

/**
 * A payment, or one of its operations, waiting on Dintero longer than it should: what
 * {@link DinteroStoreOperations#stuckPayments()} lists and {@link DinteroStoreOperations#retry(String)} tries again.
 * The poller resolves each of these by itself in time; listing them lets staff see what waits and why.
 *
 * @param paymentId the payment
 * @param saleReference the POS's sale reference
 * @param status the payment's status as recorded (a {@code PaymentStatus} name)
 * @param reason what it waits for
 * @param since since when
 * @param detail what is known, for staff; never a secret
 */
public record StuckPayment(String paymentId, String saleReference, String status, Reason reason, Instant since,
        String detail) {

    /** What a stuck payment waits for. */
    public enum Reason {
        /**
         * Dintero did not answer when the payment link was made: the link may exist. It is looked for at Dintero by
         * its merchant reference until it would have expired; the sale gets no new link before that is known.
         */
        LINK_UNCONFIRMED,
        /** The link has expired but the payment is still open here: Dintero could not be asked (the poller retries). */
        EXPIRY_OVERDUE,
        /** Dintero reported the transaction's status as {@code UNKNOWN}. */
        STATUS_UNKNOWN,
        /** A callback was received but the payment could not be read back from Dintero yet. */
        CALLBACK_UNPROCESSED,
        /**
         * A capture, refund or void got no answer from Dintero: nothing else is sent for the payment until the
         * transaction shows whether it happened.
         */
        OPERATION_UNANSWERED,
        /** Dintero accepted a capture, refund or void (202) and has not finished it. */
        OPERATION_AWAITING_PROVIDER
    }

    /** Checks the fields. */
    public StuckPayment {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
        detail = detail == null ? "" : detail;
    }
}
