package org.tillpay.dintero.emulator.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny merchant callback endpoint on the JDK's HTTP server ({@code 127.0.0.1}, free port): records every request and
 * answers with programmed statuses. Start it before the emulator delivers anything; close it after.
 */
public final class CallbackRecorder implements AutoCloseable {

    static {
        // Without TCP_NODELAY the JDK server adds ~40 ms per exchange (Nagle + delayed ACK).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /**
     * One request received.
     *
     * @param method the HTTP method
     * @param url the full URL as called, for example {@code http://127.0.0.1:1234/callback?a=1}
     * @param headers the request headers (names as the JDK normalises them)
     * @param body the body, empty when none
     * @param at when it arrived
     */
    public record Received(String method, URI url, Map<String, List<String>> headers, String body, Instant at) {

        /**
         * A header value, by case-insensitive name.
         *
         * @param name the header name
         * @return the first value, or null
         */
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> statuses = new ArrayDeque<>();
    private int lastStatus = 200;

    private CallbackRecorder() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /**
     * Starts a recorder answering 200 to everything.
     *
     * @return the running recorder
     */
    public static CallbackRecorder start() {
        try {
            return new CallbackRecorder();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start callback recorder", e);
        }
    }

    /** @return the callback URL, {@code http://127.0.0.1:<port>/callback} */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/callback";
    }

    /**
     * Programs the next answers: each request takes the next status; the last one repeats.
     *
     * @param first the next status
     * @param more the ones after it
     */
    public synchronized void respondWith(int first, int... more) {
        statuses.clear();
        statuses.add(first);
        for (int s : more) {
            statuses.add(s);
        }
    }

    /** @return every request so far, in arrival order */
    public List<Received> received() {
        return List.copyOf(received);
    }

    private synchronized int nextStatus() {
        if (!statuses.isEmpty()) {
            lastStatus = statuses.poll();
        }
        return lastStatus;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                    + exchange.getRequestURI().toString());
            received.add(new Received(exchange.getRequestMethod(), url, Map.copyOf(exchange.getRequestHeaders()),
                    body, Instant.now()));
            exchange.sendResponseHeaders(nextStatus(), -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
