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
     * Handles a verified {@code checkout_transaction} webhook (API.md &sect;8): like a callback, a hint to read the
     * payment back, stored durably first. The subscription is the account's, so it also carries transactions of other
     * stores and other systems: those are not this store's and are ignored.
     *
     * @param hint the identifiers the webhook's {@code transaction} carried
     * @param deliveryId the {@code event-delivery} header
     * @return true when the transaction is one of this store's payments
     * @throws RuntimeException when the hint could not be stored (Dintero should retry)
     */
    boolean onTransactionWebhook(ReceivedCallback hint, String deliveryId);

    /**
     * Handles a verified webhook: a {@code settlement_add} makes the store fetch its settlements (asynchronously);
     * other events are logged.
     *
     * @param event the {@code event} header ({@code settlement_add}, {@code ping}, ...)
     * @param deliveryId the {@code event-delivery} header, for the log
     */
    void onWebhook(String event, String deliveryId);

    /**
     * Fetches a new token now with the current client secret (before the secret is rotated: calls go on with it).
     *
     * @return completes when the token is cached; exceptionally when Dintero refused
     */
    java.util.concurrent.CompletableFuture<Void> renewToken();

    /**
     * Hands over the client's rotated secret; the next token is fetched with it. The store keeps running.
     *
     * @param rotated the new secret
     */
    void useClientSecret(org.tillpay.dintero.internal.config.Secret rotated);
}
