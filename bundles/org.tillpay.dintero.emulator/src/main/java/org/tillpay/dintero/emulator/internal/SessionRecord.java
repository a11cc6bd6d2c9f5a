package org.tillpay.dintero.emulator.internal;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A stored checkout session. Not thread-safe: the {@link Emulator} guards every instance with its own lock. */
final class SessionRecord {

    final String id;
    final Account account;
    final String profileId;
    final Instant createdAt;
    private final ObjectNode request;
    private final ArrayNode publish;
    private final ArrayNode events = Json.MAPPER.createArrayNode();
    Instant updatedAt;
    Instant expiresAt;
    String transactionId;
    Instant cancelledAt;
    String cancelledBy;
    boolean declined;
    String customerIp;
    String userAgent;

    SessionRecord(String id, Account account, ObjectNode request, ArrayNode publish, Instant createdAt,
            Instant expiresAt) {
        this.id = id;
        this.account = account;
        this.profileId = Json.text(request, "profile_id");
        this.request = request.deepCopy();
        this.publish = publish;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.expiresAt = expiresAt;
    }

    void event(String name, Instant at, ObjectNode details) {
        ObjectNode event = events.addObject();
        event.put("id", Ids.uuid());
        event.put("name", name);
        event.put("created_at", Ids.iso(at));
        event.put("request_id", Ids.uuid());
        if (details != null) {
            event.set("details", details);
        }
        updatedAt = at;
    }

    JsonNode order() {
        return request.path("order");
    }

    String merchantReference() {
        return order().path("merchant_reference").asText();
    }

    long amount() {
        return order().path("amount").asLong();
    }

    String currency() {
        return order().path("currency").asText();
    }

    String returnUrl() {
        return Json.text(request, "url", "return_url");
    }

    String callbackUrl() {
        return Json.text(request, "url", "callback_url");
    }

    /** @return {@code express} when this is an Express Checkout session, else null */
    JsonNode express() {
        JsonNode express = request.get("express");
        return express != null && express.isObject() ? express : null;
    }

    /**
     * Sets the Express delivery address and shipping option: {@code order.shipping_address}, and
     * {@code order.shipping_option} with its amount (and VAT) added to the order's in place of any earlier option's.
     *
     * @param address the {@code OrderAddress}
     * @param option the chosen {@code ShippingOption}, or null
     */
    void shipTo(ObjectNode address, ObjectNode option) {
        ObjectNode order = (ObjectNode) request.get("order");
        order.set("shipping_address", address.deepCopy());
        JsonNode previous = order.get("shipping_option");
        if (option == null || option.equals(previous)) {
            return;
        }
        order.put("amount", amountWith(option));
        if (order.has("vat_amount") && option.has("vat_amount")) {
            long oldVat = previous == null ? 0 : previous.path("vat_amount").asLong();
            order.put("vat_amount", order.path("vat_amount").asLong() - oldVat + option.path("vat_amount").asLong());
        }
        order.set("shipping_option", option.deepCopy());
    }

    /**
     * The order amount once a shipping option is chosen: its amount in place of any earlier option's.
     *
     * @param option the option, or null for none
     * @return the amount
     */
    long amountWith(JsonNode option) {
        JsonNode previous = order().get("shipping_option");
        if (option == null || option.equals(previous)) {
            return amount();
        }
        return amount() - (previous == null ? 0 : previous.path("amount").asLong()) + option.path("amount").asLong();
    }

    JsonNode configuration() {
        return request.path("configuration");
    }

    JsonNode customer() {
        return request.get("customer");
    }

    boolean autoCapture() {
        return configuration().path("auto_capture").asBoolean(false);
    }

    String configuredMerchantName() {
        return Json.text(request, "merchant", "name");
    }

    String merchantName() {
        String name = configuredMerchantName();
        String store = Json.text(request, "order", "store", "name");
        return name != null ? name : store != null ? store : account.accountId();
    }

    boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    String status(Instant now, String transactionStatus) {
        if (transactionStatus != null) {
            return transactionStatus;
        }
        if (cancelledAt != null) {
            return "CANCELLED";
        }
        if (expired(now)) {
            return "EXPIRED";
        }
        return declined ? "DECLINED" : "OPEN";
    }

    /** The session as {@code GET /v1/sessions/{id}} shows it. */
    ObjectNode view() {
        ObjectNode view = Json.object();
        view.put("id", id);
        view.put("created_at", Ids.iso(createdAt));
        view.put("updated_at", Ids.iso(updatedAt));
        view.put("expires_at", Ids.iso(expiresAt));
        request.fields().forEachRemaining(field -> {
            if (!"profile_id".equals(field.getKey()) && !"expires_at".equals(field.getKey())) {
                view.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        ObjectNode configuration = view.has("configuration") && view.get("configuration").isObject()
                ? (ObjectNode) view.get("configuration") : view.putObject("configuration");
        if (!publish.isEmpty()) {
            configuration.set("publish", publish.deepCopy());
        }
        ObjectNode metadata = view.has("metadata") && view.get("metadata").isObject()
                ? (ObjectNode) view.get("metadata") : view.putObject("metadata");
        metadata.put("session:profile_id", profileId);
        if (customerIp != null) {
            view.put("customer_ip", customerIp);
        }
        if (userAgent != null) {
            view.put("user_agent", userAgent);
        }
        view.set("events", events.deepCopy());
        if (transactionId != null) {
            view.put("transaction_id", transactionId);
        }
        if (cancelledAt != null) {
            view.put("cancelled_at", Ids.iso(cancelledAt));
            view.put("cancelled_by", cancelledBy);
        }
        return view;
    }

    ArrayNode publishView() {
        return publish.deepCopy();
    }
}
