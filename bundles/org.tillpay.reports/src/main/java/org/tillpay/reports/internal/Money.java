package org.tillpay.reports.internal;

import java.math.BigDecimal;
import java.util.Currency;

/** Minor units to major ones, with the currency's own number of decimals (NOK 2, JPY 0). */
final class Money {

    private Money() {
    }

    static BigDecimal major(long minor, String currency) {
        return BigDecimal.valueOf(minor, digits(currency));
    }

    private static int digits(String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException | NullPointerException e) {
            return 2;
        }
    }
}
