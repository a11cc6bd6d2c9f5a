package org.tillpay.payment.api;

import java.util.Objects;

/**
 * A line of the sale that an operation covers: the line's id and how many of its units (all of them when built with
 * {@link #whole(String)}).
 */
public final class OperationLine {

    private final String lineId;
    private final int quantity;

    private OperationLine(String lineId, int quantity) {
        if (lineId == null || lineId.isBlank()) {
            throw new InvalidPaymentRequestException("lines.lineId", "is required");
        }
        if (quantity < 0) {
            throw new InvalidPaymentRequestException("lines.quantity", "must be at least 1, was " + quantity);
        }
        this.lineId = lineId;
        this.quantity = quantity;
    }

    /**
     * @param lineId the line's id, as in {@link PaymentLine#lineId()}
     * @return the whole line
     */
    public static OperationLine whole(String lineId) {
        return new OperationLine(lineId, 0);
    }

    /**
     * @param lineId the line's id, as in {@link PaymentLine#lineId()}
     * @param quantity how many units, at least 1
     * @return part of the line
     * @throws InvalidPaymentRequestException when the quantity is below 1
     */
    public static OperationLine of(String lineId, int quantity) {
        if (quantity < 1) {
            throw new InvalidPaymentRequestException("lines.quantity", "must be at least 1, was " + quantity);
        }
        return new OperationLine(lineId, quantity);
    }

    /** @return the sale line's id */
    public String lineId() {
        return lineId;
    }

    /** @return true when the whole line is meant */
    public boolean isWhole() {
        return quantity == 0;
    }

    /** @return the number of units; 0 for the whole line */
    public int quantity() {
        return quantity;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OperationLine other && lineId.equals(other.lineId) && quantity == other.quantity;
    }

    @Override
    public int hashCode() {
        return Objects.hash(lineId, quantity);
    }

    @Override
    public String toString() {
        return lineId + (isWhole() ? "" : "×" + quantity);
    }
}
