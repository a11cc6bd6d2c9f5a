package org.tillpay.dintero.internal.callback;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.internal.config.StoreSettings;
import org.tillpay.dintero.internal.store.DinteroStore;
import org.tillpay.dintero.internal.store.DinteroStore.CallbackOutcome;
import org.tillpay.dintero.internal.store.ReceivedCallback;

/**
 * {@code /tillpay/dintero/callback/<store>}: Dintero's signed callbacks (API.md &sect;6).
 * <p>
 * The {@code Dintero-Signature} is checked against the URL as Dintero called it (the store's public callback base,
 * not our own Host header) with that store's secret, within 300 s either way; a bad one gets 403 and changes nothing.
 * A good one is only a hint: only its identifiers are taken and the store reads the payment back from Dintero (a
 * {@code method=POST} body is never read). The same signed request again (same {@code t}, same signature) is answered
 * 200 without acting again once it was acted on, and 503 while its first copy is being acted on. An unknown payment,
 * an inactive store, or a callback that could not be stored, answers 503 so that Dintero retries (4xx would stop its
 * retries for good); its retry is then acted on.
 */
final class CallbackEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackEndpoint.class);

    private final ReplayGuard replays;
    private final Clock clock;

    CallbackEndpoint(ReplayGuard replays, Clock clock) {
        this.replays = replays;
        this.clock = clock;
    }

    /**
     * @param req the request, within the {@link RequestLimits}
     * @param resp the response
     * @param path the path below {@code /tillpay/dintero}, starting {@code /callback/}
     * @param store the active store the path names
     * @throws IOException when the answer could not be written
     */
    void handle(HttpServletRequest req, HttpServletResponse resp, String path, DinteroStore store) throws IOException {
        String storeId = store.settings().storeId();
        StoreSettings settings = store.settings();
        List<Map.Entry<String, String>> params;
        try {
            params = CallbackSignature.parseQuery(req.getQueryString());
        } catch (IllegalArgumentException e) {
            LOG.warn("store {}: callback refused, its query string has a malformed escape", storeId);
            CallbackServlet.answer(resp, 400, "malformed query");
            return;
        }
        String publicPath = settings.callbackBaseUrl().getRawPath() + "/tillpay/dintero" + path;
        CallbackSignature.Verdict verdict = CallbackSignature.verify(req.getHeader("Dintero-Signature"),
                settings.signatureSecret().reveal(), settings.accountId(), req.getMethod(),
                settings.callbackBaseUrl().getHost(), publicPath, params, clock.instant());
        if (!verdict.good()) {
            LOG.warn("store {}: callback refused, {} (wrong secret or public URL?); the poller carries on",
                    storeId, verdict.problem());
            CallbackServlet.answer(resp, 403, "signature refused");
            return;
        }
        String key = "callback " + storeId + " " + verdict.timestamp() + " " + verdict.signature();
        Instant windowEnd = Instant.ofEpochSecond(verdict.timestamp()).plus(CallbackSignature.TOLERANCE);
        String merchantReference = param(params, "merchant_reference", null);
        switch (replays.once(key, windowEnd, () -> act(store, params, merchantReference, resp))) {
            case DONE -> {
                LOG.info("store {} sale {}: callback signed at {} received again; already acted on, answered 200",
                        storeId, merchantReference, verdict.timestamp());
                CallbackServlet.answer(resp, 200, "already received");
            }
            case IN_FLIGHT -> {
                LOG.info("store {} sale {}: callback signed at {} received again while the first is handled;"
                        + " asking Dintero to retry", storeId, merchantReference, verdict.timestamp());
                CallbackServlet.retryLater(resp, "being handled");
            }
            default -> {
                // new: acted on (or failed, and then released for Dintero's retry)
            }
        }
    }

    /** @return true when the callback was acted on (answered 200) */
    private static boolean act(DinteroStore store, List<Map.Entry<String, String>> params, String merchantReference,
            HttpServletResponse resp) throws IOException {
        String storeId = store.settings().storeId();
        String sessionId = param(params, "session_id", param(params, "sid", null));
        if (sessionId == null) {
            CallbackServlet.answer(resp, 400, "session_id missing");
            return false;
        }
        ReceivedCallback callback = new ReceivedCallback(sessionId, merchantReference,
                param(params, "transaction_id", null), param(params, "event", null), param(params, "event_id", null),
                param(params, "error", null));
        CallbackOutcome outcome;
        try {
            outcome = store.onCallback(callback);
        } catch (RuntimeException e) {
            LOG.warn("store {} sale {}: callback could not be stored, Dintero will retry: {}", storeId,
                    merchantReference, e.getMessage());
            CallbackServlet.retryLater(resp, "not stored");
            return false;
        }
        if (outcome == CallbackOutcome.UNKNOWN_PAYMENT) {
            CallbackServlet.retryLater(resp, "payment not known yet");
            return false;
        }
        CallbackServlet.answer(resp, 200, "ok");
        return true;
    }

    private static String param(List<Map.Entry<String, String>> params, String name, String fallback) {
        return params.stream().filter(e -> e.getKey().equals(name)).map(Map.Entry::getValue).findFirst().orElse(fallback);
    }
}
