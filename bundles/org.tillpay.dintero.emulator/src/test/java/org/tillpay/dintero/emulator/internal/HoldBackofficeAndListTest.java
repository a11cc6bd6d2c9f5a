package org.tillpay.dintero.emulator.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.EmulatedPayment;

import com.fasterxml.jackson.databind.JsonNode;

/** Walley holds, back-office operations and {@code GET /v1/transactions}. */
class HoldBackofficeAndListTest extends EmulatorTestBase {

    @Test
    void walleyHoldIsReportedThenResolvedWithASecondCallback() {
        String sessionId = session(withCallback(null));
        EmulatedPayment held = server.emulator().payOnHold(sessionId, "walley");
        assertEquals("ON_HOLD", held.status());
        assertEquals("collector.invoice", held.paymentProductType());
        await().atMost(WAIT).until(() -> merchant.received().size() == 1);
        assertEquals(held.transactionId(), Ops.param(merchant.received().get(0).url(), "transaction_id"));
        JsonNode tx = Ops.transaction(server, bearer, held.transactionId());
        assertEquals("ON_HOLD", tx.path("status").asText());
        assertEquals("AUTHORIZE", Ops.last(tx).path("event").asText());
        assertEquals("ON_HOLD", Ops.last(tx).path("transaction_status").asText());
        assertTrue(Ops.rejected(server, bearer, held.transactionId(), "capture", Ops.body(100, null, null))
                .contains("status is ON_HOLD"));

        server.emulator().resolveHold(held.transactionId(), true);
        await().atMost(WAIT).until(() -> merchant.received().size() == 2);
        assertEquals(held.transactionId(), Ops.param(merchant.received().get(1).url(), "transaction_id"));
        assertEquals(null, Ops.param(merchant.received().get(1).url(), "event"), "an authorization callback");
        tx = Ops.transaction(server, bearer, held.transactionId());
        assertEquals("AUTHORIZED", tx.path("status").asText());
        assertEquals(List.of("AUTHORIZE", "AUTHORIZE"), tx.path("events").findValuesAsText("event"));
        assertThrows(IllegalStateException.class, () -> server.emulator().resolveHold(held.transactionId(), false));
        List<String> sessionEvents = Http.get(server.checkoutBaseUrl() + "/v1/sessions/" + sessionId, bearer).json()
                .path("events").findValuesAsText("name");
        assertTrue(sessionEvents.containsAll(List.of("ON_HOLD_CALLBACK_SENT", "AUTHORIZED", "AUTH_CALLBACK_SENT")),
                sessionEvents.toString());
    }

    @Test
    void aRejectedHoldFailsAndOnlyWalleyCanBeHeld() {
        String txId = server.emulator().payOnHold(session(Sessions.body()), "walley").transactionId();
        server.emulator().resolveHold(txId, false);
        JsonNode tx = Ops.transaction(server, bearer, txId);
        assertEquals("FAILED", tx.path("status").asText());
        assertFalse(Ops.last(tx).path("success").asBoolean());
        assertEquals("FAILED", Ops.last(tx).path("transaction_status").asText());
        String other = session(Sessions.body());
        assertThrows(IllegalArgumentException.class, () -> server.emulator().payOnHold(other, "card"));
        assertEquals("OPEN", server.emulator().sessions().get(1).status(), "nothing happened to the session");
        assertThrows(NoSuchElementException.class, () -> server.emulator().resolveHold("T12345678.none", true));
    }

    @Test
    void backofficeOperationsFollowTheRulesAndReportEvents() {
        String sessionId = session(withCallback("report_event=CAPTURE&report_event=REFUND&report_event=VOID"));
        String txId = server.emulator().pay(sessionId, "vipps").transactionId();
        await().atMost(WAIT).until(() -> merchant.received().size() == 1);
        String captureId = server.emulator().backofficeCapture(txId, 20000);
        JsonNode tx = Ops.transaction(server, bearer, txId);
        JsonNode capture = Ops.last(tx);
        assertEquals(captureId, capture.path("id").asText());
        assertEquals("backoffice", capture.path("created_by").asText());
        assertFalse(capture.has("event_reference"));
        assertEquals("PARTIALLY_CAPTURED", tx.path("status").asText());
        await().atMost(WAIT).until(() -> merchant.received().size() == 2);
        assertEquals(captureId, Ops.param(merchant.received().get(1).url(), "event_id"));

        IllegalArgumentException tooMuch = assertThrows(IllegalArgumentException.class,
                () -> server.emulator().backofficeRefund(txId, 20001));
        assertTrue(tooMuch.getMessage().contains("exceeds the captured amount"), tooMuch.getMessage());
        assertThrows(IllegalArgumentException.class, () -> server.emulator().backofficeCapture(txId, 0));
        String voidId = server.emulator().backofficeVoid(txId);
        String refundId = server.emulator().backofficeRefund(txId, 5000);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> server.emulator().backofficeVoid(txId))
                .getMessage().contains("refund instead"));
        tx = Ops.transaction(server, bearer, txId);
        assertEquals("PARTIALLY_REFUNDED", tx.path("status").asText());
        assertEquals(List.of("CAPTURE", "VOID", "REFUND"), tx.path("events").findValuesAsText("event").subList(1, 4));
        assertEquals(List.of(captureId, voidId, refundId), ids(tx.path("events")).subList(1, 4));
        assertEquals(39800, tx.path("events").get(2).path("amount").asLong(), "the uncaptured remainder");
        await().atMost(WAIT).until(() -> merchant.received().size() == 4);
        // callbacks go out on two sender threads, so they may arrive in any order (as Dintero's may)
        assertEquals(List.of("CAPTURE", "REFUND", "VOID"), merchant.received().subList(1, 4).stream()
                .map(cb -> Ops.param(cb.url(), "event")).sorted().toList());
        assertThrows(NoSuchElementException.class, () -> server.emulator().backofficeVoid("T12345678.none"));
    }

    @Test
    void listFiltersByMerchantReferenceSessionAndLimitWithinTheAccount() {
        String a = session(Sessions.body());
        String b = session(Sessions.body().replace("S-000123/1", "S-000124/1"));
        String c = session(Sessions.body().replace("S-000123/1", "S-000125/1"));
        String txA = server.emulator().pay(a, "card").transactionId();
        String txB = server.emulator().pay(b, "klarna").transactionId();
        String txC = server.emulator().pay(c, "vipps").transactionId();
        String url = server.checkoutBaseUrl() + "/v1/transactions";
        assertEquals(List.of(txC, txB, txA), ids(Http.get(url, bearer)), "newest first");
        assertEquals(List.of(txB), ids(Http.get(url + "?merchant_reference=S-000124%2F1", bearer)));
        assertEquals(List.of(txC, txA), ids(Http.get(url + "?session_id=" + a + "&session_id=" + c, bearer)));
        assertEquals(List.of(txC), ids(Http.get(url + "?limit=1", bearer)));
        assertEquals(List.of(txB), ids(Http.get(url + "?limit=1&starting_after=" + txC, bearer)));
        assertEquals(59800, Http.get(url + "?id=" + txA, bearer).json().get(0).path("amount").asLong());
        // the back-office sweep's filters: captures and refunds since a date or an instant
        server.emulator().backofficeCapture(txB, 10000);
        server.emulator().backofficeRefund(txB, 5000);
        java.time.LocalDate today = java.time.LocalDate.ofInstant(server.emulator().now(), java.time.ZoneOffset.UTC);
        assertEquals(List.of(txB), ids(Http.get(url + "?captured_at.gte=" + today, bearer)));
        assertEquals(List.of(txB), ids(Http.get(url + "?refunded_at.gte=" + today + "&store_id=012", bearer)));
        assertEquals(List.of(), ids(Http.get(url + "?refunded_at.gte=" + today.plusDays(1), bearer)));
        assertEquals(List.of(), ids(Http.get(url + "?captured_at.gte=" + today + "&store_id=999", bearer)));
        assertEquals(400, Http.get(url + "?limit=0", bearer).status());
        server.clearContractViolations(); // limit=0 breaks the spec's minimum on purpose
        assertEquals(401, Http.get(url, null).status());
        server.clearContractViolations();
    }

    private static List<String> ids(Http.Response r) {
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().isArray(), r.body());
        return ids(r.json());
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new java.util.ArrayList<>();
        array.forEach(element -> ids.add(element.path("id").asText()));
        return ids;
    }
}
