package org.tillpay.dintero.emulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.testing.EmulatorServer;

import com.fasterxml.jackson.databind.JsonNode;

/** API clients and client grants created with a merchant token (API.md &sect;11.5, &sect;11.6). */
class ApiClientsTest {

    private static final String MERCHANT = EmulatorServer.MERCHANT_ID;
    private static final String AUDIENCE = "https://api.dintero.com/v1/accounts/" + MERCHANT;

    private final EmulatorServer server = EmulatorServer.builder().partnerAndMerchant().start();
    private final String merchant = PartnerTokenTest.merchantToken(server, MERCHANT);
    private final String auth = server.apiBaseUrl() + "/v1/accounts/" + MERCHANT + "/auth";

    @AfterEach
    void close() {
        Http.closeCheckingContract(server);
    }

    private JsonNode createClient(String name) {
        Http.Response r = Http.postJson(auth + "/clients", merchant, "{\"name\":\"" + name
                + "\",\"description\":\"created by ERP\"}", Map.of());
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private Http.Response grant(String clientId) {
        return Http.postJson(auth + "/client-grants", merchant, "{\"client_id\":\"" + clientId + "\",\"audience\":\""
                + AUDIENCE + "\",\"scope\":[\"admin:checkout\",\"read:reports\"],\"type\":\"client_credentials\"}",
                Map.of());
    }

    private Http.Response token(String clientId, String secret) {
        return Http.postJson(auth + "/token", Http.basic(clientId, secret), Http.tokenBody(MERCHANT), Map.of());
    }

    @Test
    void createdClientShowsSecretOnceAndNeedsAGrant() {
        JsonNode client = createClient("POS Butikk Storgata 012");
        String id = client.path("id").asText();
        assertTrue(id.matches("[0-9a-f-]{36}"), id);
        String clientId = client.path("client_id").asText();
        String secret = client.path("client_secret").asText();
        assertFalse(clientId.isEmpty() || secret.isEmpty());
        assertEquals("POS Butikk Storgata 012", client.path("name").asText());
        assertEquals("created by ERP", client.path("description").asText());
        assertTrue(client.path("created_at").isTextual());

        Http.Response one = Http.get(auth + "/clients/" + id, merchant);
        assertEquals(200, one.status());
        assertFalse(one.json().has("client_secret"));
        Http.Response list = Http.get(auth + "/clients", merchant);
        assertEquals(1, list.json().size());
        assertFalse(list.json().get(0).has("client_secret"));

        assertEquals(403, token(clientId, secret).status(), "no grant yet");
        Http.Response grant = grant(id);
        assertEquals(200, grant.status(), grant.body());
        assertEquals(id, grant.json().path("client_id").asText());
        assertEquals(AUDIENCE, grant.json().path("audience").asText());
        Http.Response token = token(clientId, secret);
        assertEquals(200, token.status(), token.body());
        assertEquals(401, token(clientId, "wrong").status());
        // The new client's token works on checkout.
        Http.createSession(server, "Bearer " + token.json().path("access_token").asText(), Sessions.body());
        List<Map<String, Object>> clients = server.partner().apiClients(MERCHANT);
        assertEquals(List.of(id), clients.stream().map(c -> c.get("id")).toList());
        assertFalse(clients.get(0).containsKey("client_secret"));
        assertEquals(List.of("admin:checkout", "read:reports"), server.partner().clientGrants(MERCHANT).get(0)
                .get("scope"));
    }

    @Test
    void grantRefusesTheClientIdStringAndBadFields() {
        JsonNode client = createClient("store 1");
        Http.Response byString = grant(client.path("client_id").asText());
        assertEquals(400, byString.status());
        assertTrue(byString.json().path("error").path("message").asText().contains("client_id"));
        assertEquals(400, grant("00000000-0000-0000-0000-000000000000").status());
        assertEquals(400, Http.postJson(auth + "/client-grants", merchant, "{\"client_id\":\""
                + client.path("id").asText() + "\"}", Map.of()).status());
        Http.Response noName = Http.postJson(auth + "/clients", merchant, "{\"description\":\"x\"}", Map.of());
        assertEquals(400, noName.status());
        assertTrue(noName.json().path("error").path("message").asText().contains("name"));
    }

    @Test
    void rotateSecretReplacesTheOldOneAtOnce() {
        JsonNode client = createClient("store 2");
        String id = client.path("id").asText();
        assertEquals(200, grant(id).status());
        Http.Response rotated = Http.postEmpty(auth + "/clients/" + id + "/rotate-secret", merchant);
        assertEquals(200, rotated.status(), rotated.body());
        String newSecret = rotated.json().path("client_secret").asText();
        assertNotEquals(client.path("client_secret").asText(), newSecret);
        String clientId = client.path("client_id").asText();
        assertEquals(401, token(clientId, client.path("client_secret").asText()).status());
        assertEquals(200, token(clientId, newSecret).status());
    }

    @Test
    void deletedGrantOrClientIsRefusedAndItsTokensStopWorking() {
        JsonNode client = createClient("store 3");
        String id = client.path("id").asText();
        String clientId = client.path("client_id").asText();
        String secret = client.path("client_secret").asText();
        String grantId = grant(id).json().path("id").asText();
        Http.Response filtered = Http.get(auth + "/client-grants?client_id=" + id + "&audience=" + AUDIENCE,
                merchant);
        assertEquals(1, filtered.json().size());
        assertEquals(0, Http.get(auth + "/client-grants?audience=https://example.com", merchant).json().size());
        assertEquals(200, Http.delete(auth + "/client-grants/" + grantId, merchant).status());
        assertEquals(403, token(clientId, secret).status());
        assertEquals(404, Http.delete(auth + "/client-grants/" + grantId, merchant).status());

        assertEquals(200, grant(id).status());
        String bearer = "Bearer " + token(clientId, secret).json().path("access_token").asText();
        assertEquals(200, Http.get(auth + "/clients", bearer).status());
        assertEquals(200, Http.delete(auth + "/clients/" + id, merchant).status());
        assertEquals(401, token(clientId, secret).status());
        assertEquals(401, Http.get(auth + "/clients", bearer).status());
        assertEquals(404, Http.get(auth + "/clients/" + id, merchant).status());
        assertEquals(List.of(), server.partner().clientGrants(MERCHANT));
    }

    @Test
    void revokeClientActsAsBackoffice() {
        JsonNode client = createClient("store 4");
        String clientId = client.path("client_id").asText();
        String secret = client.path("client_secret").asText();
        grant(client.path("id").asText());
        String bearer = "Bearer " + token(clientId, secret).json().path("access_token").asText();
        server.partner().revokeClient(MERCHANT, clientId);
        assertEquals(401, token(clientId, secret).status());
        assertEquals(401, Http.get(server.checkoutBaseUrl() + "/v1/sessions/" + MERCHANT + ".x", bearer).status());
        assertEquals(List.of(), server.partner().apiClients(MERCHANT));
        assertThrows(NoSuchElementException.class, () -> server.partner().revokeClient(MERCHANT, clientId));
    }

    @Test
    void anotherAccountsTokenIsForbidden() {
        String partner = PartnerTokenTest.partnerToken(server);
        assertEquals(403, Http.get(auth + "/clients", partner).status());
        assertEquals(401, Http.get(auth + "/clients", null).status());
    }
}
