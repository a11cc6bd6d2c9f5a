package org.tillpay.ledger.settlement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One payout from Dintero for one provider and currency, as Dintero reports it (API.md &sect;10.1).
 * <p>
 * One currency per settlement: when Dintero reports several currencies ({@code amounts[]}) for one payout, the caller
 * stores one {@code Settlement} per currency, with the currency appended to Dintero's id (for example
 * {@code st_123-SEK}), and gives each the lines of its currency.
 *
 * @param settlementId Dintero's settlement id (suffixed with the currency when the payout has several)
 * @param accountId the Dintero account it belongs to
 * @param storeId the store, when every transaction in it shares one; else null
 * @param provider the payment provider ({@code vipps}, {@code payex}, {@code klarna}, {@code collector},
 *        {@code dintero_psp}, {@code swish}, ...)
 * @param providerReference the provider's reference of the payout, or null
 * @param paymentStatus {@code paid} or {@code postponed}
 * @param currency ISO 4217 code
 * @param captureMinor captured money settled, minor units
 * @param refundMinor refunded money deducted, minor units
 * @param feeMinor fees deducted, minor units
 * @param amountMinor the payout: capture − refund − fee, minor units
 * @param settledAt the payout date
 * @param startAt the first payment event covered, or null
 * @param endAt the last payment event covered, or null
 * @param createdAt when Dintero created it, or null
 */
public record Settlement(String settlementId, String accountId, String storeId, String provider,
        String providerReference, String paymentStatus, String currency, long captureMinor, long refundMinor,
        long feeMinor, long amountMinor, LocalDate settledAt, Instant startAt, Instant endAt, Instant createdAt) {

    /** Checks the required fields. */
    public Settlement {
        Objects.requireNonNull(settlementId, "settlementId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(paymentStatus, "paymentStatus");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(settledAt, "settledAt");
    }

    /** @return true when the amounts add up as Dintero promises: amount = capture − refund − fee */
    public boolean addsUp() {
        return amountMinor == captureMinor - refundMinor - feeMinor;
    }
}
