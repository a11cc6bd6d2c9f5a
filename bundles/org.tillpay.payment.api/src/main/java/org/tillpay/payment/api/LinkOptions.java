package org.tillpay.payment.api;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How the payment link is made and delivered. Immutable; {@link #defaults()} sends an SMS when a phone number is
 * given and an e-mail when an address is given, offers every method the store has enabled, gives the customer one
 * day, and leaves the payment authorized (not captured).
 */
public final class LinkOptions {

    private static final LinkOptions DEFAULTS = builder().build();

    private final boolean sendSms;
    private final boolean sendEmail;
    private final boolean linkOnly;
    private final boolean autoCapture;
    private final boolean express;
    private final LinkExpiry expiry;
    private final Set<PaymentMethodChoice> paymentMethods;
    private final boolean giftCards;
    private final String giftCardId;

    private LinkOptions(Builder b) {
        this.sendSms = b.sendSms;
        this.sendEmail = b.sendEmail;
        this.linkOnly = b.linkOnly;
        this.autoCapture = b.autoCapture;
        this.express = b.express;
        this.expiry = Objects.requireNonNull(b.expiry, "expiry");
        this.paymentMethods = b.paymentMethods.isEmpty() ? Collections.emptySet()
                : Collections.unmodifiableSet(EnumSet.copyOf(b.paymentMethods));
        this.giftCardId = b.giftCardId == null || b.giftCardId.isBlank() ? null : b.giftCardId.strip();
        this.giftCards = b.giftCards || giftCardId != null;
        if (giftCardId != null && giftCardId.length() > 64) {
            throw new InvalidPaymentRequestException("linkOptions.giftCardId", "is longer than 64 characters");
        }
        if (giftCards && !express) {
            throw new InvalidPaymentRequestException("linkOptions.giftCards", "Dintero takes gift cards only in"
                    + " Checkout Express sessions: turn Express on, or leave gift cards out");
        }
        if (express) {
            for (PaymentMethodChoice m : paymentMethods) {
                if (!m.supportsExpress()) {
                    throw new InvalidPaymentRequestException("linkOptions.express", m.id()
                            + " does not support Express checkout; leave it out or turn Express off");
                }
            }
        }
    }

    /** @return the default options */
    public static LinkOptions defaults() {
        return DEFAULTS;
    }

    /** @return a new builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return true when the provider should send the link by SMS (or app push) to the customer's phone */
    public boolean sendSms() {
        return sendSms;
    }

    /** @return true when the link should be e-mailed to the customer's address (when one is given) */
    public boolean sendEmail() {
        return sendEmail;
    }

    /** @return true when the customer fills in a delivery address in the checkout (Express checkout) */
    public boolean express() {
        return express;
    }

    /**
     * @return true when the customer may pay part or all with a Dintero gift card (card number and PIN in the
     *         checkout); the rest is paid with another method
     */
    public boolean giftCards() {
        return giftCards;
    }

    /** @return the gift card the cashier scanned, preloaded in the checkout (the customer confirms with the PIN) */
    public java.util.Optional<String> giftCardId() {
        return java.util.Optional.ofNullable(giftCardId);
    }

    /** @return the methods the customer may use; empty means every method the store has enabled */
    public Set<PaymentMethodChoice> paymentMethods() {
        return paymentMethods;
    }

    /** @return true when the cashier only wants the link (to copy or show as QR), so no phone or e-mail is needed */
    public boolean linkOnly() {
        return linkOnly;
    }

    /** @return true when the provider should capture the money as soon as it is authorized */
    public boolean autoCapture() {
        return autoCapture;
    }

    /** @return how long the customer has to pay */
    public LinkExpiry expiry() {
        return expiry;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LinkOptions)) {
            return false;
        }
        LinkOptions other = (LinkOptions) o;
        return sendSms == other.sendSms && sendEmail == other.sendEmail && linkOnly == other.linkOnly
                && autoCapture == other.autoCapture && express == other.express && expiry == other.expiry
                && giftCards == other.giftCards && Objects.equals(giftCardId, other.giftCardId)
                && paymentMethods.equals(other.paymentMethods);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sendSms, sendEmail, linkOnly, autoCapture, express, expiry, paymentMethods, giftCards,
                giftCardId);
    }

    @Override
    public String toString() {
        return "LinkOptions[sendSms=" + sendSms + ", sendEmail=" + sendEmail + ", linkOnly=" + linkOnly
                + ", autoCapture=" + autoCapture + ", express=" + express + ", giftCards=" + giftCards + ", expiry=" + expiry
                + ", paymentMethods=" + (paymentMethods.isEmpty() ? "store's" : paymentMethods) + "]";
    }

    /** Builds {@link LinkOptions}. Not thread-safe. */
    public static final class Builder {
        private boolean sendSms = true;
        private boolean sendEmail = true;
        private boolean linkOnly;
        private boolean autoCapture;
        private boolean express;
        private boolean giftCards;
        private String giftCardId;
        private LinkExpiry expiry = LinkExpiry.ONE_DAY;
        private final Set<PaymentMethodChoice> paymentMethods = EnumSet.noneOf(PaymentMethodChoice.class);

        private Builder() {
        }

        /** @param sendSms send the link by SMS when a phone is given (default true); @return this builder */
        public Builder sendSms(boolean sendSms) {
            this.sendSms = sendSms;
            return this;
        }

        /** @param sendEmail e-mail the link when an address is given (default true); @return this builder */
        public Builder sendEmail(boolean sendEmail) {
            this.sendEmail = sendEmail;
            return this;
        }

        /** @param express let the customer give a delivery address in the checkout (default false); @return this builder */
        public Builder express(boolean express) {
            this.express = express;
            return this;
        }

        /**
         * @param methods the methods the customer may use; none (the default) means every method the store enabled
         * @return this builder
         */
        public Builder paymentMethods(Set<PaymentMethodChoice> methods) {
            this.paymentMethods.clear();
            if (methods != null) {
                this.paymentMethods.addAll(methods);
            }
            return this;
        }

        /** @param linkOnly only make the link; no phone or e-mail needed (default false); @return this builder */
        public Builder linkOnly(boolean linkOnly) {
            this.linkOnly = linkOnly;
            return this;
        }

        /** @param giftCards let the customer pay with a Dintero gift card (default false; needs Express); @return this builder */
        public Builder giftCards(boolean giftCards) {
            this.giftCards = giftCards;
            return this;
        }

        /**
         * @param cardId a gift card the cashier scanned, preloaded in the checkout; turns gift cards on
         * @return this builder
         */
        public Builder giftCardId(String cardId) {
            this.giftCardId = cardId;
            return this;
        }

        /** @param autoCapture capture as soon as authorized (default false); @return this builder */
        public Builder autoCapture(boolean autoCapture) {
            this.autoCapture = autoCapture;
            return this;
        }

        /** @param expiry how long the customer has to pay (default one day); @return this builder */
        public Builder expiry(LinkExpiry expiry) {
            if (expiry == null) {
                throw new InvalidPaymentRequestException("linkOptions.expiry", "must be one of 1 day, 1 week, 1 month");
            }
            this.expiry = expiry;
            return this;
        }

        /**
         * @return the options
         * @throws InvalidPaymentRequestException when Express is asked for with a method that does not support it, or
         *         gift cards without Express
         */
        public LinkOptions build() {
            return new LinkOptions(this);
        }
    }
}
