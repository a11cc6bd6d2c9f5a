package org.tillpay.reports.internal;

import java.util.Map;
import java.util.TreeMap;

/** Running totals of payouts per currency: how many, captured, refunded, fees and paid out, in minor units. */
final class Totals {

    /** One currency's totals. */
    static final class Sum {
        long payouts;
        long capture;
        long refund;
        long fee;
        long amount;
    }

    private final Map<String, Sum> byCurrency = new TreeMap<>();

    void add(String currency, long payouts, long capture, long refund, long fee, long amount) {
        Sum s = byCurrency.computeIfAbsent(currency, c -> new Sum());
        s.payouts += payouts;
        s.capture += capture;
        s.refund += refund;
        s.fee += fee;
        s.amount += amount;
    }

    /** @return the totals by currency code, in code order */
    Map<String, Sum> byCurrency() {
        return byCurrency;
    }

    void clear() {
        byCurrency.clear();
    }
}
