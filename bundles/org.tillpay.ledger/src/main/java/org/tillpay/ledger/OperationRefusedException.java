package org.tillpay.ledger;

/**
 * The ledger refused to record an operation because the payment does not allow it (amount left, status, another
 * operation in progress, a reference already used, a line unknown to the sale). Nothing was stored.
 */
public class OperationRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field the request field at fault ({@code amountMinor}, {@code lines}, {@code reference}, {@code paymentId})
     * @param message why, in words for staff
     */
    public OperationRefusedException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** @return the request field at fault */
    public String field() {
        return field;
    }
}
