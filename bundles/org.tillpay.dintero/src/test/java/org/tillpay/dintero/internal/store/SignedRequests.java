package org.tillpay.dintero.internal.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.tillpay.dintero.internal.callback.CallbackSignature;
import org.tillpay.dintero.internal.config.StoreSettings;

/** Callbacks and webhooks as Dintero signs them (API.md &sect;6.1, &sect;8), sent to a store's callback servlet. */
final class SignedRequests {

    private SignedRequests() {
    }

    /** @return the path of the store's callbacks */
    static String callbackPath(String storeId) {
        return "/tillpay/dintero/callback/" + storeId;
    }

    /** @return the path of the store's webhooks */
    static String hookPath(String storeId) {
        return "/tillpay/dintero/hooks/" + storeId;
    }

    /**
     * @param at the store whose public callback base URL Dintero calls
     * @param secret the signing secret
     * @param method GET or POST
     * @param path the path called
     * @param rawQuery the raw query, or null
     * @param t the signature's time, Unix seconds
     * @return the {@code Dintero-Signature} header value
     */
    static String dinteroSignature(StoreSettings at, String secret, String method, String path, String rawQuery,
            long t) {
        String payload = CallbackSignature.payload(t, at.accountId(), method, at.callbackBaseUrl().getHost(),
                at.callbackBaseUrl().getRawPath() + path, CallbackSignature.parseQuery(rawQuery));
        return "t=" + t + ",v0-hmac-sha256=" + CallbackSignature.sign(secret, payload);
    }

    /** @return the {@code event-signature} of the body: hex HMAC-SHA1 with the secret */
    static String webhookSignature(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a GET callback to the path, with the signature header when it is not null */
    static RawHttp.Answer callback(StoreSettings at, String path, String rawQuery, String signature)
            throws IOException {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (signature != null) {
            headers.add(Map.entry("Dintero-Signature", signature));
        }
        return RawHttp.send(at.callbackBaseUrl().getPort(), "GET", path + (rawQuery == null ? "" : "?" + rawQuery),
                headers, null);
    }

    /** @return a webhook to the path with the event header and the signature, when they are not null */
    static RawHttp.Answer webhook(StoreSettings at, String path, String event, byte[] body, String signature)
            throws IOException {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Content-Type", "application/json"));
        if (event != null) {
            headers.add(Map.entry("event", event));
        }
        headers.add(Map.entry("event-delivery", "delivery-of-a-test"));
        if (signature != null) {
            headers.add(Map.entry("event-signature", signature));
        }
        return RawHttp.send(at.callbackBaseUrl().getPort(), "POST", path, headers, body);
    }

    /** @return a {@code checkout_transaction} envelope naming the transaction */
    static byte[] transactionEnvelope(String delivery, String transactionId, String sessionId, String merchantReference) {
        return ("{\"account_id\":\"T12345678\",\"event\":\"checkout_transaction\",\"event_delivery\":\"" + delivery
                + "\",\"transaction\":{\"id\":\"" + transactionId + "\",\"session_id\":\"" + sessionId
                + "\",\"merchant_reference\":\"" + merchantReference + "\",\"status\":\"AUTHORIZED\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
