package org.tillpay.dintero.internal.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event of a Dintero transaction (API.md &sect;7.2), as far as operations need it.
 *
 * @param id the event id
 * @param event {@code AUTHORIZE}, {@code CAPTURE}, {@code REFUND}, {@code VOID}, {@code INITIATE_CAPTURE}, ...
 * @param success whether it succeeded
 * @param amount its amount, minor units
 * @param giftCardAmount of the amount, the gift-card part (Dintero Wallets), minor units
 * @param transactionStatus the transaction's status after it
 * @param eventReference the {@code capture_reference} / {@code refund_reference} sent, or null
 * @param requestId the request that made it
 * @param correlationRequestId for the final event of an accepted (202) operation, the {@code event-request-id}
 * @param createdBy who made it (an API client id, or a Backoffice user)
 * @param error the error message of a failed event, or null
 */
public record TransactionEvent(String id, String event, boolean success, long amount, long giftCardAmount,
        String transactionStatus, String eventReference, String requestId, String correlationRequestId,
        String createdBy, String error) {

    static TransactionEvent from(JsonNode e) {
        long giftCard = 0;
        for (JsonNode card : e.path("gift_cards")) {
            giftCard += card.path("amount").asLong();
        }
        JsonNode error = e.path("error");
        String message = error.isObject() ? error.path("message").asText(error.path("code").asText(null)) : null;
        return new TransactionEvent(e.path("id").asText(null), e.path("event").asText(""),
                e.path("success").asBoolean(true), e.path("amount").asLong(), giftCard,
                e.path("transaction_status").asText(null), e.path("event_reference").asText(null),
                e.path("request_id").asText(null), e.path("correlation_request_id").asText(null),
                e.path("created_by").asText(null), message);
    }

    /** @return true for a final capture, refund or void (not an {@code INITIATE_...} one) */
    public boolean isOperation() {
        return "CAPTURE".equals(event) || "REFUND".equals(event) || "VOID".equals(event);
    }
}
