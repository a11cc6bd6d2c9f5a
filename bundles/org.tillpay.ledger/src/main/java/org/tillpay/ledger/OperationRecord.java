package org.tillpay.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.tillpay.payment.api.OperationKind;
import org.tillpay.payment.api.OperationOrigin;
import org.tillpay.payment.api.OperationState;
import org.tillpay.payment.api.PaymentOperation;

/**
 * A capture, refund or void as recorded in the ledger.
 *
 * @param operationId Tillpay's id
 * @param paymentId the payment
 * @param kind capture, refund or void
 * @param origin through Tillpay, or synchronised from the provider's back office
 * @param reference the receipt or return receipt number (the provider's {@code event_reference}), or null
 * @param amountMinor the amount, minor units
 * @param giftCardMinor of the amount, the gift-card part, minor units
 * @param lines the sale lines covered, with their amounts; empty when chosen by amount only
 * @param reason the refund reason, or null
 * @param requestedBy who asked (or the back-office user)
 * @param state how far it has come
 * @param eventRequestId the provider's {@code event-request-id} of an accepted (202) operation, or null
 * @param providerEventId the provider's final event id, or null
 * @param detail the provider's message, or null
 * @param createdAt when recorded
 * @param settledAt when settled, or null
 */
public record OperationRecord(String operationId, String paymentId, OperationKind kind, OperationOrigin origin,
        String reference, long amountMinor, long giftCardMinor, List<OperationLineAmount> lines, String reason,
        String requestedBy, OperationState state, String eventRequestId, String providerEventId, String detail,
        Instant createdAt, Instant settledAt) {

    /** Checks the required fields and copies the lines. */
    public OperationRecord {
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        lines = List.copyOf(lines);
    }

    /** @return this record as the SPI's view */
    public PaymentOperation toOperation() {
        return new PaymentOperation(operationId, kind, origin, reference, amountMinor, giftCardMinor, state,
                requestedBy, providerEventId, detail, createdAt, settledAt);
    }
}
