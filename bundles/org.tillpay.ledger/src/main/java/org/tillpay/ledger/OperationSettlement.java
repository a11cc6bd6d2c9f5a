package org.tillpay.ledger;

import java.time.Instant;
import java.util.Objects;

import org.tillpay.payment.api.OperationState;
import org.tillpay.payment.api.PaymentStatus;

/**
 * The known outcome of a recorded operation, to be applied with {@link PaymentLedger#settleOperation}.
 *
 * @param operationId the operation
 * @param state {@link OperationState#SUCCEEDED} or {@link OperationState#FAILED}
 * @param providerEventId the provider's event id, or null (a refusal has none)
 * @param giftCardMinor of the operation's amount, the gift-card part (0 without one)
 * @param paymentStatus the payment's status the provider reports afterwards, or null to leave it
 * @param source what learnt the outcome ({@code capture}, {@code callback}, {@code poller}, ...)
 * @param detail the provider's message, or null
 * @param at when
 */
public record OperationSettlement(String operationId, OperationState state, String providerEventId,
        long giftCardMinor, PaymentStatus paymentStatus, String source, String detail, Instant at) {

    /** Checks the values. */
    public OperationSettlement {
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
        if (state != OperationState.SUCCEEDED && state != OperationState.FAILED) {
            throw new IllegalArgumentException("an operation settles as SUCCEEDED or FAILED, not " + state);
        }
    }
}
