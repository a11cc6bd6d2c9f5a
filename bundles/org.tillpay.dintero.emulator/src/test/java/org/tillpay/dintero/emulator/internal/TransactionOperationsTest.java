package org.tillpay.dintero.emulator.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.testing.CallbackRecorder;
import org.tillpay.dintero.emulator.testing.EmulatorServer;

import com.fasterxml.jackson.databind.JsonNode;

/** Capture, refund and void over HTTP, synchronous: rules, statuses, events and report_event callbacks. */
class TransactionOperationsTest extends EmulatorTestBase {

    private JsonNode capture(String txId, String json) {
        return Ops.ok(server, bearer, txId, "capture", json);
    }

    private JsonNode refund(String txId, String json) {
        return Ops.ok(server, bearer, txId, "refund", json);
    }

    @Test
    void partialCapturesThenRefundsMoveTheStatusAndRecordEvents() {
        String txId = paid("card");
        JsonNode tx = capture(txId, Ops.body(10000, "capture_reference", "DLV-1", "2", "10000"));
        assertEquals("PARTIALLY_CAPTURED", tx.path("status").asText());
        JsonNode event = Ops.last(tx);
        assertEquals("CAPTURE", event.path("event").asText());
        assertTrue(event.path("success").asBoolean());
        assertEquals(10000, event.path("amount").asLong());
        assertEquals("PARTIALLY_CAPTURED", event.path("transaction_status").asText());
        assertEquals("DLV-1", event.path("event_reference").asText());
        assertEquals(EmulatorServer.CLIENT_ID, event.path("created_by").asText());
        assertEquals(List.of("2"), event.path("items").findValuesAsText("line_id"));
        assertFalse(event.path("request_id").asText().isEmpty());
        assertFalse(event.path("created_at").asText().isEmpty());
        assertFalse(event.has("correlation_request_id"));

        tx = capture(txId, Ops.body(49800, "capture_reference", "DLV-2", "1", "49800"));
        assertEquals("CAPTURED", tx.path("status").asText());
        tx = refund(txId, "{\"amount\":10000,\"refund_reference\":\"RET-7\",\"reason\":\"return\","
                + "\"items\":[{\"line_id\":\"2\",\"amount\":10000,\"quantity\":1}]}");
        assertEquals("PARTIALLY_REFUNDED", tx.path("status").asText());
        assertEquals("REFUND", Ops.last(tx).path("event").asText());
        assertEquals("RET-7", Ops.last(tx).path("event_reference").asText());
        assertTrue(Ops.rejected(server, bearer, txId, "refund", Ops.body(49801, "refund_reference", "RET-8"))
                .contains("exceeds the captured amount not yet refunded 49800"));
        assertTrue(Ops.rejected(server, bearer, txId, "refund", Ops.body(10000, null, null, "2", "10000"))
                .contains("line 2 has left to refund (0)"));
        tx = refund(txId, Ops.body(49800, "refund_reference", "RET-8"));
        assertEquals("REFUNDED", tx.path("status").asText());
        assertEquals(List.of("AUTHORIZE", "CAPTURE", "CAPTURE", "REFUND", "REFUND"),
                tx.path("events").findValuesAsText("event"));
        assertEquals(tx, Ops.transaction(server, bearer, txId), "the answer is the stored transaction");
    }

    @Test
    void refundOfAPartlyCapturedTransactionAndCapturingTheRest() {
        String txId = paid("card");
        capture(txId, Ops.body(10000, "capture_reference", "DLV-1"));
        JsonNode tx = refund(txId, Ops.body(4000, "refund_reference", "RET-1"));
        assertEquals("PARTIALLY_CAPTURED_REFUNDED", tx.path("status").asText());
        tx = refund(txId, Ops.body(6000, "refund_reference", "RET-2"));
        assertEquals("PARTIALLY_CAPTURED_REFUNDED", tx.path("status").asText(), "still not captured in full");
        tx = capture(txId, Ops.body(40000, "capture_reference", "DLV-2"));
        assertEquals("PARTIALLY_CAPTURED_REFUNDED", tx.path("status").asText());
        assertTrue(Ops.rejected(server, bearer, txId, "capture", Ops.body(9801, null, null))
                .contains("exceeds the remaining authorized amount 9800"));
        tx = capture(txId, Ops.body(9800, null, null));
        assertEquals("PARTIALLY_REFUNDED", tx.path("status").asText(), "all captured, part refunded");
    }

    @Test
    void malformedOrImpossibleOperationsAre400() {
        String txId = paid("card");
        assertTrue(Ops.rejected(server, bearer, txId, "refund", Ops.body(100, null, null))
                .contains("cannot be refunded: its status is AUTHORIZED"));
        assertTrue(Ops.rejected(server, bearer, txId, "capture", Ops.body(59801, null, null))
                .contains("exceeds the remaining authorized amount 59800"));
        assertTrue(Ops.rejected(server, bearer, txId, "capture", Ops.body(100, null, null, "9", "100"))
                .contains("line_id 9 is not a line"));
        assertTrue(Ops.rejected(server, bearer, txId, "capture", Ops.body(20000, null, null, "1", "100", "2", "100"))
                .contains("sum to 200, not to amount 20000"));
        assertTrue(Ops.rejected(server, bearer, txId, "capture", Ops.body(10001, null, null, "2", "10001"))
                .contains("line 2 has left to capture (10000)"));
        server.clearContractViolations();
        assertTrue(Ops.rejected(server, bearer, txId, "capture", "{\"capture_reference\":\"x\"}")
                .contains("amount is required"));
        assertTrue(Ops.rejected(server, bearer, txId, "capture", Ops.body(0, null, null))
                .contains("amount must be positive"));
        assertTrue(Ops.rejected(server, bearer, txId, "refund", Ops.body(-5, null, null))
                .contains("amount must be positive"));
        assertEquals(server.contractValidationEnabled(), !server.contractViolations().isEmpty(),
                "the missing amount breaks the spec's request schema");
        server.clearContractViolations();
        assertEquals("AUTHORIZED", Ops.transaction(server, bearer, txId).path("status").asText());
        assertEquals(1, Ops.transaction(server, bearer, txId).path("events").size(), "no event for a 400");

        capture(txId, Ops.body(59800, null, null));
        assertTrue(Ops.rejected(server, bearer, txId, "void", null).contains("refund instead"));
        assertEquals(404, Ops.post(server, bearer, "T12345678.unknown", "void", null).status());
        assertEquals(405, Http.get(server.checkoutBaseUrl() + "/v1/transactions/" + txId + "/capture", bearer)
                .status());
        server.clearContractViolations(); // GET on a POST-only operation is not in the spec
    }

    @Test
    void voidBeforeCaptureAndOfTheRemainderForTheListedTypesOnly() {
        String authorized = paid("klarna");
        JsonNode tx = Ops.ok(server, bearer, authorized, "void", null);
        assertEquals("AUTHORIZATION_VOIDED", tx.path("status").asText());
        assertEquals("VOID", Ops.last(tx).path("event").asText());
        assertEquals(59800, Ops.last(tx).path("amount").asLong());
        assertTrue(Ops.rejected(server, bearer, authorized, "capture", Ops.body(100, null, null))
                .contains("status is AUTHORIZATION_VOIDED"));

        String card = paid("card");
        capture(card, Ops.body(10000, null, null));
        assertTrue(Ops.rejected(server, bearer, card, "void", null)
                .contains("not supported for payment type dintero_psp.creditcard"));

        String vipps = paid("vipps");
        capture(vipps, Ops.body(10000, null, null));
        tx = Ops.ok(server, bearer, vipps, "void", null);
        assertEquals("CAPTURED", tx.path("status").asText(), "the emulator's choice for a voided remainder");
        assertEquals(49800, Ops.last(tx).path("amount").asLong());
        assertTrue(Ops.rejected(server, bearer, vipps, "capture", Ops.body(100, null, null))
                .contains("status is CAPTURED"));
        assertEquals("REFUNDED", refund(vipps, Ops.body(10000, null, null)).path("status").asText());
    }

    @Test
    void walleyCapturesWholeLinesOnly() {
        String txId = paid("walley");
        assertTrue(Ops.rejected(server, bearer, txId, "capture", Ops.body(20000, null, null, "1", "20000"))
                .contains("whole item lines"));
        assertTrue(Ops.rejected(server, bearer, txId, "capture", Ops.body(20000, null, null))
                .contains("whole item lines"));
        JsonNode tx = capture(txId, Ops.body(10000, "capture_reference", "DLV-1", "2", "10000"));
        assertEquals("PARTIALLY_CAPTURED", tx.path("status").asText());
        assertTrue(Ops.rejected(server, bearer, txId, "capture", Ops.body(10000, null, null, "2", "10000"))
                .contains("line 2 has left to capture (0)"));
        assertEquals("CAPTURED", capture(txId, Ops.body(49800, null, null)).path("status").asText(),
                "the whole remainder without items is whole lines");
    }

    @Test
    void swishIsCapturedAtOnce() {
        assertEquals("CAPTURED", server.emulator().pay(session(Sessions.body()), "swish").status());
        JsonNode tx = Ops.transaction(server, bearer, server.emulator().sessions().get(0).transactionId());
        assertEquals(List.of("CAPTURE"), tx.path("events").findValuesAsText("event"));
        assertEquals(59800, Ops.last(tx).path("amount").asLong());
        assertEquals("REFUNDED", refund(tx.path("id").asText(), Ops.body(59800, null, null)).path("status").asText());
    }

    @Test
    void reportEventCallbacksCarryTheEventAndItsId() {
        String sessionId = session(withCallback("report_event=CAPTURE&report_event=REFUND"));
        String txId = server.emulator().pay(sessionId, "card").transactionId();
        await().atMost(WAIT).until(() -> merchant.received().size() == 1);
        JsonNode captured = capture(txId, Ops.body(59800, null, null));
        await().atMost(WAIT).until(() -> merchant.received().size() == 2);
        CallbackRecorder.Received cb = merchant.received().get(1);
        assertEquals("CAPTURE", Ops.param(cb.url(), "event"));
        assertEquals(Ops.last(captured).path("id").asText(), Ops.param(cb.url(), "event_id"));
        assertEquals(txId, Ops.param(cb.url(), "transaction_id"));
        JsonNode refunded = refund(txId, Ops.body(100, null, null));
        await().atMost(WAIT).until(() -> merchant.received().size() == 3);
        assertEquals("REFUND", Ops.param(merchant.received().get(2).url(), "event"));
        assertEquals(Ops.last(refunded).path("id").asText(), Ops.param(merchant.received().get(2).url(), "event_id"));
        Ops.ok(server, bearer, paid("card"), "void", null); // another session, and VOID was not asked for anyway
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> merchant.received().size() == 3);
    }
}
