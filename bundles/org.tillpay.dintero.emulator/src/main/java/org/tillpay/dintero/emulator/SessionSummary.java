package org.tillpay.dintero.emulator;

import java.util.Objects;

/**
 * A one-line view of a checkout session, as listed by {@code dintero-emulator:sessions}.
 *
 * @param sessionId the session id
 * @param accountId the merchant account
 * @param merchantReference {@code order.merchant_reference}
 * @param amount {@code order.amount}, minor units
 * @param currency {@code order.currency}
 * @param status {@code OPEN}, {@code EXPIRED}, {@code CANCELLED}, {@code DECLINED} (the customer declined and has not
 *        paid since), or the status of the session's transaction once paid
 * @param transactionId the transaction id once paid, otherwise {@code null}
 */
public record SessionSummary(String sessionId, String accountId, String merchantReference, long amount,
        String currency, String status, String transactionId) {

    /** Checks that nothing required is missing. */
    public SessionSummary {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(status, "status");
    }
}
