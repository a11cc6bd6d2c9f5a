package org.tillpay.dintero.internal.store;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.tillpay.payment.api.InvalidPaymentRequestException;
import org.tillpay.payment.api.LinkOptions;
import org.tillpay.payment.api.PaymentMethodChoice;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The payment methods of a session (API.md §4.2): which of the store's methods the cashier offers, and how each maps
 * onto Dintero's {@code configuration} switches.
 */
public final class PaymentMethodConfiguration {

    private PaymentMethodConfiguration() {
    }

    /**
     * @param options the cashier's options
     * @param storeMethods the methods the store has enabled
     * @param storeId for the error message
     * @return the methods this session offers
     * @throws InvalidPaymentRequestException naming {@code linkOptions.paymentMethods} for a method the store lacks
     */
    static Set<PaymentMethodChoice> offered(LinkOptions options, Set<PaymentMethodChoice> storeMethods, String storeId) {
        if (options.giftCards()) {
            return withGiftCards(options, storeMethods, storeId);
        }
        if (options.paymentMethods().isEmpty()) {
            return EnumSet.copyOf(storeMethods);
        }
        Set<PaymentMethodChoice> missing = EnumSet.copyOf(options.paymentMethods());
        missing.removeAll(storeMethods);
        if (!missing.isEmpty()) {
            throw new InvalidPaymentRequestException("linkOptions.paymentMethods", missing.stream()
                    .map(PaymentMethodChoice::id).collect(Collectors.joining(", ")) + " not enabled for store "
                    + storeId + " (enabled: " + storeMethods.stream().map(PaymentMethodChoice::id)
                    .collect(Collectors.joining(", ")) + ")");
        }
        return EnumSet.copyOf(options.paymentMethods());
    }

    /**
     * With gift cards (API.md &sect;9) Dintero takes only card, Klarna and MobilePay (payex) for the rest: without a
     * choice, the store's methods that qualify are offered; a chosen method that does not is refused.
     */
    private static Set<PaymentMethodChoice> withGiftCards(LinkOptions options, Set<PaymentMethodChoice> storeMethods,
            String storeId) {
        Set<PaymentMethodChoice> asked = options.paymentMethods().isEmpty() ? EnumSet.noneOf(PaymentMethodChoice.class)
                : EnumSet.copyOf(options.paymentMethods());
        String incompatible = asked.stream().filter(m -> !m.supportsGiftCards()).map(PaymentMethodChoice::id)
                .collect(Collectors.joining(", "));
        if (!incompatible.isEmpty()) {
            throw new InvalidPaymentRequestException("linkOptions.paymentMethods", incompatible + " cannot be"
                    + " combined with gift cards; Dintero takes card, klarna and mobilepay for the rest");
        }
        Set<PaymentMethodChoice> offered = asked.isEmpty() ? EnumSet.copyOf(storeMethods) : asked;
        offered.removeIf(m -> !m.supportsGiftCards());
        if (offered.isEmpty() || !storeMethods.containsAll(offered)) {
            throw new InvalidPaymentRequestException("linkOptions.giftCards", "store " + storeId + " has none of the"
                    + " methods Dintero combines with gift cards enabled (card, klarna, mobilepay)");
        }
        return offered;
    }

    /**
     * @param methods the methods offered
     * @return true when Dintero should push to the customer's app instead of sending an SMS: exactly one method is
     *         offered, and it is Vipps, MobilePay or Swish (API.md §5)
     */
    static boolean pushInsteadOfSms(Set<PaymentMethodChoice> methods) {
        return methods.size() == 1 && methods.iterator().next().isAppPush();
    }

    /**
     * @param ids payment method ids as a host or a user gives them ({@code vipps}, {@code card}, ...)
     * @return the methods
     * @throws IllegalArgumentException naming the field {@code paymentMethods} when an id is unknown or none is given
     */
    public static Set<PaymentMethodChoice> choices(java.util.List<String> ids) {
        Set<PaymentMethodChoice> methods = java.util.EnumSet.noneOf(PaymentMethodChoice.class);
        for (String id : ids) {
            try {
                methods.add(PaymentMethodChoice.fromId(id.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("paymentMethods: '" + id + "' is not a payment method");
            }
        }
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("paymentMethods: name at least one");
        }
        return methods;
    }

    /** Enables each offered method in the session's {@code configuration}. */
    public static void enable(ObjectNode configuration, Set<PaymentMethodChoice> methods) {
        for (PaymentMethodChoice m : methods) {
            switch (m) {
                case VIPPS:
                    configuration.putObject("vipps").put("enabled", true);
                    break;
                case MOBILEPAY:
                    provider(configuration, "payex").putObject("mobilepay").put("enabled", true);
                    break;
                case SWISH:
                    provider(configuration, "swish").putObject("swish").put("enabled", true);
                    break;
                case KLARNA:
                    provider(configuration, "klarna").putObject("klarna").put("enabled", true);
                    break;
                case BILLIE:
                    provider(configuration, "klarna").putObject("billie").put("enabled", true);
                    break;
                case WALLEY:
                    provider(configuration, "collector").putObject("invoice").put("enabled", true);
                    break;
                case CARD:
                    provider(configuration, "dintero_psp").putObject("creditcard").put("enabled", true);
                    break;
                case APPLE_PAY:
                    provider(configuration, "dintero_psp").putObject("applepay").put("enabled", true);
                    break;
                case GOOGLE_PAY:
                    provider(configuration, "dintero_psp").putObject("googlepay").put("enabled", true);
                    break;
                default:
                    throw new IllegalStateException("unmapped payment method " + m);
            }
        }
    }

    /**
     * @param configuration a session or profile {@code configuration}
     * @return the methods it enables, as {@link #enable} writes them
     */
    public static Set<PaymentMethodChoice> enabled(com.fasterxml.jackson.databind.JsonNode configuration) {
        Set<PaymentMethodChoice> methods = java.util.EnumSet.noneOf(PaymentMethodChoice.class);
        for (PaymentMethodChoice m : PaymentMethodChoice.values()) {
            ObjectNode alone = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            enable(alone, Set.of(m));
            String provider = alone.fieldNames().next();
            com.fasterxml.jackson.databind.JsonNode wanted = alone.get(provider);
            com.fasterxml.jackson.databind.JsonNode there = configuration.path(provider);
            boolean on = wanted.has("enabled") ? there.path("enabled").asBoolean(false)
                    : there.path(wanted.fieldNames().next()).path("enabled").asBoolean(false);
            if (on) {
                methods.add(m);
            }
        }
        return methods;
    }

    private static ObjectNode provider(ObjectNode configuration, String name) {
        return configuration.has(name) ? (ObjectNode) configuration.get(name) : configuration.putObject(name);
    }
}
