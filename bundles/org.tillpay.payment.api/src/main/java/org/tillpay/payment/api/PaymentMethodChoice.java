package org.tillpay.payment.api;

import java.util.Locale;

/**
 * A way the customer can pay, as the cashier picks it on the till. Which of these a store offers is part of the
 * store's configuration; a payment request may narrow it further with {@link LinkOptions#paymentMethods()}.
 */
public enum PaymentMethodChoice {
    /** Vipps (Norway). */
    VIPPS("vipps", true, true),
    /** MobilePay (Denmark, Finland). */
    MOBILEPAY("mobilepay", true, true),
    /** Swish (Sweden). */
    SWISH("swish", true, false),
    /** Klarna. */
    KLARNA("klarna", false, true),
    /** Walley (formerly Collector Bank) invoice. */
    WALLEY("walley", false, true),
    /** Billie, business invoice through Klarna. */
    BILLIE("billie", false, false),
    /** Payment card. */
    CARD("card", false, true),
    /** Apple Pay. */
    APPLE_PAY("applepay", false, true),
    /** Google Pay. */
    GOOGLE_PAY("googlepay", false, true);

    private final String id;
    private final boolean appPush;
    private final boolean express;

    PaymentMethodChoice(String id, boolean appPush, boolean express) {
        this.id = id;
        this.appPush = appPush;
        this.express = express;
    }

    /** @return the short id used in configuration files and shell options, e.g. {@code vipps}, {@code applepay} */
    public String id() {
        return id;
    }

    /** @return true for app wallets that get a push instead of an SMS when they are the only method offered */
    public boolean isAppPush() {
        return appPush;
    }

    /** @return true when the method works with Express checkout (the customer gives a delivery address) */
    public boolean supportsExpress() {
        return express;
    }

    /**
     * @return true when Dintero lets the method pay the rest of a gift-card payment: card
     *         ({@code dintero_psp.creditcard}), Klarna ({@code klarna.klarna}) and MobilePay (a {@code payex} type)
     */
    public boolean supportsGiftCards() {
        return this == CARD || this == KLARNA || this == MOBILEPAY;
    }

    /**
     * @param id a short id such as {@code vipps} (case-insensitive), or the constant's name
     * @return the choice
     * @throws InvalidPaymentRequestException naming {@code linkOptions.paymentMethods} when unknown
     */
    public static PaymentMethodChoice fromId(String id) {
        String wanted = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        for (PaymentMethodChoice c : values()) {
            if (c.id.equals(wanted) || c.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                return c;
            }
        }
        throw new InvalidPaymentRequestException("linkOptions.paymentMethods", "'" + id
                + "' is not a payment method; use vipps, mobilepay, swish, klarna, walley, billie, card, applepay or googlepay");
    }
}
