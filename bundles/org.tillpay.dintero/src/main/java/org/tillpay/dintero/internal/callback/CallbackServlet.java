package org.tillpay.dintero.internal.callback;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.internal.config.StoreSettings;
import org.tillpay.dintero.internal.store.DinteroStore;
import org.tillpay.dintero.internal.store.DinteroStore.CallbackOutcome;
import org.tillpay.dintero.internal.store.ReceivedCallback;

/**
 * Dintero's callbacks and the customer's return page, on Karaf's HTTP whiteboard at {@code /tillpay/dintero/*}.
 * <p>
 * {@code /tillpay/dintero/callback/<store>}: the signature is checked against the URL as Dintero called it (the
 * store's public callback base, not our own Host header) with that store's secret; a bad one gets 403 and changes
 * nothing. A good one is only a hint: the store reads the payment back from Dintero. An unknown payment, an inactive
 * store, or a callback that could not be stored, answers 500 so that Dintero retries (4xx would stop its retries for
 * good). A stored callback is answered at once and read back asynchronously.
 * <p>
 * {@code /tillpay/dintero/hooks/<store>}: the store's webhooks ({@code settlement_add}, {@code checkout_transaction}),
 * signed with its {@code webhook.secret}.
 */
@Component(service = Servlet.class, immediate = true, property = {
    "osgi.http.whiteboard.servlet.pattern=/tillpay/dintero/*",
    "osgi.http.whiteboard.servlet.name=tillpay-dintero-callback"})
public final class CallbackServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CallbackServlet.class);
    private static final String CALLBACK_PREFIX = "/callback/";
    private static final String HOOKS_PREFIX = "/hooks/";
    private static final int MAX_WEBHOOK_BYTES = 1 << 20;
    private static final String TRANSACTION_EVENT = "checkout_transaction";

    private final transient Map<String, DinteroStore> stores = new ConcurrentHashMap<>();
    private final transient Clock clock = Clock.systemUTC();

    /** @param store a store becoming active */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addStore(DinteroStore store) {
        stores.put(store.settings().storeId(), store);
    }

    /** @param store a store going inactive */
    public void removeStore(DinteroStore store) {
        stores.remove(store.settings().storeId(), store);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (path.equals("/return")) {
            returnPage(req, resp);
        } else {
            callback(req, resp);
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (path.startsWith(HOOKS_PREFIX)) {
            webhook(req, resp, path.substring(HOOKS_PREFIX.length()));
        } else {
            callback(req, resp); // with method=POST Dintero sends the transaction as body: never trusted, never read
        }
    }

    /**
     * {@code POST /tillpay/dintero/hooks/<store>}: a webhook of the store's subscription (API.md &sect;8). The
     * {@code event-signature} (HMAC-SHA1 of the raw body with the store's {@code webhook.secret}) must match, else 403.
     * The body is not otherwise trusted: a {@code settlement_add} only makes the store fetch its settlements through
     * the API, and a {@code checkout_transaction} only names the payment to read back, so unknown or changed payload
     * fields do no harm.
     */
    private void webhook(HttpServletRequest req, HttpServletResponse resp, String storeId) throws IOException {
        DinteroStore store = stores.get(storeId);
        if (store == null) {
            LOG.warn("store {}: webhook for a store that is not active; asking Dintero to retry", storeId);
            answer(resp, 500, "store not active");
            return;
        }
        var secret = store.settings().settlements().webhookSecret();
        if (secret.isEmpty()) {
            answer(resp, 404, "no webhook for this store");
            return;
        }
        byte[] body = req.getInputStream().readNBytes(MAX_WEBHOOK_BYTES + 1);
        if (body.length > MAX_WEBHOOK_BYTES) {
            answer(resp, 413, "too large");
            return;
        }
        String event = req.getHeader("event");
        if (!WebhookSignature.verify(body, req.getHeader("event-signature"), secret.get().reveal())) {
            LOG.warn("store {}: webhook {} ({}) refused: bad event-signature (wrong webhook.secret?)", storeId, event,
                    req.getHeader("event-delivery"));
            answer(resp, 403, "signature refused");
            return;
        }
        String delivery = req.getHeader("event-delivery");
        if (TRANSACTION_EVENT.equals(event)) {
            transactionWebhook(store, body, delivery, resp);
            return;
        }
        store.onWebhook(event, delivery);
        answer(resp, 200, "ok");
    }

    /**
     * A {@code checkout_transaction} webhook: only its identifiers are read ({@code transaction.session_id},
     * {@code merchant_reference}, {@code id}); the store reads the payment back from Dintero. A transaction that is
     * not the store's is answered 200 too, so that Dintero does not retry it (the subscription is the account's).
     */
    private void transactionWebhook(DinteroStore store, byte[] body, String delivery, HttpServletResponse resp)
            throws IOException {
        String storeId = store.settings().storeId();
        ReceivedCallback hint = TransactionWebhook.hint(body);
        if (hint == null) {
            LOG.warn("store {}: checkout_transaction webhook {} has no transaction.session_id; ignored", storeId,
                    delivery);
            answer(resp, 400, "transaction.session_id missing");
            return;
        }
        try {
            answer(resp, 200, store.onTransactionWebhook(hint, delivery) ? "ok" : "not a payment of this store");
        } catch (RuntimeException e) {
            LOG.warn("store {} sale {}: checkout_transaction webhook {} could not be stored, Dintero will retry: {}",
                    storeId, hint.merchantReference(), delivery, e.getMessage());
            answer(resp, 500, "not stored");
        }
    }

    private void callback(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (!path.startsWith(CALLBACK_PREFIX) || path.length() == CALLBACK_PREFIX.length()) {
            answer(resp, 404, "not found");
            return;
        }
        String storeId = path.substring(CALLBACK_PREFIX.length());
        DinteroStore store = stores.get(storeId);
        if (store == null) {
            LOG.warn("store {}: callback for a store that is not active; asking Dintero to retry", storeId);
            answer(resp, 500, "store not active");
            return;
        }
        StoreSettings settings = store.settings();
        List<Map.Entry<String, String>> params = CallbackSignature.parseQuery(req.getQueryString());
        String publicPath = settings.callbackBaseUrl().getRawPath() + "/tillpay/dintero" + path;
        String problem = CallbackSignature.problem(req.getHeader("Dintero-Signature"),
                settings.signatureSecret().reveal(), settings.accountId(), req.getMethod(),
                settings.callbackBaseUrl().getHost(), publicPath, params, clock.instant());
        if (problem != null) {
            LOG.warn("store {}: callback refused, {} (wrong secret or public URL?); the poller carries on",
                    storeId, problem);
            answer(resp, 403, "signature refused");
            return;
        }
        String sessionId = param(params, "session_id", param(params, "sid", null));
        String merchantReference = param(params, "merchant_reference", null);
        if (sessionId == null) {
            answer(resp, 400, "session_id missing");
            return;
        }
        ReceivedCallback callback = new ReceivedCallback(sessionId, merchantReference, param(params, "transaction_id", null),
                param(params, "event", null), param(params, "event_id", null), param(params, "error", null));
        try {
            if (store.onCallback(callback) == CallbackOutcome.UNKNOWN_PAYMENT) {
                answer(resp, 500, "payment not known yet");
            } else {
                answer(resp, 200, "ok");
            }
        } catch (RuntimeException e) {
            LOG.warn("store {} sale {}: callback could not be stored, Dintero will retry: {}", storeId,
                    merchantReference, e.getMessage());
            answer(resp, 500, "not stored");
        }
    }

    private static String param(List<Map.Entry<String, String>> params, String name, String fallback) {
        return params.stream().filter(e -> e.getKey().equals(name)).map(Map.Entry::getValue).findFirst().orElse(fallback);
    }

    private static void answer(HttpServletResponse resp, int status, String text) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain;charset=utf-8");
        resp.getWriter().write(text);
    }

    private static void returnPage(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean failed = req.getParameter("error") != null;
        resp.setStatus(200);
        resp.setContentType("text/html;charset=utf-8");
        resp.getWriter().write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Payment</title></head><body>"
                + (failed ? "<h1>The payment was not completed</h1><p>Please ask the cashier for a new link.</p>"
                        : "<h1>Thank you!</h1><p>Your payment has been received. You may close this page.</p>")
                + "</body></html>");
    }
}
