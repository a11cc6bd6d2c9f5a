package org.tillpay.payment.api;

/** What the store does with a paid payment. */
public enum OperationKind {
    /** Take reserved money (all of it or part, by lines and/or amount). */
    CAPTURE,
    /** Return captured money to the customer (all of it or part). */
    REFUND,
    /** Release reserved money that was not captured (cancel the order, or the rest after a partial capture). */
    VOID
}
