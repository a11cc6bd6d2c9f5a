package org.tillpay.dintero.emulator.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.tillpay.dintero.emulator.testing.EmulatorServer;

/**
 * Raw requests for the fault tests: each on a fresh client and connection (so that the JDK client never retries a
 * request on a pooled connection that was closed under it), with a chosen timeout, and failures left as the
 * {@link IOException} the client raised.
 */
final class FaultHttp {

    private FaultHttp() {
    }

    static HttpResponse<String> post(String url, String authorization, String json, Duration timeout)
            throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)), authorization, timeout);
    }

    static HttpResponse<String> get(String url, String authorization, Duration timeout) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), authorization, timeout);
    }

    /** A token request for the default account. */
    static HttpResponse<String> token(EmulatorServer server, Duration timeout) throws IOException {
        return post(server.apiBaseUrl() + "/v1/accounts/" + EmulatorServer.ACCOUNT_ID + "/auth/token",
                Http.basic(EmulatorServer.CLIENT_ID, EmulatorServer.CLIENT_SECRET),
                Http.tokenBody(EmulatorServer.ACCOUNT_ID), timeout);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String authorization, Duration timeout)
            throws IOException {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try {
            return client.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
