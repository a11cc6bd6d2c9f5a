package org.tillpay.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The baseline: a bare JDK {@link HttpClient} making the same {@code POST /v1/sessions-profile} call (the body bytes
 * and headers a store sent, see {@link CapturingProxy}) with a bearer token fetched once. No validation, no ledger, no Camel, no thread hand-off; it only
 * checks the status and reads the session id, as the least any client must do.
 */
final class RawDintero {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI sessions;
    private final byte[] body;
    private final Map<String, String> headers;
    private final String bearer;

    RawDintero(String apiBase, String checkoutBase, BenchStores.Account account, byte[] body,
            Map<String, String> headers) throws IOException, InterruptedException {
        this.sessions = URI.create(checkoutBase + "/v1/sessions-profile");
        this.body = body;
        this.headers = headers;
        String basic = Base64.getEncoder().encodeToString(
                (account.clientId() + ":" + account.clientSecret()).getBytes(StandardCharsets.UTF_8));
        String tokenBody = JSON.createObjectNode().put("grant_type", "client_credentials")
                .put("audience", "https://api.dintero.com/v1/accounts/" + account.accountId()).toString();
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(
                URI.create(apiBase + "/v1/accounts/" + account.accountId() + "/auth/token"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(tokenBody)).build(), HttpResponse.BodyHandlers.ofString());
        if (token.statusCode() != 200) {
            throw new IllegalStateException("raw client: token refused, HTTP " + token.statusCode() + " " + token.body());
        }
        this.bearer = "Bearer " + JSON.readTree(token.body()).path("access_token").asText();
    }

    /** One session; throws unless Dintero (the emulator) answered 200 with a session id. */
    String createSession() throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(sessions).timeout(Duration.ofSeconds(30))
                .header("Authorization", bearer);
        headers.forEach(request::header);
        HttpResponse<byte[]> r = http.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("raw client: HTTP " + r.statusCode() + " "
                    + new String(r.body(), StandardCharsets.UTF_8));
        }
        JsonNode session = JSON.readTree(r.body());
        String id = session.path("id").asText("");
        if (id.isEmpty()) {
            throw new IllegalStateException("raw client: no session id in the answer");
        }
        return id;
    }
}
