package org.tillpay.dintero.emulator.internal;

import java.util.List;

/**
 * What the hosted payment page shows for a session.
 *
 * @param sessionId the session
 * @param merchantName {@code merchant.name}, else the store name, else the account id
 * @param amount {@code order.amount}, minor units
 * @param currency {@code order.currency}
 * @param merchantReference {@code order.merchant_reference}
 * @param lines the order lines
 * @param state {@code OPEN}, {@code PAID}, {@code EXPIRED} or {@code CANCELLED}
 * @param transactionId the transaction once paid
 */
record PageModel(String sessionId, String merchantName, long amount, String currency, String merchantReference,
        List<Line> lines, String state, String transactionId) {

    /**
     * One order line.
     *
     * @param description the description, or the line id when absent
     * @param quantity the quantity
     * @param amount the line total, minor units
     */
    record Line(String description, String quantity, long amount) {
    }
}
