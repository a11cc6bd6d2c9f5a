package org.tillpay.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.tillpay.payment.api.PaymentLine;

/**
 * A payment about to be recorded, before the provider is asked for anything.
 *
 * @param paymentId Tillpay's id, unique
 * @param storeId the store
 * @param methodId the payment method, for example {@code dintero}
 * @param saleReference the host's sale reference
 * @param merchantReference the reference sent to the provider, unique per store
 * @param currency ISO 4217 code
 * @param amountMinor total including VAT, minor units
 * @param vatAmountMinor VAT in the total, minor units
 * @param lines the product lines
 * @param createdAt when the payment was started
 * @param expiresAt when the link stops being payable
 */
public record NewPayment(String paymentId, String storeId, String methodId, String saleReference,
        String merchantReference, String currency, long amountMinor, long vatAmountMinor, List<PaymentLine> lines,
        Instant createdAt, Instant expiresAt) {

    /** Checks that nothing required is missing and copies the lines. */
    public NewPayment {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(methodId, "methodId");
        Objects.requireNonNull(saleReference, "saleReference");
        Objects.requireNonNull(merchantReference, "merchantReference");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        lines = List.copyOf(lines);
    }
}
