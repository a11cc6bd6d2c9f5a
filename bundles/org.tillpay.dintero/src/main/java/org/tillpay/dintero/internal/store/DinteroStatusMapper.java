package org.tillpay.dintero.internal.store;

import java.util.Optional;

import org.tillpay.payment.api.PaymentStatus;

/** Maps Dintero's transaction statuses (API.md &sect;7.1) onto the host's {@link PaymentStatus}, one for one. */
final class DinteroStatusMapper {

    private DinteroStatusMapper() {
    }

    /**
     * @param dinteroStatus a transaction status such as {@code AUTHORIZED}
     * @return the matching payment status ({@code AUTHORIZATION_VOIDED} is {@link PaymentStatus#CANCELLED}), or empty
     *         for a value this version does not know
     */
    static Optional<PaymentStatus> fromTransactionStatus(String dinteroStatus) {
        if (dinteroStatus == null) {
            return Optional.empty();
        }
        switch (dinteroStatus) {
            case "AUTHORIZATION_VOIDED":
                return Optional.of(PaymentStatus.CANCELLED);
            case "INITIATED":
            case "ON_HOLD":
            case "AUTHORIZED":
            case "PARTIALLY_CAPTURED":
            case "PARTIALLY_CAPTURED_REFUNDED":
            case "CAPTURED":
            case "PARTIALLY_REFUNDED":
            case "REFUNDED":
            case "DECLINED":
            case "FAILED":
            case "UNKNOWN":
                return Optional.of(PaymentStatus.valueOf(dinteroStatus));
            default:
                return Optional.empty();
        }
    }
}
