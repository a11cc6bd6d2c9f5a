package org.tillpay.dintero.internal.store;

import org.tillpay.dintero.internal.config.StoreSettings;

/** An active store, as the callback servlet sees it (an internal service of this bundle, one per store). */
public interface DinteroStore {

    /** What a callback led to. */
    enum CallbackOutcome {
        /** The callback is stored; the payment is being read back from Dintero. */
        ACCEPTED,
        /** The store has no such payment (yet): Dintero should retry. */
        UNKNOWN_PAYMENT
    }

    /** @return the store's settings (secrets included: use them only to verify callbacks) */
    StoreSettings settings();

    /**
     * Handles a verified callback: stores it durably as a hint, then (asynchronously) reads the payment back from
     * Dintero and records the result, so the answer goes back to Dintero at once.
     *
     * @param callback what the callback said
     * @return the outcome, once the hint is stored
     * @throws RuntimeException when the hint could not be stored (Dintero should retry)
     */
    CallbackOutcome onCallback(ReceivedCallback callback);

    /**
     * Handles a verified webhook: a {@code settlement_add} makes the store fetch its settlements (asynchronously);
     * other events are logged.
     *
     * @param event the {@code event} header ({@code settlement_add}, {@code ping}, ...)
     * @param deliveryId the {@code event-delivery} header, for the log
     */
    void onWebhook(String event, String deliveryId);
}
