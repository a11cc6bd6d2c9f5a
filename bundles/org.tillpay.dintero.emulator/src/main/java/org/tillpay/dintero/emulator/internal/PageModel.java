package org.tillpay.dintero.emulator.internal;

import java.util.List;
import java.util.Map;

/**
 * What the hosted payment page shows for a session.
 *
 * @param sessionId the session
 * @param merchantName {@code merchant.name}, else the store name, else the account id
 * @param amount what the customer pays: {@code order.amount}, plus the Express shipping option not yet on the order
 * @param currency {@code order.currency}
 * @param merchantReference {@code order.merchant_reference}
 * @param lines the order lines
 * @param state {@code OPEN}, {@code PAID}, {@code EXPIRED} or {@code CANCELLED}
 * @param transactionId the transaction once paid
 * @param methods the payment methods offered, in page order
 * @param address for an Express session the delivery address form's initial values by
 *        {@link ExpressCheckout#FIELDS} key, otherwise null
 * @param shipping for an Express session the shipping option that will be added, otherwise null
 */
record PageModel(String sessionId, String merchantName, long amount, String currency, String merchantReference,
        List<Line> lines, String state, String transactionId, List<String> methods, Map<String, String> address,
        Line shipping) {

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
