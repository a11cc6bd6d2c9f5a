package org.tillpay.dintero.internal.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small HTTP server in front of the Dintero emulator that answers scripted faults (429, 503 with
 * {@code Retry-After}, slow answers, held requests) and passes everything else on to the emulator. It records every
 * request that reached it, with when it arrived and when its fault answer left.
 */
final class FaultyDintero implements AutoCloseable {

    /** One scripted answer: a status with headers, after a pause. */
    record Fault(int status, Map<String, String> headers, long delayMillis) {
        static Fault status(int status) {
            return new Fault(status, Map.of(), 0);
        }

        static Fault retryAfter(int status, String retryAfter) {
            return new Fault(status, Map.of("Retry-After", retryAfter), 0);
        }

        static Fault slow(long millis) {
            return new Fault(200, Map.of(), millis);
        }
    }

    /** A request that reached the server. */
    record Seen(String method, String path, Instant arrived, Instant answered) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final HttpClient forward = HttpClient.newHttpClient();
    private final String emulatorOrigin;
    private final ConcurrentLinkedQueue<Fault> script = new ConcurrentLinkedQueue<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile Fault always;
    private volatile CountDownLatch hold;

    /**
     * @param emulatorBaseUrl the emulator's base URL; its origin receives what is passed on
     */
    FaultyDintero(String emulatorBaseUrl) throws IOException {
        URI emulator = URI.create(emulatorBaseUrl);
        emulatorOrigin = emulator.getScheme() + "://" + emulator.getAuthority();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    /** @return this server's URL standing for the emulator's {@code baseUrl} (same path) */
    String in(String emulatorUrl) {
        URI u = URI.create(emulatorUrl);
        return "http://127.0.0.1:" + server.getAddress().getPort() + u.getRawPath();
    }

    /** Answers the next API requests (not token requests) with these faults, one each, in order. */
    void script(Fault... faults) {
        script.addAll(List.of(faults));
    }

    /** Answers every API request (not token requests) with this fault; null passes them on again. */
    void always(Fault fault) {
        always = fault;
    }

    /** Holds every API request until {@link #release()}. */
    void hold() {
        hold = new CountDownLatch(1);
    }

    /** Lets held requests go on. */
    void release() {
        CountDownLatch h = hold;
        hold = null;
        if (h != null) {
            h.countDown();
        }
    }

    /** @return the API requests (not token requests) that reached the server, on paths containing {@code part} */
    List<Seen> seen(String method, String part) {
        return seen.stream().filter(s -> s.method().equals(method) && s.path().contains(part)).toList();
    }

    private void answer(HttpExchange exchange) throws IOException {
        Instant arrived = Instant.now();
        String path = exchange.getRequestURI().getRawPath();
        boolean token = path.endsWith("/auth/token");
        Fault fault = token ? null : script.poll();
        if (fault == null && !token) {
            fault = always;
        }
        if (!token && (fault == null || fault.delayMillis() > 0)) {
            seen.add(new Seen(exchange.getRequestMethod(), path, arrived, null)); // a held or slow request counts now
        }
        try {
            CountDownLatch h = hold;
            if (!token && h != null) {
                h.await(30, TimeUnit.SECONDS);
            }
            if (fault == null) {
                passOn(exchange);
                return;
            }
            if (fault.delayMillis() > 0) {
                Thread.sleep(fault.delayMillis());
            }
            fault.headers().forEach(exchange.getResponseHeaders()::add);
            byte[] body = (fault.status() == 200 ? "{}" : "{\"error\":{\"code\":\"E" + fault.status()
                    + "\",\"message\":\"scripted " + fault.status() + "\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (fault.delayMillis() == 0) {
                seen.add(new Seen(exchange.getRequestMethod(), path, arrived, Instant.now()));
            }
            exchange.sendResponseHeaders(fault.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        }
    }

    private void passOn(HttpExchange exchange) throws IOException, InterruptedException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulatorOrigin
                + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery())))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String name : List.of("Authorization", "Content-Type", "Accept", "Dintero-Feature-Toggles",
                "Dintero-System-Name", "Dintero-System-Version")) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        HttpResponse<byte[]> answer = forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        answer.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().add("Content-Type", v));
        exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}
