package org.tillpay.ledger.settlement;

import java.time.Instant;
import java.util.Objects;

/**
 * One transaction event in a settlement, from Dintero's normalised settlement report.
 *
 * @param settlementId the settlement
 * @param lineNo the line's position in the report, from 0
 * @param transactionId Dintero's transaction id
 * @param merchantReference the transaction's merchant reference, or null
 * @param storeId the transaction's store, or null
 * @param paymentProductType what the customer paid with ({@code vipps}, {@code dintero_psp.creditcard}, ...)
 * @param event {@code CAPTURE} or {@code REFUND}
 * @param amountMinor the event's amount, minor units, positive for both events
 * @param feeMinor the fee on it, minor units
 * @param currency ISO 4217 code
 * @param eventAt when the capture or refund was made, or null
 */
public record SettlementLine(String settlementId, int lineNo, String transactionId, String merchantReference,
        String storeId, String paymentProductType, String event, long amountMinor, long feeMinor, String currency,
        Instant eventAt) {

    /** Checks the required fields. */
    public SettlementLine {
        Objects.requireNonNull(settlementId, "settlementId");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(currency, "currency");
    }

    /** @return what the line adds to the payout before fees: the amount for a capture, minus it for a refund */
    public long signedAmountMinor() {
        return "REFUND".equals(event) ? -amountMinor : amountMinor;
    }
}
