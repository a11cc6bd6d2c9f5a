package org.tillpay.bench;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.tillpay.dintero.internal.config.DinteroStoreConfig;
import org.tillpay.dintero.internal.config.StoreSettings;

/**
 * Store settings for the bench, validated by the product's own {@link StoreSettings#from}. The configuration is a
 * proxy that answers the keys below and every other attribute's declared default, as SCR would.
 */
final class BenchStores {

    private BenchStores() {
    }

    /** One emulator account and the store that uses it. */
    record Account(String storeId, String accountId, String clientId, String clientSecret, String signatureSecret) {
    }

    static StoreSettings settings(Account a, String apiBase, String checkoutBase, String callbackBase) {
        Map<String, Object> values = Map.ofEntries(Map.entry("store_id", a.storeId()),
                Map.entry("store_name", "Bench " + a.storeId()), Map.entry("account_id", a.accountId()),
                Map.entry("client_id", a.clientId()), Map.entry("client_secret", a.clientSecret()),
                Map.entry("signature_secret", a.signatureSecret()), Map.entry("profile_id", "default"),
                Map.entry("api_base_url", apiBase), Map.entry("checkout_base_url", checkoutBase),
                Map.entry("callback_base_url", callbackBase), Map.entry("accounting_number", "1920"),
                Map.entry("poll_interval_seconds", 0));
        DinteroStoreConfig config = (DinteroStoreConfig) Proxy.newProxyInstance(BenchStores.class.getClassLoader(),
                new Class<?>[] {DinteroStoreConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> DinteroStoreConfig.class;
                    case "toString" -> "BenchStoreConfig" + values.keySet();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> values.containsKey(method.getName()) ? values.get(method.getName())
                            : method.getDefaultValue();
                });
        return StoreSettings.from(config);
    }
}
