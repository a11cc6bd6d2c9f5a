package org.tillpay.itests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny round-robin HTTP forwarder on loopback, standing in for the load balancer in front of a Tillpay cluster: the
 * stores' {@code callback.base.url} points here, so that Dintero's callbacks land on any node. Each request goes to
 * the next node in turn; a node that does not answer (killed, starting) is skipped for the next, and when none
 * answers the caller gets 502, so that Dintero retries. Method, path, query, headers and body are passed on as they
 * came (Tillpay checks the signature against its configured public URL, not the Host header).
 */
final class CallbackBalancer implements AutoCloseable {

    private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "keep-alive", "transfer-encoding", "te", "trailer", "proxy-connection");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(32, r -> {
        Thread t = new Thread(r, "callback-balancer");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Supplier<List<String>> nodes;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLongArray forwarded;
    private final AtomicInteger unanswered = new AtomicInteger();

    private CallbackBalancer(HttpServer server, Supplier<List<String>> nodes, int nodeCount) {
        this.server = server;
        this.nodes = nodes;
        this.forwarded = new AtomicLongArray(nodeCount);
    }

    /**
     * Starts the forwarder on a free loopback port.
     *
     * @param nodeCount how many nodes there are at most
     * @param nodes the nodes' base URLs ({@code http://127.0.0.1:<port>}), asked on each request
     * @return the running forwarder
     */
    static CallbackBalancer start(int nodeCount, Supplier<List<String>> nodes) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        CallbackBalancer balancer = new CallbackBalancer(server, nodes, nodeCount);
        server.createContext("/", balancer::forward);
        server.setExecutor(balancer.threads);
        server.start();
        return balancer;
    }

    /** @return the base URL to configure as {@code callback.base.url} */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return how many requests each node (by index) answered */
    long[] forwardedPerNode() {
        long[] counts = new long[forwarded.length()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = forwarded.get(i);
        }
        return counts;
    }

    /** @return how many requests no node answered (answered 502 here) */
    int unanswered() {
        return unanswered.get();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            List<String> targets = nodes.get();
            int first = Math.floorMod(next.getAndIncrement(), Math.max(1, targets.size()));
            for (int i = 0; i < targets.size(); i++) {
                int node = (first + i) % targets.size();
                String target = targets.get(node);
                if (target == null) {
                    continue;
                }
                HttpResponse<byte[]> answer = send(exchange, target, body);
                if (answer != null) {
                    forwarded.incrementAndGet(node);
                    reply(exchange, answer.statusCode(), answer.body());
                    return;
                }
            }
            unanswered.incrementAndGet();
            reply(exchange, 502, new byte[0]);
        }
    }

    private HttpResponse<byte[]> send(HttpExchange exchange, String target, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                .timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
