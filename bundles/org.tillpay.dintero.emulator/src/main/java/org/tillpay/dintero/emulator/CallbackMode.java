package org.tillpay.dintero.emulator;

/**
 * How the emulator treats callbacks it would send to a merchant's {@code url.callback_url}, set with
 * {@link DinteroEmulator#setCallbackMode(CallbackMode)}. Lets tests provoke lost, duplicate and reordered callbacks.
 * The mode applies when a callback is scheduled (right after the session outcome it reports); changing it later does
 * not affect callbacks already scheduled, dropped or held.
 */
public enum CallbackMode {

    /** Deliver each callback once, retried as Dintero does. The default. */
    NORMAL,

    /**
     * Never send: each callback is recorded as one {@link CallbackDelivery.Outcome#DROPPED} delivery and forgotten, as
     * if it had been lost for good (the merchant's poller has to find the result).
     */
    DROP,

    /**
     * Send every callback twice, concurrently; each copy is retried on its own. The merchant sees two identical
     * requests (apart from the signature's timestamp, which may differ by a second).
     */
    DUPLICATE,

    /**
     * Hold callbacks (each recorded as one {@link CallbackDelivery.Outcome#HELD} delivery) until
     * {@link DinteroEmulator#releaseCallbacks()}, which sends the held ones one after the other in reverse order:
     * the newest first.
     */
    DELAY
}
