package org.tillpay.payment.api;

import java.util.Objects;

/**
 * A payment request (or a part of it) is not acceptable. Thrown before anything is stored or sent to a provider.
 * The message names the offending field, for example {@code lines[1].quantity: must be at least 1}.
 */
public class InvalidPaymentRequestException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field the path of the offending field, for example {@code customerPhone} or {@code lines[0].vatPercent}
     * @param problem what is wrong with it, in words a cashier can act on
     */
    public InvalidPaymentRequestException(String field, String problem) {
        super(Objects.requireNonNull(field, "field") + ": " + Objects.requireNonNull(problem, "problem"));
        this.field = field;
    }

    /** @return the path of the offending field */
    public String field() {
        return field;
    }
}
