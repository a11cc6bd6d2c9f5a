package org.tillpay.ledger;

import java.util.Objects;

/**
 * A sale line as covered by an operation.
 *
 * @param lineId the sale line's id
 * @param quantity how many units
 * @param amountMinor their amount including VAT, minor units
 * @param vatAmountMinor the VAT in it, minor units
 */
public record OperationLineAmount(String lineId, int quantity, long amountMinor, long vatAmountMinor) {

    /** Checks the values. */
    public OperationLineAmount {
        Objects.requireNonNull(lineId, "lineId");
        if (quantity < 1 || amountMinor < 0) {
            throw new IllegalArgumentException("line " + lineId + ": quantity " + quantity + ", amount " + amountMinor);
        }
    }
}
