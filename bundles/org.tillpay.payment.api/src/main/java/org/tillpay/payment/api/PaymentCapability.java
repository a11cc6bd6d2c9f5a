package org.tillpay.payment.api;

/** Something a {@link PaymentMethod} can do for its store. */
public enum PaymentCapability {
    /** Creates a hosted payment link the customer opens on their own device. */
    PAYMENT_LINK,
    /** Has the provider send the link to the customer's phone by SMS (or app push). */
    SMS_LINK,
    /** Verifies the provider's signed callbacks and completes payments without the cashier. */
    SIGNED_CALLBACKS,
    /** Reads a payment's state back from the provider on demand. */
    STATUS_READ_BACK
}
