package org.tillpay.ledger;

/** The database failed; nothing of the failed call was committed. */
public class LedgerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was being done
     * @param cause the database error
     */
    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
