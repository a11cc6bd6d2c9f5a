package org.tillpay.dintero.emulator.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code checkout_transaction} webhook (API.md &sect;8): the short form of a transaction, {@code {"id",
 * "session_id","merchant_reference","merchant_reference_2","created_at","updated_at","status"}} (without
 * {@code merchant_reference_2} when the transaction has none), published through {@link Hooks#publish} as the
 * envelope's {@code transaction} to the active subscriptions of the transaction's account that asked for the event.
 * Published wherever the emulator decides on a per-transaction callback (whether or not the session has a callback URL
 * that asks for it):
 * <ul>
 * <li>the customer's payment creates the transaction ({@link Checkout#pay}): {@code AUTHORIZED}, {@code CAPTURED}
 * (auto-capture, Swish) or {@code ON_HOLD}; once, with the status the payment ends in;</li>
 * <li>Walley's review of a held payment ends ({@link Checkout#resolveHold}): {@code AUTHORIZED}, {@code CAPTURED} or
 * {@code FAILED};</li>
 * <li>a capture, refund or void ends ({@link TransactionOperations}): over HTTP (200), at the late completion of one
 * accepted with 202, or from the back office; also when it ends failed at the provider (the status stays, the
 * transaction gains a failed event), as the {@code report_event} callback is sent then too;</li>
 * <li>a session cancel voids the transaction ({@link Checkout#cancel}): {@code AUTHORIZATION_VOIDED}.</li>
 * </ul>
 * Not published when an operation is only accepted (202: an {@code INITIATE_*} event, the status unchanged), when the
 * customer declines (no transaction is recorded) or when a settlement links the transaction. Called with the
 * {@link Emulator}'s lock held, as {@link Settlements} publishes {@code settlement_add}: publishing only schedules the
 * deliveries on the callback sender's executor (under the {@link org.tillpay.dintero.emulator.WebhookMode}) and takes
 * the {@link Hooks}' own lock briefly, never the emulator's.
 */
final class TransactionWebhook {

    /** The event name. */
    static final String EVENT = "checkout_transaction";

    private TransactionWebhook() {
    }

    /**
     * Notifies the subscribers of the transaction's account of its current state.
     *
     * @param hooks the webhook subscriptions
     * @param tx the transaction, just created or changed
     */
    static void publish(Hooks hooks, TransactionRecord tx) {
        hooks.publish(tx.account.accountId(), EVENT, "transaction", payload(tx));
    }

    /**
     * The envelope's {@code transaction} object.
     *
     * @param tx the transaction
     * @return a new object, the transaction's short form
     */
    static ObjectNode payload(TransactionRecord tx) {
        ObjectNode transaction = Json.object();
        transaction.put("id", tx.id);
        transaction.put("session_id", tx.sessionId);
        transaction.put("merchant_reference", tx.merchantReference());
        String reference2 = tx.text("merchant_reference_2");
        if (reference2 != null) {
            transaction.put("merchant_reference_2", reference2);
        }
        transaction.put("created_at", Ids.iso(tx.createdAt));
        transaction.put("updated_at", Ids.iso(tx.updatedAt));
        transaction.put("status", tx.status);
        return transaction;
    }
}
