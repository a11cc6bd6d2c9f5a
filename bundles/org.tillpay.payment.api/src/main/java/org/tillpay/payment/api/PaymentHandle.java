package org.tillpay.payment.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A payment as recorded in the ledger: its identity, the provider's ids and link, its status and its history.
 * Immutable snapshot; ask {@link PaymentMethod#findPayment(String)} for a newer one.
 */
public final class PaymentHandle {

    private final String paymentId;
    private final String storeId;
    private final String methodId;
    private final String saleReference;
    private final long amountMinor;
    private final String currency;
    private final PaymentStatus status;
    private final String sessionId;
    private final String paymentUrl;
    private final String transactionId;
    private final String paymentProduct;
    private final Instant createdAt;
    private final Instant expiresAt;
    private final boolean parked;
    private final String deliveryAddress;
    private final List<StatusChange> history;
    private final long capturedMinor;
    private final long refundedMinor;
    private final long giftCardMinor;
    private final List<PaymentOperation> operations;

    private PaymentHandle(Builder b) {
        this.paymentId = Objects.requireNonNull(b.paymentId, "paymentId");
        this.storeId = Objects.requireNonNull(b.storeId, "storeId");
        this.methodId = Objects.requireNonNull(b.methodId, "methodId");
        this.saleReference = Objects.requireNonNull(b.saleReference, "saleReference");
        this.amountMinor = b.amountMinor;
        this.currency = Objects.requireNonNull(b.currency, "currency");
        this.status = Objects.requireNonNull(b.status, "status");
        this.sessionId = b.sessionId;
        this.paymentUrl = b.paymentUrl;
        this.transactionId = b.transactionId;
        this.paymentProduct = b.paymentProduct;
        this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt");
        this.expiresAt = b.expiresAt;
        this.parked = b.parked;
        this.deliveryAddress = b.deliveryAddress;
        this.history = Collections.unmodifiableList(new ArrayList<>(b.history));
        this.capturedMinor = b.capturedMinor;
        this.refundedMinor = b.refundedMinor;
        this.giftCardMinor = b.giftCardMinor;
        this.operations = List.copyOf(b.operations);
    }

    /** @return a new builder; used by payment-method implementations */
    public static Builder builder() {
        return new Builder();
    }

    /** @return Tillpay's id of this payment */
    public String paymentId() {
        return paymentId;
    }

    /** @return the store that took the payment */
    public String storeId() {
        return storeId;
    }

    /** @return the payment method, for example {@code dintero} */
    public String methodId() {
        return methodId;
    }

    /** @return the host's sale reference */
    public String saleReference() {
        return saleReference;
    }

    /** @return the amount asked for, including VAT, in minor units */
    public long amountMinor() {
        return amountMinor;
    }

    /** @return the ISO 4217 currency code */
    public String currency() {
        return currency;
    }

    /** @return the current status */
    public PaymentStatus status() {
        return status;
    }

    /** @return the provider's session id, once the link exists */
    public Optional<String> sessionId() {
        return Optional.ofNullable(sessionId);
    }

    /** @return the link the customer pays at, once it exists */
    public Optional<String> paymentUrl() {
        return Optional.ofNullable(paymentUrl);
    }

    /** @return the provider's transaction id, once the customer has started paying */
    public Optional<String> transactionId() {
        return Optional.ofNullable(transactionId);
    }

    /** @return what the customer paid with, for example {@code vipps} or {@code dintero_psp.creditcard}, once known */
    public Optional<String> paymentProduct() {
        return Optional.ofNullable(paymentProduct);
    }

    /** @return when the payment was first recorded */
    public Instant createdAt() {
        return createdAt;
    }

    /** @return when the link stops being payable, once known */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /** @return true when the sale is parked "Awaiting payment" and completes by itself */
    public boolean parked() {
        return parked;
    }

    /** @return the delivery address the customer gave in an Express checkout, one line per field, once known */
    public Optional<String> deliveryAddress() {
        return Optional.ofNullable(deliveryAddress);
    }

    /** @return every status change, oldest first */
    public List<StatusChange> history() {
        return history;
    }

    /** @return how much was captured, in minor units */
    public long capturedMinor() {
        return capturedMinor;
    }

    /** @return how much of the captured money was refunded, in minor units */
    public long refundedMinor() {
        return refundedMinor;
    }

    /** @return how much of the amount the customer paid with a gift card, in minor units (0 without one) */
    public long giftCardMinor() {
        return giftCardMinor;
    }

    /** @return captures, refunds and voids made on the payment, oldest first */
    public List<PaymentOperation> operations() {
        return operations;
    }

    @Override
    public String toString() {
        return "PaymentHandle[" + paymentId + ", store=" + storeId + ", sale=" + saleReference + ", " + amountMinor
                + " " + currency + ", " + status + (parked ? ", parked" : "") + "]";
    }

    /** Builds a {@link PaymentHandle}. Not thread-safe. */
    public static final class Builder {
        private String paymentId;
        private String storeId;
        private String methodId;
        private String saleReference;
        private long amountMinor;
        private String currency;
        private PaymentStatus status;
        private String sessionId;
        private String paymentUrl;
        private String transactionId;
        private String paymentProduct;
        private Instant createdAt;
        private Instant expiresAt;
        private boolean parked;
        private String deliveryAddress;
        private final List<StatusChange> history = new ArrayList<>();
        private long capturedMinor;
        private long refundedMinor;
        private long giftCardMinor;
        private final List<PaymentOperation> operations = new ArrayList<>();

        private Builder() {
        }

        /** @param v payment id; @return this builder */
        public Builder paymentId(String v) {
            this.paymentId = v;
            return this;
        }

        /** @param v store id; @return this builder */
        public Builder storeId(String v) {
            this.storeId = v;
            return this;
        }

        /** @param v method id; @return this builder */
        public Builder methodId(String v) {
            this.methodId = v;
            return this;
        }

        /** @param v sale reference; @return this builder */
        public Builder saleReference(String v) {
            this.saleReference = v;
            return this;
        }

        /** @param v amount in minor units; @return this builder */
        public Builder amountMinor(long v) {
            this.amountMinor = v;
            return this;
        }

        /** @param v ISO 4217 currency code; @return this builder */
        public Builder currency(String v) {
            this.currency = v;
            return this;
        }

        /** @param v current status; @return this builder */
        public Builder status(PaymentStatus v) {
            this.status = v;
            return this;
        }

        /** @param v provider session id, or null; @return this builder */
        public Builder sessionId(String v) {
            this.sessionId = v;
            return this;
        }

        /** @param v payment link, or null; @return this builder */
        public Builder paymentUrl(String v) {
            this.paymentUrl = v;
            return this;
        }

        /** @param v provider transaction id, or null; @return this builder */
        public Builder transactionId(String v) {
            this.transactionId = v;
            return this;
        }

        /** @param v payment product type, or null; @return this builder */
        public Builder paymentProduct(String v) {
            this.paymentProduct = v;
            return this;
        }

        /** @param v when first recorded; @return this builder */
        public Builder createdAt(Instant v) {
            this.createdAt = v;
            return this;
        }

        /** @param v when the link stops being payable, or null; @return this builder */
        public Builder expiresAt(Instant v) {
            this.expiresAt = v;
            return this;
        }

        /** @param v parked "Awaiting payment"; @return this builder */
        public Builder parked(boolean v) {
            this.parked = v;
            return this;
        }

        /** @param v the Express delivery address, or null; @return this builder */
        public Builder deliveryAddress(String v) {
            this.deliveryAddress = v;
            return this;
        }

        /** @param change a history entry, appended; @return this builder */
        public Builder addHistory(StatusChange change) {
            this.history.add(Objects.requireNonNull(change, "change"));
            return this;
        }

        /** @param v captured amount in minor units; @return this builder */
        public Builder capturedMinor(long v) {
            this.capturedMinor = v;
            return this;
        }

        /** @param v refunded amount in minor units; @return this builder */
        public Builder refundedMinor(long v) {
            this.refundedMinor = v;
            return this;
        }

        /** @param v the part paid by gift card, in minor units; @return this builder */
        public Builder giftCardMinor(long v) {
            this.giftCardMinor = v;
            return this;
        }

        /** @param v an operation, appended; @return this builder */
        public Builder addOperation(PaymentOperation v) {
            this.operations.add(Objects.requireNonNull(v, "operation"));
            return this;
        }

        /** @return the handle */
        public PaymentHandle build() {
            return new PaymentHandle(this);
        }
    }
}
