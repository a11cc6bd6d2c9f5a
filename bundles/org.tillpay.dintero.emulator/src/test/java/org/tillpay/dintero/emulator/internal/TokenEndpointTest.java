package org.tillpay.dintero.emulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.testing.EmulatorServer;
import org.tillpay.dintero.emulator.testing.MutableClock;

/** {@code POST /v1/accounts/{aid}/auth/token} on both hosts, and bearer-token checks on checkout. */
class TokenEndpointTest {

    private static final String AID = EmulatorServer.ACCOUNT_ID;

    private final MutableClock clock = MutableClock.startingNow();
    private final EmulatorServer server = EmulatorServer.builder().clock(clock).tokenTtl(Duration.ofSeconds(60))
            .start();

    @AfterEach
    void close() {
        Http.closeCheckingContract(server);
    }

    private Http.Response token(String base, String authorization, String body) {
        return Http.postJson(base + "/v1/accounts/" + AID + "/auth/token", authorization, body, Map.of());
    }

    @Test
    void issuesBearerTokenOnBothHosts() {
        for (String base : List.of(server.apiBaseUrl(), server.checkoutBaseUrl())) {
            Http.Response r = token(base, Http.basic(EmulatorServer.CLIENT_ID, EmulatorServer.CLIENT_SECRET),
                    Http.tokenBody(AID));
            assertEquals(200, r.status(), r.body());
            assertTrue(r.contentType().startsWith("application/json"));
            assertEquals("Bearer", r.json().path("token_type").asText());
            assertEquals(60, r.json().path("expires_in").asInt());
            assertTrue(r.json().path("access_token").asText().length() >= 40);
        }
        assertEquals(2, server.emulator().tokenRequests(AID));
        assertEquals(0, server.emulator().tokenRequests("T99999999"));
    }

    @Test
    void wrongCredentialsAre401WithErrorBody() {
        Http.Response r = token(server.apiBaseUrl(), Http.basic(EmulatorServer.CLIENT_ID, "wrong"),
                Http.tokenBody(AID));
        assertEquals(401, r.status());
        assertFalse(r.json().path("error").path("message").asText().isEmpty());
        assertEquals("UNAUTHORIZED", r.json().path("error").path("code").asText());
        assertEquals(401, token(server.apiBaseUrl(), Http.basic("someone-else", EmulatorServer.CLIENT_SECRET),
                Http.tokenBody(AID)).status());
        assertEquals(1 + 1, server.emulator().tokenRequests(AID));
    }

    @Test
    void wrongAudienceOrGrantTypeIs400() {
        String auth = Http.basic(EmulatorServer.CLIENT_ID, EmulatorServer.CLIENT_SECRET);
        Http.Response otherAccount = token(server.apiBaseUrl(), auth,
                Http.tokenBody("T87654321"));
        assertEquals(400, otherAccount.status());
        assertTrue(otherAccount.json().path("error").path("message").asText().contains("audience"));
        Http.Response checkoutAudience = token(server.apiBaseUrl(), auth, "{\"grant_type\":\"client_credentials\","
                + "\"audience\":\"https://checkout.dintero.com/v1/accounts/" + AID + "\"}");
        assertEquals(400, checkoutAudience.status());
        Http.Response password = token(server.apiBaseUrl(), auth, "{\"grant_type\":\"password\",\"audience\":"
                + "\"https://api.dintero.com/v1/accounts/" + AID + "\"}");
        assertEquals(400, password.status());
        assertTrue(password.json().path("error").path("message").asText().contains("grant_type"));
        // "password" is no AuthToken subtype in the spec either: the validator must flag that request.
        if (server.contractValidationEnabled()) {
            assertEquals(List.of("REQUEST validation.request.body.schema.discriminator"), server.contractViolations()
                    .stream().map(v -> v.direction() + " " + v.key()).distinct().toList());
            assertTrue(server.contractViolations().get(0).message().contains("password"));
            server.clearContractViolations();
        }
    }

    @Test
    void productionAccountIsRefused() {
        Http.Response r = Http.postJson(server.apiBaseUrl() + "/v1/accounts/P12345678/auth/token",
                Http.basic(EmulatorServer.CLIENT_ID, EmulatorServer.CLIENT_SECRET), Http.tokenBody("P12345678"),
                Map.of());
        assertEquals(403, r.status());
    }

    @Test
    void tokenExpiresAfterTtl() {
        String bearer = Http.bearer(server);
        String url = server.checkoutBaseUrl() + "/v1/sessions-profile";
        assertEquals(200, Http.postJson(url, bearer, Sessions.body(), Map.of()).status());
        clock.advance(Duration.ofSeconds(59));
        assertEquals(200, Http.postJson(url, bearer, Sessions.body(), Map.of()).status());
        clock.advance(Duration.ofSeconds(1));
        Http.Response expired = Http.postJson(url, bearer, Sessions.body(), Map.of());
        assertEquals(401, expired.status());
        assertEquals("token expired", expired.json().path("error").path("message").asText());
    }

    @Test
    void unknownOrMissingBearerIs401() {
        String url = server.checkoutBaseUrl() + "/v1/sessions-profile";
        assertEquals(401, Http.postJson(url, "Bearer not-a-token", Sessions.body(), Map.of()).status());
        Http.Response missing = Http.postJson(url, null, Sessions.body(), Map.of());
        assertEquals(401, missing.status());
        assertEquals("missing bearer token", missing.json().path("error").path("message").asText());
        // The request without Authorization breaks the spec's security requirement: the validator must say so.
        if (server.contractValidationEnabled()) {
            assertEquals(List.of("validation.request.security.missing"), server.contractViolations().stream()
                    .map(v -> v.key()).toList());
            server.clearContractViolations();
        }
    }

    @Test
    void wrongMethodIs405WithAllowHeader() {
        Http.Response r = Http.get(server.apiBaseUrl() + "/v1/accounts/" + AID + "/auth/token", null);
        assertEquals(405, r.status());
        assertEquals("METHOD_NOT_ALLOWED", r.json().path("error").path("code").asText());
        if (server.contractValidationEnabled()) { // GET is no operation of this path in the spec: flagged
            assertTrue(server.contractViolations().stream().map(v -> v.key()).toList()
                    .contains("validation.request.operation.notAllowed"), server.contractViolations().toString());
            server.clearContractViolations();
        }
    }
}
