package org.tillpay.dintero.emulator;

/**
 * How the emulator treats webhook deliveries (Hooks API, API.md &sect;8), set with
 * {@link DinteroSettlementsEmulator#setWebhookMode(WebhookMode)}. Applies when a delivery is scheduled (a
 * {@code ping}, a {@code settlement_add} or a {@code checkout_transaction}); deliveries already scheduled keep the mode
 * they were scheduled under.
 *
 * @since 1.3
 */
public enum WebhookMode {

    /** Deliver each event once, retried as Dintero does (up to 5 attempts). The default. */
    NORMAL,

    /**
     * Never send: each delivery is recorded as one {@link WebhookDelivery.Outcome#DROPPED} record and forgotten, as if
     * lost for good (the merchant's daily poll has to find the settlement or the transaction).
     */
    DROP,

    /**
     * Send every delivery twice, concurrently, with the same body, {@code event-delivery} and signature; each copy is
     * retried on its own. The merchant must de-duplicate (by {@code event-delivery} or by the object's id and state).
     */
    DUPLICATE
}
