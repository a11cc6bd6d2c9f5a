package org.tillpay.dintero.emulator.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** The hosted page's payment methods and what they become on a transaction; payment types enabled by a session. */
final class PaymentMethods {

    /** A method's {@code payment_product} and {@code payment_product_type}, and its label on the page. */
    record Product(String product, String type, String label) {
    }

    static final Map<String, Product> BY_METHOD;

    static {
        Map<String, Product> m = new LinkedHashMap<>();
        m.put("vipps", new Product("vipps", "vipps", "Vipps"));
        m.put("mobilepay", new Product("payex", "payex.mobilepay", "MobilePay"));
        m.put("swish", new Product("swish", "swish.swish", "Swish"));
        m.put("klarna", new Product("klarna", "klarna.klarna", "Klarna"));
        m.put("walley", new Product("collector", "collector.invoice", "Walley"));
        m.put("billie", new Product("klarna", "klarna.billie", "Billie"));
        m.put("card", new Product("dintero_psp", "dintero_psp.creditcard", "Card"));
        m.put("applepay", new Product("dintero_psp", "dintero_psp.applepay", "Apple Pay"));
        m.put("googlepay", new Product("dintero_psp", "dintero_psp.googlepay", "Google Pay"));
        BY_METHOD = java.util.Collections.unmodifiableMap(m);
    }

    /** Payment providers whose switches live at {@code configuration.<provider>}. */
    private static final Set<String> PROVIDERS = Set.of("vipps", "swish", "payex", "dintero_psp", "klarna",
            "collector", "bambora", "instabank", "netaxept", "santander", "dintero");

    /**
     * Types that get an app push instead of an SMS when they are the only type enabled: those of the page's Vipps,
     * Swish and MobilePay methods ({@code vipps}, {@code swish.swish}, {@code payex.mobilepay}).
     */
    private static final Set<String> PUSH_TYPES = Set.of(BY_METHOD.get("vipps").type(),
            BY_METHOD.get("swish").type(), BY_METHOD.get("mobilepay").type());

    private PaymentMethods() {
    }

    /**
     * Looks a method up.
     *
     * @param method for example {@code vipps}
     * @return the product
     * @throws IllegalArgumentException when unknown
     */
    static Product product(String method) {
        Product product = method == null ? null : BY_METHOD.get(method.toLowerCase(java.util.Locale.ROOT));
        if (product == null) {
            throw new IllegalArgumentException("unknown payment method " + method + "; expected one of "
                    + BY_METHOD.keySet());
        }
        return product;
    }

    /**
     * The payment product types a session configuration switches on, for example {@code vipps} for
     * {@code {"vipps":{"enabled":true}}} and {@code payex.mobilepay} for {@code {"payex":{"mobilepay":{"enabled":true}}}}.
     *
     * @param configuration the session's {@code configuration}, may be null
     * @return the enabled types
     */
    static List<String> enabledTypes(JsonNode configuration) {
        List<String> types = new ArrayList<>();
        if (configuration == null || !configuration.isObject()) {
            return types;
        }
        for (String provider : PROVIDERS) {
            JsonNode node = configuration.get(provider);
            if (node == null || !node.isObject()) {
                continue;
            }
            if (node.path("enabled").asBoolean(false)) {
                types.add(provider);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> child = it.next();
                if (child.getValue().isObject() && child.getValue().path("enabled").asBoolean(false)) {
                    types.add(provider + "." + child.getKey());
                }
            }
        }
        return types;
    }

    /**
     * The hosted page's methods a session offers: those whose type its configuration enables, or all of them when it
     * enables none of them (the profile's defaults apply) or sets {@code active_payment_types.enabled}.
     *
     * @param configuration the session's {@code configuration}, may be null
     * @return method names, in the page's order
     */
    static List<String> offered(JsonNode configuration) {
        List<String> all = List.copyOf(BY_METHOD.keySet());
        if (configuration != null && configuration.path("active_payment_types").path("enabled").asBoolean(false)) {
            return all;
        }
        List<String> enabled = enabledTypes(configuration);
        List<String> offered = all.stream().filter(m -> enabled.contains(BY_METHOD.get(m).type())).toList();
        return offered.isEmpty() ? all : offered;
    }

    /**
     * Looks up a method the session offers.
     *
     * @param method for example {@code vipps}
     * @param configuration the session's {@code configuration}, may be null
     * @return the product
     * @throws IllegalArgumentException when unknown or not enabled in the session
     */
    static Product offeredProduct(String method, JsonNode configuration) {
        Product product = product(method);
        List<String> offered = offered(configuration);
        if (!offered.contains(method.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("payment method " + method + " (" + product.type()
                    + ") is not enabled in this session; it offers " + offered);
        }
        return product;
    }

    /**
     * Whether Dintero would send an app push instead of an SMS: exactly one payment type enabled, and it is Vipps,
     * Swish or MobilePay; never when gift cards ({@code dintero.wallets}) are enabled, since then native app pushes
     * are turned off and an SMS link is sent (API.md &sect;9).
     *
     * @param configuration the session's {@code configuration}
     * @return true for push
     */
    static boolean pushInsteadOfSms(JsonNode configuration) {
        if (configuration != null && configuration.path("active_payment_types").path("enabled").asBoolean(false)
                || GiftCards.walletsEnabled(configuration)) {
            return false;
        }
        List<String> types = enabledTypes(configuration);
        return types.size() == 1 && PUSH_TYPES.contains(types.get(0));
    }
}
