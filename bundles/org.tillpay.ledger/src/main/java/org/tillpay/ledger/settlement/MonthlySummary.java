package org.tillpay.ledger.settlement;

import java.time.YearMonth;
import java.util.Objects;

/**
 * Payouts and fees of one calendar month (by payout date) for one provider and currency.
 *
 * @param month the month of the payout date
 * @param provider the payment provider
 * @param currency ISO 4217 code
 * @param settlements how many payouts
 * @param captureMinor captured money settled, minor units
 * @param refundMinor refunds deducted, minor units
 * @param feeMinor fees deducted, minor units
 * @param amountMinor paid out, minor units
 */
public record MonthlySummary(YearMonth month, String provider, String currency, int settlements, long captureMinor,
        long refundMinor, long feeMinor, long amountMinor) {

    /** Checks the required fields. */
    public MonthlySummary {
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(currency, "currency");
    }
}
