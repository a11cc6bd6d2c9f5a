package org.tillpay.itests;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Calls to the console's API as a host (HTTP Basic) or a browser (its own cookie jar) makes them. An event stream is
 * read only to its first event and then closed, so that every operation can be called alike.
 */
final class ConsoleCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One answer.
     *
     * @param status the HTTP status
     * @param headers its headers
     * @param body its body as text (an event stream's first event only)
     */
    record Answer(int status, HttpHeaders headers, String body) {

        /** @return the body as JSON */
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        /** @return the problem's type, its last segment ({@code forbidden}, ...); fails unless problem details */
        String problemType() {
            String type = headers.firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json")) {
                throw new AssertionError("not problem details (" + status + ", " + type + "): " + body);
            }
            String uri = json().path("type").asText();
            return uri.substring(uri.lastIndexOf('/') + 1);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final String api;
    private final HttpClient client;

    /** @param baseUrl Karaf's base URL; this instance keeps its own cookies (a browser) */
    ConsoleCalls(String baseUrl) {
        this.api = baseUrl + "/tillpay/console/api/v1";
        this.client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param method the method
     * @param path below {@code /api/v1}
     * @param body JSON, or null for none
     * @param headers name, value, ...
     */
    Answer send(String method, String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        HttpResponse<InputStream> r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            boolean stream = r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
            return new Answer(r.statusCode(), r.headers(), stream ? firstEvent(in)
                    : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Sends with HTTP Basic as the user, whose password is their name unless given. */
    Answer as(String user, String method, String path, String body) throws IOException, InterruptedException {
        return send(method, path, body, "Authorization", basic(user, user));
    }

    private static String firstEvent(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int c = in.read(); c >= 0 && text.length() < 64 * 1024; c = in.read()) {
            text.append((char) c);
            if (text.indexOf("data:") >= 0 && text.toString().endsWith("\n\n")) {
                break;
            }
        }
        return new String(text.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
