package org.tillpay.ledger;

/** A payment with the same id, or the same merchant reference in the same store, is already recorded. */
public class DuplicatePaymentException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param message says which payment collided */
    public DuplicatePaymentException(String message) {
        super(message);
    }
}
