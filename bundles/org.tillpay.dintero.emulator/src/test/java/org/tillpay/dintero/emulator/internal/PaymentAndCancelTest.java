package org.tillpay.dintero.emulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.EmulatedPayment;
import org.tillpay.dintero.emulator.SessionSummary;
import org.tillpay.dintero.emulator.testing.EmulatorServer;

import com.fasterxml.jackson.databind.JsonNode;

/** Paying through the control API, the transaction view, and cancelling sessions. */
class PaymentAndCancelTest {

    private final EmulatorServer server = EmulatorServer.start();
    private final String bearer = Http.bearer(server);

    @AfterEach
    void close() {
        Http.closeCheckingContract(server);
    }

    private String create(String body) {
        return Http.createSession(server, bearer, body).path("id").asText();
    }

    private JsonNode transaction(String id) {
        Http.Response r = Http.get(server.checkoutBaseUrl() + "/v1/transactions/" + id, bearer);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    @Test
    void payAuthorizesAndCopiesTheOrder() {
        String sessionId = create(Sessions.body());
        EmulatedPayment payment = server.emulator().pay(sessionId, "card");
        assertEquals("AUTHORIZED", payment.status());
        assertEquals("dintero_psp.creditcard", payment.paymentProductType());
        assertTrue(payment.transactionId().matches("T12345678\\.[0-9A-Za-z]{22}"));
        JsonNode tx = transaction(payment.transactionId());
        assertEquals("AUTHORIZED", tx.path("status").asText());
        assertEquals(sessionId, tx.path("session_id").asText());
        assertEquals("dintero_psp", tx.path("payment_product").asText());
        assertEquals(59800, tx.path("amount").asLong());
        assertEquals("NOK", tx.path("currency").asText());
        assertEquals("S-000123/1", tx.path("merchant_reference").asText());
        assertEquals("012", tx.path("store").path("id").asText());
        assertEquals(List.of("1", "2"), tx.path("items").findValuesAsText("line_id"));
        assertEquals("+4799999999", tx.path("customer").path("phone_number").asText());
        assertEquals(1, tx.path("events").size());
        JsonNode authorize = tx.path("events").get(0);
        assertEquals("AUTHORIZE", authorize.path("event").asText());
        assertTrue(authorize.path("success").asBoolean());
        assertEquals("AUTHORIZED", authorize.path("transaction_status").asText());
        assertEquals(59800, authorize.path("amount").asLong());
        assertEquals(tx, new Http.Response(200, null, null, Http.MAPPER.valueToTree(server.emulator()
                .transaction(payment.transactionId()).orElseThrow()).toString()).json(), "control API = HTTP view");
        assertEquals(List.of(new SessionSummary(sessionId, "T12345678", "S-000123/1", 59800, "NOK", "AUTHORIZED",
                payment.transactionId())), server.emulator().sessions());
    }

    @Test
    void autoCaptureCaptures() {
        String sessionId = create(Sessions.body("+4799999999", null, "\"auto_capture\":true"));
        EmulatedPayment payment = server.emulator().pay(sessionId, "vipps");
        assertEquals("CAPTURED", payment.status());
        JsonNode tx = transaction(payment.transactionId());
        assertEquals("CAPTURED", tx.path("status").asText());
        assertEquals(List.of("AUTHORIZE", "CAPTURE"), tx.path("events").findValuesAsText("event"));
        assertEquals(2, tx.path("events").get(1).path("items").size());
    }

    @Test
    void everyMethodMapsToItsProduct() {
        Map<String, String> expected = Map.of("vipps", "vipps/vipps", "mobilepay", "payex/payex.mobilepay",
                "swish", "swish/swish.swish", "klarna", "klarna/klarna.klarna", "billie", "klarna/klarna.billie",
                "walley", "collector/collector.invoice", "card", "dintero_psp/dintero_psp.creditcard",
                "applepay", "dintero_psp/dintero_psp.applepay", "googlepay", "dintero_psp/dintero_psp.googlepay");
        expected.forEach((method, product) -> {
            EmulatedPayment p = server.emulator().pay(create(Sessions.body()), method);
            assertEquals(product, p.paymentProduct() + "/" + p.paymentProductType(), method);
            JsonNode tx = transaction(p.transactionId()); // contract-checked: SPEC-2025 types are tolerated
            assertEquals(p.paymentProductType(), tx.path("payment_product_type").asText());
        });
    }

    @Test
    void payingTwiceExpiredCancelledOrUnknownFails() {
        String paid = create(Sessions.body());
        server.emulator().pay(paid, "vipps");
        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> server.emulator().pay(paid, "card"));
        assertTrue(twice.getMessage().contains("already paid"), twice.getMessage());
        String expired = create(Sessions.body());
        server.emulator().expire(expired);
        assertTrue(assertThrows(IllegalStateException.class, () -> server.emulator().pay(expired, "card"))
                .getMessage().contains("expired"));
        String cancelled = create(Sessions.body());
        Http.postEmpty(server.checkoutBaseUrl() + "/v1/sessions/" + cancelled + "/cancel", bearer);
        assertTrue(assertThrows(IllegalStateException.class, () -> server.emulator().pay(cancelled, "card"))
                .getMessage().contains("cancelled"));
        assertThrows(NoSuchElementException.class, () -> server.emulator().pay("T12345678.missing", "card"));
        assertThrows(IllegalArgumentException.class, () -> server.emulator().pay(create(Sessions.body()), "cash"));
    }

    @Test
    void declinedSessionCanStillBePaidUntilItExpires() {
        String sessionId = create(Sessions.body());
        server.emulator().decline(sessionId);
        assertEquals("DECLINED", server.emulator().sessions().get(0).status());
        assertEquals("AUTHORIZED", server.emulator().pay(sessionId, "klarna").status());
    }

    @Test
    void cancelVoidsAnAuthorizedTransaction() {
        String sessionId = create(Sessions.body());
        String txId = server.emulator().pay(sessionId, "vipps").transactionId();
        Http.Response r = Http.postEmpty(server.checkoutBaseUrl() + "/v1/sessions/" + sessionId + "/cancel", bearer);
        assertEquals(200, r.status(), r.body());
        assertFalse(r.json().path("cancelled_at").asText().isEmpty());
        assertEquals(EmulatorServer.CLIENT_ID, r.json().path("cancelled_by").asText());
        JsonNode tx = transaction(txId);
        assertEquals("AUTHORIZATION_VOIDED", tx.path("status").asText());
        assertEquals(List.of("AUTHORIZE", "VOID"), tx.path("events").findValuesAsText("event"));
    }

    @Test
    void cancelWithoutTransactionAndOfCapturedOne() {
        String open = create(Sessions.body());
        Http.Response r = Http.postEmpty(server.checkoutBaseUrl() + "/v1/sessions/" + open + "/cancel", bearer);
        assertEquals(200, r.status());
        assertTrue(r.json().path("events").findValuesAsText("name").contains("CANCELLED"));
        assertEquals("CANCELLED", server.emulator().sessions().get(0).status());

        String captured = create(Sessions.body("+4799999999", null, "\"auto_capture\":true"));
        String txId = server.emulator().pay(captured, "card").transactionId();
        Http.Response refused = Http.postEmpty(server.checkoutBaseUrl() + "/v1/sessions/" + captured + "/cancel",
                bearer);
        assertEquals(400, refused.status());
        assertTrue(refused.json().path("error").path("message").asText().contains("CAPTURED"));
        assertEquals("CAPTURED", transaction(txId).path("status").asText());
    }

    @Test
    void transactionOfAnotherAccountIs404() {
        try (EmulatorServer two = EmulatorServer.builder().defaultAccount()
                .account("T87654321", "c2", "s2", "", "default").start()) {
            String bearerOne = Http.bearer(two);
            String bearerTwo = Http.bearer(two, "T87654321", "c2", "s2");
            Http.Response created = Http.postJson(two.checkoutBaseUrl() + "/v1/sessions-profile", bearerOne,
                    Sessions.body(), Map.of());
            String txId = two.emulator().pay(created.json().path("id").asText(), "card").transactionId();
            assertEquals(200, Http.get(two.checkoutBaseUrl() + "/v1/transactions/" + txId, bearerOne).status());
            Http.Response other = Http.get(two.checkoutBaseUrl() + "/v1/transactions/" + txId, bearerTwo);
            assertEquals(404, other.status());
            assertEquals("NOT_FOUND", other.json().path("error").path("code").asText());
            assertEquals(List.of(), two.contractViolations());
        }
    }
}
