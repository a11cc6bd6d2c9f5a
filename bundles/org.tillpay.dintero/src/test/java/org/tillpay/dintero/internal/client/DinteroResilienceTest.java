package org.tillpay.dintero.internal.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.testing.EmulatorServer;
import org.tillpay.dintero.emulator.testing.MutableClock;
import org.tillpay.dintero.internal.TestStores;
import org.tillpay.dintero.internal.client.FaultyDintero.Fault;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * Timeouts, retries, {@code Retry-After}, the per-store circuit breaker and the queue bounds, against the emulator
 * over HTTP with a fault-answering server in front of it for the answers the emulator does not give.
 */
class DinteroResilienceTest {

    private EmulatorServer dintero;
    private FaultyDintero faulty;
    private DinteroCamelHost host;
    private final MutableClock clock = MutableClock.startingNow();

    @BeforeEach
    void start() throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        dintero = EmulatorServer.start();
        faulty = new FaultyDintero(dintero.baseUrl());
    }

    @AfterEach
    void stop() {
        if (host != null) {
            host.stop();
        }
        faulty.close();
        dintero.close();
    }

    private void host(Map<String, Object> settings) {
        host = new DinteroCamelHost(ClientSettings.with(settings), clock);
    }

    /** A store whose calls go through the fault server. */
    private DinteroApi behindFaults(String storeId) {
        return api(storeId, faulty.in(dintero.apiBaseUrl()), faulty.in(dintero.checkoutBaseUrl()));
    }

    /** A store whose calls go straight to the emulator. */
    private DinteroApi direct(String storeId) {
        return api(storeId, dintero.apiBaseUrl(), dintero.checkoutBaseUrl());
    }

    private DinteroApi api(String storeId, String apiBase, String checkoutBase) {
        return new DinteroApi(org.tillpay.dintero.internal.config.StoreSettings.from(TestStores.config(Map.of(
                "store_id", storeId, "account_id", EmulatorServer.ACCOUNT_ID, "client_id", EmulatorServer.CLIENT_ID,
                "client_secret", EmulatorServer.CLIENT_SECRET, "signature_secret", EmulatorServer.SIGNATURE_SECRET,
                "api_base_url", apiBase, "checkout_base_url", checkoutBase, "callback_base_url",
                "https://pos.example.com"))), host, clock);
    }

    private static JsonNode sessionBody(String reference) {
        try {
            return DinteroJson.MAPPER.readTree("{\"profile_id\":\"default\",\"url\":{\"return_url\":"
                    + "\"https://pos.example.com/thanks\"},\"order\":{\"amount\":10000,\"currency\":\"NOK\","
                    + "\"vat_amount\":2000,\"merchant_reference\":\"" + reference + "\",\"items\":[{\"line_id\":\"1\","
                    + "\"id\":\"SKU-1\",\"description\":\"Lue\",\"quantity\":1,\"amount\":10000,\"vat\":25,"
                    + "\"vat_amount\":2000}]}}");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DinteroCallException failure(CompletableFuture<?> call) {
        CompletionException e = assertThrows(CompletionException.class, call::join);
        return assertInstanceOf(DinteroCallException.class, e.getCause());
    }

    @Test
    void aReadIsRetriedAfter503NotBeforeRetryAfterAndSucceeds() {
        host(Map.of());
        DinteroApi api = behindFaults("012");
        CreatedSession created = api.createSession(sessionBody("R-1/1")).join();
        faulty.script(Fault.retryAfter(503, "1"));

        SessionView session = api.getSession(created.id()).join();

        assertEquals(created.id(), session.id());
        List<FaultyDintero.Seen> reads = faulty.seen("GET", "/v1/sessions/");
        assertEquals(2, reads.size(), "one 503, then the read again");
        assertFalse(reads.get(1).arrived().isBefore(reads.get(0).answered().plusSeconds(1)),
                "the second read came before Retry-After: 1 had passed");
    }

    @Test
    void aRetryAfterGivenAsAnHttpDateIsHonouredOn429() {
        host(Map.of());
        DinteroApi api = behindFaults("012");
        CreatedSession created = api.createSession(sessionBody("R-2/1")).join();
        Instant notBefore = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        faulty.script(Fault.retryAfter(429, DateTimeFormatter.RFC_1123_DATE_TIME.format(notBefore.atOffset(ZoneOffset.UTC))));

        assertEquals(created.id(), api.getSession(created.id()).join().id());

        List<FaultyDintero.Seen> reads = faulty.seen("GET", "/v1/sessions/");
        assertEquals(2, reads.size());
        assertFalse(reads.get(1).arrived().isBefore(notBefore), "the read came back before the Retry-After date");
    }

    @Test
    void aSessionCreateAnswered503IsNotRepeated() {
        host(Map.of());
        faulty.script(Fault.retryAfter(503, "1"));

        DinteroCallException e = failure(behindFaults("012").createSession(sessionBody("R-3/1")));

        assertEquals(503, e.status());
        assertTrue(e.isTransient());
        assertEquals(Duration.ofSeconds(1), e.retryAfter().orElseThrow());
        assertEquals(1, faulty.seen("POST", "/v1/sessions-profile").size(), "a repeat could send a second SMS");
    }

    @Test
    void aSessionCreateThatTimesOutIsNotRepeatedWhileATimedOutReadIs() {
        // The emulator's first answers are slow while it loads its contract: warm it up with the default timeouts.
        host(Map.of());
        DinteroApi warm = direct("013");
        warm.getSession(warm.createSession(sessionBody("R-4/0")).join().id()).join();
        host.stop();
        host(Map.of("response_timeout_ms", 5_000, "retry_initial_delay_ms", 10));
        DinteroApi api = behindFaults("012");
        faulty.script(Fault.slow(8_000));

        DinteroCallException create = failure(api.createSession(sessionBody("R-4/1")));

        assertEquals(0, create.status(), create.getMessage());
        assertTrue(create.getMessage().contains("SocketTimeoutException"), create.getMessage());
        assertEquals(1, faulty.seen("POST", "/v1/sessions-profile").size());

        faulty.script(Fault.slow(8_000), Fault.slow(8_000));
        CreatedSession created = direct("013").createSession(sessionBody("R-4/2")).join();
        assertEquals(created.id(), api.getSession(created.id()).join().id());
        assertEquals(3, faulty.seen("GET", "/v1/sessions/").size(), "two timed-out reads, then the answer");
    }

    @Test
    void a429OnAPaymentCallIsATypedFailureSayingWhenToTryAgain() {
        host(Map.of());
        faulty.script(Fault.retryAfter(429, "120"));

        DinteroCallException e = failure(behindFaults("012").createSession(sessionBody("R-5/1")));

        assertEquals(429, e.status());
        assertTrue(e.isClientError(), "Dintero did nothing: the sale may try again later");
        assertEquals(Duration.ofSeconds(120), e.retryAfter().orElseThrow());
        assertTrue(e.getMessage().contains("nothing was done") && e.getMessage().contains("try again in 120 s"),
                e.getMessage());
        assertEquals(1, faulty.seen("POST", "/v1/sessions-profile").size());
    }

    @Test
    void clientErrorsAndOverlongRetryAfterAreNeverRetried() {
        host(Map.of("retry_after_max_seconds", 5));
        DinteroApi api = behindFaults("012");
        for (int status : new int[] {400, 403, 409, 422}) {
            faulty.script(Fault.status(status));
            assertEquals(status, failure(api.getTransaction("T12345678.x" + status)).status());
        }
        faulty.script(Fault.retryAfter(429, "60"));
        DinteroCallException tooLong = failure(api.getTransaction("T12345678.y"));

        assertEquals(429, tooLong.status());
        assertEquals(5, faulty.seen("GET", "/v1/transactions/").size(), "one request each, none repeated");
    }

    @Test
    void theBreakerOfAFailingStoreOpensWhileAnotherStoreOnTheSamePoolKeepsWorking() {
        // The token request (a success) is in the window too: 100 % opens after four failed reads in a row.
        host(Map.of("breaker_window_calls", 4, "breaker_minimum_calls", 4, "breaker_failure_rate_percent", 100,
                "breaker_open_seconds", 30, "breaker_half_open_calls", 1, "retry_max_attempts", 1));
        DinteroApi a = behindFaults("store-a");
        DinteroApi b = direct("store-b");
        faulty.always(Fault.status(503));

        for (int i = 0; i < 4; i++) {
            assertEquals(503, failure(a.getTransaction("T12345678.a" + i)).status());
        }
        assertEquals(CircuitBreaker.State.OPEN, host.guard("store-a").state());
        int sent = faulty.seen("GET", "/v1/transactions/").size();

        DinteroCallException fast = failure(a.getTransaction("T12345678.a9"));
        assertTrue(fast.notSent() && fast.isTransient(), fast.getMessage());
        assertTrue(fast.getMessage().contains("store-a") && fast.getMessage().contains("circuit breaker OPEN"),
                fast.getMessage());
        assertFalse(fast.getMessage().contains(EmulatorServer.CLIENT_SECRET));
        assertEquals(sent, faulty.seen("GET", "/v1/transactions/").size(), "an open breaker sends nothing");
        assertTrue(host.breakerState("store-a").contains("OPEN"), host.breakerState("store-a"));

        CreatedSession other = b.createSession(sessionBody("B-1/1")).join();
        assertEquals(other.id(), b.getSession(other.id()).join().id());
        assertEquals(CircuitBreaker.State.CLOSED, host.guard("store-b").state());

        // After the open time a probe goes through; Dintero answers again, so the breaker closes.
        faulty.always(null);
        clock.advance(Duration.ofSeconds(31));
        CreatedSession mine = a.createSession(sessionBody("A-1/1")).join();
        assertEquals(CircuitBreaker.State.CLOSED, host.guard("store-a").state());
        assertEquals(mine.id(), a.getSession(mine.id()).join().id());
    }

    @Test
    void aFailingProbeOpensTheBreakerAgain() {
        host(Map.of("breaker_window_calls", 2, "breaker_minimum_calls", 2, "breaker_failure_rate_percent", 100,
                "breaker_half_open_calls", 1, "retry_max_attempts", 1));
        DinteroApi a = behindFaults("store-a");
        faulty.always(Fault.status(500));
        failure(a.getTransaction("T12345678.1"));
        failure(a.getTransaction("T12345678.2"));
        assertEquals(CircuitBreaker.State.OPEN, host.guard("store-a").state());

        clock.advance(Duration.ofSeconds(31));
        assertEquals(500, failure(a.getTransaction("T12345678.3")).status(), "the probe reached Dintero");

        assertEquals(CircuitBreaker.State.OPEN, host.guard("store-a").state());
        assertTrue(failure(a.getTransaction("T12345678.4")).notSent());
    }

    @Test
    void aStoresWaitingQueueIsBoundedAndRefusesWithATypedFailure() {
        host(Map.of("store_max_concurrent_calls", 1, "store_queue_size", 1));
        DinteroApi a = behindFaults("store-a");
        Completions.orNullWhenNotFound(a.getTransaction("T12345678.warm")).join(); // the token is cached
        faulty.hold();
        CompletableFuture<TransactionView> running = a.getTransaction("T12345678.1");
        await().until(() -> faulty.seen("GET", "T12345678.1").size() == 1);
        CompletableFuture<TransactionView> waiting = a.getTransaction("T12345678.2");

        DinteroCallException refused = failure(a.getTransaction("T12345678.3"));

        assertTrue(refused.notSent(), refused.getMessage());
        assertTrue(refused.getMessage().contains("store-a") && refused.getMessage().contains("1 waiting"),
                refused.getMessage());
        faulty.release();
        assertEquals(404, failure(running).status());
        assertEquals(404, failure(waiting).status());
        assertEquals(List.of(), faulty.seen("GET", "T12345678.3"), "the refused call was never sent");
    }

    @Test
    void theSharedPoolQueueIsBoundedAndRefusesWithATypedFailure() {
        host(Map.of("call_threads", 1, "call_queue_size", 1, "store_max_concurrent_calls", 1));
        DinteroApi a = behindFaults("store-a");
        DinteroApi b = behindFaults("store-b");
        DinteroApi c = behindFaults("store-c");
        for (DinteroApi warm : List.of(a, b, c)) {
            Completions.orNullWhenNotFound(warm.getTransaction("T12345678.warm")).join();
        }
        faulty.hold();
        CompletableFuture<TransactionView> running = a.getTransaction("T12345678.a");
        await().until(() -> faulty.seen("GET", "T12345678.a").size() == 1);
        CompletableFuture<TransactionView> queued = b.getTransaction("T12345678.b");

        DinteroCallException refused = failure(c.getTransaction("T12345678.c"));

        assertTrue(refused.notSent(), refused.getMessage());
        assertTrue(refused.getMessage().contains("call pool is full") && refused.getMessage().contains("store-c"),
                refused.getMessage());
        faulty.release();
        assertEquals(404, failure(running).status());
        assertEquals(404, failure(queued).status());
        assertEquals(List.of(), faulty.seen("GET", "T12345678.c"));
    }

    @Test
    void settingsAreValidatedWithTheKeyNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientSettings.with(Map.of("store_max_concurrent_calls", 40, "call_threads", 32)));
        assertTrue(e.getMessage().contains("store.max.concurrent.calls"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ClientSettings.with(Map.of("response_timeout_ms", 0)));
        assertTrue(e.getMessage().contains("response.timeout.ms"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ClientSettings.with(Map.of("breaker_minimum_calls", 30, "breaker_window_calls", 20)));
        assertTrue(e.getMessage().contains("breaker.minimum.calls"), e.getMessage());
        assertEquals("30000", ClientSettings.defaults().describe().get("response.timeout.ms"));
    }
}
