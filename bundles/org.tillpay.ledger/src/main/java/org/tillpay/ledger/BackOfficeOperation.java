package org.tillpay.ledger;

import java.time.Instant;
import java.util.Objects;

import org.tillpay.payment.api.OperationKind;
import org.tillpay.payment.api.PaymentStatus;

/**
 * A successful capture, refund or void the provider reports that Tillpay did not ask for (made in the provider's
 * back office), to be recorded once with {@link PaymentLedger#recordBackOfficeOperation}.
 *
 * @param paymentId the payment
 * @param kind capture, refund or void
 * @param amountMinor the amount, minor units
 * @param giftCardMinor of it, the gift-card part
 * @param providerEventId the provider's event id (required: it makes the record happen once)
 * @param reference the provider's {@code event_reference}, or null
 * @param madeBy who made it at the provider, or null
 * @param paymentStatus the payment's status the provider reports afterwards, or null to leave it
 * @param source what found it ({@code callback}, {@code poller}, ...)
 * @param at when
 */
public record BackOfficeOperation(String paymentId, OperationKind kind, long amountMinor, long giftCardMinor,
        String providerEventId, String reference, String madeBy, PaymentStatus paymentStatus, String source,
        Instant at) {

    /** Checks the required fields. */
    public BackOfficeOperation {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(providerEventId, "providerEventId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
    }
}
