package org.tillpay.ledger;

/** No payment with the given id is recorded. */
public class PaymentNotFoundException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param paymentId the id that was not found */
    public PaymentNotFoundException(String paymentId) {
        super("no payment " + paymentId);
    }
}
