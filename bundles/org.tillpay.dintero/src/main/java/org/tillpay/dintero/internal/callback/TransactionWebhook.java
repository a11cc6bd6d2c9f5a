package org.tillpay.dintero.internal.callback;

import java.io.IOException;

import org.tillpay.dintero.internal.client.DinteroJson;
import org.tillpay.dintero.internal.store.ReceivedCallback;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the identifiers out of a {@code checkout_transaction} webhook (API.md &sect;8):
 * {@code {"account_id","event","event_delivery","transaction":{"id","session_id","merchant_reference",...}}}. Nothing
 * else is taken from it: the payment's state is read back from Dintero.
 */
final class TransactionWebhook {

    private TransactionWebhook() {
    }

    /**
     * @param body the verified raw body
     * @return the hint, or null when the body is not JSON or names no session
     */
    static ReceivedCallback hint(byte[] body) {
        JsonNode transaction;
        try {
            transaction = DinteroJson.MAPPER.readTree(body).path("transaction");
        } catch (IOException e) {
            return null;
        }
        String sessionId = text(transaction, "session_id");
        if (sessionId == null) {
            return null;
        }
        return new ReceivedCallback(sessionId, text(transaction, "merchant_reference"), text(transaction, "id"),
                null, null, null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
