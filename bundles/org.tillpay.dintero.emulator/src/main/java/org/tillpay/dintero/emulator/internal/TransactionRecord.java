package org.tillpay.dintero.emulator.internal;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A stored transaction. Not thread-safe: the {@link Emulator} guards every instance with its own lock. */
final class TransactionRecord {

    final String id;
    final String sessionId;
    final Account account;
    final long amount;
    private final ObjectNode base;
    private final ArrayNode events = Json.MAPPER.createArrayNode();
    String status;
    Instant updatedAt;

    /** Creates the transaction from the paid session, copying what Dintero copies. */
    TransactionRecord(String id, SessionRecord session, PaymentMethods.Product product, Instant at) {
        this.id = id;
        this.sessionId = session.id;
        this.account = session.account;
        this.amount = session.amount();
        this.updatedAt = at;
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
        base.put("settlement_status", "NOT_SETTLED");
    }

    /** Appends an event and moves to its status. */
    ObjectNode event(String event, String transactionStatus, long eventAmount, Instant at) {
        ObjectNode node = events.addObject();
        node.put("id", Ids.uuid());
        node.put("event", event);
        node.put("success", true);
        node.put("amount", eventAmount);
        node.put("transaction_status", transactionStatus);
        node.put("created_at", Ids.iso(at));
        node.put("created_by", "dintero-emulator");
        node.put("request_id", Ids.uuid());
        if ("CAPTURE".equals(event)) {
            node.set("items", base.get("items").deepCopy());
        }
        status = transactionStatus;
        updatedAt = at;
        return node;
    }

    /** The transaction as {@code GET /v1/transactions/{id}} shows it. */
    ObjectNode view() {
        ObjectNode view = base.deepCopy();
        view.put("status", status);
        view.set("events", events.deepCopy());
        view.put("updated_at", Ids.iso(updatedAt));
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
