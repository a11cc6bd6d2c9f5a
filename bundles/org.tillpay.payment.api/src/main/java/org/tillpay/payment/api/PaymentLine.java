package org.tillpay.payment.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * One product line of a sale: what is sold, how many, at what unit price (VAT included, in minor units) and with
 * which VAT rate. Immutable; validated when built.
 */
public final class PaymentLine {

    /** The VAT rate used when none is given: 25 %, Norway's standard rate. */
    public static final BigDecimal DEFAULT_VAT_PERCENT = BigDecimal.valueOf(25);

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final String lineId;
    private final String description;
    private final int quantity;
    private final long unitPriceMinor;
    private final BigDecimal vatPercent;
    private final long amountMinor;
    private final long vatAmountMinor;

    private PaymentLine(Builder b, String fieldPrefix) {
        this.lineId = requireText(b.lineId, fieldPrefix + "lineId", 64);
        this.description = requireText(b.description, fieldPrefix + "description", 255);
        if (b.quantity < 1) {
            throw new InvalidPaymentRequestException(fieldPrefix + "quantity", "must be at least 1, was " + b.quantity);
        }
        this.quantity = b.quantity;
        if (b.unitPriceMinor < 1) {
            throw new InvalidPaymentRequestException(fieldPrefix + "unitPrice",
                    "must be a positive amount in minor units, was " + b.unitPriceMinor);
        }
        this.unitPriceMinor = b.unitPriceMinor;
        BigDecimal vat = b.vatPercent == null ? DEFAULT_VAT_PERCENT : b.vatPercent;
        if (vat.signum() < 0 || vat.compareTo(HUNDRED) > 0) {
            throw new InvalidPaymentRequestException(fieldPrefix + "vatPercent", "must be between 0 and 100, was " + vat);
        }
        this.vatPercent = vat.stripTrailingZeros();
        try {
            this.amountMinor = Math.multiplyExact(quantity, unitPriceMinor);
        } catch (ArithmeticException overflow) {
            throw new InvalidPaymentRequestException(fieldPrefix + "unitPrice", "quantity × unit price overflows");
        }
        this.vatAmountMinor = vatIncludedIn(amountMinor, this.vatPercent);
    }

    /**
     * The VAT contained in a VAT-inclusive amount: {@code amount × rate / (100 + rate)}, rounded half up to a whole
     * minor unit.
     *
     * @param amountMinor the amount including VAT, in minor units
     * @param vatPercent the VAT rate in percent, 0 to 100
     * @return the VAT part, in minor units
     */
    public static long vatIncludedIn(long amountMinor, BigDecimal vatPercent) {
        return BigDecimal.valueOf(amountMinor).multiply(vatPercent)
                .divide(HUNDRED.add(vatPercent), 0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    private static String requireText(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidPaymentRequestException(field, "is required");
        }
        String trimmed = value.strip();
        if (trimmed.length() > maxLength) {
            throw new InvalidPaymentRequestException(field, "must be at most " + maxLength + " characters");
        }
        return trimmed;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the line id, unique within the sale */
    public String lineId() {
        return lineId;
    }

    /** @return what is sold */
    public String description() {
        return description;
    }

    /** @return how many, at least 1 */
    public int quantity() {
        return quantity;
    }

    /** @return the unit price including VAT, in minor units (øre, cents) */
    public long unitPriceMinor() {
        return unitPriceMinor;
    }

    /** @return the VAT rate in percent */
    public BigDecimal vatPercent() {
        return vatPercent;
    }

    /** @return the line total including VAT: quantity × unit price, in minor units */
    public long amountMinor() {
        return amountMinor;
    }

    /** @return the VAT contained in {@link #amountMinor()}, rounded half up to a minor unit */
    public long vatAmountMinor() {
        return vatAmountMinor;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PaymentLine)) {
            return false;
        }
        PaymentLine other = (PaymentLine) o;
        return quantity == other.quantity && unitPriceMinor == other.unitPriceMinor && lineId.equals(other.lineId)
                && description.equals(other.description) && vatPercent.compareTo(other.vatPercent) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(lineId, description, quantity, unitPriceMinor, vatPercent.doubleValue());
    }

    @Override
    public String toString() {
        return "PaymentLine[" + lineId + ": " + quantity + " × " + unitPriceMinor + " (" + vatPercent + "% VAT) "
                + description + "]";
    }

    /** Builds a {@link PaymentLine}. Not thread-safe. */
    public static final class Builder {
        private String lineId;
        private String description;
        private int quantity = 1;
        private long unitPriceMinor;
        private BigDecimal vatPercent;

        private Builder() {
        }

        /** @param lineId the line id, unique within the sale; @return this builder */
        public Builder lineId(String lineId) {
            this.lineId = lineId;
            return this;
        }

        /** @param description what is sold; @return this builder */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** @param quantity how many, at least 1 (default 1); @return this builder */
        public Builder quantity(int quantity) {
            this.quantity = quantity;
            return this;
        }

        /** @param unitPriceMinor unit price including VAT in minor units; @return this builder */
        public Builder unitPriceMinor(long unitPriceMinor) {
            this.unitPriceMinor = unitPriceMinor;
            return this;
        }

        /** @param vatPercent VAT rate in percent, 0–100 (default 25); @return this builder */
        public Builder vatPercent(BigDecimal vatPercent) {
            this.vatPercent = vatPercent;
            return this;
        }

        /**
         * @return the validated line
         * @throws InvalidPaymentRequestException naming the field that is wrong
         */
        public PaymentLine build() {
            return new PaymentLine(this, "");
        }

        PaymentLine build(int index) {
            return new PaymentLine(this, "lines[" + index + "].");
        }
    }
}
