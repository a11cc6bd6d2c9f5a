package org.tillpay.ledger;

import java.time.Instant;
import java.util.Objects;

import org.tillpay.payment.api.PaymentStatus;

/**
 * A status change reported by the provider, to be applied with {@link PaymentLedger#transition(StatusUpdate)}.
 *
 * @param paymentId the payment
 * @param status the status it should move to
 * @param transactionId the provider's transaction id, or null when none is known yet
 * @param paymentProduct what the customer paid with (for example {@code vipps}), or null
 * @param source what reported it ({@code callback}, {@code poller}, {@code refresh}, {@code start})
 * @param detail provider detail for the history, or null
 * @param providerEventId the provider's own event id, used to apply each event once; or null
 * @param at when
 */
public record StatusUpdate(String paymentId, PaymentStatus status, String transactionId, String paymentProduct,
        String source, String detail, String providerEventId, Instant at) {

    /** Checks that nothing required is missing. */
    public StatusUpdate {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
    }
}
