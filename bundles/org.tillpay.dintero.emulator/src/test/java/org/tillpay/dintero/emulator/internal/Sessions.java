package org.tillpay.dintero.emulator.internal;

/** Session request bodies for the tests. */
final class Sessions {

    private Sessions() {
    }

    /** A POS-like session body: two lines summing to 59800 NOK, optional phone, callback URL and extra config. */
    static String body(String phone, String callbackUrl, String configurationExtra) {
        return "{\"profile_id\":\"default\","
                + "\"url\":{\"return_url\":\"https://pos.example.com/dintero/thanks\""
                + (callbackUrl == null ? "" : ",\"callback_url\":\"" + callbackUrl + "\"") + "},"
                + "\"customer\":{" + (phone == null ? "" : "\"phone_number\":\"" + phone + "\",")
                + "\"email\":\"kunde@example.no\"},"
                + "\"order\":{\"amount\":59800,\"currency\":\"NOK\",\"vat_amount\":11960,"
                + "\"merchant_reference\":\"S-000123/1\","
                + "\"store\":{\"id\":\"012\",\"name\":\"Butikk Storgata\",\"terminal_id\":\"KASSE-3\"},"
                + "\"items\":[{\"line_id\":\"1\",\"id\":\"SKU-1\",\"description\":\"Genser\",\"quantity\":2,"
                + "\"amount\":49800,\"vat\":25,\"vat_amount\":9960,\"type\":\"physical\"},"
                + "{\"line_id\":\"2\",\"id\":\"SKU-2\",\"description\":\"Lue\",\"quantity\":1,"
                + "\"amount\":10000,\"vat\":25,\"vat_amount\":2000,\"type\":\"physical\"}]},"
                + "\"configuration\":{\"publish\":[{\"type\":\"checkout-link\",\"channel\":\"sms\"}]"
                + (configurationExtra == null ? "" : "," + configurationExtra) + "}}";
    }

    /** A shipping option as in the spec's example: 39.00 NOK home delivery by Bring. */
    static final String SHIPPING_OPTION = "{\"id\":\"bring-home\",\"line_id\":\"bring-home-0155\",\"amount\":3900,"
            + "\"vat_amount\":780,\"vat\":25,\"title\":\"Home delivery\",\"operator\":\"Bring\"}";

    /** An Express Checkout session: {@link #body(String, String, String)} plus {@code express}. */
    static String express(String callbackUrl, String shippingOptions, String shippingMode) {
        return body("+4799999999", callbackUrl, null).replace("\"configuration\":", "\"express\":{"
                + "\"shipping_options\":[" + shippingOptions + "]"
                + (shippingMode == null ? "" : ",\"shipping_mode\":\"" + shippingMode + "\"") + "},\"configuration\":");
    }

    static String body() {
        return body("+4799999999", null, null);
    }
}
