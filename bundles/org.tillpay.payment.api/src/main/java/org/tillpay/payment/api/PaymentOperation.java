package org.tillpay.payment.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A capture, refund or void made on a payment, as recorded: what was asked, by whom, and how it ended.
 *
 * @param operationId Tillpay's id of the operation
 * @param kind capture, refund or void
 * @param origin made through Tillpay, or in the provider's back office
 * @param reference the receipt or return receipt number, or null
 * @param amountMinor the amount in minor units (for a void: what was released)
 * @param giftCardAmountMinor of {@code amountMinor}, the part on a gift card
 * @param state how far it has come
 * @param requestedBy who asked, or the back-office user
 * @param providerEventId the provider's event id once known, or null
 * @param detail the provider's message (an error for a failed operation), or null
 * @param createdAt when it was asked for
 * @param settledAt when its outcome became known, or null
 */
public record PaymentOperation(String operationId, OperationKind kind, OperationOrigin origin, String reference,
        long amountMinor, long giftCardAmountMinor, OperationState state, String requestedBy, String providerEventId,
        String detail, Instant createdAt, Instant settledAt) {

    /** Checks the required fields. */
    public PaymentOperation {
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** @return the reference, when there is one */
    public Optional<String> referenceIfAny() {
        return Optional.ofNullable(reference);
    }
}
