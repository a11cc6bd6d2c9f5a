package org.tillpay.payment.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A payment a host asks a {@link PaymentMethod} to take: which store, which sale, what was sold, who pays and how
 * the link is delivered. Immutable; every field is validated when the request is built, and a problem is reported
 * as an {@link InvalidPaymentRequestException} naming the field.
 */
public final class PaymentRequest {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._:/#-]{0,62}");
    private static final Pattern STORE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final String storeId;
    private final String saleReference;
    private final String tillId;
    private final Currency currency;
    private final List<PaymentLine> lines;
    private final String customerPhone;
    private final String customerEmail;
    private final LinkOptions linkOptions;
    private final long amountMinor;
    private final long vatAmountMinor;

    private PaymentRequest(Builder b) {
        this.storeId = require(b.storeId, "storeId", STORE_ID, "letters, digits, '.', '_' or '-', at most 64");
        this.saleReference = require(b.saleReference, "saleReference", REFERENCE,
                "1 to 63 letters, digits, spaces or . _ : / # -, starting with a letter or digit");
        this.tillId = b.tillId == null || b.tillId.isBlank() ? null
                : require(b.tillId, "tillId", STORE_ID, "letters, digits, '.', '_' or '-', at most 64");
        this.currency = currency(b.currency);
        if (b.lines.isEmpty()) {
            throw new InvalidPaymentRequestException("lines", "at least one product line is required");
        }
        List<PaymentLine> built = new ArrayList<>(b.lines.size());
        Set<String> lineIds = new HashSet<>();
        long total = 0;
        long vat = 0;
        for (int i = 0; i < b.lines.size(); i++) {
            PaymentLine line = b.lines.get(i).build(i);
            if (!lineIds.add(line.lineId())) {
                throw new InvalidPaymentRequestException("lines[" + i + "].lineId", "'" + line.lineId()
                        + "' is used by another line; line ids must be unique");
            }
            try {
                total = Math.addExact(total, line.amountMinor());
                vat = Math.addExact(vat, line.vatAmountMinor());
            } catch (ArithmeticException overflow) {
                throw new InvalidPaymentRequestException("lines", "the sale total overflows");
            }
            built.add(line);
        }
        this.lines = Collections.unmodifiableList(built);
        this.amountMinor = total;
        this.vatAmountMinor = vat;
        this.customerPhone = optional(b.customerPhone, "customerPhone", E164,
                "must be an international number in E.164 form, for example +4799999999");
        this.customerEmail = optional(b.customerEmail, "customerEmail", EMAIL,
                "must be an e-mail address such as name@example.com");
        this.linkOptions = b.linkOptions == null ? LinkOptions.defaults() : b.linkOptions;
        if (customerPhone == null && customerEmail == null && !linkOptions.linkOnly()) {
            throw new InvalidPaymentRequestException("customerPhone",
                    "a phone number or an e-mail address is required unless only the link is wanted");
        }
    }

    private static String require(String value, String field, Pattern pattern, String rule) {
        if (value == null || value.isBlank()) {
            throw new InvalidPaymentRequestException(field, "is required");
        }
        String v = value.strip();
        if (!pattern.matcher(v).matches()) {
            throw new InvalidPaymentRequestException(field, "must be " + rule + ", was '" + v + "'");
        }
        return v;
    }

    private static String optional(String value, String field, Pattern pattern, String rule) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (!pattern.matcher(v).matches()) {
            throw new InvalidPaymentRequestException(field, rule + ", was '" + v + "'");
        }
        return v;
    }

    private static Currency currency(String code) {
        if (code == null || code.isBlank()) {
            throw new InvalidPaymentRequestException("currency", "is required (an ISO 4217 code such as NOK)");
        }
        String c = code.strip();
        try {
            if (c.length() == 3 && c.equals(c.toUpperCase(java.util.Locale.ROOT))) {
                Currency currency = Currency.getInstance(c);
                if (currency.getDefaultFractionDigits() >= 0) {
                    return currency;
                }
            }
        } catch (IllegalArgumentException unknown) {
            // reported below
        }
        throw new InvalidPaymentRequestException("currency", "'" + c + "' is not an ISO 4217 currency code such as NOK");
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the store taking the payment */
    public String storeId() {
        return storeId;
    }

    /** @return the host's own sale reference, shown to the customer and on settlement reports */
    public String saleReference() {
        return saleReference;
    }

    /** @return the till (terminal) the sale is rung up on, if given */
    public Optional<String> tillId() {
        return Optional.ofNullable(tillId);
    }

    /** @return the currency of every amount in this request */
    public Currency currency() {
        return currency;
    }

    /** @return the product lines, in order, at least one */
    public List<PaymentLine> lines() {
        return lines;
    }

    /** @return the sale total including VAT: the sum of the line amounts, in minor units */
    public long amountMinor() {
        return amountMinor;
    }

    /** @return the VAT contained in the total: the sum of the lines' VAT amounts, in minor units */
    public long vatAmountMinor() {
        return vatAmountMinor;
    }

    /** @return the customer's phone in E.164 form, if given */
    public Optional<String> customerPhone() {
        return Optional.ofNullable(customerPhone);
    }

    /** @return the customer's e-mail address, if given */
    public Optional<String> customerEmail() {
        return Optional.ofNullable(customerEmail);
    }

    /** @return how the link is made and delivered */
    public LinkOptions linkOptions() {
        return linkOptions;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PaymentRequest)) {
            return false;
        }
        PaymentRequest other = (PaymentRequest) o;
        return storeId.equals(other.storeId) && saleReference.equals(other.saleReference)
                && Objects.equals(tillId, other.tillId) && currency.equals(other.currency) && lines.equals(other.lines)
                && Objects.equals(customerPhone, other.customerPhone)
                && Objects.equals(customerEmail, other.customerEmail) && linkOptions.equals(other.linkOptions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(storeId, saleReference, tillId, currency, lines, customerPhone, customerEmail, linkOptions);
    }

    /** Personal data (phone, e-mail) is left out on purpose, so the request can be logged. */
    @Override
    public String toString() {
        return "PaymentRequest[store=" + storeId + ", sale=" + saleReference + ", amount=" + amountMinor + " "
                + currency + ", lines=" + lines.size() + ", " + linkOptions + "]";
    }

    /** Builds a {@link PaymentRequest}. Not thread-safe. */
    public static final class Builder {
        private String storeId;
        private String saleReference;
        private String tillId;
        private String currency;
        private final List<PaymentLine.Builder> lines = new ArrayList<>();
        private String customerPhone;
        private String customerEmail;
        private LinkOptions linkOptions;

        private Builder() {
        }

        /** @param storeId the store taking the payment; @return this builder */
        public Builder storeId(String storeId) {
            this.storeId = storeId;
            return this;
        }

        /** @param saleReference the host's sale reference; @return this builder */
        public Builder saleReference(String saleReference) {
            this.saleReference = saleReference;
            return this;
        }

        /** @param tillId the till the sale is rung up on (optional); @return this builder */
        public Builder tillId(String tillId) {
            this.tillId = tillId;
            return this;
        }

        /** @param currency ISO 4217 code such as {@code NOK}; @return this builder */
        public Builder currency(String currency) {
            this.currency = currency;
            return this;
        }

        /**
         * Adds a product line; it is validated when the request is built, and errors name it by index
         * ({@code lines[2].quantity}).
         *
         * @param line the line, not yet built
         * @return this builder
         */
        public Builder line(PaymentLine.Builder line) {
            this.lines.add(Objects.requireNonNull(line, "line"));
            return this;
        }

        /** @param customerPhone the customer's phone, E.164 (optional); @return this builder */
        public Builder customerPhone(String customerPhone) {
            this.customerPhone = customerPhone;
            return this;
        }

        /** @param customerEmail the customer's e-mail (optional); @return this builder */
        public Builder customerEmail(String customerEmail) {
            this.customerEmail = customerEmail;
            return this;
        }

        /** @param linkOptions how the link is made and delivered (default {@link LinkOptions#defaults()}); @return this builder */
        public Builder linkOptions(LinkOptions linkOptions) {
            this.linkOptions = linkOptions;
            return this;
        }

        /**
         * @return the validated request
         * @throws InvalidPaymentRequestException naming the first field that is wrong
         */
        public PaymentRequest build() {
            return new PaymentRequest(this);
        }
    }
}
