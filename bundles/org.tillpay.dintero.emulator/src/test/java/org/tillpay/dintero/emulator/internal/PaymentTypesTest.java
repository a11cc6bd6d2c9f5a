package org.tillpay.dintero.emulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.DinteroEmulator;
import org.tillpay.dintero.emulator.testing.EmulatorServer;

import com.fasterxml.jackson.databind.JsonNode;

/** The session's {@code configuration} decides which methods the hosted page offers, and push versus SMS. */
class PaymentTypesTest {

    private static final Pattern METHOD_BUTTON = Pattern.compile("name=\"method\" value=\"([a-z]+)\"");

    /** Each page method and the configuration that enables only it. */
    private static final Map<String, String> SWITCHES = new LinkedHashMap<>();

    static {
        SWITCHES.put("vipps", "\"vipps\":{\"enabled\":true}");
        SWITCHES.put("mobilepay", "\"payex\":{\"mobilepay\":{\"enabled\":true}}");
        SWITCHES.put("swish", "\"swish\":{\"swish\":{\"enabled\":true}}");
        SWITCHES.put("klarna", "\"klarna\":{\"klarna\":{\"enabled\":true}}");
        SWITCHES.put("walley", "\"collector\":{\"invoice\":{\"enabled\":true}}");
        SWITCHES.put("billie", "\"klarna\":{\"billie\":{\"enabled\":true}}");
        SWITCHES.put("card", "\"dintero_psp\":{\"creditcard\":{\"enabled\":true}}");
        SWITCHES.put("applepay", "\"dintero_psp\":{\"applepay\":{\"enabled\":true}}");
        SWITCHES.put("googlepay", "\"dintero_psp\":{\"googlepay\":{\"enabled\":true}}");
    }

    private final EmulatorServer server = EmulatorServer.start();
    private final String bearer = Http.bearer(server);

    @AfterEach
    void close() {
        Http.closeCheckingContract(server);
    }

    private JsonNode create(String configuration) {
        return Http.createSession(server, bearer, Sessions.body("+4799999999", null, configuration));
    }

    private static List<String> offered(String pageUrl) {
        Http.Response page = Http.get(pageUrl, null);
        assertEquals(200, page.status(), page.body());
        List<String> methods = new ArrayList<>();
        Matcher m = METHOD_BUTTON.matcher(page.body());
        while (m.find()) {
            methods.add(m.group(1));
        }
        return methods;
    }

    @Test
    void eachSwitchOffersOnlyItsMethodAndPaysAsItsType() {
        SWITCHES.forEach((method, configuration) -> {
            JsonNode created = create(configuration);
            assertEquals(List.of(method), offered(created.path("url").asText()), configuration);
            String other = "vipps".equals(method) ? "card" : "vipps";
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> server.emulator().pay(created.path("id").asText(), other));
            assertTrue(refused.getMessage().contains("not enabled"), refused.getMessage());
            String txId = server.emulator().pay(created.path("id").asText(), method).transactionId();
            JsonNode tx = Http.get(server.checkoutBaseUrl() + "/v1/transactions/" + txId, bearer).json();
            String type = tx.path("payment_product_type").asText();
            assertEquals(PaymentMethods.BY_METHOD.get(method).type(), type);
            String[] path = type.split("\\.");
            assertTrue(configuration.startsWith("\"" + path[0] + "\":")
                    && configuration.contains("\"" + path[path.length - 1] + "\":{\"enabled\":true}"),
                    type + " is the path enabled by " + configuration);
        });
    }

    @Test
    void severalSwitchesOfferExactlyThoseInPageOrder() {
        JsonNode created = create("\"klarna\":{\"klarna\":{\"enabled\":true},\"billie\":{\"enabled\":true}},"
                + "\"dintero_psp\":{\"creditcard\":{\"enabled\":true},\"applepay\":{\"enabled\":false},"
                + "\"googlepay\":{\"enabled\":true}},\"vipps\":{\"enabled\":true}");
        assertEquals(List.of("vipps", "klarna", "billie", "card", "googlepay"), offered(created.path("url").asText()));
    }

    @Test
    void noSwitchOrActivePaymentTypesOffersAllNine() {
        assertEquals(DinteroEmulator.PAYMENT_METHODS, offered(create(null).path("url").asText()));
        // a type the page has no method for enables none of the nine: the profile's defaults apply
        assertEquals(DinteroEmulator.PAYMENT_METHODS,
                offered(create("\"payex\":{\"creditcard\":{\"enabled\":true}}").path("url").asText()));
        assertEquals(DinteroEmulator.PAYMENT_METHODS, offered(create("\"active_payment_types\":{\"enabled\":true},"
                + "\"vipps\":{\"enabled\":true}").path("url").asText()));
    }

    @Test
    void payingADisabledMethodOnThePageIs400AndLeavesTheSessionOpen() {
        JsonNode created = create(SWITCHES.get("swish"));
        Http.Response refused = Http.postForm(created.path("url").asText(), "action=pay&method=card");
        assertEquals(400, refused.status());
        assertTrue(refused.body().contains("not enabled in this session"), refused.body());
        assertEquals("OPEN", server.emulator().sessions().get(0).status());
        Http.Response paid = Http.postForm(created.path("url").asText(), "action=pay&method=swish");
        assertEquals(303, paid.status(), paid.body());
    }

    @Test
    void pushOnlyForASingleVippsSwishOrMobilePaySession() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(SWITCHES.get("vipps"), "push");
        expected.put(SWITCHES.get("swish"), "push");
        expected.put(SWITCHES.get("mobilepay"), "push");
        expected.put(SWITCHES.get("card"), "sms");
        expected.put(SWITCHES.get("vipps") + "," + SWITCHES.get("walley"), "sms");
        expected.put("\"active_payment_types\":{\"enabled\":true}," + SWITCHES.get("vipps"), "sms");
        expected.put(null, "sms");
        expected.forEach((configuration, channel) -> create(configuration));
        List<String> channels = server.emulator().outbox().stream().map(m -> m.channel()).toList();
        assertEquals(List.copyOf(expected.values()), channels);
    }
}
