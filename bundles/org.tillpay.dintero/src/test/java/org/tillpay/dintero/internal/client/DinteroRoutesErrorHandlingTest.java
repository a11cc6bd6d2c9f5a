package org.tillpay.dintero.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tillpay.dintero.internal.TestStores;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The routes' error policy against a scripted HTTP server: reads are retried on 5xx, a session create never is,
 * 4xx is a typed failure at once, and a refused token is replaced once.
 */
class DinteroRoutesErrorHandlingTest {

    private HttpServer server;
    private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger apiRequests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile long slowMillis;
    private final List<String> authorizations = new java.util.concurrent.CopyOnWriteArrayList<>();
    private DinteroCamelHost host;
    private DinteroApi api;

    @BeforeEach
    void start() throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(40));
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        host = new DinteroCamelHost();
        api = new DinteroApi(TestStores.settings("T12345678", "c", "s", "sig", base, base, "https://pos.example.com"),
                host, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        host.stop();
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body;
        int status;
        if (exchange.getRequestURI().getPath().endsWith("/auth/token")) {
            int n = tokenRequests.incrementAndGet();
            status = 200;
            body = "{\"access_token\":\"token-" + n + "\",\"token_type\":\"Bearer\",\"expires_in\":14400}";
        } else {
            apiRequests.incrementAndGet();
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(slowMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            Integer next = script.poll();
            status = next == null ? 200 : next;
            body = status == 200
                    ? "{\"id\":\"T12345678.abc\",\"url\":\"https://x\",\"status\":\"AUTHORIZED\",\"session_id\":\"s\"}"
                    : "{\"error\":{\"code\":\"E" + status + "\",\"message\":\"scripted " + status + "\"}}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static DinteroCallException failure(Runnable call) {
        CompletionException e = assertThrows(CompletionException.class, call::run);
        return assertInstanceOf(DinteroCallException.class, e.getCause());
    }

    @Test
    void readsAreRetriedOnServerErrors() {
        script.addAll(List.of(503, 500));
        TransactionView tx = api.getTransaction("T12345678.abc").join();
        assertEquals("AUTHORIZED", tx.status());
        assertEquals(3, apiRequests.get());
    }

    @Test
    void readsGiveUpAfterTwoRetries() {
        script.addAll(List.of(500, 500, 500, 500));
        DinteroCallException e = failure(() -> api.getSession("T12345678.abc").join());
        assertEquals(500, e.status());
        assertTrue(e.isTransient());
        assertEquals(3, apiRequests.get());
    }

    @Test
    void aSessionCreateIsNeverRepeated() {
        script.add(502);
        ObjectNode body = DinteroJson.MAPPER.createObjectNode().put("profile_id", "default");
        DinteroCallException e = failure(() -> api.createSession(body).join());
        assertEquals(502, e.status());
        assertEquals(1, apiRequests.get(), "a repeat could send the customer a second SMS");
    }

    @Test
    void clientErrorsAreTypedAndNotRetried() {
        script.add(404);
        DinteroCallException e = failure(() -> api.getTransaction("T12345678.nope").join());
        assertEquals(404, e.status(), e.getMessage());
        assertEquals("E404", e.code());
        assertTrue(e.getMessage().contains("scripted 404"), e.getMessage());
        assertEquals(1, apiRequests.get());
    }

    @Test
    void oneTokenServesManyCallsAndARefusedTokenIsReplacedOnce() {
        api.getTransaction("a").join();
        api.getTransaction("b").join();
        assertEquals(1, tokenRequests.get());
        script.add(401);
        api.getTransaction("c").join();
        assertEquals(2, tokenRequests.get());
        assertEquals(List.of("Bearer token-1", "Bearer token-1", "Bearer token-1", "Bearer token-2"), authorizations);
    }

    @Test
    void concurrentCallersShareOneTokenRequest() {
        List<java.util.concurrent.CompletableFuture<TransactionView>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(api.getTransaction("t" + i));
        }
        calls.forEach(java.util.concurrent.CompletableFuture::join);
        assertEquals(1, tokenRequests.get());
    }

    @Test
    void manyCallsAreInFlightAtOnce() {
        slowMillis = 300;
        List<java.util.concurrent.CompletableFuture<TransactionView>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(api.getTransaction("t" + i));
        }
        calls.forEach(java.util.concurrent.CompletableFuture::join);
        assertEquals(16, maxInFlight.get(), "16 callers, 16 requests at Dintero at once");
    }

    @Test
    void anUnreachableDinteroIsATransientFailure() {
        server.stop(0);
        DinteroCallException e = failure(() -> api.getTransaction("x").join());
        assertEquals(0, e.status());
        assertTrue(e.isTransient());
    }
}
