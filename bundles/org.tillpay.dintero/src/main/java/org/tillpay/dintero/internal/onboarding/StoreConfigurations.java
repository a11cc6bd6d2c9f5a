package org.tillpay.dintero.internal.onboarding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Objects;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.tillpay.dintero.internal.config.DinteroStoreConfig;
import org.tillpay.dintero.internal.config.PartnerSettings;
import org.tillpay.dintero.api.onboarding.OnboardingReport.Outcome;
import org.tillpay.dintero.api.onboarding.OnboardingRequest;

/**
 * Writes an onboarded store's configuration through Config Admin: the factory configuration
 * {@code org.tillpay.dintero.store} named {@code onboarded-<store>} (kept by Config Admin across restarts, and shown
 * by {@code config:list}), with every secret named ({@code $[secret:...]}), never written. Left untouched when it
 * already says the same, so a second run does not restart the store.
 */
final class StoreConfigurations {

    /** Where a store's configuration goes: Config Admin, or for tests a map. */
    @FunctionalInterface
    interface Target {
        /**
         * @param name the factory configuration's name
         * @param wanted the properties
         * @return CREATED, UPDATED, or REUSED when it already held exactly these
         */
        Outcome put(String name, Dictionary<String, Object> wanted) throws IOException;
    }

    private final Target target;
    private String clientId;

    StoreConfigurations(Target target) {
        this.target = target;
    }

    /** @return a target writing factory configurations {@code org.tillpay.dintero.store} through Config Admin */
    static Target configAdmin(ConfigurationAdmin admin) {
        return (name, wanted) -> {
            Configuration config = admin.getFactoryConfiguration(DinteroStoreConfig.PID, name, "?");
            Dictionary<String, Object> existing = config.getProperties();
            if (existing != null && same(existing, wanted)) {
                return Outcome.REUSED;
            }
            config.update(wanted);
            return existing == null ? Outcome.CREATED : Outcome.UPDATED;
        };
    }

    /** @return the factory configuration's name for a store */
    static String name(String storeId) {
        return "onboarded-" + storeId;
    }

    /** Remembers the store's API client id (its {@code client_id}, not the UUID). */
    void clientId(String value) {
        this.clientId = value;
    }

    Outcome write(PartnerSettings partner, OnboardingRequest request, String profileId, String clientSecretRef,
            String signatureSecretRef, String webhookSecretRef) {
        Objects.requireNonNull(clientId, "the API client step runs first");
        Dictionary<String, Object> wanted = new Hashtable<>();
        wanted.put("store.id", request.storeId());
        wanted.put("store.name", request.storeName());
        wanted.put("account.id", request.merchantAccountId());
        wanted.put("client.id", clientId);
        wanted.put("client.secret", clientSecretRef);
        wanted.put("signature.secret", signatureSecretRef);
        wanted.put("webhook.secret", webhookSecretRef);
        wanted.put("profile.id", profileId);
        wanted.put("api.base.url", partner.apiBaseUrl().toString());
        wanted.put("checkout.base.url", partner.checkoutBaseUrl().toString());
        wanted.put("callback.base.url", partner.callbackBaseUrl().toString());
        wanted.put("accounting.number", request.accountingNumber());
        wanted.put("payment.methods", String.join(",", request.paymentMethods()));
        wanted.put("onboarded.by.partner", partner.partnerId());
        try {
            return target.put(name(request.storeId()), wanted);
        } catch (IOException e) {
            throw new UncheckedIOException("the configuration of store " + request.storeId() + " was not written", e);
        }
    }

    static boolean same(Dictionary<String, Object> existing, Dictionary<String, Object> wanted) {
        for (Map.Entry<String, Object> e : ((Hashtable<String, Object>) wanted).entrySet()) {
            if (!String.valueOf(e.getValue()).equals(String.valueOf(existing.get(e.getKey())))) {
                return false;
            }
        }
        return true;
    }
}
