package org.tillpay.dintero.emulator.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.CallbackDelivery;
import org.tillpay.dintero.emulator.testing.CallbackRecorder;
import org.tillpay.dintero.emulator.testing.EmulatorServer;

import com.fasterxml.jackson.databind.JsonNode;

/** Callback delivery: parameters, signature, POST body, retries, report_error, report_event. */
class CallbackDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final CallbackRecorder merchant = CallbackRecorder.start();
    private EmulatorServer server = EmulatorServer.builder().callbackMaxAttempts(4)
            .callbackRetryDelay(Duration.ofMillis(20)).start();
    private String bearer = Http.bearer(server);

    @AfterEach
    void close() {
        Http.closeCheckingContract(server, merchant);
    }

    private String create(String callbackUrl) {
        Http.Response r = Http.postJson(server.checkoutBaseUrl() + "/v1/sessions-profile", bearer,
                Sessions.body("+4799999999", callbackUrl, null), Map.of());
        assertEquals(200, r.status(), r.body());
        return r.json().path("id").asText();
    }

    private static String param(URI url, String name) {
        return QueryString.first(url.toString(), name).orElse(null);
    }

    private static boolean verifies(CallbackRecorder.Received received) {
        return IndependentSignatureCheck.verify(received.header("Dintero-Signature"), EmulatorServer.SIGNATURE_SECRET,
                EmulatorServer.ACCOUNT_ID, received.method(), received.url());
    }

    @Test
    void getCallbackCarriesParametersAndAValidSignature() {
        String sessionId = create(merchant.url() + "?shop=12&note=a+b");
        Instant before = Instant.now().minusSeconds(1);
        String txId = server.emulator().pay(sessionId, "vipps").transactionId();
        await().atMost(WAIT).until(() -> merchant.received().size() == 1);
        CallbackRecorder.Received cb = merchant.received().get(0);
        assertEquals("GET", cb.method());
        assertEquals("/callback", cb.url().getPath());
        assertEquals(txId, param(cb.url(), "transaction_id"));
        assertEquals(sessionId, param(cb.url(), "session_id"));
        assertEquals("S-000123/1", param(cb.url(), "merchant_reference"));
        assertEquals("12", param(cb.url(), "shop"));
        assertEquals("a b", param(cb.url(), "note"));
        assertNull(param(cb.url(), "error"));
        String time = param(cb.url(), "time");
        assertTrue(time.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"), time);
        assertTrue(cb.header("Dintero-Signature").matches("t=\\d+,v0-hmac-sha256=[0-9a-f]{64}"));
        long t = Long.parseLong(cb.header("Dintero-Signature").replaceAll("t=(\\d+),.*", "$1"));
        assertTrue(t >= before.getEpochSecond() && t <= Instant.now().getEpochSecond() + 1);
        assertTrue(verifies(cb), "signature must verify with the documented algorithm");
        assertTrue(!IndependentSignatureCheck.verify(cb.header("Dintero-Signature"), "wrong-secret",
                EmulatorServer.ACCOUNT_ID, "GET", cb.url()));
        await().atMost(WAIT).until(() -> server.emulator().callbackDeliveries().size() == 1);
        CallbackDelivery delivery = server.emulator().callbackDeliveries().get(0);
        assertEquals(1, delivery.attempt());
        assertEquals(200, delivery.httpStatus());
        assertTrue(delivery.delivered());
        assertEquals(cb.url().toString(), delivery.url());
        assertTrue(server.emulator().session(sessionId).orElseThrow().toString().contains("AUTH_CALLBACK_SENT"));
    }

    @Test
    void retriesOn5xxUntilDelivered() {
        merchant.respondWith(500, 503, 200);
        server.emulator().pay(create(merchant.url()), "card");
        await().atMost(WAIT).until(() -> server.emulator().callbackDeliveries().size() == 3);
        assertEquals(List.of(500, 503, 200), server.emulator().callbackDeliveries().stream()
                .map(CallbackDelivery::httpStatus).toList());
        assertEquals(List.of(1, 2, 3), server.emulator().callbackDeliveries().stream()
                .map(CallbackDelivery::attempt).toList());
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> merchant.received().size() == 3);
        assertTrue(merchant.received().stream().allMatch(CallbackDeliveryTest::verifies));
    }

    @Test
    void givesUpAfterMaxAttempts() {
        merchant.respondWith(502);
        server.emulator().pay(create(merchant.url()), "card");
        await().atMost(WAIT).until(() -> server.emulator().callbackDeliveries().size() == 4);
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> merchant.received().size() == 4);
    }

    @Test
    void noRetryOn4xx() {
        merchant.respondWith(400, 200);
        server.emulator().pay(create(merchant.url()), "card");
        await().atMost(WAIT).until(() -> merchant.received().size() == 1);
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> merchant.received().size() == 1);
        assertEquals(400, server.emulator().callbackDeliveries().get(0).httpStatus());
    }

    @Test
    void connectionErrorsAreRetried() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        server.emulator().pay(create("http://127.0.0.1:" + closedPort + "/callback"), "card");
        await().atMost(WAIT).until(() -> server.emulator().callbackDeliveries().size() == 4);
        CallbackDelivery first = server.emulator().callbackDeliveries().get(0);
        assertEquals(0, first.httpStatus());
        assertTrue(first.error() != null && !first.delivered());
    }

    @Test
    void declineIsReportedOnlyWithReportError() {
        server.emulator().decline(create(merchant.url() + "?report_error=true&sid_parameter_name=sid"));
        await().atMost(WAIT).until(() -> merchant.received().size() == 1);
        URI url = merchant.received().get(0).url();
        assertEquals("cancelled", param(url, "error"));
        assertNull(param(url, "transaction_id"));
        assertNull(param(url, "session_id"));
        assertTrue(param(url, "sid").startsWith("T12345678."));
        assertTrue(verifies(merchant.received().get(0)));

        server.emulator().decline(create(merchant.url()));
        await().during(Duration.ofMillis(400)).atMost(WAIT).until(() -> merchant.received().size() == 1);
    }

    @Test
    void postCallbackCarriesTheTransaction() {
        String sessionId = create(merchant.url() + "?method=POST&includes=session");
        String txId = server.emulator().pay(sessionId, "klarna").transactionId();
        await().atMost(WAIT).until(() -> merchant.received().size() == 1);
        CallbackRecorder.Received cb = merchant.received().get(0);
        assertEquals("POST", cb.method());
        assertTrue(cb.header("Content-Type").startsWith("application/json"));
        JsonNode body = new Http.Response(200, null, null, cb.body()).json();
        assertEquals(txId, body.path("id").asText());
        assertEquals("klarna.klarna", body.path("payment_product_type").asText());
        assertEquals("AUTHORIZED", body.path("status").asText());
        assertEquals(sessionId, body.path("session").path("id").asText());
        assertTrue(verifies(cb));
    }

    @Test
    void delayCallbackIsHonoured() {
        String sessionId = create(merchant.url() + "?delay_callback=1");
        Instant paidAt = Instant.now();
        server.emulator().pay(sessionId, "card");
        await().atMost(WAIT).until(() -> merchant.received().size() == 1);
        assertTrue(Duration.between(paidAt, merchant.received().get(0).at()).toMillis() >= 900);
    }

    @Test
    void voidOnCancelIsReportedWithReportEvent() {
        String sessionId = create(merchant.url() + "?report_event=CAPTURE&report_event=VOID");
        String txId = server.emulator().pay(sessionId, "vipps").transactionId();
        await().atMost(WAIT).until(() -> merchant.received().size() == 1);
        Http.postEmpty(server.checkoutBaseUrl() + "/v1/sessions/" + sessionId + "/cancel", bearer);
        await().atMost(WAIT).until(() -> merchant.received().size() == 2);
        URI url = merchant.received().get(1).url();
        assertEquals("VOID", param(url, "event"));
        assertEquals(txId, param(url, "transaction_id"));
        JsonNode tx = Http.get(server.checkoutBaseUrl() + "/v1/transactions/" + txId, bearer).json();
        assertEquals(tx.path("events").get(1).path("id").asText(), param(url, "event_id"));
        assertTrue(verifies(merchant.received().get(1)));
    }

    @Test
    void noSignatureWithoutSecret() {
        server.close();
        server = EmulatorServer.builder().account("T11111111", "c", "s", "", "default").start();
        bearer = Http.bearer(server, "T11111111", "c", "s");
        server.emulator().pay(create(merchant.url()), "card");
        await().atMost(WAIT).until(() -> merchant.received().size() == 1);
        assertNull(merchant.received().get(0).header("Dintero-Signature"));
    }
}
