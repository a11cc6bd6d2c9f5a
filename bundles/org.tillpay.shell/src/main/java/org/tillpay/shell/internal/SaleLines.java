package org.tillpay.shell.internal;

import java.math.BigDecimal;
import java.util.Currency;

import org.tillpay.payment.api.InvalidPaymentRequestException;
import org.tillpay.payment.api.PaymentLine;

/**
 * Reads a product line typed at the shell: {@code DESCRIPTION:QUANTITY:UNIT_PRICE[:VAT_PERCENT]}, the unit price in
 * the currency's major unit including VAT (e.g. {@code "Genser:2:299.00"} or {@code "Bok:1:199:0"}).
 */
final class SaleLines {

    private SaleLines() {
    }

    static PaymentLine.Builder parse(String text, int index, Currency currency) {
        String field = "lines[" + index + "]";
        String[] parts = text == null ? new String[0] : text.split(":");
        if (parts.length < 3) {
            throw new InvalidPaymentRequestException(field, "write DESCRIPTION:QUANTITY:UNIT_PRICE[:VAT_PERCENT], was '" + text + "'");
        }
        boolean hasVat = parts.length >= 4;
        int last = parts.length - 1;
        String vat = hasVat ? parts[last] : null;
        String price = parts[hasVat ? last - 1 : last];
        String quantity = parts[hasVat ? last - 2 : last - 1];
        String description = String.join(":", java.util.Arrays.copyOfRange(parts, 0, hasVat ? last - 2 : last - 1));
        PaymentLine.Builder line = PaymentLine.builder().lineId(Integer.toString(index + 1)).description(description);
        try {
            line.quantity(Integer.parseInt(quantity.strip()));
        } catch (NumberFormatException e) {
            throw new InvalidPaymentRequestException(field + ".quantity", "'" + quantity + "' is not a whole number");
        }
        line.unitPriceMinor(minorUnits(price.strip(), currency, field + ".unitPrice"));
        if (vat != null) {
            try {
                line.vatPercent(new BigDecimal(vat.strip()));
            } catch (NumberFormatException e) {
                throw new InvalidPaymentRequestException(field + ".vatPercent", "'" + vat + "' is not a number");
            }
        }
        return line;
    }

    static long minorUnits(String amount, Currency currency, String field) {
        try {
            BigDecimal major = new BigDecimal(amount);
            return major.movePointRight(Math.max(0, currency.getDefaultFractionDigits())).longValueExact();
        } catch (NumberFormatException e) {
            throw new InvalidPaymentRequestException(field, "'" + amount + "' is not an amount such as 299.00");
        } catch (ArithmeticException e) {
            throw new InvalidPaymentRequestException(field, "'" + amount + "' has more decimals than "
                    + currency.getCurrencyCode() + " allows, or is too large");
        }
    }
}
