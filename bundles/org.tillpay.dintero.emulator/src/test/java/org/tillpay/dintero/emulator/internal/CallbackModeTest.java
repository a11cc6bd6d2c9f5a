package org.tillpay.dintero.emulator.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.CallbackDelivery;
import org.tillpay.dintero.emulator.CallbackDelivery.Outcome;
import org.tillpay.dintero.emulator.CallbackMode;
import org.tillpay.dintero.emulator.testing.CallbackRecorder;
import org.tillpay.dintero.emulator.testing.EmulatorServer;

/** Callback fault controls: DROP, DUPLICATE, DELAY + release (newest first); signatures after advanceClock. */
class CallbackModeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final CallbackRecorder merchant = CallbackRecorder.start();
    private final EmulatorServer server = EmulatorServer.builder().callbackRetryDelay(Duration.ofMillis(20))
            .start();
    private String bearer = Http.bearer(server);

    @AfterEach
    void close() {
        Http.closeCheckingContract(server, merchant);
    }

    private String create() {
        return Http.createSession(server, bearer, Sessions.body("+4799999999", merchant.url(), null)).path("id")
                .asText();
    }

    private static String param(URI url, String name) {
        return QueryString.first(url.toString(), name).orElse(null);
    }

    private List<CallbackDelivery> deliveries(Outcome outcome) {
        return server.emulator().callbackDeliveries().stream().filter(d -> d.outcome() == outcome).toList();
    }

    private static boolean verifies(CallbackRecorder.Received received) {
        return IndependentSignatureCheck.verify(received.header("Dintero-Signature"), EmulatorServer.SIGNATURE_SECRET,
                EmulatorServer.ACCOUNT_ID, received.method(), received.url());
    }

    @Test
    void dropRecordsTheCallbackAndNeverSendsIt() {
        assertEquals(CallbackMode.NORMAL, server.emulator().callbackMode());
        server.emulator().setCallbackMode(CallbackMode.DROP);
        assertEquals(CallbackMode.DROP, server.emulator().callbackMode());
        String id = create();
        String txId = server.emulator().pay(id, "vipps").transactionId();
        List<CallbackDelivery> all = server.emulator().callbackDeliveries();
        assertEquals(1, all.size());
        CallbackDelivery dropped = all.get(0);
        assertEquals(Outcome.DROPPED, dropped.outcome());
        assertEquals(0, dropped.httpStatus());
        assertFalse(dropped.delivered());
        assertTrue(dropped.error().contains("dropped"), dropped.error());
        assertEquals(txId, param(URI.create(dropped.url()), "transaction_id"));
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> merchant.received().isEmpty());
        // what a poller sees instead
        assertEquals(txId, Http.get(server.checkoutBaseUrl() + "/v1/sessions/" + id, bearer).json()
                .path("transaction_id").asText());

        server.emulator().setCallbackMode(CallbackMode.NORMAL);
        server.emulator().pay(create(), "card");
        await().atMost(WAIT).until(() -> merchant.received().size() == 1);
        await().atMost(WAIT).until(() -> deliveries(Outcome.SENT).size() == 1);
        assertEquals(1, deliveries(Outcome.DROPPED).size());
    }

    @Test
    void duplicateSendsEveryCallbackTwiceEachRetriedOnItsOwn() {
        server.emulator().setCallbackMode(CallbackMode.DUPLICATE);
        String txId = server.emulator().pay(create(), "swish").transactionId();
        await().atMost(WAIT).until(() -> merchant.received().size() == 2);
        List<CallbackRecorder.Received> received = merchant.received();
        assertEquals(received.get(0).url(), received.get(1).url(), "the same callback twice");
        assertEquals(txId, param(received.get(0).url(), "transaction_id"));
        assertTrue(received.stream().allMatch(CallbackModeTest::verifies));
        await().atMost(WAIT).until(() -> deliveries(Outcome.SENT).size() == 2);
        assertTrue(deliveries(Outcome.SENT).stream().allMatch(d -> d.attempt() == 1 && d.delivered()));

        merchant.respondWith(500, 500, 200);
        server.emulator().pay(create(), "card");
        await().atMost(WAIT).until(() -> deliveries(Outcome.SENT).size() == 6);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> merchant.received().size() == 6);
        Map<Integer, Long> attempts = deliveries(Outcome.SENT).subList(2, 6).stream()
                .collect(Collectors.groupingBy(CallbackDelivery::attempt, Collectors.counting()));
        assertEquals(Map.of(1, 2L, 2, 2L), attempts, "both copies failed once and were retried");
    }

    @Test
    void delayHoldsCallbacksUntilReleasedThenSendsThemNewestFirst() {
        server.emulator().setCallbackMode(CallbackMode.DELAY);
        List<String> sessions = List.of(create(), create(), create());
        List<String> txIds = sessions.stream().map(id -> server.emulator().pay(id, "card").transactionId()).toList();
        List<CallbackDelivery> held = deliveries(Outcome.HELD);
        assertEquals(sessions, held.stream().map(CallbackDelivery::sessionId).toList());
        assertTrue(held.stream().noneMatch(CallbackDelivery::delivered));
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> merchant.received().isEmpty());

        server.emulator().setCallbackMode(CallbackMode.NORMAL); // held ones stay held
        await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> merchant.received().isEmpty());
        assertEquals(3, server.emulator().releaseCallbacks());
        await().atMost(WAIT).until(() -> merchant.received().size() == 3);
        List<String> order = merchant.received().stream().map(r -> param(r.url(), "transaction_id")).toList();
        assertEquals(List.of(txIds.get(2), txIds.get(1), txIds.get(0)), order, "reverse order");
        await().atMost(WAIT).until(() -> deliveries(Outcome.SENT).size() == 3);
        assertEquals(List.of(sessions.get(2), sessions.get(1), sessions.get(0)),
                deliveries(Outcome.SENT).stream().map(CallbackDelivery::sessionId).toList());
        assertTrue(merchant.received().stream().allMatch(CallbackModeTest::verifies));
        assertEquals(0, server.emulator().releaseCallbacks());
    }

    @Test
    void advancedClockStampsTimeButKeepsTheSignatureFresh() {
        server.emulator().advanceClock(Duration.ofHours(25));
        bearer = Http.bearer(server); // the old token aged past its 4 h too
        Instant before = Instant.now();
        server.emulator().pay(create(), "vipps");
        await().atMost(WAIT).until(() -> merchant.received().size() == 1);
        CallbackRecorder.Received cb = merchant.received().get(0);
        long t = Long.parseLong(cb.header("Dintero-Signature").replaceAll("t=(\\d+),.*", "$1"));
        assertTrue(Math.abs(t - before.getEpochSecond()) <= 5, "t on the real clock: " + t);
        assertTrue(verifies(cb));
        Instant time = Instant.parse(param(cb.url(), "time"));
        assertTrue(Duration.between(before, time).compareTo(Duration.ofHours(25).minusSeconds(5)) > 0,
                "time on the emulator clock: " + time);
        await().atMost(WAIT).until(() -> server.emulator().callbackDeliveries().size() == 1);
        assertTrue(server.emulator().callbackDeliveries().get(0).at().isAfter(before.plus(Duration.ofHours(24))));
    }
}
