package org.tillpay.payment.api;

/**
 * OSGi EventAdmin topic and properties under which every committed payment status change is also posted, so that a
 * host can follow payments without linking to any Tillpay class (for example from a script or another framework).
 */
public final class PaymentEvents {

    /** The topic of a status change: {@value}. */
    public static final String TOPIC_STATUS_CHANGED = "org/tillpay/payment/STATUS_CHANGED";

    /** Property: Tillpay's payment id (String). */
    public static final String PAYMENT_ID = "tillpay.payment.id";
    /** Property: the store id (String). */
    public static final String STORE_ID = "tillpay.store.id";
    /** Property: the method id, e.g. dintero (String). */
    public static final String METHOD_ID = "tillpay.method.id";
    /** Property: the host's sale reference (String). */
    public static final String SALE_REFERENCE = "tillpay.sale.reference";
    /** Property: the new {@link PaymentStatus} name (String). */
    public static final String STATUS = "tillpay.status";
    /** Property: true when the customer has paid (Boolean). */
    public static final String PAID = "tillpay.paid";
    /** Property: true when no further change is expected (Boolean). */
    public static final String TERMINAL = "tillpay.terminal";
    /** Property: true when the sale was parked "Awaiting payment" (Boolean). */
    public static final String PARKED = "tillpay.parked";
    /** Property: the amount in minor units (Long). */
    public static final String AMOUNT_MINOR = "tillpay.amount.minor";
    /** Property: the ISO 4217 currency (String). */
    public static final String CURRENCY = "tillpay.currency";

    private PaymentEvents() {
    }
}
