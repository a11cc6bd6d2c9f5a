package org.tillpay.dintero.internal.store;

import java.util.Objects;

/**
 * What a verified callback said (API.md §6): a hint, never trusted as the payment's state.
 *
 * @param sessionId {@code session_id} (or {@code sid})
 * @param merchantReference {@code merchant_reference}, or null
 * @param transactionId {@code transaction_id}, or null
 * @param event {@code event} on report_event deliveries (CAPTURE, REFUND, VOID), or null
 * @param eventId {@code event_id}, or null
 * @param error {@code error} on report_error deliveries (cancelled, authorization, failed), or null
 */
public record ReceivedCallback(String sessionId, String merchantReference, String transactionId, String event,
        String eventId, String error) {

    /** Checks that the session id is there. */
    public ReceivedCallback {
        Objects.requireNonNull(sessionId, "sessionId");
    }
}
