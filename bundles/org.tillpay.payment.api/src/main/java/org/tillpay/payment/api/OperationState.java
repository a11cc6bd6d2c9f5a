package org.tillpay.payment.api;

/**
 * How far an operation on a payment has come. Only {@link #SUCCEEDED} moved money; while an operation is
 * {@link #PENDING}, {@link #ACCEPTED} or {@link #UNKNOWN} no other operation on the same payment is started.
 */
public enum OperationState {
    /** Recorded before the provider was asked; the answer has not come yet. */
    PENDING(false),
    /** The provider accepted the operation and finishes it later (HTTP 202); waiting for its final event. */
    ACCEPTED(false),
    /** The provider did not answer; the payment is read back until the operation is found or known not done. */
    UNKNOWN(false),
    /** Done: the money moved. */
    SUCCEEDED(true),
    /** Not done: the provider refused it or reported it failed; no money moved. */
    FAILED(true);

    private final boolean settled;

    OperationState(boolean settled) {
        this.settled = settled;
    }

    /** @return true when the outcome is known ({@link #SUCCEEDED} or {@link #FAILED}) */
    public boolean isSettled() {
        return settled;
    }
}
