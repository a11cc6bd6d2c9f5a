package org.tillpay.dintero.internal.store;

import java.util.Optional;

import org.tillpay.payment.api.PaymentStatus;

/** Maps Dintero's transaction statuses (API.md §7.1) onto the host's {@link PaymentStatus}. */
final class DinteroStatusMapper {

    private DinteroStatusMapper() {
    }

    /**
     * @param dinteroStatus a transaction status such as {@code AUTHORIZED}
     * @return the matching payment status, or empty when the status says nothing new (INITIATED, UNKNOWN, or a
     *         value this version does not know)
     */
    static Optional<PaymentStatus> fromTransactionStatus(String dinteroStatus) {
        switch (dinteroStatus) {
            case "ON_HOLD":
                return Optional.of(PaymentStatus.ON_HOLD);
            case "AUTHORIZED":
                return Optional.of(PaymentStatus.AUTHORIZED);
            case "CAPTURED":
            case "PARTIALLY_CAPTURED":
            case "PARTIALLY_CAPTURED_REFUNDED":
            case "PARTIALLY_REFUNDED":
            case "REFUNDED":
                return Optional.of(PaymentStatus.CAPTURED);
            case "AUTHORIZATION_VOIDED":
                return Optional.of(PaymentStatus.CANCELLED);
            case "DECLINED":
                return Optional.of(PaymentStatus.DECLINED);
            case "FAILED":
                return Optional.of(PaymentStatus.FAILED);
            default:
                return Optional.empty();
        }
    }
}
