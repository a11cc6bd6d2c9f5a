package org.tillpay.payment.api;

import java.util.Objects;

/**
 * The provider refused an operation or could not be reached. Carries no secrets: messages are safe to log and show.
 */
public class PaymentFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the operation failed. */
    public enum Reason {
        /** The provider refused the request (a 4xx answer); retrying the same request will not help. */
        REJECTED,
        /** The provider could not be reached or failed (5xx, timeout); the outcome may be unknown. */
        UNAVAILABLE,
        /** The provider refused our credentials. */
        UNAUTHORIZED,
        /** The payment is not known to this store. */
        NOT_FOUND
    }

    private final Reason reason;

    /**
     * @param reason why it failed
     * @param message a message safe to show and log
     * @param cause the underlying cause, or null
     */
    public PaymentFailedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return why it failed */
    public Reason reason() {
        return reason;
    }
}
