package org.tillpay.dintero.emulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.testing.EmulatorServer;

import com.fasterxml.jackson.databind.JsonNode;

/** Express Checkout: the delivery address on the hosted page, the shipping option turned into an item. */
class ExpressCheckoutTest {

    private static final Map<String, String> ADDRESS = new LinkedHashMap<>();

    static {
        ADDRESS.put("first_name", "Ola");
        ADDRESS.put("last_name", "Nordmann");
        ADDRESS.put("address_line", "Kirkegata 5");
        ADDRESS.put("postal_code", "7010");
        ADDRESS.put("postal_place", "Trondheim");
        ADDRESS.put("country", "");
        ADDRESS.put("email", "ola@example.no");
        ADDRESS.put("phone_number", "+47 900 00 000");
    }

    private final EmulatorServer server = EmulatorServer.start();
    private final String bearer = Http.bearer(server);

    @AfterEach
    void close() {
        Http.closeCheckingContract(server);
    }

    private JsonNode create(String body) {
        return Http.createSession(server, bearer, body);
    }

    private JsonNode get(String path) {
        Http.Response r = Http.get(server.checkoutBaseUrl() + path, bearer);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    @Test
    void pageShowsTheAddressFormAndTheShippingOption() {
        JsonNode created = create(Sessions.express(null, Sessions.SHIPPING_OPTION, "shipping_required"));
        String page = Http.get(created.path("url").asText(), null).body();
        for (String field : List.of("first_name", "last_name", "address_line", "postal_code", "postal_place")) {
            assertTrue(page.contains("name=\"" + field + "\" value=\"\" required>"), field);
        }
        assertTrue(page.contains("name=\"country\" value=\"NO\">"), "country defaults to NO");
        assertTrue(page.contains("name=\"email\" value=\"kunde@example.no\" required>"), "e-mail from the customer");
        assertTrue(page.contains("name=\"phone_number\" value=\"+4799999999\" required>"));
        assertTrue(page.contains("Home delivery") && page.contains("39.00 NOK"), "shipping option shown");
        assertTrue(page.contains("637.00 NOK"), "total with shipping");
        String plain = Http.get(create(Sessions.body()).path("url").asText(), null).body();
        assertFalse(plain.contains("Delivery address") || plain.contains("name=\"first_name\""));
    }

    @Test
    void pageRefusesToPayWithoutTheAddress() {
        JsonNode created = create(Sessions.express(null, Sessions.SHIPPING_OPTION, null));
        Map<String, String> incomplete = new LinkedHashMap<>(ADDRESS);
        incomplete.put("first_name", " ");
        incomplete.put("postal_code", "");
        Http.Response refused = Http.postForm(created.path("url").asText(),
                "action=pay&method=vipps&" + form(incomplete));
        assertEquals(400, refused.status());
        assertTrue(refused.body().contains("The delivery address is incomplete. Please fill in: First name, "
                + "Postal code."), refused.body());
        assertEquals(400, Http.postForm(created.path("url").asText(), "action=pay&method=vipps").status(),
                "no address at all");
        JsonNode session = get("/v1/sessions/" + created.path("id").asText());
        assertTrue(session.path("transaction_id").isMissingNode());
        assertTrue(session.path("order").path("shipping_address").isMissingNode());
        assertFalse(session.path("events").findValuesAsText("name").contains("SET_SHIPPING_ADDRESS"));
    }

    @Test
    void paidOnThePageTheTransactionCarriesTheAddressAndTheShippingItem() {
        JsonNode created = create(Sessions.express(null, Sessions.SHIPPING_OPTION + ","
                + Sessions.SHIPPING_OPTION.replace("bring-home", "pickup").replace("3900", "0"), "shipping_required"));
        String id = created.path("id").asText();
        Http.Response paid = Http.postForm(created.path("url").asText(), "action=pay&method=card&" + form(ADDRESS));
        assertEquals(303, paid.status(), paid.body());
        String txId = QueryString.first(paid.location(), "transaction_id").orElseThrow();

        JsonNode tx = get("/v1/transactions/" + txId);
        JsonNode address = tx.path("shipping_address");
        assertEquals("Ola", address.path("first_name").asText());
        assertEquals("Nordmann", address.path("last_name").asText());
        assertEquals("Kirkegata 5", address.path("address_line").asText());
        assertEquals("7010", address.path("postal_code").asText());
        assertEquals("Trondheim", address.path("postal_place").asText());
        assertEquals("NO", address.path("country").asText());
        assertEquals("ola@example.no", address.path("email").asText());
        assertEquals("+4790000000", address.path("phone_number").asText());
        assertEquals(59800 + 3900, tx.path("amount").asLong());
        assertEquals(List.of("1", "2", "bring-home-0155"), tx.path("items").findValuesAsText("line_id"));
        JsonNode shippingItem = tx.path("items").get(2);
        assertEquals(3900, shippingItem.path("amount").asLong());
        assertEquals("shipping", shippingItem.path("type").asText());
        assertEquals("bring-home", shippingItem.path("id").asText());
        assertEquals(59800 + 3900, tx.path("events").get(0).path("amount").asLong());

        JsonNode session = get("/v1/sessions/" + id);
        assertEquals(address, session.path("order").path("shipping_address"));
        assertEquals("bring-home-0155", session.path("order").path("shipping_option").path("line_id").asText());
        assertEquals(59800 + 3900, session.path("order").path("amount").asLong());
        assertEquals(11960 + 780, session.path("order").path("vat_amount").asLong());
        List<String> events = session.path("events").findValuesAsText("name");
        assertEquals(List.of("INITIATED", "SET_SHIPPING_ADDRESS", "SET_SHIPPING_OPTION", "AUTHORIZED"), events);
        assertEquals(address, session.path("events").get(1).path("details").path("shipping_address"));
    }

    @Test
    void controlApiUsesTheGivenOrTheFixedTestAddress() {
        String given = create(Sessions.express(null, Sessions.SHIPPING_OPTION, null)).path("id").asText();
        Map<String, String> address = new LinkedHashMap<>(ADDRESS);
        address.put("country", "se");
        String txGiven = server.emulator().pay(given, "klarna", address).transactionId();
        JsonNode shipTo = get("/v1/transactions/" + txGiven).path("shipping_address");
        assertEquals("Trondheim", shipTo.path("postal_place").asText());
        assertEquals("SE", shipTo.path("country").asText());

        String fixed = create(Sessions.express(null, Sessions.SHIPPING_OPTION, null)).path("id").asText();
        JsonNode tx = get("/v1/transactions/" + server.emulator().pay(fixed, "vipps").transactionId());
        assertEquals("Kari", tx.path("shipping_address").path("first_name").asText());
        assertEquals("0155", tx.path("shipping_address").path("postal_code").asText());
        assertEquals("bring-home-0155", tx.path("items").get(2).path("line_id").asText());
    }

    @Test
    void shippingNotRequiredTakesTheAddressButNoOption() {
        String id = create(Sessions.express(null, Sessions.SHIPPING_OPTION, "shipping_not_required"))
                .path("id").asText();
        JsonNode tx = get("/v1/transactions/" + server.emulator().pay(id, "vipps", ADDRESS).transactionId());
        assertEquals("Ola", tx.path("shipping_address").path("first_name").asText());
        assertEquals(59800, tx.path("amount").asLong());
        assertEquals(List.of("1", "2"), tx.path("items").findValuesAsText("line_id"));
        assertNull(tx.get("shipping_option"));
    }

    @Test
    void badAddressesAndSessionsAreRefused() {
        String express = create(Sessions.express(null, Sessions.SHIPPING_OPTION, null)).path("id").asText();
        Map<String, String> typo = new LinkedHashMap<>(ADDRESS);
        typo.put("zip", "7010");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> server.emulator().pay(express, "vipps", typo))
                .getMessage().contains("unknown shipping address field zip"));
        Map<String, String> badPhone = new LinkedHashMap<>(ADDRESS);
        badPhone.put("phone_number", "call me");
        assertThrows(IllegalArgumentException.class, () -> server.emulator().pay(express, "vipps", badPhone));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> server.emulator().pay(express, "vipps",
                Map.of())).getMessage().contains("First name, Last name, Address, Postal code, Postal place, "
                        + "E-mail, Phone"));

        String plain = create(Sessions.body()).path("id").asText();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> server.emulator().pay(plain, "vipps", ADDRESS))
                .getMessage().contains("not an Express Checkout session"));

        String cannotShip = create(Sessions.express(null, "", null)).path("id").asText();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> server.emulator().pay(cannotShip, "vipps"))
                .getMessage().contains("cannot ship"));
        assertTrue(server.emulator().sessions().stream().allMatch(s -> "OPEN".equals(s.status())));

        server.clearContractViolations(); // the next request breaks the spec on purpose
        Http.Response noOptions = Http.postJson(server.checkoutBaseUrl() + "/v1/sessions-profile", bearer,
                Sessions.body().replace("\"configuration\":", "\"express\":{},\"configuration\":"), Map.of());
        assertEquals(400, noOptions.status());
        assertTrue(noOptions.json().path("error").path("message").asText().contains("express.shipping_options"));
        server.clearContractViolations();
    }
}
