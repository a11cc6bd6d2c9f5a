package org.tillpay.dintero.internal.callback;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.internal.store.DinteroStore;

/**
 * {@code POST /tillpay/dintero/hooks/<store>}: the webhooks of the store's subscription (API.md &sect;8),
 * {@code settlement_add} and {@code checkout_transaction}.
 * <p>
 * The {@code event-signature} (HMAC-SHA1 of the raw body with the store's {@code webhook.secret}, compared in constant
 * time) must match, else 403. Dintero signs no time into a webhook, so there is no time window to check: a webhook
 * sent again (Dintero resends the very same body on a retry) is recognised by its signature for
 * {@link #REPLAY_RETENTION} and answered 200 without acting again. Acting is harmless anyway: the body is not trusted
 * beyond its identifiers (the event name and delivery id of the signed envelope, a transaction's session id), a
 * {@code settlement_add} only makes the store fetch its settlements through the API, and a {@code checkout_transaction}
 * only names the payment to read back, so unknown or changed payload fields do no harm.
 */
final class WebhookEndpoint {

    /** How long a webhook that was acted on is recognised when it comes again. */
    static final Duration REPLAY_RETENTION = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(WebhookEndpoint.class);
    private static final String TRANSACTION_EVENT = "checkout_transaction";

    private final ReplayGuard replays;
    private final Clock clock;

    WebhookEndpoint(ReplayGuard replays, Clock clock) {
        this.replays = replays;
        this.clock = clock;
    }

    /**
     * @param req the request, within the {@link RequestLimits}
     * @param resp the response
     * @param store the active store the path names
     * @throws IOException when the body could not be read or the answer written
     */
    void handle(HttpServletRequest req, HttpServletResponse resp, DinteroStore store) throws IOException {
        String storeId = store.settings().storeId();
        var secret = store.settings().settlements().webhookSecret();
        if (secret.isEmpty()) {
            CallbackServlet.answer(resp, 404, "no webhook for this store");
            return;
        }
        byte[] body = RequestLimits.body(req);
        if (body == null) {
            CallbackServlet.answer(resp, 413, "too large");
            return;
        }
        String signature = req.getHeader("event-signature");
        if (!WebhookSignature.verify(body, signature, secret.get().reveal())) {
            LOG.warn("store {}: webhook {} ({}) refused: bad event-signature (wrong webhook.secret?)", storeId,
                    CallbackServlet.printable(req.getHeader("event")),
                    CallbackServlet.printable(req.getHeader("event-delivery")));
            CallbackServlet.answer(resp, 403, "signature refused");
            return;
        }
        String key = "webhook " + storeId + " " + signature.strip().toLowerCase(Locale.ROOT);
        switch (replays.once(key, clock.instant().plus(REPLAY_RETENTION), () -> act(store, req, body, resp))) {
            case DONE -> {
                LOG.info("store {}: webhook {} received again; already acted on, answered 200", storeId,
                        CallbackServlet.printable(req.getHeader("event-delivery")));
                CallbackServlet.answer(resp, 200, "already received");
            }
            case IN_FLIGHT -> CallbackServlet.retryLater(resp, "being handled");
            default -> {
                // new: acted on (or failed, and then released for Dintero's retry)
            }
        }
    }

    /** @return true when the webhook was acted on (answered 200) */
    private static boolean act(DinteroStore store, HttpServletRequest req, byte[] body, HttpServletResponse resp)
            throws IOException {
        String storeId = store.settings().storeId();
        WebhookEnvelope envelope = WebhookEnvelope.parse(body);
        if (envelope == null) {
            LOG.warn("store {}: signed webhook whose body is not a JSON object; ignored", storeId);
            CallbackServlet.answer(resp, 400, "not a JSON object");
            return false;
        }
        String header = req.getHeader("event");
        if (envelope.event() != null && header != null && !envelope.event().equals(header)) {
            LOG.warn("store {}: webhook refused, its event header {} is not the signed body's event {}", storeId,
                    CallbackServlet.printable(header), envelope.event());
            CallbackServlet.answer(resp, 400, "event header does not match the body");
            return false;
        }
        String event = envelope.event() != null ? envelope.event() : header;
        String delivery = envelope.delivery() != null ? envelope.delivery()
                : CallbackServlet.printable(req.getHeader("event-delivery"));
        if (!TRANSACTION_EVENT.equals(event)) {
            store.onWebhook(event, delivery);
            CallbackServlet.answer(resp, 200, "ok");
            return true;
        }
        if (envelope.transaction() == null) {
            LOG.warn("store {}: checkout_transaction webhook {} has no transaction.session_id; ignored", storeId,
                    delivery);
            CallbackServlet.answer(resp, 400, "transaction.session_id missing");
            return false;
        }
        try {
            // a transaction that is not the store's is answered 200 too, so that Dintero does not retry it (the
            // subscription is the account's)
            boolean ours = store.onTransactionWebhook(envelope.transaction(), delivery);
            CallbackServlet.answer(resp, 200, ours ? "ok" : "not a payment of this store");
            return true;
        } catch (RuntimeException e) {
            LOG.warn("store {} sale {}: checkout_transaction webhook {} could not be stored, Dintero will retry: {}",
                    storeId, envelope.transaction().merchantReference(), delivery, e.getMessage());
            CallbackServlet.retryLater(resp, "not stored");
            return false;
        }
    }
}
