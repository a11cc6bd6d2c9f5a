package org.tillpay.dintero.internal.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.api.operations.PaymentProfile;
import org.tillpay.dintero.internal.client.Completions;
import org.tillpay.dintero.internal.client.DinteroApi;
import org.tillpay.dintero.internal.client.DinteroJson;
import org.tillpay.dintero.internal.config.StoreSettings;
import org.tillpay.payment.api.PaymentMethodChoice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The payment profiles of a store's account ({@code /v1/admin/session/profiles}, API.md &sect;11.7), with the
 * store's own token: listed with the methods each enables, and created or updated (read first, then {@code POST} or
 * {@code PUT}) to offer exactly the given methods.
 */
final class PaymentProfiles {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentProfiles.class);

    private final StoreSettings settings;
    private final DinteroApi api;

    PaymentProfiles(StoreSettings settings, DinteroApi api) {
        this.settings = settings;
        this.api = api;
    }

    CompletableFuture<List<PaymentProfile>> list() {
        return api.readProfiles("?limit=100").thenApply(body -> {
            List<PaymentProfile> profiles = new ArrayList<>();
            for (JsonNode p : body.isArray() ? body : body.path("profiles")) {
                profiles.add(view(p));
            }
            return profiles;
        });
    }

    CompletableFuture<PaymentProfile> save(PaymentProfile profile) {
        Set<PaymentMethodChoice> methods;
        try {
            methods = PaymentMethodConfiguration.choices(profile.paymentMethods());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        ObjectNode body = DinteroJson.MAPPER.createObjectNode().put("profile_id", profile.profileId())
                .put("description", profile.description());
        PaymentMethodConfiguration.enable(body.putObject("configuration"), methods);
        return Completions.orNullWhenNotFound(api.readProfiles("/" + profile.profileId()))
                .thenApply(existing -> existing != null)
                .thenCompose(exists -> api.writeProfile(exists ? "PUT" : "POST",
                        exists ? "/" + profile.profileId() : "", body).thenApply(saved -> {
                    LOG.info("store {}: payment profile {} {}: {}", settings.storeId(), profile.profileId(),
                            exists ? "updated" : "created", profile.paymentMethods());
                    return view(saved);
                }));
    }

    private static PaymentProfile view(JsonNode p) {
        return new PaymentProfile(p.path("profile_id").asText(), p.path("description").asText(""),
                PaymentMethodConfiguration.enabled(p.path("configuration")).stream().map(PaymentMethodChoice::id)
                        .toList());
    }
}
