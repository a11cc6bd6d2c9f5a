package org.tillpay.dintero.emulator.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.CallbackDelivery;
import org.tillpay.dintero.emulator.Fault;
import org.tillpay.dintero.emulator.FaultRule;
import org.tillpay.dintero.emulator.FaultRule.Route;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Rule bookkeeping (seeded probability, count limits, removal, hit counts) and the faults that are not answers:
 * callbacks delayed, dropped or duplicated by a rule, operations that fail or complete late on their own.
 */
class FaultRulesTest extends EmulatorTestBase {

    private List<Integer> readStatuses(String txId, int n) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            statuses.add(Http.get(server.checkoutBaseUrl() + "/v1/transactions/" + txId, bearer).status());
        }
        return statuses;
    }

    @Test
    void aSeededProbabilityGivesTheSameReproduciblePattern() {
        String txId = paid("card");
        FaultRule rule = FaultRule.on(Route.TRANSACTION_READ, Fault.serverError(503)).withProbability(0.4, 42L);
        String first = server.emulator().addFault(rule);
        List<Integer> pattern = readStatuses(txId, 20);
        server.emulator().removeFault(first);
        String second = server.emulator().addFault(rule);
        assertEquals(pattern, readStatuses(txId, 20), "the same seed strikes the same requests");

        Random documented = new Random(42L); // one draw per request the rule is consulted for
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add(documented.nextDouble() < 0.4 ? 503 : 200);
        }
        assertEquals(expected, pattern);
        assertTrue(pattern.contains(503) && pattern.contains(200), pattern.toString());
        long struck = pattern.stream().filter(s -> s == 503).count();
        assertEquals(struck, server.emulator().faultHits(first));
        assertEquals(struck, server.emulator().faultHits(second));
    }

    @Test
    void aCountLimitAndClearingAndTheFirstMatchingRuleWins() {
        String txId = paid("card");
        String twice = server.emulator().addFault(FaultRule.on(Route.TRANSACTION_READ, Fault.serverError(500))
                .times(2));
        String then = server.emulator().addFault(FaultRule.on(Route.ANY, Fault.serverError(503)).times(1));
        assertEquals(List.of(500, 500, 503, 200), readStatuses(txId, 4));
        assertEquals(2, server.emulator().faultHits(twice));
        assertEquals(1, server.emulator().faultHits(then));
        assertEquals(List.of(twice, then), List.copyOf(server.emulator().faults().keySet()));

        assertEquals(2, server.emulator().clearFaults());
        assertEquals(Map.of(), server.emulator().faults());
        assertEquals(2, server.emulator().faultHits(twice), "counts outlive their rules");
        assertFalse(server.emulator().removeFault(twice));
        assertThrows(NoSuchElementException.class, () -> server.emulator().faultHits("fault-99"));
        assertEquals(List.of(200), readStatuses(txId, 1));
    }

    @Test
    void rulesRefuseFaultsThatDoNotFitTheirRoute() {
        assertThrows(IllegalArgumentException.class, () -> FaultRule.on(Route.TOKEN, Fault.callbackDrop()));
        assertThrows(IllegalArgumentException.class, () -> FaultRule.on(Route.CALLBACK, Fault.serverError(503)));
        assertThrows(IllegalArgumentException.class, () -> FaultRule.on(Route.ANY, Fault.operationFailure("x")));
        assertThrows(IllegalArgumentException.class, () -> Fault.serverError(429));
        assertThrows(IllegalArgumentException.class, () -> FaultRule.on(Route.ANY, Fault.reset(Fault.Stage.AFTER_WORK))
                .withProbability(0, 1L));
    }

    @Test
    void aDelayedCallbackIsSentOnItsOwnAfterTheDelay() {
        String sessionId = session(withCallback(null));
        String id = server.emulator().addFault(FaultRule.on(Route.CALLBACK,
                Fault.callbackDelay(Duration.ofMillis(700))));
        Instant paidAt = Instant.now();
        server.emulator().pay(sessionId, "vipps");
        await().atMost(WAIT).until(() -> merchant.received().size() == 1);
        Duration after = Duration.between(paidAt, merchant.received().get(0).at());
        assertTrue(after.toMillis() >= 700, "delivered after " + after.toMillis() + " ms, not before the delay");
        assertEquals(1, server.emulator().faultHits(id));
    }

    @Test
    void callbacksDroppedThenDuplicatedByRules() {
        server.emulator().addFault(FaultRule.on(Route.CALLBACK, Fault.callbackDrop()).times(1));
        server.emulator().addFault(FaultRule.on(Route.CALLBACK, Fault.callbackDuplicate()).times(1));
        String dropped = session(withCallback(null));
        server.emulator().pay(dropped, "vipps");
        assertEquals(CallbackDelivery.Outcome.DROPPED, server.emulator().callbackDeliveries().get(0).outcome());

        String duplicated = session(withCallback(null));
        server.emulator().pay(duplicated, "vipps");
        await().atMost(WAIT).until(() -> merchant.received().size() == 2);
        assertTrue(merchant.received().stream().allMatch(r -> r.url().toString().contains(duplicated)));
        await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> merchant.received().size() == 2);
    }

    @Test
    void anOperationFailsAtTheProviderByRule() {
        String txId = paid("card");
        String id = server.emulator().addFault(FaultRule.on(Route.TRANSACTION_OPERATION,
                Fault.operationFailure("declined by the acquirer")).times(1));
        JsonNode tx = Ops.ok(server, bearer, txId, "capture", Ops.body(59800, null, null));
        assertFalse(Ops.last(tx).path("success").asBoolean());
        assertEquals("AUTHORIZED", tx.path("status").asText(), "no money moved");
        assertEquals(1, server.emulator().faultHits(id));
        assertEquals("CAPTURED", Ops.ok(server, bearer, txId, "capture", Ops.body(59800, null, null))
                .path("status").asText());
    }

    @Test
    void anOperationAcceptedWith202CompletesLateOnItsOwn() {
        String txId = paid("card");
        server.emulator().addFault(FaultRule.on(Route.TRANSACTION_OPERATION,
                Fault.operationLate(Duration.ofMillis(300), null)).times(1));
        Http.Response accepted = Ops.post(server, bearer, txId, "capture", Ops.body(59800, null, null));
        assertEquals(202, accepted.status(), accepted.body());
        assertEquals("INITIATE_CAPTURE", Ops.last(accepted.json()).path("event").asText());

        await().atMost(WAIT).until(() -> "CAPTURED".equals(Ops.transaction(server, bearer, txId).path("status")
                .asText()));
        JsonNode done = Ops.last(Ops.transaction(server, bearer, txId));
        assertEquals(accepted.header("event-request-id"), done.path("correlation_request_id").asText());
        assertEquals(0, server.emulator().completePendingOperations(), "nothing left pending");
    }

    @Test
    void aLateOperationCanFailOnItsOwn() {
        String txId = paid("card");
        server.emulator().addFault(FaultRule.on(Route.TRANSACTION_OPERATION,
                Fault.operationLate(Duration.ofMillis(100), "timed out at the acquirer")));
        assertEquals(202, Ops.post(server, bearer, txId, "void", null).status());
        await().atMost(WAIT).until(() -> "VOID".equals(Ops.last(Ops.transaction(server, bearer, txId))
                .path("event").asText()));
        JsonNode done = Ops.last(Ops.transaction(server, bearer, txId));
        assertFalse(done.path("success").asBoolean());
        assertEquals("AUTHORIZED", Ops.transaction(server, bearer, txId).path("status").asText());
    }
}
