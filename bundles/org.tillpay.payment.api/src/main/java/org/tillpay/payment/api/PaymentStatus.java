package org.tillpay.payment.api;

/**
 * Where a payment stands, as the host sees it.
 * <p>
 * A payment starts {@link #CREATED}, becomes {@link #LINK_SENT} when the provider has made the link, may become
 * {@link #OPENED} when the customer opens it, and ends in one of the final states. {@link #AUTHORIZED} and {@link #CAPTURED} mean the customer has paid.
 */
public enum PaymentStatus {
    /** Recorded in the ledger; the provider has not been asked yet (or did not answer). */
    CREATED(false, false),
    /** The payment link exists and waits for the customer. */
    LINK_SENT(false, false),
    /** The customer has opened the link (the checkout page was shown) but not paid yet. */
    OPENED(false, false),
    /** Held for manual review by the provider; becomes authorized or failed later. */
    ON_HOLD(false, false),
    /** The customer paid; the money is reserved and may be captured. */
    AUTHORIZED(false, true),
    /** The customer paid and the money was taken. */
    CAPTURED(true, true),
    /** The customer declined or cancelled the payment. */
    DECLINED(true, false),
    /** The payment failed at the provider. */
    FAILED(true, false),
    /** The store cancelled the payment (an authorization, if any, was voided). */
    CANCELLED(true, false),
    /** The link ran out before the customer paid. */
    EXPIRED(true, false);

    private final boolean terminal;
    private final boolean paid;

    PaymentStatus(boolean terminal, boolean paid) {
        this.terminal = terminal;
        this.paid = paid;
    }

    /** @return true when no further change is expected without a store action */
    public boolean isTerminal() {
        return terminal;
    }

    /** @return true when the customer has paid (authorized or captured) */
    public boolean isPaid() {
        return paid;
    }
}
