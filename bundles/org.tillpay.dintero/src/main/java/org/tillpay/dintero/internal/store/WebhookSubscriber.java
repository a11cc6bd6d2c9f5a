package org.tillpay.dintero.internal.store;

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
 * Makes sure the store's account has a {@code settlement_add} webhook subscription pointing at this Karaf
 * ({@code <callback.base.url>/tillpay/dintero/hooks/<store>}, API.md &sect;8), when the store has a
 * {@code webhook.secret}: the account's subscriptions are listed first, and one is created only when none points at
 * that URL (Dintero may delete a subscription after repeated failed deliveries; the next start creates it again).
 */
final class WebhookSubscriber {

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
     * @return completes with true when a subscription was created, false when one existed or none is wanted
     */
    static CompletableFuture<Boolean> ensure(StoreSettings settings, DinteroApi api) {
        if (settings.settlements().webhookSecret().isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        Secret secret = settings.settlements().webhookSecret().get();
        String url = hookUrl(settings);
        return api.listHookSubscriptions().thenCompose(list -> {
            for (JsonNode s : list.isArray() ? list : list.path("items")) {
                if (url.equals(s.path("config").path("url").asText()) && s.path("active").asBoolean(true)) {
                    LOG.info("store {}: settlement webhook subscription {} already in place", settings.storeId(),
                            s.path("id").asText());
                    return CompletableFuture.completedFuture(false);
                }
            }
            ObjectNode body = DinteroJson.MAPPER.createObjectNode();
            ObjectNode config = body.putObject("config");
            config.put("url", url);
            config.put("content_type", "application/json");
            config.putObject("secret").put("type", "HMAC-SHA1").put("value", secret.reveal());
            config.put("insecure_ssl", 0);
            body.putArray("events").add("settlement_add");
            body.put("active", true);
            return api.createHookSubscription(body).thenApply(created -> {
                LOG.info("store {}: settlement webhook subscription {} created for {}", settings.storeId(),
                        created.path("id").asText(), url);
                return true;
            });
        });
    }
}
