package org.tillpay.dintero.emulator.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Express Checkout on the hosted page: the delivery address the customer must give (an {@code OrderAddress}) and the
 * shipping option chosen for it (the first of {@code express.shipping_options}).
 */
final class ExpressCheckout {

    /** The address fields the page asks for, in form order, with their labels. */
    static final Map<String, String> FIELDS;

    static {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("first_name", "First name");
        f.put("last_name", "Last name");
        f.put("address_line", "Address");
        f.put("postal_code", "Postal code");
        f.put("postal_place", "Postal place");
        f.put("country", "Country");
        f.put("email", "E-mail");
        f.put("phone_number", "Phone");
        FIELDS = java.util.Collections.unmodifiableMap(f);
    }

    /** The address used when the control API pays an Express session without one. */
    static final Map<String, String> TEST_ADDRESS = Map.of("first_name", "Kari", "last_name", "Nordmann",
            "address_line", "Storgata 1", "postal_code", "0155", "postal_place", "Oslo", "country", "NO",
            "email", "kari.nordmann@example.com", "phone_number", "+4799999999");

    static final String DEFAULT_COUNTRY = "NO";

    /** {@code OrderAddress.phone_number}'s pattern in the spec, after removing spaces. */
    private static final Pattern PHONE = Pattern.compile("\\+?\\d{5,15}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private ExpressCheckout() {
    }

    /** @return whether the session is an Express Checkout session */
    static boolean isExpress(SessionRecord session) {
        return session.express() != null;
    }

    /**
     * Checks an address the customer gave and normalises it (trimmed, blank fields left out, country upper case and
     * {@value #DEFAULT_COUNTRY} by default, spaces removed from the phone number).
     *
     * @param address the fields by {@link #FIELDS} key
     * @return the address as an {@code OrderAddress}
     * @throws IllegalArgumentException naming every missing field, or an unknown key or malformed value
     */
    static ObjectNode shippingAddress(Map<String, String> address) {
        for (String key : address.keySet()) {
            if (!FIELDS.containsKey(key)) {
                throw new IllegalArgumentException("unknown shipping address field " + key + "; expected "
                        + FIELDS.keySet());
            }
        }
        ObjectNode node = Json.object();
        List<String> missing = new ArrayList<>();
        for (String key : FIELDS.keySet()) {
            String value = address.get(key) == null ? "" : address.get(key).trim();
            if ("country".equals(key)) {
                value = value.isEmpty() ? DEFAULT_COUNTRY : value.toUpperCase(Locale.ROOT);
            } else if ("phone_number".equals(key)) {
                value = value.replace(" ", "");
            }
            if (value.isEmpty()) {
                missing.add(FIELDS.get(key));
            } else {
                node.put(key, value);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("The delivery address is incomplete. Please fill in: "
                    + String.join(", ", missing) + ".");
        }
        if (!COUNTRY.matcher(node.path("country").asText()).matches()) {
            throw new IllegalArgumentException("Country must be a two-letter code such as NO, was "
                    + node.path("country").asText() + ".");
        }
        if (!PHONE.matcher(node.path("phone_number").asText()).matches()) {
            throw new IllegalArgumentException("Phone must be 5 to 15 digits, optionally starting with +.");
        }
        if (!EMAIL.matcher(node.path("email").asText()).matches()) {
            throw new IllegalArgumentException("E-mail must look like name@example.com.");
        }
        return node;
    }

    /**
     * The shipping option chosen for an Express session: the merchant's preselected {@code order.shipping_option}, else
     * the first of {@code express.shipping_options}; none when {@code express.shipping_mode} is
     * {@code shipping_not_required}.
     *
     * @param session an Express session
     * @return the option, or null
     * @throws IllegalArgumentException when shipping is required but there are no options (Dintero's "cannot ship")
     */
    static ObjectNode shippingOption(SessionRecord session) {
        JsonNode express = session.express();
        if ("shipping_not_required".equals(express.path("shipping_mode").asText())) {
            return null;
        }
        JsonNode preselected = session.order().get("shipping_option");
        if (preselected != null && preselected.isObject()) {
            return (ObjectNode) preselected.deepCopy();
        }
        JsonNode options = express.path("shipping_options");
        if (!options.isArray() || options.isEmpty() || !options.get(0).isObject()) {
            throw new IllegalArgumentException("The shop cannot ship this order (express.shipping_options is empty).");
        }
        return (ObjectNode) options.get(0).deepCopy();
    }
}
