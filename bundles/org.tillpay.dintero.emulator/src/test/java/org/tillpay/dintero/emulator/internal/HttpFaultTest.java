package org.tillpay.dintero.emulator.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.Fault;
import org.tillpay.dintero.emulator.FaultRule;
import org.tillpay.dintero.emulator.FaultRule.Route;
import org.tillpay.dintero.emulator.testing.EmulatorServer;

/**
 * Each HTTP fault kind through real HTTP: what the client sees (status, {@code Retry-After}, a wait, an
 * {@code IOException}) and whether the work was done, as the emulator's own records tell. Every exchange is
 * contract-checked on close (made-up answers are exempt, their requests are not).
 */
class HttpFaultTest extends EmulatorTestBase {

    private static final Duration LONG = Duration.ofSeconds(20);

    private String sessions() {
        return server.checkoutBaseUrl() + "/v1/sessions-profile";
    }

    @Test
    void serverErrorAnswersInsteadOfCreatingTheSession() throws IOException {
        String id = server.emulator().addFault(FaultRule.on(Route.SESSION_CREATE, Fault.serverError(502)).times(1));

        HttpResponse<String> failed = FaultHttp.post(sessions(), bearer, Sessions.body(), LONG);
        assertEquals(502, failed.statusCode(), failed.body());
        assertEquals("SERVER_ERROR", Http.MAPPER.readTree(failed.body()).path("error").path("code").asText());
        assertEquals(0, server.emulator().sessions().size(), "nothing happened at Dintero");
        assertEquals(1, server.emulator().faultHits(id));

        assertEquals(200, FaultHttp.post(sessions(), bearer, Sessions.body(), LONG).statusCode());
        assertEquals(1, server.emulator().sessions().size());
        assertEquals(1, server.emulator().faultHits(id), "the rule was used up");
    }

    @Test
    void tooManyRequestsCarriesRetryAfterAndCapturesNothing() throws IOException {
        String txId = paid("card");
        String id = server.emulator().addFault(FaultRule.on(Route.TRANSACTION_OPERATION, Fault.tooManyRequests(7)));

        HttpResponse<String> throttled = FaultHttp.post(server.checkoutBaseUrl() + "/v1/transactions/" + txId
                + "/capture", bearer, Ops.body(10000, null, null), LONG);
        assertEquals(429, throttled.statusCode());
        assertEquals("7", throttled.headers().firstValue("Retry-After").orElse(null));
        assertEquals("AUTHORIZED", server.emulator().transaction(txId).orElseThrow().get("status"));
        assertEquals(1, server.emulator().faultHits(id));
    }

    @Test
    void latencyDelaysTheAnswerButServesIt() throws IOException {
        String txId = paid("vipps");
        String id = server.emulator().addFault(FaultRule.on(Route.TRANSACTION_READ,
                Fault.latency(Duration.ofMillis(300), Duration.ofMillis(600))).withProbability(1, 7L));

        long start = System.nanoTime();
        HttpResponse<String> slow = FaultHttp.get(server.checkoutBaseUrl() + "/v1/transactions/" + txId, bearer, LONG);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, slow.statusCode());
        assertEquals(txId, Http.MAPPER.readTree(slow.body()).path("id").asText());
        assertTrue(tookMs >= 300, "answered after " + tookMs + " ms, not before the latency's minimum");
        assertEquals(1, server.emulator().faultHits(id));
    }

    @Test
    void resetBeforeTheWorkCreatesNothing() {
        String id = server.emulator().addFault(FaultRule.on(Route.SESSION_CREATE,
                Fault.reset(Fault.Stage.BEFORE_WORK)).times(1));

        assertThrows(IOException.class, () -> FaultHttp.post(sessions(), bearer, Sessions.body(), LONG));
        assertEquals(0, server.emulator().sessions().size());
        assertEquals(1, server.emulator().faultHits(id));
    }

    @Test
    void resetAfterTheWorkLosesOnlyTheAnswer() throws IOException {
        String txId = paid("card");
        server.emulator().addFault(FaultRule.on(Route.TRANSACTION_OPERATION, Fault.reset(Fault.Stage.AFTER_WORK))
                .times(1));

        assertThrows(IOException.class, () -> FaultHttp.post(server.checkoutBaseUrl() + "/v1/transactions/" + txId
                + "/capture", bearer, Ops.body(59800, null, null), LONG));
        assertEquals("CAPTURED", server.emulator().transaction(txId).orElseThrow().get("status"),
                "the capture was done; only its answer was lost");
        assertEquals("CAPTURED", Ops.transaction(server, bearer, txId).path("status").asText());
    }

    @Test
    void timeoutBeforeTheWorkNeverReachesTheTokenEndpoint() {
        String id = server.emulator().addFault(FaultRule.on(Route.TOKEN,
                Fault.timeout(Duration.ofMillis(1500), Fault.Stage.BEFORE_WORK)).times(1));
        int before = server.emulator().tokenRequests(EmulatorServer.ACCOUNT_ID);

        assertThrows(HttpTimeoutException.class, () -> FaultHttp.token(server, Duration.ofMillis(200)));
        assertEquals(before, server.emulator().tokenRequests(EmulatorServer.ACCOUNT_ID),
                "no token request was handled");
        assertEquals(1, server.emulator().faultHits(id));
    }

    @Test
    void timeoutAfterTheWorkCreatesTheSessionAndAnswersLate() throws IOException {
        server.emulator().addFault(FaultRule.on(Route.SESSION_CREATE,
                Fault.timeout(Duration.ofMillis(800), Fault.Stage.AFTER_WORK)).times(2));

        assertThrows(HttpTimeoutException.class,
                () -> FaultHttp.post(sessions(), bearer, Sessions.body(), Duration.ofMillis(200)));
        await().atMost(WAIT).until(() -> server.emulator().sessions().size() == 1);

        long start = System.nanoTime();
        HttpResponse<String> late = FaultHttp.post(sessions(), bearer, Sessions.body(), LONG);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, late.statusCode(), "a patient client gets the real answer");
        assertEquals(server.emulator().sessions().get(1).sessionId(),
                Http.MAPPER.readTree(late.body()).path("id").asText());
        assertTrue(tookMs >= 800, "answered after " + tookMs + " ms, not before the hold");
    }

    @Test
    void tokenOutageForAPeriodEndsOnTheEmulatorsClock() throws IOException {
        String id = server.emulator().addFault(FaultRule.on(Route.TOKEN, Fault.serverError(503))
                .during(Duration.ofMinutes(5)));

        assertEquals(503, FaultHttp.token(server, LONG).statusCode());
        assertEquals(503, FaultHttp.token(server, LONG).statusCode());
        server.emulator().advanceClock(Duration.ofMinutes(6));
        assertEquals(200, FaultHttp.token(server, LONG).statusCode());
        assertEquals(2, server.emulator().faultHits(id));
        assertTrue(server.emulator().faults().containsKey(id), "an expired rule stays listed until removed");
    }

    @Test
    void anAccountsRuleSparesOtherAccountsAndAnyRuleStrikesEveryRoute() throws IOException {
        String other = server.emulator().addFault(FaultRule.on(Route.ANY, Fault.serverError(500))
                .forAccount("T99999999"));
        assertEquals(200, FaultHttp.token(server, LONG).statusCode());
        assertEquals(200, FaultHttp.get(server.checkoutBaseUrl() + "/v1/transactions?limit=1", bearer, LONG)
                .statusCode());
        assertEquals(0, server.emulator().faultHits(other));

        String mine = server.emulator().addFault(FaultRule.on(Route.ANY, Fault.serverError(500))
                .forAccount(EmulatorServer.ACCOUNT_ID));
        assertEquals(500, FaultHttp.token(server, LONG).statusCode());
        assertEquals(500, FaultHttp.get(server.checkoutBaseUrl() + "/v1/transactions?limit=1", bearer, LONG)
                .statusCode());
        assertEquals(2, server.emulator().faultHits(mine));
    }

    @Test
    void tellingTheAccountOfARequestChangesNothing() throws IOException {
        String txId = paid("card");
        server.emulator().addFault(FaultRule.on(Route.ANY, Fault.serverError(500)).forAccount("T99999999"));
        server.emulator().advanceClock(Duration.ofHours(5)); // past the token's 4 h

        HttpResponse<String> expired = FaultHttp.get(server.checkoutBaseUrl() + "/v1/transactions/" + txId, bearer,
                LONG);
        assertEquals(401, expired.statusCode());
        assertEquals("token expired", Http.MAPPER.readTree(expired.body()).path("error").path("message").asText(),
                "the rule's account check must not forget the expired token first");
    }

    @Test
    void theRequestOfAFaultedExchangeIsStillValidatedAgainstTheSpec() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(server.contractValidationEnabled(), "no spec to validate with");
        server.emulator().addFault(FaultRule.on(Route.SESSION_CREATE, Fault.serverError(503)));
        assertEquals(503, FaultHttp.post(sessions(), bearer, Sessions.body(), LONG).statusCode());
        assertEquals(java.util.List.of(), server.contractViolations(), "the made-up 503 is not reported");

        assertEquals(503, FaultHttp.post(sessions(), bearer, "{\"profile_id\":\"default\"}", LONG).statusCode());
        assertFalse(server.contractViolations().isEmpty(), "an invalid request is reported even under a fault");
        server.clearContractViolations();
    }
}
