package org.tillpay.payment.api;

import java.util.Objects;

/**
 * How the payment link is made and delivered. Immutable; {@link #defaults()} sends an SMS when a phone number is
 * given, gives the customer one day, and leaves the payment authorized (not captured).
 */
public final class LinkOptions {

    private static final LinkOptions DEFAULTS = builder().build();

    private final boolean sendSms;
    private final boolean linkOnly;
    private final boolean autoCapture;
    private final LinkExpiry expiry;

    private LinkOptions(Builder b) {
        this.sendSms = b.sendSms;
        this.linkOnly = b.linkOnly;
        this.autoCapture = b.autoCapture;
        this.expiry = Objects.requireNonNull(b.expiry, "expiry");
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
        return sendSms == other.sendSms && linkOnly == other.linkOnly && autoCapture == other.autoCapture
                && expiry == other.expiry;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sendSms, linkOnly, autoCapture, expiry);
    }

    @Override
    public String toString() {
        return "LinkOptions[sendSms=" + sendSms + ", linkOnly=" + linkOnly + ", autoCapture=" + autoCapture
                + ", expiry=" + expiry + "]";
    }

    /** Builds {@link LinkOptions}. Not thread-safe. */
    public static final class Builder {
        private boolean sendSms = true;
        private boolean linkOnly;
        private boolean autoCapture;
        private LinkExpiry expiry = LinkExpiry.ONE_DAY;

        private Builder() {
        }

        /** @param sendSms send the link by SMS when a phone is given (default true); @return this builder */
        public Builder sendSms(boolean sendSms) {
            this.sendSms = sendSms;
            return this;
        }

        /** @param linkOnly only make the link; no phone or e-mail needed (default false); @return this builder */
        public Builder linkOnly(boolean linkOnly) {
            this.linkOnly = linkOnly;
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

        /** @return the options */
        public LinkOptions build() {
            return new LinkOptions(this);
        }
    }
}
