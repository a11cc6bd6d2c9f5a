package org.tillpay.payment.api;

/**
 * Where a payment stands, as the host sees it, with the plain-language explanation a till shows ({@link #explanation()}).
 * <p>
 * A payment starts {@link #CREATED}, becomes {@link #LINK_SENT} when the provider has made the link, may become
 * {@link #OPENED} and {@link #INITIATED} while the customer is at it, and ends in an outcome. After payment the store
 * captures, refunds or cancels: the statuses from {@link #AUTHORIZED} to {@link #REFUNDED} follow Dintero's transaction
 * statuses one for one; Dintero's {@code AUTHORIZATION_VOIDED} is {@link #CANCELLED}.
 */
public enum PaymentStatus {
    /** Recorded in the ledger; the provider has not been asked yet (or did not answer). */
    CREATED(false, false, "Recorded; the payment link is being made."),
    /** The payment link exists and waits for the customer. */
    LINK_SENT(false, false, "The payment link was sent; waiting for the customer."),
    /** The customer has opened the link (the checkout page was shown) but not paid yet. */
    OPENED(false, false, "The customer opened the payment link."),
    /** The customer started paying (Dintero's {@code INITIATED}). */
    INITIATED(false, false, "The customer started paying."),
    /** Held for manual review by the provider (Walley only); becomes authorized or failed later. */
    ON_HOLD(false, false, "On hold: Walley is checking the customer's credit (1 to 24 hours); the sale completes"
            + " or fails by itself."),
    /** The customer paid; the money is reserved and may be captured. */
    AUTHORIZED(false, true, "Paid: the money is reserved. Capture it at hand-over, or cancel to release it."),
    /** Part of the reserved money was taken; the rest may be captured, or (for some payment types) released. */
    PARTIALLY_CAPTURED(true, true, "Partly captured: the rest can still be captured, or refunds made on what was"
            + " captured."),
    /** Part was captured and part of that refunded. */
    PARTIALLY_CAPTURED_REFUNDED(true, true, "Partly captured and partly refunded: capture the rest or refund"
            + " more."),
    /** The customer paid and all the money was taken. */
    CAPTURED(true, true, "Captured: the money was taken. Refund it, in full or in part, if goods come back."),
    /** Part of the captured money was returned to the customer. */
    PARTIALLY_REFUNDED(true, true, "Partly refunded: the customer gets the refunded part back in 1 to 3 business"
            + " days."),
    /** All the captured money was returned to the customer. */
    REFUNDED(true, false, "Refunded: the customer gets the money back in 1 to 3 business days."),
    /** The customer declined or cancelled the payment. */
    DECLINED(true, false, "Declined: the customer declined or cancelled the payment."),
    /** The payment failed at the provider. */
    FAILED(true, false, "Failed: the payment did not go through; the customer has to try again."),
    /** The store cancelled the payment (Dintero's {@code AUTHORIZATION_VOIDED}: nothing was charged). */
    CANCELLED(true, false, "Cancelled: the order was cancelled and the reserved money released; nothing was"
            + " charged."),
    /** The link ran out before the customer paid. */
    EXPIRED(true, false, "Expired: the customer did not pay in time."),
    /** The provider could not determine the outcome; it has to be checked with the provider. */
    UNKNOWN(false, false, "Unknown: the payment provider could not determine the outcome; check it in Dintero's"
            + " Backoffice.");

    private final boolean terminal;
    private final boolean paid;
    private final String explanation;

    PaymentStatus(boolean terminal, boolean paid, String explanation) {
        this.terminal = terminal;
        this.paid = paid;
        this.explanation = explanation;
    }

    /** @return true when no further change is expected without a store action (or one made in the back office) */
    public boolean isTerminal() {
        return terminal;
    }

    /** @return true when the customer has paid and keeps money with the store (authorized or captured, not all refunded) */
    public boolean isPaid() {
        return paid;
    }

    /** @return what the status means, in words a cashier understands */
    public String explanation() {
        return explanation;
    }
}
