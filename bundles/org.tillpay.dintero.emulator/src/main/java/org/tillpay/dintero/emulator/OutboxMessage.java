package org.tillpay.dintero.emulator;

import java.time.Instant;
import java.util.Objects;

/**
 * A payment-link message the emulator was asked to publish through a session's {@code configuration.publish}. Nothing
 * is really sent (Dintero sends no SMS for test accounts either); the outbox lets tests and the shell see what would
 * have gone out.
 *
 * @param sessionId the session the link belongs to
 * @param accountId the merchant account
 * @param publishId the {@code id} given to the publish entry in the session
 * @param channel how the customer is reached: {@code sms}, or {@code push} when the session enables exactly one
 *        payment type and it is Vipps, Swish or MobilePay ({@code vipps}, {@code swish.swish} or
 *        {@code payex.mobilepay})
 * @param phoneNumber the customer's E.164 phone number, {@code null} when the message was skipped
 * @param link the hosted payment page URL
 * @param status {@code sent}, or {@code skipped} when the session has no customer phone number
 * @param at when the session was created
 */
public record OutboxMessage(String sessionId, String accountId, String publishId, String channel, String phoneNumber,
        String link, String status, Instant at) {

    /** Checks that nothing required is missing. */
    public OutboxMessage {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(publishId, "publishId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
    }
}
