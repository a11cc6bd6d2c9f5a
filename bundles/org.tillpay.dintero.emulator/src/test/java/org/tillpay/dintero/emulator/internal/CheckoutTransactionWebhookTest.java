package org.tillpay.dintero.emulator.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.OperationMode;
import org.tillpay.dintero.emulator.WebhookDelivery;
import org.tillpay.dintero.emulator.WebhookMode;
import org.tillpay.dintero.emulator.testing.CallbackRecorder;
import org.tillpay.dintero.emulator.testing.EmulatorServer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code checkout_transaction} webhook: published when a payment creates a transaction and after each capture,
 * refund and void (HTTP, late completion of a 202, back office, session cancel), only to the account's subscribers of
 * the event, signed like every delivery.
 */
class CheckoutTransactionWebhookTest extends EmulatorTestBase {

    private static final String EVENT = "checkout_transaction";
    private static final String SECRET = "tx-hook-secret";
    private static final String OTHER_ACCOUNT = "T87654321";

    /** Subscribes {@code url} for the events (a JSON list's inside) and returns the subscription id. */
    private static String subscribe(EmulatorServer on, String token, String accountId, String url, String events) {
        Http.Response r = Http.postJson(on.apiBaseUrl() + "/v1/accounts/" + accountId + "/hooks/subscriptions", token,
                "{\"config\":{\"url\":\"" + url + "\",\"content_type\":\"application/json\",\"secret\":{\"type\":"
                        + "\"HMAC-SHA1\",\"value\":\"" + SECRET + "\"},\"insecure_ssl\":0},\"events\":[" + events
                        + "],\"active\":true}", Map.of());
        assertEquals(200, r.status(), r.body());
        return r.json().path("id").asText();
    }

    /** Subscribes the test's merchant endpoint on the test's server and waits for the ping. */
    private String subscribe(String events) {
        String id = subscribe(server, bearer, EmulatorServer.ACCOUNT_ID, merchant.url(), events);
        await().atMost(WAIT).until(() -> received(merchant, "ping").size() == 1);
        return id;
    }

    private static List<CallbackRecorder.Received> received(CallbackRecorder at, String event) {
        return at.received().stream().filter(r -> event.equals(r.header("event"))).toList();
    }

    /** The bodies of the {@code checkout_transaction} deliveries received so far, in arrival order. */
    private static List<JsonNode> deliveries(CallbackRecorder at) {
        List<JsonNode> bodies = new ArrayList<>();
        for (CallbackRecorder.Received r : received(at, EVENT)) {
            try {
                bodies.add(Http.MAPPER.readTree(r.body()));
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON: " + r.body(), e);
            }
        }
        return bodies;
    }

    /** Waits for the {@code n}th delivery (and no more for a moment) and returns its {@code transaction}. */
    private JsonNode nth(int n) {
        await().atMost(WAIT).until(() -> deliveries(merchant).size() >= n);
        await().during(Duration.ofMillis(150)).atMost(WAIT).until(() -> deliveries(merchant).size() == n);
        return deliveries(merchant).get(n - 1).path("transaction");
    }

    private List<String> statuses() {
        return deliveries(merchant).stream().map(b -> b.path("transaction").path("status").asText()).toList();
    }

    @Test
    void paymentCaptureAndRefundsAreDeliveredSignedWithTheNewStatus() throws Exception {
        subscribe("\"" + EVENT + "\"");
        String sessionId = session(Sessions.body());
        String txId = server.emulator().pay(sessionId, "vipps").transactionId();

        JsonNode authorized = nth(1);
        CallbackRecorder.Received hook = received(merchant, EVENT).get(0);
        assertEquals("POST", hook.method());
        assertEquals("Dintero-Hook/1.0", hook.header("User-Agent"));
        assertEquals(EVENT, hook.header("event"));
        assertEquals(WebhookTest.hmacSha1(SECRET, hook.body()), hook.header("event-signature"), "HMAC-SHA1, raw body");
        JsonNode body = Http.MAPPER.readTree(hook.body());
        assertEquals(EmulatorServer.ACCOUNT_ID, body.path("account_id").asText());
        assertEquals(EVENT, body.path("event").asText());
        assertEquals(hook.header("event-delivery"), body.path("event_delivery").asText());
        assertEquals(List.of("id", "session_id", "merchant_reference", "created_at", "updated_at", "status"),
                fieldNames(authorized), "the short form, without merchant_reference_2 when there is none");
        assertEquals(txId, authorized.path("id").asText());
        assertEquals(sessionId, authorized.path("session_id").asText());
        assertEquals("S-000123/1", authorized.path("merchant_reference").asText());
        assertEquals("AUTHORIZED", authorized.path("status").asText());
        JsonNode read = Ops.transaction(server, bearer, txId);
        assertEquals(read.path("created_at").asText(), authorized.path("created_at").asText());
        assertEquals(read.path("updated_at").asText(), authorized.path("updated_at").asText());

        Ops.ok(server, bearer, txId, "capture", Ops.body(59800, "capture_reference", "RCPT-1"));
        JsonNode captured = nth(2);
        assertEquals(txId, captured.path("id").asText());
        assertEquals("CAPTURED", captured.path("status").asText());
        assertEquals(Ops.transaction(server, bearer, txId).path("updated_at").asText(),
                captured.path("updated_at").asText());

        Ops.ok(server, bearer, txId, "refund", Ops.body(10000, "refund_reference", "RET-1", "2", "10000"));
        assertEquals("PARTIALLY_REFUNDED", nth(3).path("status").asText());
        Ops.ok(server, bearer, txId, "refund", Ops.body(49800, "refund_reference", "RET-2", "1", "49800"));
        JsonNode refunded = nth(4);
        assertEquals("REFUNDED", refunded.path("status").asText());
        assertEquals(txId, refunded.path("id").asText());
        assertEquals(4, received(merchant, EVENT).stream().map(r -> r.header("event-delivery")).distinct().count());
        for (CallbackRecorder.Received each : received(merchant, EVENT)) {
            assertEquals(WebhookTest.hmacSha1(SECRET, each.body()), each.header("event-signature"));
        }
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void subscriptionForSettlementAddOnlyGetsNoCheckoutTransaction() {
        String settlementOnly = subscribe("\"settlement_add\"");
        try (CallbackRecorder both = CallbackRecorder.start()) {
            subscribe(server, bearer, EmulatorServer.ACCOUNT_ID, both.url(), "\"settlement_add\",\"" + EVENT + "\"");
            String txId = paid("card");
            server.emulator().backofficeCapture(txId, 59800);
            await().atMost(WAIT).until(() -> deliveries(both).size() == 2);
            assertEquals(List.of("AUTHORIZED", "CAPTURED"), deliveries(both).stream()
                    .map(b -> b.path("transaction").path("status").asText()).sorted().toList());
            await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> received(merchant, EVENT).isEmpty());
            assertEquals(List.of("ping"), merchant.received().stream().map(r -> r.header("event")).toList());
            assertTrue(server.settlements().webhookDeliveries().stream().noneMatch(d -> d.subscriptionId()
                    .equals(settlementOnly) && EVENT.equals(d.event())));
        }
    }

    @Test
    void subscriptionOfAnotherAccountGetsNothing() {
        try (EmulatorServer two = EmulatorServer.builder().defaultAccount()
                .account(OTHER_ACCOUNT, "other-client", "other-secret", "", "default").start();
                CallbackRecorder own = CallbackRecorder.start(); CallbackRecorder other = CallbackRecorder.start()) {
            String ownToken = Http.bearer(two);
            String otherToken = Http.bearer(two, OTHER_ACCOUNT, "other-client", "other-secret");
            subscribe(two, ownToken, EmulatorServer.ACCOUNT_ID, own.url(), "\"" + EVENT + "\"");
            subscribe(two, otherToken, OTHER_ACCOUNT, other.url(), "\"" + EVENT + "\"");
            await().atMost(WAIT).until(() -> received(own, "ping").size() == 1 && received(other, "ping").size() == 1);

            String ownTx = two.emulator().pay(Http.createSession(two, ownToken, Sessions.body()).path("id").asText(),
                    "vipps").transactionId();
            await().atMost(WAIT).until(() -> deliveries(own).size() == 1);
            assertEquals(ownTx, deliveries(own).get(0).path("transaction").path("id").asText());
            assertEquals(EmulatorServer.ACCOUNT_ID, deliveries(own).get(0).path("account_id").asText());
            await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> deliveries(other).isEmpty());

            String otherTx = two.emulator().pay(Http.createSession(two, otherToken, Sessions.body()).path("id")
                    .asText(), "vipps").transactionId();
            await().atMost(WAIT).until(() -> deliveries(other).size() == 1);
            assertEquals(otherTx, deliveries(other).get(0).path("transaction").path("id").asText());
            assertEquals(OTHER_ACCOUNT, deliveries(other).get(0).path("account_id").asText());
            await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> deliveries(own).size() == 1);
            assertEquals(List.of(), two.contractViolations());
        }
    }

    @Test
    void lateCompletionsFailuresAndBackofficeArePublishedButNotTheAcceptance() {
        subscribe("\"" + EVENT + "\"");
        String txId = paid("vipps");
        assertEquals("AUTHORIZED", nth(1).path("status").asText());
        server.emulator().setOperationMode(OperationMode.ASYNC);
        assertEquals(202, Ops.post(server, bearer, txId, "capture", Ops.body(40000, null, null)).status());
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> deliveries(merchant).size() == 1);
        assertEquals(1, server.emulator().completePendingOperations());
        assertEquals("PARTIALLY_CAPTURED", nth(2).path("status").asText());

        server.emulator().setOperationMode(OperationMode.SYNC);
        server.emulator().failNextOperation(txId, "provider down");
        Ops.ok(server, bearer, txId, "capture", Ops.body(19800, null, null));
        JsonNode failed = nth(3);
        assertEquals("PARTIALLY_CAPTURED", failed.path("status").asText(), "a failed capture moves nothing");
        assertEquals(Ops.transaction(server, bearer, txId).path("updated_at").asText(),
                failed.path("updated_at").asText());

        server.emulator().backofficeVoid(txId);
        assertEquals("CAPTURED", nth(4).path("status").asText(), "the remainder voided after a partial capture");
        server.emulator().backofficeRefund(txId, 40000);
        assertEquals("REFUNDED", nth(5).path("status").asText());
        assertTrue(deliveries(merchant).stream().allMatch(b -> txId.equals(b.path("transaction").path("id")
                .asText())));
    }

    @Test
    void paymentsPublishTheStatusTheyEndInAndCancelPublishesTheVoid() {
        subscribe("\"" + EVENT + "\"");
        server.emulator().pay(session(Sessions.body()), "swish");
        assertEquals("CAPTURED", nth(1).path("status").asText(), "Swish is captured at once");
        server.emulator().pay(session(Sessions.body("+4799999999", null, "\"auto_capture\":true")), "vipps");
        assertEquals("CAPTURED", nth(2).path("status").asText(), "auto-capture: one delivery, captured");

        String held = server.emulator().payOnHold(session(Sessions.body().replace("\"merchant_reference\":",
                "\"merchant_reference_2\":\"POS-7\",\"merchant_reference\":")), "walley").transactionId();
        JsonNode onHold = nth(3);
        assertEquals(List.of(held, "ON_HOLD", "POS-7"), List.of(onHold.path("id").asText(),
                onHold.path("status").asText(), onHold.path("merchant_reference_2").asText()));
        server.emulator().resolveHold(held, true);
        assertEquals("AUTHORIZED", nth(4).path("status").asText());
        String rejected = server.emulator().payOnHold(session(Sessions.body()), "walley").transactionId();
        assertEquals("ON_HOLD", nth(5).path("status").asText());
        server.emulator().resolveHold(rejected, false);
        assertEquals(List.of(rejected, "FAILED"), List.of(nth(6).path("id").asText(), nth(6).path("status").asText()));

        String sessionId = session(Sessions.body());
        String voided = server.emulator().pay(sessionId, "vipps").transactionId();
        assertEquals("AUTHORIZED", nth(7).path("status").asText());
        Http.Response cancel = Http.postEmpty(server.checkoutBaseUrl() + "/v1/sessions/" + sessionId + "/cancel",
                bearer);
        assertEquals(200, cancel.status(), cancel.body());
        assertEquals(List.of(voided, "AUTHORIZATION_VOIDED"), List.of(nth(8).path("id").asText(),
                nth(8).path("status").asText()));
        server.emulator().decline(session(Sessions.body()));
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> deliveries(merchant).size() == 8);
    }

    @Test
    void webhookModesApply() {
        subscribe("\"" + EVENT + "\"");
        server.settlements().setWebhookMode(WebhookMode.DUPLICATE);
        String txId = paid("vipps");
        await().atMost(WAIT).until(() -> deliveries(merchant).size() == 2);
        List<CallbackRecorder.Received> twice = received(merchant, EVENT);
        assertEquals(twice.get(0).body(), twice.get(1).body());
        assertEquals(twice.get(0).header("event-delivery"), twice.get(1).header("event-delivery"));
        assertEquals(List.of("AUTHORIZED", "AUTHORIZED"), statuses());

        server.settlements().setWebhookMode(WebhookMode.DROP);
        server.emulator().backofficeCapture(txId, 59800);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> deliveries(merchant).size() == 2);
        WebhookDelivery dropped = server.settlements().webhookDeliveries()
                .get(server.settlements().webhookDeliveries().size() - 1);
        assertEquals(EVENT, dropped.event());
        assertEquals(WebhookDelivery.Outcome.DROPPED, dropped.outcome());
        assertFalse(dropped.delivered());

        server.settlements().setWebhookMode(WebhookMode.NORMAL);
        server.emulator().backofficeRefund(txId, 1000);
        assertEquals("PARTIALLY_REFUNDED", nth(3).path("status").asText());
    }
}
