package org.tillpay.dintero.emulator.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.tillpay.dintero.emulator.testing.EmulatorServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Minimal HTTP client for the emulator tests. */
final class Http {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** A response. */
    record Response(int status, String contentType, String location, String body, String date,
            java.net.http.HttpHeaders headers) {

        /** A response without other headers. */
        Response(int status, String contentType, String location, String body, String date) {
            this(status, contentType, location, body, date, null);
        }

        /** A response without a Date header (a body to parse). */
        Response(int status, String contentType, String location, String body) {
            this(status, contentType, location, body, null);
        }

        /** @return the first value of a response header, or null */
        String header(String name) {
            return headers == null ? null : headers.firstValue(name).orElse(null);
        }
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private Http() {
    }

    static Response get(String url, String authorization) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), authorization, Map.of());
    }

    static Response postJson(String url, String authorization, String json, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(json)),
                authorization, all);
    }

    static Response putJson(String url, String authorization, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofString(json)),
                authorization, Map.of("Content-Type", "application/json"));
    }

    static Response delete(String url, String authorization) {
        return send(HttpRequest.newBuilder(URI.create(url)).DELETE(), authorization, Map.of());
    }

    /** GETs a file without authorisation and returns its bytes; fails unless 200. */
    static byte[] download(String url) {
        try {
            HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).GET()
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new AssertionError("download failed: " + r.statusCode() + " "
                        + new String(r.body(), StandardCharsets.UTF_8));
            }
            return r.body();
        } catch (IOException e) {
            throw new AssertionError("request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static Response postEmpty(String url, String authorization) {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()),
                authorization, Map.of());
    }

    static Response postForm(String url, String form) {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(form)), null,
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
    }

    static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
    }

    static String tokenBody(String accountId) {
        return "{\"grant_type\":\"client_credentials\",\"audience\":\"https://api.dintero.com/v1/accounts/"
                + accountId + "\"}";
    }

    /** Gets a bearer token for an account; returns the full {@code Bearer ...} header value. */
    static String bearer(EmulatorServer server, String accountId, String clientId, String secret) {
        Response r = postJson(server.apiBaseUrl() + "/v1/accounts/" + accountId + "/auth/token",
                basic(clientId, secret), tokenBody(accountId), Map.of());
        if (r.status() != 200) {
            throw new AssertionError("token request failed: " + r.status() + " " + r.body());
        }
        return "Bearer " + r.json().path("access_token").asText();
    }

    static String bearer(EmulatorServer server) {
        return bearer(server, EmulatorServer.ACCOUNT_ID, EmulatorServer.CLIENT_ID, EmulatorServer.CLIENT_SECRET);
    }

    private static Response send(HttpRequest.Builder builder, String authorization, Map<String, String> headers) {
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        headers.forEach(builder::header);
        try {
            HttpResponse<String> r = CLIENT.send(builder.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null),
                    r.headers().firstValue("Location").orElse(null), r.body(),
                    r.headers().firstValue("Date").orElse(null), r.headers());
        } catch (IOException e) {
            throw new AssertionError("request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Stops a test's server (and anything else it started) after checking that every exchange followed the spec. */
    static void closeCheckingContract(EmulatorServer server, AutoCloseable... others) {
        try {
            org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), server.contractViolations());
        } finally {
            server.close();
            for (AutoCloseable other : others) {
                try {
                    other.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** Creates a session that must succeed, and returns the answer. */
    static com.fasterxml.jackson.databind.JsonNode createSession(EmulatorServer server, String bearer, String body) {
        Response r = postJson(server.checkoutBaseUrl() + "/v1/sessions-profile", bearer, body, Map.of());
        org.junit.jupiter.api.Assertions.assertEquals(200, r.status(), r.body());
        return r.json();
    }
}
