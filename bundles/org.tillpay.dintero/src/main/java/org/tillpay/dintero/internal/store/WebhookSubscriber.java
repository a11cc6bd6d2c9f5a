package org.tillpay.dintero.internal.store;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.internal.client.DinteroApi;
import org.tillpay.dintero.internal.client.DinteroJson;
import org.tillpay.dintero.internal.config.Secret;
import org.tillpay.dintero.internal.config.StoreSettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Makes sure the store's account has webhook subscriptions pointing at this Karaf
 * ({@code <callback.base.url>/tillpay/dintero/hooks/<store>}, API.md &sect;8) for the events the store uses,
 * {@code settlement_add} and {@code checkout_transaction}, when the store has a {@code webhook.secret}: the account's
 * subscriptions are listed first, and one is created only for the events no active subscription to that URL has (Dintero
 * may delete a subscription after repeated failed deliveries; the next start creates it again). An older subscription
 * with {@code settlement_add} only is thus completed by a second one, never changed or deleted.
 */
final class WebhookSubscriber {

    /** The events the store subscribes to. */
    static final List<String> EVENTS = List.of("settlement_add", "checkout_transaction");

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSubscriber.class);

    private WebhookSubscriber() {
    }

    /** @return the URL Dintero delivers the store's webhooks to */
    static String hookUrl(StoreSettings settings) {
        return settings.callbackBaseUrl() + "/tillpay/dintero/hooks/" + settings.storeId();
    }

    /**
     * @param settings the store
     * @param api the store's Dintero API
     * @return completes with true when a subscription was created, false when the events were covered or none is
     *         wanted
     */
    static CompletableFuture<Boolean> ensure(StoreSettings settings, DinteroApi api) {
        if (settings.settlements().webhookSecret().isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        Secret secret = settings.settlements().webhookSecret().get();
        String url = hookUrl(settings);
        return api.listHookSubscriptions().thenCompose(list -> {
            Set<String> missing = new LinkedHashSet<>(EVENTS);
            List<String> existing = new ArrayList<>();
            for (JsonNode s : list.isArray() ? list : list.path("items")) {
                if (url.equals(s.path("config").path("url").asText()) && s.path("active").asBoolean(true)) {
                    s.path("events").forEach(e -> missing.remove(e.asText()));
                    existing.add(s.path("id").asText());
                }
            }
            if (missing.isEmpty()) {
                LOG.info("store {}: webhook subscription(s) {} already in place for {}", settings.storeId(), existing,
                        EVENTS);
                return CompletableFuture.completedFuture(false);
            }
            ObjectNode body = DinteroJson.MAPPER.createObjectNode();
            ObjectNode config = body.putObject("config");
            config.put("url", url);
            config.put("content_type", "application/json");
            config.putObject("secret").put("type", "HMAC-SHA1").put("value", secret.reveal());
            config.put("insecure_ssl", 0);
            missing.forEach(body.putArray("events")::add);
            body.put("active", true);
            return api.createHookSubscription(body).thenApply(created -> {
                LOG.info("store {}: webhook subscription {} created for {} to {}", settings.storeId(),
                        created.path("id").asText(), missing, url);
                return true;
            });
        });
    }
}
