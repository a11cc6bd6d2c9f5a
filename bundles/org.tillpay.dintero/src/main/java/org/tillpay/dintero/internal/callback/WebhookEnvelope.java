package org.tillpay.dintero.internal.callback;

import java.io.IOException;

import org.tillpay.dintero.internal.client.DinteroJson;
import org.tillpay.dintero.internal.store.ReceivedCallback;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The identifiers of a verified webhook's body (API.md &sect;8), an envelope
 * {@code {"account_id","event","event_delivery","<object>":{...}}}; for {@code checkout_transaction} the object is
 * {@code "transaction":{"id","session_id","merchant_reference",...}}. Nothing else is taken from it: the payment's
 * state and the settlements are read back from Dintero.
 *
 * @param event the envelope's {@code event}, or null when it has none
 * @param delivery the envelope's {@code event_delivery}, or null when it has none
 * @param transaction the identifiers of its {@code transaction}, or null when it names no session
 */
record WebhookEnvelope(String event, String delivery, ReceivedCallback transaction) {

    /**
     * @param body the verified raw body
     * @return its identifiers, or null when the body is not a JSON object
     */
    static WebhookEnvelope parse(byte[] body) {
        JsonNode root;
        try {
            root = DinteroJson.MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
        if (root == null || !root.isObject()) {
            return null;
        }
        JsonNode transaction = root.path("transaction");
        String sessionId = text(transaction, "session_id");
        return new WebhookEnvelope(text(root, "event"), text(root, "event_delivery"), sessionId == null ? null
                : new ReceivedCallback(sessionId, text(transaction, "merchant_reference"), text(transaction, "id"),
                        null, null, null));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
