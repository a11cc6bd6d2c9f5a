package org.tillpay.dintero.emulator.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.OperationMode;

import com.fasterxml.jackson.databind.JsonNode;

/** Operations accepted with 202 and completed later, injected provider failures and lost answers. */
class AsyncAndFailureTest extends EmulatorTestBase {

    @Test
    void asyncCaptureIsAcceptedThenCompletedWithACorrelatedEventAndCallback() {
        String sessionId = session(withCallback("report_event=CAPTURE"));
        String txId = server.emulator().pay(sessionId, "card").transactionId();
        await().atMost(WAIT).until(() -> merchant.received().size() == 1);
        assertEquals(OperationMode.SYNC, server.emulator().operationMode());
        server.emulator().setOperationMode(OperationMode.ASYNC);

        Http.Response accepted = Ops.post(server, bearer, txId, "capture", Ops.body(40000, "capture_reference",
                "DLV-1"));
        assertEquals(202, accepted.status(), accepted.body());
        JsonNode initiate = Ops.last(accepted.json());
        assertEquals("INITIATE_CAPTURE", initiate.path("event").asText());
        assertEquals(40000, initiate.path("amount").asLong());
        assertEquals("DLV-1", initiate.path("event_reference").asText());
        assertEquals(initiate.path("request_id").asText(), accepted.header("event-request-id"));
        assertEquals("AUTHORIZED", accepted.json().path("status").asText(), "no money moved yet");
        assertTrue(Ops.rejected(server, bearer, txId, "capture", Ops.body(19801, null, null))
                .contains("remaining authorized amount 19800"), "the accepted amount is reserved");
        assertTrue(Ops.rejected(server, bearer, txId, "void", null).contains("in progress"));
        await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> merchant.received().size() == 1);

        assertEquals(1, server.emulator().completePendingOperations());
        assertEquals(0, server.emulator().completePendingOperations());
        JsonNode tx = Ops.transaction(server, bearer, txId);
        assertEquals("PARTIALLY_CAPTURED", tx.path("status").asText());
        JsonNode done = Ops.last(tx);
        assertEquals("CAPTURE", done.path("event").asText());
        assertTrue(done.path("success").asBoolean());
        assertEquals(accepted.header("event-request-id"), done.path("correlation_request_id").asText());
        assertFalse(done.path("request_id").asText().equals(done.path("correlation_request_id").asText()));
        await().atMost(WAIT).until(() -> merchant.received().size() == 2);
        assertEquals(done.path("id").asText(), Ops.param(merchant.received().get(1).url(), "event_id"));
    }

    @Test
    void asyncVoidThatFailsAndAsyncRefund() {
        String txId = paid("vipps");
        Ops.ok(server, bearer, txId, "capture", Ops.body(10000, null, null));
        server.emulator().setOperationMode(OperationMode.ASYNC);
        server.emulator().failNextOperation(txId, "Vipps is down");
        Http.Response voided = Ops.post(server, bearer, txId, "void", null);
        assertEquals(202, voided.status(), voided.body());
        JsonNode initiate = Ops.last(voided.json());
        assertEquals("INITIATE_VOID", initiate.path("event").asText());
        assertEquals(49800, initiate.path("amount").asLong());
        assertTrue(Ops.rejected(server, bearer, txId, "capture", Ops.body(100, null, null))
                .contains("void in progress"));
        assertEquals(1, server.emulator().completePendingOperations());
        JsonNode failedVoid = Ops.last(Ops.transaction(server, bearer, txId));
        assertEquals("VOID", failedVoid.path("event").asText());
        assertFalse(failedVoid.path("success").asBoolean());
        assertEquals("Vipps is down", failedVoid.path("error").path("message").asText());
        assertEquals(initiate.path("request_id").asText(), failedVoid.path("correlation_request_id").asText());

        Http.Response refund = Ops.post(server, bearer, txId, "refund", Ops.body(10000, "refund_reference", "R"));
        assertEquals(202, refund.status(), refund.body());
        assertEquals("INITIATE_REFUND", Ops.last(refund.json()).path("event").asText());
        assertTrue(Ops.rejected(server, bearer, txId, "void", null).contains("in progress"));
        assertEquals(1, server.emulator().completePendingOperations());
        JsonNode tx = Ops.transaction(server, bearer, txId);
        assertEquals(List.of("AUTHORIZE", "CAPTURE", "INITIATE_VOID", "VOID", "INITIATE_REFUND", "REFUND"),
                tx.path("events").findValuesAsText("event"));
        assertEquals("PARTIALLY_CAPTURED_REFUNDED", tx.path("status").asText(), "the void failed: still part");
        assertTrue(Ops.last(tx).path("success").asBoolean());
    }

    @Test
    void anInjectedFailureIsA200WithAFailedEventAndNoMoneyMoved() {
        String txId = paid("card");
        server.emulator().failNextOperation(txId, "Insufficient funds at the acquirer");
        JsonNode tx = Ops.ok(server, bearer, txId, "capture", Ops.body(59800, "capture_reference", "DLV-1"));
        assertEquals("AUTHORIZED", tx.path("status").asText());
        JsonNode event = Ops.last(tx);
        assertEquals("CAPTURE", event.path("event").asText());
        assertFalse(event.path("success").asBoolean());
        assertEquals("AUTHORIZED", event.path("transaction_status").asText());
        assertEquals("OPERATION_FAILED", event.path("error").path("code").asText());
        assertEquals("Insufficient funds at the acquirer", event.path("error").path("message").asText());
        assertTrue(Ops.rejected(server, bearer, txId, "refund", Ops.body(1, null, null)).contains("AUTHORIZED"));
        tx = Ops.ok(server, bearer, txId, "capture", Ops.body(59800, "capture_reference", "DLV-1"));
        assertEquals("CAPTURED", tx.path("status").asText(), "only the next operation fails");
        assertThrows(NoSuchElementException.class, () -> server.emulator().failNextOperation("T12345678.x", "m"));
    }

    @Test
    void aLostAnswerIsA504WithoutBodyButTheOperationHappened() {
        String sessionId = session(withCallback("report_event=REFUND"));
        String txId = server.emulator().pay(sessionId, "card").transactionId();
        await().atMost(WAIT).until(() -> merchant.received().size() == 1);
        Ops.ok(server, bearer, txId, "capture", Ops.body(59800, null, null));
        server.emulator().loseNextOperationResponse(txId);
        assertTrue(Ops.rejected(server, bearer, txId, "refund", Ops.body(59801, null, null)).contains("exceeds"),
                "a rejected request does not use the lost answer up");
        Http.Response lost = Ops.post(server, bearer, txId, "refund", Ops.body(20000, "refund_reference", "RET-1"));
        assertEquals(504, lost.status());
        assertEquals("", lost.body());
        JsonNode tx = Ops.transaction(server, bearer, txId);
        assertEquals("PARTIALLY_REFUNDED", tx.path("status").asText());
        assertEquals("RET-1", Ops.last(tx).path("event_reference").asText());
        await().atMost(WAIT).until(() -> merchant.received().size() == 2);
        assertEquals("REFUND", Ops.param(merchant.received().get(1).url(), "event"));
        assertEquals(200, Ops.post(server, bearer, txId, "refund", Ops.body(100, null, null)).status(),
                "only the next answer is lost");
    }
}
