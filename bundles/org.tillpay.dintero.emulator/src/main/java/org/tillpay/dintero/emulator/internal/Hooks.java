package org.tillpay.dintero.emulator.internal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.emulator.WebhookDelivery;
import org.tillpay.dintero.emulator.WebhookMode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Hooks API (API.md &sect;8): subscriptions per account, and their deliveries. A delivery is a {@code POST} of the
 * envelope {@code {"account_id","event","event_delivery","<object>":{...}}} with headers {@code User-Agent:
 * Dintero-Hook/1.0}, {@code event}, {@code event-delivery} and {@code event-signature} (hex HMAC-SHA1 of the raw body
 * keyed with the subscription's secret), retried up to {@value #MAX_ATTEMPTS} attempts in all on anything but a 2xx
 * (redirects are not followed), on the callback sender's executor, client and delays. Thread-safe: its own lock.
 */
final class Hooks {

    /** Dintero's attempts per delivery. */
    static final int MAX_ATTEMPTS = 5;
    static final String USER_AGENT = "Dintero-Hook/1.0";

    /** The event names a subscription may ask for (API.md &sect;8). */
    static final Set<String> EVENTS = Set.of("account_add", "account_update", "account_store_add",
            "account_store_update", "account_store_delete", "receipt_add", "receipt_update", "customer_add",
            "customer_update", "customer_delete", "customer_change_password", "token_add", "token_remove",
            "transaction", "wallet_transaction", "discount_add", "discount_update", "discount_delete",
            "discount_add_customers", "discount_customer_update", "shopping_draft_add", "shopping_draft_update",
            "shopping_draft_complete", "shopping_order_update", "shopping_order_event_add", "shopping_order_delete",
            "settlement_add", "location_add", "location_delete", "location_update", "cdd_case_update",
            "approval_payout_destination_update", "approval_payout_destination_delete", "checkout_authorization",
            "checkout_transaction", "checkout_token_add", "checkout_token_update", "checkout_token_delete");

    private static final Logger LOG = LoggerFactory.getLogger(Hooks.class);

    /** A subscription; mutable state guarded by the {@link Hooks} lock. */
    private static final class Subscription {
        final String id;
        final String accountId;
        final ObjectNode request;
        final String secret;
        final List<String> events;
        final boolean active;
        final Instant createdAt;
        ObjectNode lastDelivery;
        int failedDeliveries;

        Subscription(String id, String accountId, ObjectNode request, String secret, List<String> events,
                boolean active, Instant createdAt) {
            this.id = id;
            this.accountId = accountId;
            this.request = request;
            this.secret = secret;
            this.events = events;
            this.active = active;
            this.createdAt = createdAt;
        }

        URI url() {
            return URI.create(request.path("config").path("url").asText());
        }
    }

    /** One delivery: the exact bytes sent on every attempt, and their signature. */
    private record Delivery(Subscription subscription, String event, String eventDelivery, byte[] body,
            String signature) {
    }

    private final Clock clock;
    private final CallbackSender sender;
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final List<WebhookDelivery> deliveries = new CopyOnWriteArrayList<>();
    private volatile WebhookMode mode = WebhookMode.NORMAL;

    /**
     * @param clock the emulator's clock
     * @param sender the callback sender whose executor, client and retry delays deliveries use
     */
    Hooks(Clock clock, CallbackSender sender) {
        this.clock = clock;
        this.sender = sender;
    }

    /**
     * {@code POST /v1/accounts/{aid}/hooks/subscriptions}: validates, stores, and delivers a {@code ping}.
     *
     * @param accountId the account
     * @param rawBody the request body
     * @return the subscription as {@code GET} shows it
     * @throws ApiException 400 when the body is malformed
     */
    ObjectNode create(String accountId, byte[] rawBody) {
        JsonNode body = Json.parse(rawBody);
        if (!body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        String url = Json.text(body, "config", "url");
        URI uri;
        try {
            uri = url == null ? null : URI.create(url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !uri.isAbsolute() || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw ApiException.badRequest("config.url must be an absolute http(s) URL, was " + url);
        }
        String contentType = Objects.requireNonNullElse(Json.text(body, "config", "content_type"),
                "application/json");
        if (!"application/json".equals(contentType)) {
            throw ApiException.badRequest("config.content_type must be application/json, was " + contentType);
        }
        JsonNode secret = Json.at(body, "config", "secret");
        String secretValue = secret == null ? null : Json.text(secret, "value");
        if (secret != null && (!"HMAC-SHA1".equals(Json.text(secret, "type")) || secretValue == null
                || secretValue.isEmpty())) {
            throw ApiException.badRequest("config.secret must be {\"type\":\"HMAC-SHA1\",\"value\":\"<secret>\"}");
        }
        JsonNode events = body.get("events");
        List<String> names = new ArrayList<>();
        if (events == null || !events.isArray() || events.isEmpty()) {
            throw ApiException.badRequest("events must be a non-empty array of event names");
        }
        for (JsonNode event : events) {
            if (!event.isTextual() || !EVENTS.contains(event.asText())) {
                throw ApiException.badRequest("unknown event " + event + "; expected one of " + EVENTS);
            }
            names.add(event.asText());
        }
        JsonNode active = body.get("active");
        if (active != null && !active.isBoolean()) {
            throw ApiException.badRequest("active must be true or false");
        }
        ObjectNode stored = ((ObjectNode) body).deepCopy();
        ((ObjectNode) stored.get("config")).put("content_type", contentType);
        if (secret != null) {
            ((ObjectNode) stored.path("config").get("secret")).remove("value");
        }
        Subscription subscription = new Subscription(Ids.uuid(), accountId, stored, secretValue, List.copyOf(names),
                active == null || active.asBoolean(), clock.instant());
        synchronized (this) {
            subscriptions.put(subscription.id, subscription);
        }
        LOG.info("Webhook subscription {} for account {} created: {} to {} ({})", subscription.id, accountId, names,
                uri, subscription.secret == null ? "unsigned" : "signed");
        ping(subscription);
        synchronized (this) {
            return view(subscription);
        }
    }

    /** {@code GET .../hooks/subscriptions}: the account's subscriptions, oldest first. */
    synchronized ArrayNode list(String accountId) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        subscriptions.values().stream().filter(s -> s.accountId.equals(accountId)).forEach(s -> list.add(view(s)));
        return list;
    }

    /** {@code GET .../hooks/subscriptions/{hid}}. */
    synchronized ObjectNode get(String accountId, String id) {
        return view(owned(accountId, id));
    }

    /** {@code DELETE .../hooks/subscriptions/{hid}}. */
    synchronized void delete(String accountId, String id) {
        subscriptions.remove(owned(accountId, id).id);
        LOG.info("Webhook subscription {} for account {} deleted", id, accountId);
    }

    /** {@code POST .../hooks/subscriptions/{hid}/ping}: delivers a {@code ping}, returns its {@code event_delivery}. */
    String ping(String accountId, String id) {
        Subscription subscription;
        synchronized (this) {
            subscription = owned(accountId, id);
        }
        return ping(subscription);
    }

    private String ping(Subscription subscription) {
        ObjectNode hook = Json.object();
        hook.put("id", subscription.id);
        hook.set("events", Json.MAPPER.valueToTree(subscription.events));
        return deliver(subscription, "ping", "hook", hook);
    }

    /**
     * Notifies every active subscription of the account that asked for the event.
     *
     * @param accountId the account
     * @param event for example {@code settlement_add}
     * @param objectName the envelope's field for the object, for example {@code settlement}
     * @param object the object
     */
    void publish(String accountId, String event, String objectName, ObjectNode object) {
        List<Subscription> targets;
        synchronized (this) {
            targets = subscriptions.values().stream().filter(s -> s.accountId.equals(accountId) && s.active
                    && s.events.contains(event)).toList();
        }
        targets.forEach(s -> deliver(s, event, objectName, object));
    }

    private String deliver(Subscription subscription, String event, String objectName, ObjectNode object) {
        String eventDelivery = Ids.uuid();
        ObjectNode envelope = Json.object();
        envelope.put("account_id", subscription.accountId);
        envelope.put("event", event);
        envelope.put("event_delivery", eventDelivery);
        envelope.set(objectName, object);
        byte[] body = Json.write(envelope).getBytes(StandardCharsets.UTF_8);
        Delivery delivery = new Delivery(subscription, event, eventDelivery, body, subscription.secret == null
                ? null : CallbackSigner.hmacHex("HmacSHA1", subscription.secret, body));
        WebhookMode current = mode;
        LOG.info("Webhook {} delivery {} for account {} subscription {} scheduled ({})", event, eventDelivery,
                subscription.accountId, subscription.id, current);
        switch (current) {
            case DROP -> {
                record(delivery, 1, 0, "dropped (webhook mode DROP)", WebhookDelivery.Outcome.DROPPED);
                outcome(delivery, "dropped", 1, 0);
            }
            case DUPLICATE -> {
                sender.later(() -> attempt(delivery, 1), Duration.ZERO);
                sender.later(() -> attempt(delivery, 1), Duration.ZERO);
            }
            default -> sender.later(() -> attempt(delivery, 1), Duration.ZERO);
        }
        return eventDelivery;
    }

    private void attempt(Delivery delivery, int attempt) {
        Subscription s = delivery.subscription();
        HttpRequest.Builder request = HttpRequest.newBuilder(s.url()).header("User-Agent", USER_AGENT)
                .header("Content-Type", "application/json").header("event", delivery.event())
                .header("event-delivery", delivery.eventDelivery())
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        if (delivery.signature() != null) {
            request.header("event-signature", delivery.signature());
        }
        CallbackSender.Answer answer = sender.exchange(request);
        if (answer == null) {
            return;
        }
        record(delivery, attempt, answer.status(), answer.error(), WebhookDelivery.Outcome.SENT);
        String why = answer.error() != null ? answer.error() : "HTTP " + answer.status();
        if (answer.status() >= 200 && answer.status() < 300) {
            LOG.info("Webhook {} delivery {} for account {} subscription {} delivered ({}, attempt {})",
                    delivery.event(), delivery.eventDelivery(), s.accountId, s.id, why, attempt);
            outcome(delivery, "delivered", attempt, answer.status());
        } else if (attempt >= MAX_ATTEMPTS) {
            LOG.warn("Webhook {} delivery {} for account {} subscription {} failed ({}); giving up after {} attempts",
                    delivery.event(), delivery.eventDelivery(), s.accountId, s.id, why, attempt);
            outcome(delivery, "failed", attempt, answer.status());
        } else {
            Duration delay = sender.retryDelay(attempt);
            LOG.info("Webhook {} delivery {} for account {} subscription {} failed ({}); retry {} in {} ms",
                    delivery.event(), delivery.eventDelivery(), s.accountId, s.id, why, attempt + 1,
                    delay.toMillis());
            sender.later(() -> attempt(delivery, attempt + 1), delay);
        }
    }

    private void record(Delivery delivery, int attempt, int status, String error, WebhookDelivery.Outcome outcome) {
        Subscription s = delivery.subscription();
        deliveries.add(new WebhookDelivery(s.accountId, s.id, delivery.event(), delivery.eventDelivery(),
                s.url().toString(), attempt, status, error, clock.instant(), outcome));
    }

    /** Records how a delivery ended on its subscription ({@code last_delivery}, {@code failed_deliveries}). */
    private synchronized void outcome(Delivery delivery, String status, int attempts, int httpStatus) {
        Subscription s = delivery.subscription();
        ObjectNode last = Json.object();
        last.put("event", delivery.event());
        last.put("event_delivery", delivery.eventDelivery());
        last.put("status", status);
        last.put("attempts", attempts);
        last.put("http_status", httpStatus);
        last.put("at", Ids.iso(clock.instant()));
        s.lastDelivery = last;
        if (!"delivered".equals(status)) {
            s.failedDeliveries++;
        }
    }

    private Subscription owned(String accountId, String id) {
        Subscription s = subscriptions.get(id);
        if (s == null || !s.accountId.equals(accountId)) {
            throw ApiException.notFound("hook subscription " + id + " not found");
        }
        return s;
    }

    /** The subscription as {@code GET} shows it: the request as sent, without the secret's value, plus state. */
    private static ObjectNode view(Subscription s) {
        ObjectNode view = Json.object();
        view.put("id", s.id);
        view.put("account_id", s.accountId);
        view.put("created_at", Ids.iso(s.createdAt));
        view.setAll(s.request.deepCopy());
        view.put("active", s.active);
        if (s.lastDelivery != null) {
            view.set("last_delivery", s.lastDelivery.deepCopy());
        }
        view.put("failed_deliveries", s.failedDeliveries);
        return view;
    }

    WebhookMode mode() {
        return mode;
    }

    void mode(WebhookMode newMode) {
        mode = Objects.requireNonNull(newMode, "mode");
        LOG.info("Webhook mode set to {}", newMode);
    }

    List<WebhookDelivery> deliveries() {
        return List.copyOf(deliveries);
    }
}
