package org.tillpay.payment.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the store asks for when it captures, refunds or cancels a paid payment. Immutable; validated when built.
 * <p>
 * Part of a payment is chosen by {@link Builder#line(OperationLine) lines}, by {@link Builder#amountMinor(long) amount},
 * or both (then the amount must equal the lines' sum). With neither, the operation covers everything that is left:
 * all that is still reserved (capture) or all that was captured and not refunded (refund).
 */
public final class OperationRequest {

    private final String reference;
    private final Long amountMinor;
    private final List<OperationLine> lines;
    private final String reason;
    private final String requestedBy;

    private OperationRequest(Builder b) {
        this.reference = optionalText(b.reference, "reference", 255);
        if (b.amountMinor != null && b.amountMinor < 1) {
            throw new InvalidPaymentRequestException("amountMinor", "must be a positive amount in minor units, was "
                    + b.amountMinor);
        }
        this.amountMinor = b.amountMinor;
        Set<String> seen = new HashSet<>();
        for (OperationLine line : b.lines) {
            if (!seen.add(line.lineId())) {
                throw new InvalidPaymentRequestException("lines", "line " + line.lineId() + " is given twice");
            }
        }
        this.lines = List.copyOf(b.lines);
        this.reason = optionalText(b.reason, "reason", 255);
        this.requestedBy = optionalText(b.requestedBy, "requestedBy", 64);
        if (requestedBy == null) {
            throw new InvalidPaymentRequestException("requestedBy", "is required: who asks (staff id or system)");
        }
    }

    private static String optionalText(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new InvalidPaymentRequestException(field, "is longer than " + max + " characters");
        }
        return v;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the POS receipt (capture) or return receipt (refund) number, sent as the provider's reference */
    public Optional<String> reference() {
        return Optional.ofNullable(reference);
    }

    /** @return the amount in minor units, when given */
    public Optional<Long> amountMinor() {
        return Optional.ofNullable(amountMinor);
    }

    /** @return the sale lines covered; empty when chosen by amount or for everything left */
    public List<OperationLine> lines() {
        return lines;
    }

    /** @return why money is refunded, when given */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /** @return who asked (staff id or system name), for the audit trail */
    public String requestedBy() {
        return requestedBy;
    }

    @Override
    public String toString() {
        return "OperationRequest[reference=" + reference + ", amount=" + amountMinor + ", lines=" + lines
                + ", by=" + requestedBy + "]";
    }

    /** Builds an {@link OperationRequest}. Not thread-safe. */
    public static final class Builder {
        private String reference;
        private Long amountMinor;
        private final List<OperationLine> lines = new ArrayList<>();
        private String reason;
        private String requestedBy;

        private Builder() {
        }

        /** @param v the receipt or return receipt number; @return this builder */
        public Builder reference(String v) {
            this.reference = v;
            return this;
        }

        /** @param v the amount in minor units; @return this builder */
        public Builder amountMinor(long v) {
            this.amountMinor = v;
            return this;
        }

        /** @param v a sale line covered; @return this builder */
        public Builder line(OperationLine v) {
            this.lines.add(Objects.requireNonNull(v, "line"));
            return this;
        }

        /** @param v the refund reason; @return this builder */
        public Builder reason(String v) {
            this.reason = v;
            return this;
        }

        /** @param v who asks; @return this builder */
        public Builder requestedBy(String v) {
            this.requestedBy = v;
            return this;
        }

        /**
         * @return the request
         * @throws InvalidPaymentRequestException naming the field that is wrong
         */
        public OperationRequest build() {
            return new OperationRequest(this);
        }
    }
}
