package org.tillpay.dintero.emulator.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.testing.CallbackRecorder;
import org.tillpay.dintero.emulator.testing.EmulatorServer;

import com.fasterxml.jackson.databind.JsonNode;

/** The merchant cancels a session while the customer has the link: void, VOID callback, closed page. */
class CancelWhileWaitingTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final CallbackRecorder merchant = CallbackRecorder.start();
    private final EmulatorServer server = EmulatorServer.start();
    private final String bearer = Http.bearer(server);

    @AfterEach
    void close() {
        Http.closeCheckingContract(server, merchant);
    }

    private JsonNode create(String callbackUrl) {
        return Http.createSession(server, bearer, Sessions.body("+4799999999", callbackUrl, null));
    }

    private Http.Response cancel(String sessionId) {
        return Http.postEmpty(server.checkoutBaseUrl() + "/v1/sessions/" + sessionId + "/cancel", bearer);
    }

    private static String param(URI url, String name) {
        return QueryString.first(url.toString(), name).orElse(null);
    }

    @Test
    void cancellingAnAuthorizedSessionVoidsItReportsVoidAndClosesThePage() {
        JsonNode created = create(merchant.url() + "?method=POST&report_error=true&report_event=VOID");
        String id = created.path("id").asText();
        String url = created.path("url").asText();
        String txId = server.emulator().pay(id, "vipps").transactionId();
        await().atMost(WAIT).until(() -> merchant.received().size() == 1);

        Http.Response cancelled = cancel(id);
        assertEquals(200, cancelled.status(), cancelled.body());
        assertFalse(cancelled.json().path("cancelled_at").asText().isEmpty());
        assertTrue(cancelled.json().path("events").findValuesAsText("name").contains("CANCELLED"));
        JsonNode tx = Http.get(server.checkoutBaseUrl() + "/v1/transactions/" + txId, bearer).json();
        assertEquals("AUTHORIZATION_VOIDED", tx.path("status").asText());
        assertEquals(List.of("AUTHORIZE", "VOID"), tx.path("events").findValuesAsText("event"));
        JsonNode voidEvent = tx.path("events").get(1);
        assertEquals("AUTHORIZATION_VOIDED", voidEvent.path("transaction_status").asText());
        assertEquals(59800, voidEvent.path("amount").asLong());

        await().atMost(WAIT).until(() -> merchant.received().size() == 2);
        CallbackRecorder.Received cb = merchant.received().get(1);
        assertEquals("POST", cb.method());
        assertEquals("VOID", param(cb.url(), "event"));
        assertEquals(voidEvent.path("id").asText(), param(cb.url(), "event_id"));
        assertEquals(txId, param(cb.url(), "transaction_id"));
        assertEquals(id, param(cb.url(), "session_id"));
        assertNull(param(cb.url(), "error"), "a merchant cancel is not a customer error");
        assertEquals("AUTHORIZATION_VOIDED", new Http.Response(200, null, null, cb.body()).json()
                .path("status").asText());
        assertTrue(IndependentSignatureCheck.verify(cb.header("Dintero-Signature"), EmulatorServer.SIGNATURE_SECRET,
                EmulatorServer.ACCOUNT_ID, "POST", cb.url()));

        Http.Response page = Http.get(url, null);
        assertEquals(410, page.status());
        assertTrue(page.body().contains("This payment link was cancelled"), page.body());
        Http.Response payAgain = Http.postForm(url, "action=pay&method=card");
        assertEquals(410, payAgain.status());
        assertTrue(payAgain.body().contains("was cancelled"), payAgain.body());
        assertTrue(assertThrows(IllegalStateException.class, () -> server.emulator().pay(id, "card")).getMessage()
                .contains("cancelled"));
        assertEquals("AUTHORIZATION_VOIDED", server.emulator().sessions().get(0).status());
        assertEquals(200, cancel(id).status(), "cancelling again is harmless");
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> merchant.received().size() == 2);
    }

    @Test
    void merchantCancelWithoutTransactionSendsNoErrorCallback() {
        String callback = merchant.url() + "?report_error=true&report_event=VOID";
        String id = create(callback).path("id").asText();
        server.emulator().open(id);
        assertEquals(200, cancel(id).status());
        assertEquals("CANCELLED", server.emulator().sessions().get(0).status());
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> merchant.received().isEmpty());
        assertEquals(List.of(), server.emulator().callbackDeliveries());

        server.emulator().decline(create(callback).path("id").asText()); // a customer's cancel is reported
        await().atMost(WAIT).until(() -> merchant.received().size() == 1);
        assertEquals("cancelled", param(merchant.received().get(0).url(), "error"));
    }

    @Test
    void voidIsNotReportedWithoutReportEventVoid() {
        String id = create(merchant.url() + "?report_event=CAPTURE").path("id").asText();
        server.emulator().pay(id, "card");
        await().atMost(WAIT).until(() -> merchant.received().size() == 1);
        assertEquals(200, cancel(id).status());
        await().during(Duration.ofMillis(400)).atMost(WAIT).until(() -> merchant.received().size() == 1);
    }
}
