package org.tillpay.dintero.emulator.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.DinteroSettlementsEmulator;
import org.tillpay.dintero.emulator.WebhookDelivery;
import org.tillpay.dintero.emulator.WebhookMode;
import org.tillpay.dintero.emulator.testing.CallbackRecorder;
import org.tillpay.dintero.emulator.testing.EmulatorServer;

import com.fasterxml.jackson.databind.JsonNode;

/** The Hooks API: subscriptions, ping, signed {@code settlement_add} deliveries, retries, DROP and DUPLICATE. */
class WebhookTest extends EmulatorTestBase {

    private static final String SECRET = "hook-secret-æøå";
    private final DinteroSettlementsEmulator settlements = server.settlements();

    private String hooksUrl() {
        return server.apiBaseUrl() + "/v1/accounts/" + EmulatorServer.ACCOUNT_ID + "/hooks/subscriptions";
    }

    private JsonNode subscribe(String events) {
        Http.Response r = Http.postJson(hooksUrl(), bearer, "{\"config\":{\"url\":\"" + merchant.url()
                + "\",\"content_type\":\"application/json\",\"secret\":{\"type\":\"HMAC-SHA1\",\"value\":\"" + SECRET
                + "\"},\"insecure_ssl\":0},\"events\":[" + events + "],\"active\":true}", Map.of());
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    /** A vipps capture settled now; returns the settlement id. */
    private String settleOne() {
        String tx = paid("vipps");
        server.emulator().backofficeCapture(tx, 59800);
        return settlements.settle(EmulatorServer.ACCOUNT_ID, LocalDate.of(2024, 5, 2)).get(0);
    }

    private List<CallbackRecorder.Received> received(String event) {
        return merchant.received().stream().filter(r -> event.equals(r.header("event"))).toList();
    }

    /** Checked here with javax.crypto, independently of the emulator's signer; also used by other webhook tests. */
    static String hmacSha1(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void subscriptionGetsASignedPingAndHidesItsSecret() throws Exception {
        JsonNode created = subscribe("\"settlement_add\"");
        String id = created.path("id").asText();
        assertEquals("HMAC-SHA1", created.path("config").path("secret").path("type").asText());
        assertTrue(created.path("config").path("secret").path("value").isMissingNode(), created.toString());
        assertFalse(created.toString().contains(SECRET));
        await().atMost(WAIT).until(() -> received("ping").size() == 1);
        CallbackRecorder.Received ping = received("ping").get(0);
        assertEquals("POST", ping.method());
        assertEquals("Dintero-Hook/1.0", ping.header("User-Agent"));
        assertEquals(hmacSha1(SECRET, ping.body()), ping.header("event-signature"));
        JsonNode body = Http.MAPPER.readTree(ping.body());
        assertEquals("ping", body.path("event").asText());
        assertEquals(ping.header("event-delivery"), body.path("event_delivery").asText());
        assertEquals(id, body.path("hook").path("id").asText());

        JsonNode read = Http.get(hooksUrl() + "/" + id, bearer).json();
        assertEquals(merchant.url(), read.path("config").path("url").asText());
        assertTrue(read.path("config").path("secret").path("value").isMissingNode());
        assertEquals(List.of("settlement_add"), List.of(read.path("events").get(0).asText()));
        assertEquals(1, Http.get(hooksUrl(), bearer).json().size());

        Http.Response again = Http.postEmpty(hooksUrl() + "/" + id + "/ping", bearer);
        assertEquals(202, again.status(), again.body());
        await().atMost(WAIT).until(() -> received("ping").size() == 2);
        assertEquals(again.json().path("event_delivery").asText(), received("ping").get(1).header("event-delivery"));

        assertEquals(204, send("DELETE", hooksUrl() + "/" + id));
        assertEquals(404, Http.get(hooksUrl() + "/" + id, bearer).status());
        assertEquals(0, Http.get(hooksUrl(), bearer).json().size());
    }

    private int send(String method, String url) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url)).method(method, java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Authorization", bearer).build(), java.net.http.HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void settlementAddIsDeliveredSignedToSubscribersOfTheEvent() throws Exception {
        subscribe("\"settlement_add\",\"checkout_transaction\"");
        subscribe("\"checkout_transaction\"");
        await().atMost(WAIT).until(() -> received("ping").size() == 2);
        String id = settleOne();
        await().atMost(WAIT).until(() -> received("settlement_add").size() == 1);
        await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> received("settlement_add").size() == 1);
        CallbackRecorder.Received hook = received("settlement_add").get(0);
        assertEquals(hmacSha1(SECRET, hook.body()), hook.header("event-signature"), "HMAC-SHA1 of the raw body");
        JsonNode body = Http.MAPPER.readTree(hook.body());
        assertEquals(EmulatorServer.ACCOUNT_ID, body.path("account_id").asText());
        assertEquals("settlement_add", body.path("event").asText());
        assertEquals(hook.header("event-delivery"), body.path("event_delivery").asText());
        assertEquals(id, body.path("settlement").path("id").asText());
        assertEquals("vipps", body.path("settlement").path("provider").asText());
        assertEquals(59800 - 1047, body.path("settlement").path("amounts").get(0).path("amount").asLong());
        assertEquals(3, body.path("settlement").path("attachments").size());
    }

    @Test
    void failedDeliveriesAreRetriedFiveTimesAndThenMarkedFailed() {
        merchant.respondWith(500, 500, 200);
        String id = subscribe("\"settlement_add\"").path("id").asText();
        await().atMost(WAIT).until(() -> received("ping").size() == 3);
        List<WebhookDelivery> pings = settlements.webhookDeliveries();
        assertEquals(List.of(1, 2, 3), pings.stream().map(WebhookDelivery::attempt).toList());
        assertEquals(List.of(500, 500, 200), pings.stream().map(WebhookDelivery::httpStatus).toList());
        assertTrue(pings.get(2).delivered());
        assertEquals(1, received("ping").stream().map(r -> r.header("event-delivery")).distinct().count());
        await().atMost(WAIT).until(() -> "delivered".equals(Http.get(hooksUrl() + "/" + id, bearer).json()
                .path("last_delivery").path("status").asText()));

        merchant.respondWith(302); // a redirect is a failure, never followed
        settleOne();
        await().atMost(WAIT).until(() -> received("settlement_add").size() == 5);
        await().atMost(WAIT).until(() -> "failed".equals(Http.get(hooksUrl() + "/" + id, bearer).json()
                .path("last_delivery").path("status").asText()));
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> received("settlement_add").size() == 5);
        JsonNode subscription = Http.get(hooksUrl() + "/" + id, bearer).json();
        assertEquals(5, subscription.path("last_delivery").path("attempts").asInt());
        assertEquals(1, subscription.path("failed_deliveries").asInt());
        assertTrue(subscription.path("active").asBoolean(), "kept, not deleted");
    }

    @Test
    void duplicateSendsEveryDeliveryTwiceAndDropSendsNothing() {
        assertEquals(WebhookMode.NORMAL, settlements.webhookMode());
        subscribe("\"settlement_add\"");
        await().atMost(WAIT).until(() -> received("ping").size() == 1);
        settlements.setWebhookMode(WebhookMode.DUPLICATE);
        String id = settleOne();
        await().atMost(WAIT).until(() -> received("settlement_add").size() == 2);
        assertEquals(received("settlement_add").get(0).body(), received("settlement_add").get(1).body());
        assertEquals(received("settlement_add").get(0).header("event-delivery"),
                received("settlement_add").get(1).header("event-delivery"));
        assertTrue(received("settlement_add").get(0).body().contains(id));

        settlements.setWebhookMode(WebhookMode.DROP);
        settleOne();
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> received("settlement_add").size() == 2);
        WebhookDelivery dropped = settlements.webhookDeliveries().get(settlements.webhookDeliveries().size() - 1);
        assertEquals(WebhookDelivery.Outcome.DROPPED, dropped.outcome());
        assertEquals("settlement_add", dropped.event());
        assertEquals(merchant.url(), dropped.url());
        assertFalse(dropped.delivered());
    }

    @Test
    void subscriptionsAreValidatedAndBelongToTheirAccount() {
        for (String bad : List.of("{\"config\":{\"url\":\"not a url\"},\"events\":[\"settlement_add\"]}",
                "{\"config\":{\"url\":\"http://127.0.0.1/x\"},\"events\":[\"no_such_event\"]}",
                "{\"config\":{\"url\":\"http://127.0.0.1/x\"},\"events\":[]}",
                "{\"config\":{\"url\":\"http://127.0.0.1/x\",\"secret\":{\"type\":\"HMAC-SHA256\",\"value\":\"s\"}},"
                        + "\"events\":[\"settlement_add\"]}")) {
            assertEquals(400, Http.postJson(hooksUrl(), bearer, bad, Map.of()).status(), bad);
        }
        String id = subscribe("\"settlement_add\"").path("id").asText();
        try (EmulatorServer two = EmulatorServer.builder().defaultAccount()
                .account("T87654321", "other-client", "other-secret", "", "default").start()) {
            String other = Http.bearer(two, "T87654321", "other-client", "other-secret");
            String own = Http.bearer(two);
            String url = two.apiBaseUrl() + "/v1/accounts/" + EmulatorServer.ACCOUNT_ID + "/hooks/subscriptions";
            assertEquals(403, Http.get(url, other).status());
            assertEquals(403, Http.postJson(url, other, "{}", Map.of()).status());
            assertEquals(200, Http.get(url, own).status());
        }
        assertEquals(404, Http.get(server.apiBaseUrl() + "/v1/accounts/" + EmulatorServer.ACCOUNT_ID
                + "/hooks/subscriptions/" + id + "x", bearer).status());
        assertEquals(401, Http.get(hooksUrl(), null).status(), "no token");
    }
}
