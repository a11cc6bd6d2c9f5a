package org.tillpay.ledger.settlement;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One transaction in a reconciliation of POS sales against Dintero's settlements.
 *
 * @param outcome how it matched
 * @param transactionId Dintero's transaction id
 * @param storeId the store (from the sale, else from the settlement line), or null
 * @param saleReference the POS sale, or null when the POS does not know the transaction
 * @param merchantReference the merchant reference, or null
 * @param paymentProductType what the customer paid with, or null
 * @param currency ISO 4217 code
 * @param posNetMinor what the POS recorded as taken: captured − refunded, minor units (0 when unknown to the POS)
 * @param settledNetMinor what the settlements paid for it before fees: Σ captures − Σ refunds, minor units
 * @param feeMinor the fees deducted for it, minor units
 * @param settlementIds the settlements it appears in, oldest payout first
 * @param soldAt when the POS sale was made (its payment created), or null when the POS does not know the transaction
 *        (since 1.1)
 */
public record ReconciliationLine(Outcome outcome, String transactionId, String storeId, String saleReference,
        String merchantReference, String paymentProductType, String currency, long posNetMinor, long settledNetMinor,
        long feeMinor, List<String> settlementIds, Instant soldAt) {

    /** How a transaction matched. */
    public enum Outcome {
        /** Settled for exactly what the POS took. */
        MATCHED,
        /** Settled, but the POS has no sale with this transaction (in this store). */
        UNKNOWN_TO_POS,
        /** Taken by the POS, not (yet) in any settlement. */
        NOT_YET_SETTLED,
        /** In both, but the settled amount differs from what the POS took (for example partly settled so far). */
        AMOUNT_MISMATCH
    }

    /** Checks the required fields and copies the settlement ids. */
    public ReconciliationLine {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(transactionId, "transactionId");
        settlementIds = List.copyOf(settlementIds);
    }

    /**
     * A line without the sale's time, as in version 1.0.
     *
     * @deprecated since 1.1: give the sale's time too
     */
    @Deprecated
    public ReconciliationLine(Outcome outcome, String transactionId, String storeId, String saleReference,
            String merchantReference, String paymentProductType, String currency, long posNetMinor,
            long settledNetMinor, long feeMinor, List<String> settlementIds) {
        this(outcome, transactionId, storeId, saleReference, merchantReference, paymentProductType, currency,
                posNetMinor, settledNetMinor, feeMinor, settlementIds, null);
    }
}
