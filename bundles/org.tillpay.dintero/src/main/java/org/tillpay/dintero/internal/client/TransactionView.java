package org.tillpay.dintero.internal.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parts of a Dintero transaction we act on.
 *
 * @param id the transaction id
 * @param sessionId the session it was paid through
 * @param merchantReference our merchant reference
 * @param status Dintero's status, e.g. AUTHORIZED
 * @param paymentProductType what the customer paid with, e.g. {@code vipps}
 * @param amount the authorized amount, minor units
 * @param currency ISO 4217 code
 * @param lastEventId the id of the transaction's newest event, or null
 */
public record TransactionView(String id, String sessionId, String merchantReference, String status,
        String paymentProductType, long amount, String currency, String lastEventId) {

    static TransactionView from(JsonNode body) {
        JsonNode events = body.path("events");
        String lastEventId = events.isArray() && events.size() > 0 ? events.get(events.size() - 1).path("id").asText(null) : null;
        String id = body.path("id").asText("");
        String status = body.path("status").asText("");
        if (id.isEmpty() || status.isEmpty()) {
            throw new DinteroCallException(200, null, "Dintero's transaction answer has no id or status", null);
        }
        return new TransactionView(id, body.path("session_id").asText(null), body.path("merchant_reference").asText(null),
                status, body.path("payment_product_type").asText(null), body.path("amount").asLong(),
                body.path("currency").asText(null), lastEventId);
    }
}
