package org.tillpay.dintero.emulator.internal;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A stored transaction: what Dintero shows ({@link #view()}) and the money behind its status (totals and per-line
 * amounts captured, refunded and voided, the gift-card share). Not thread-safe: the {@link Emulator} guards every
 * instance with its own lock.
 */
final class TransactionRecord {

    final String id;
    final String sessionId;
    final Account account;
    final long amount;
    final Instant createdAt;
    private final ObjectNode base;
    private final ArrayNode events = Json.MAPPER.createArrayNode();
    /** Line amounts by {@code line_id}, in item order (shipping included). */
    final Map<String, Long> lineAmounts = new LinkedHashMap<>();
    final Map<String, Long> lineCaptured = new LinkedHashMap<>();
    final Map<String, Long> lineRefunded = new LinkedHashMap<>();
    String status;
    Instant updatedAt;
    long captured;
    long refunded;
    long voided;
    /** Amounts accepted under {@code ASYNC} and not completed yet: reserved against further operations. */
    long pendingCapture;
    long pendingRefund;
    boolean pendingVoid;
    /** The Dintero Wallets part of the payment, or null. */
    GiftCards.Draw giftCard;
    long giftCaptured;
    long giftRefunded;
    /** Ids of the {@code CAPTURE}/{@code REFUND} events paid out in a settlement ({@link Settlements}). */
    final Set<String> settledEvents = new HashSet<>();
    /** {@code settlements.events[]}: one entry per settled event. */
    final ArrayNode settlementEvents = Json.MAPPER.createArrayNode();

    /** Creates the transaction from the paid session, copying what Dintero copies. */
    TransactionRecord(String id, SessionRecord session, PaymentMethods.Product product, Instant at) {
        this.id = id;
        this.sessionId = session.id;
        this.account = session.account;
        this.amount = session.amount();
        this.updatedAt = at;
        this.createdAt = at;
        JsonNode order = session.order();
        base = Json.object();
        base.put("id", id);
        base.put("session_id", session.id);
        base.put("created_at", Ids.iso(at));
        base.put("payment_product", product.product());
        base.put("payment_product_type", product.type());
        base.put("amount", amount);
        base.put("currency", session.currency());
        base.put("merchant_reference", session.merchantReference());
        for (String field : new String[] {"merchant_reference_2", "payout_destination_id", "store",
            "shipping_address", "billing_address", "shipping_option"}) {
            if (order.hasNonNull(field)) {
                base.set(field, order.get(field).deepCopy());
            }
        }
        ArrayNode items = base.putArray("items");
        order.path("items").forEach(item -> items.add(item.deepCopy()));
        JsonNode shipping = order.get("shipping_option");
        if (shipping != null && shipping.isObject()) {
            // After payment the shipping option becomes an ordinary item (API.md 4.1).
            ObjectNode line = items.addObject();
            copy(shipping, line, "id", "line_id", "amount", "vat_amount", "vat");
            line.put("description", shipping.path("title").asText("Shipping"));
            line.put("quantity", 1);
            line.put("type", "shipping");
        }
        items.forEach(item -> {
            if (item.hasNonNull("line_id")) {
                lineAmounts.put(item.path("line_id").asText(), item.path("amount").asLong());
            }
        });
        JsonNode customer = session.customer();
        if (customer != null) {
            ObjectNode copied = base.putObject("customer");
            copy(customer, copied, "customer_id", "email", "phone_number");
        }
        if (session.callbackUrl() != null) {
            base.putObject("url").put("callback_url", session.callbackUrl());
        }
        ObjectNode metadata = base.putObject("metadata");
        metadata.put("session:profile_id", session.profileId);
        if (session.configuredMerchantName() != null) {
            metadata.put("merchant_name", session.configuredMerchantName());
        }
    }

    /** Appends a successful event by the emulator itself and moves to its status. */
    ObjectNode event(String event, String transactionStatus, long eventAmount, Instant at) {
        return event(event, transactionStatus, eventAmount, at, "dintero-emulator", Ids.uuid());
    }

    /**
     * Appends a successful event and moves to its status; callers add {@code items}, {@code event_reference},
     * {@code correlation_request_id}, {@code gift_cards} or turn it into a failure ({@link #failed}).
     *
     * @param event for example {@code CAPTURE}
     * @param transactionStatus the status after the event
     * @param eventAmount the amount
     * @param at when
     * @param createdBy the API client id, {@code backoffice} or {@code dintero-emulator}
     * @param requestId the event's {@code request_id}
     * @return the stored event, still mutable
     */
    ObjectNode event(String event, String transactionStatus, long eventAmount, Instant at, String createdBy,
            String requestId) {
        ObjectNode node = events.addObject();
        node.put("id", Ids.uuid());
        node.put("event", event);
        node.put("success", true);
        node.put("amount", eventAmount);
        node.put("transaction_status", transactionStatus);
        node.put("created_at", Ids.iso(at));
        node.put("created_by", createdBy);
        node.put("request_id", requestId);
        status = transactionStatus;
        updatedAt = at;
        return node;
    }

    /**
     * Marks an event as failed at the provider: {@code success:false} and {@code error{code,message}}.
     *
     * @param event the event
     * @param code the error code
     * @param message the error message
     */
    static void failed(ObjectNode event, String code, String message) {
        event.put("success", false);
        ObjectNode error = event.putObject("error");
        error.put("code", code);
        error.put("message", message);
    }

    /** @return the transaction's items, as stored (shipping included) */
    ArrayNode items() {
        return (ArrayNode) base.get("items");
    }

    /** @return the {@code payment_product_type} */
    String paymentProductType() {
        return base.path("payment_product_type").asText();
    }

    /** @return the {@code merchant_reference} */
    String merchantReference() {
        return base.path("merchant_reference").asText();
    }

    /**
     * Records the gift-card part of the payment as {@code gift_cards[]}.
     *
     * @param draw what was drawn from the card
     */
    void giftCard(GiftCards.Draw draw) {
        this.giftCard = draw;
        base.putArray("gift_cards").add(draw.view(draw.amount(), null));
    }

    /**
     * The status the money gives: {@code AUTHORIZATION_VOIDED} when all was voided before any capture, else by what
     * was captured, refunded and voided (a void of the remainder after a partial capture counts as captured in full).
     *
     * @return the status
     */
    String moneyStatus() {
        boolean allCaptured = captured + voided >= amount;
        if (captured == 0 && voided >= amount) {
            return "AUTHORIZATION_VOIDED";
        }
        if (refunded > 0) {
            return !allCaptured ? "PARTIALLY_CAPTURED_REFUNDED" : refunded >= captured ? "REFUNDED"
                    : "PARTIALLY_REFUNDED";
        }
        if (captured > 0) {
            return allCaptured ? "CAPTURED" : "PARTIALLY_CAPTURED";
        }
        return status;
    }

    /** @return the stored events, live (for {@link Settlements}; do not change them) */
    ArrayNode events() {
        return events;
    }

    /**
     * @param path field names, for example {@code payment_product} or {@code store, id}
     * @return the text there, or null when absent
     */
    String text(String... path) {
        return Json.text(base, path);
    }

    /**
     * What an event moves at the payment provider: the amount of a successful {@code CAPTURE} or {@code REFUND} minus
     * its gift-card share ({@code dintero.wallets} has no payout); 0 for other events.
     *
     * @param event an event of {@link #events()}
     * @return the provider's amount, minor units
     */
    static long providerAmount(JsonNode event) {
        String kind = event.path("event").asText();
        if (!event.path("success").asBoolean(false) || !("CAPTURE".equals(kind) || "REFUND".equals(kind))) {
            return 0;
        }
        long gift = 0;
        for (JsonNode card : event.path("gift_cards")) {
            gift += card.path("amount").asLong();
        }
        return Math.max(0, event.path("amount").asLong() - gift);
    }

    /**
     * {@code NOT_SETTLED} before any settlement; {@code SETTLED} when every capture and refund with a payout is
     * settled; {@code PARTIALLY_SETTLED} in between (a later capture or refund not settled yet).
     *
     * @return the settlement status
     */
    String settlementStatus() {
        if (settledEvents.isEmpty()) {
            return "NOT_SETTLED";
        }
        for (JsonNode event : events) {
            if (providerAmount(event) > 0 && !settledEvents.contains(event.path("id").asText())) {
                return "PARTIALLY_SETTLED";
            }
        }
        return "SETTLED";
    }

    /** The transaction as {@code GET /v1/transactions/{id}} shows it. */
    ObjectNode view() {
        ObjectNode view = base.deepCopy();
        view.put("status", status);
        view.set("events", events.deepCopy());
        view.put("updated_at", Ids.iso(updatedAt));
        String settlementStatus = settlementStatus();
        view.put("settlement_status", settlementStatus);
        if (!settlementEvents.isEmpty()) {
            ObjectNode settlements = view.putObject("settlements");
            settlements.set("events", settlementEvents.deepCopy());
            settlements.put("settlement_status", settlementStatus);
        }
        return view;
    }

    private static void copy(JsonNode from, ObjectNode to, String... fields) {
        for (String field : fields) {
            if (from.hasNonNull(field)) {
                to.set(field, from.get(field).deepCopy());
            }
        }
    }
}
