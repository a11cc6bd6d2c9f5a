package org.tillpay.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * A verified provider callback, kept until it has been processed. It is only a hint: processing reads the payment
 * back from the provider.
 *
 * @param id the stored id, or 0 before it is stored
 * @param storeId the store
 * @param paymentId the payment it is about
 * @param sessionId the provider session named in the callback
 * @param transactionId the provider transaction named in the callback, or null
 * @param event the reported event (e.g. CAPTURE), or null
 * @param eventId the provider's event id, or null
 * @param error the reported error (e.g. cancelled), or null
 * @param receivedAt when it arrived
 */
public record CallbackHint(long id, String storeId, String paymentId, String sessionId, String transactionId,
        String event, String eventId, String error, Instant receivedAt) {

    /** Checks that nothing required is missing. */
    public CallbackHint {
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /**
     * @param storedId the id the ledger gave it
     * @return this hint with its id
     */
    public CallbackHint withId(long storedId) {
        return new CallbackHint(storedId, storeId, paymentId, sessionId, transactionId, event, eventId, error, receivedAt);
    }
}
