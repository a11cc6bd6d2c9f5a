package org.tillpay.dintero.internal.client;

import java.util.ArrayList;
import java.util.List;

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
 * @param shippingAddress the Express delivery address as lines ("name, street, postal code and place, country"), or null
 * @param giftCardAmount the part paid by gift card ({@code gift_cards[].amount}), minor units
 * @param events the transaction's events, oldest first
 */
public record TransactionView(String id, String sessionId, String merchantReference, String status,
        String paymentProductType, long amount, String currency, String lastEventId, String shippingAddress,
        long giftCardAmount, List<TransactionEvent> events) {

    /** Copies the events. */
    public TransactionView {
        events = List.copyOf(events);
    }

    static TransactionView from(JsonNode body) {
        JsonNode events = body.path("events");
        String lastEventId = events.isArray() && events.size() > 0 ? events.get(events.size() - 1).path("id").asText(null) : null;
        String id = body.path("id").asText("");
        String status = body.path("status").asText("");
        if (id.isEmpty() || status.isEmpty()) {
            throw new DinteroCallException(200, null, "Dintero's transaction answer has no id or status", null);
        }
        List<TransactionEvent> parsed = new ArrayList<>();
        events.forEach(e -> parsed.add(TransactionEvent.from(e)));
        long giftCard = 0;
        for (JsonNode card : body.path("gift_cards")) {
            giftCard += card.path("amount").asLong();
        }
        return new TransactionView(id, body.path("session_id").asText(null), body.path("merchant_reference").asText(null),
                status, body.path("payment_product_type").asText(null), body.path("amount").asLong(),
                body.path("currency").asText(null), lastEventId, address(body.path("shipping_address")), giftCard,
                parsed);
    }

    private static String address(JsonNode a) {
        if (!a.isObject()) {
            return null;
        }
        String name = (a.path("first_name").asText("") + " " + a.path("last_name").asText("")).strip();
        String street = a.path("address_line").asText("").strip();
        String place = (a.path("postal_code").asText("") + " " + a.path("postal_place").asText("")).strip();
        String country = a.path("country").asText("").strip();
        String lines = java.util.stream.Stream.of(name, street, place, country).filter(l -> !l.isEmpty())
                .collect(java.util.stream.Collectors.joining("\n"));
        return lines.isEmpty() ? null : lines;
    }
}
