package org.tillpay.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.tillpay.payment.api.OperationKind;

/**
 * An operation the store asks for, to be recorded (state {@code PENDING}) before the provider is called.
 *
 * @param operationId Tillpay's id, unique
 * @param paymentId the payment
 * @param kind capture, refund or void
 * @param reference the receipt or return receipt number; required for captures and refunds
 * @param amountMinor the amount, minor units (for a void: what is released)
 * @param lines the sale lines covered, with their amounts; empty when chosen by amount only
 * @param reason the refund reason, or null
 * @param requestedBy who asks
 * @param at when
 */
public record NewOperation(String operationId, String paymentId, OperationKind kind, String reference,
        long amountMinor, List<OperationLineAmount> lines, String reason, String requestedBy, Instant at) {

    /** Checks the required fields and copies the lines. */
    public NewOperation {
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(at, "at");
        lines = List.copyOf(lines);
    }
}
