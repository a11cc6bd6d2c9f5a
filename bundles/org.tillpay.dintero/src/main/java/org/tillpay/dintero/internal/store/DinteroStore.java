package org.tillpay.dintero.internal.store;

import java.util.concurrent.CompletableFuture;

import org.tillpay.dintero.internal.config.StoreSettings;

/** An active store, as the callback servlet sees it (an internal service of this bundle, one per store). */
public interface DinteroStore {

    /** What a callback led to. */
    enum CallbackOutcome {
        /** The payment was read back from Dintero and the ledger is up to date. */
        PROCESSED,
        /** The store has no such payment (yet): Dintero should retry. */
        UNKNOWN_PAYMENT
    }

    /** @return the store's settings (secrets included: use them only to verify callbacks) */
    StoreSettings settings();

    /**
     * Handles a verified callback: treats it as a hint, reads the payment back from Dintero and records the result.
     *
     * @param sessionId the callback's session id
     * @param merchantReference the callback's merchant reference, or null
     * @return completes with the outcome, or exceptionally when Dintero could not be read (Dintero should retry)
     */
    CompletableFuture<CallbackOutcome> onCallback(String sessionId, String merchantReference);
}
