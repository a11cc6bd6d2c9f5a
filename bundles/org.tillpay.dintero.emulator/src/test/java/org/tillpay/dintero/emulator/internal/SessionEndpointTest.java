package org.tillpay.dintero.emulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.OutboxMessage;
import org.tillpay.dintero.emulator.testing.EmulatorServer;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code POST /v1/sessions-profile} and {@code GET /v1/sessions/{id}}. */
class SessionEndpointTest {

    private static final String OTHER = "T87654321";

    private final EmulatorServer server = EmulatorServer.builder().defaultAccount()
            .account(OTHER, "other-client", "other-secret", "", "default", "pos-store-012").start();
    private final String bearer = Http.bearer(server);
    private final String sessionsProfile = server.checkoutBaseUrl() + "/v1/sessions-profile";

    @AfterEach
    void close() {
        Http.closeCheckingContract(server);
    }

    private Http.Response create(String body, Map<String, String> headers) {
        return Http.postJson(sessionsProfile, bearer, body, headers);
    }

    @Test
    void createsSessionAndSendsSms() {
        Http.Response r = create(Sessions.body(), Map.of("Dintero-Feature-Toggles", "strict-session-amounts",
                "Dintero-System-Name", "tillpay"));
        assertEquals(200, r.status(), r.body());
        JsonNode created = r.json();
        String id = created.path("id").asText();
        assertTrue(id.matches("T12345678\\.[0-9A-Za-z]{22}"), id);
        assertEquals(server.baseUrl() + "/checkout/v1/view/" + id, created.path("url").asText());
        assertEquals(1, created.path("publish").size());
        JsonNode publish = created.path("publish").get(0);
        assertEquals("sent", publish.path("status").asText());
        assertEquals("sms", publish.path("channel").asText());
        assertFalse(publish.path("id").asText().isEmpty());
        assertTrue(created.path("session").isMissingNode(), "session only with include_session=true");

        List<OutboxMessage> outbox = server.emulator().outbox();
        assertEquals(1, outbox.size());
        assertEquals(new OutboxMessage(id, "T12345678", publish.path("id").asText(), "sms", "+4799999999",
                created.path("url").asText(), "sent", outbox.get(0).at()), outbox.get(0));

        JsonNode session = Http.get(server.checkoutBaseUrl() + "/v1/sessions/" + id, bearer).json();
        assertEquals(id, session.path("id").asText());
        assertEquals(59800, session.path("order").path("amount").asLong());
        assertEquals("S-000123/1", session.path("order").path("merchant_reference").asText());
        assertEquals("https://pos.example.com/dintero/thanks", session.path("url").path("return_url").asText());
        assertEquals("INITIATED", session.path("events").get(0).path("name").asText());
        assertEquals("default", session.path("metadata").path("session:profile_id").asText());
        assertEquals("sent", session.path("configuration").path("publish").get(0).path("status").asText());
        assertTrue(session.path("transaction_id").isMissingNode());
        assertFalse(session.path("expires_at").asText().isEmpty());
    }

    @Test
    void includeSessionReturnsTheSession() {
        Http.Response r = Http.postJson(sessionsProfile + "?include_session=true", bearer, Sessions.body(), Map.of());
        assertEquals(200, r.status(), r.body());
        assertEquals(r.json().path("id").asText(), r.json().path("session").path("id").asText());
        assertEquals("NOK", r.json().path("session").path("order").path("currency").asText());
    }

    @Test
    void publishIsSkippedWithoutPhone() {
        Http.Response r = create(Sessions.body(null, null, null), Map.of());
        assertEquals(200, r.status(), r.body());
        assertEquals("skipped", r.json().path("publish").get(0).path("status").asText());
        OutboxMessage message = server.emulator().outbox().get(0);
        assertEquals("skipped", message.status());
        assertNull(message.phoneNumber());
    }

    @Test
    void singleVippsSessionGetsPush() {
        Http.Response r = create(Sessions.body("+4799999999", null, "\"vipps\":{\"enabled\":true}"), Map.of());
        assertEquals(200, r.status(), r.body());
        assertEquals("push", server.emulator().outbox().get(0).channel());
        Http.Response two = create(Sessions.body("+4799999999", null,
                "\"vipps\":{\"enabled\":true},\"dintero_psp\":{\"creditcard\":{\"enabled\":true}}"), Map.of());
        assertEquals(200, two.status(), two.body());
        assertEquals("sms", server.emulator().outbox().get(1).channel());
    }

    @Test
    void strictSessionAmountsMismatchIs400() {
        String body = Sessions.body().replace("\"amount\":59800", "\"amount\":59900");
        Http.Response r = create(body, Map.of("Dintero-Feature-Toggles", "strict-session-amounts"));
        assertEquals(400, r.status());
        assertTrue(r.contentType().startsWith("application/json"));
        assertEquals("BAD_REQUEST", r.json().path("error").path("code").asText());
        assertTrue(r.json().path("error").path("message").asText().contains("59800"), r.body());
        assertEquals(200, create(body, Map.of()).status(), "without the toggle a mismatch is accepted");
    }

    @Test
    void invalidRequestsAre400() {
        assertEquals(400, create(Sessions.body().replace("\"default\"", "\"pos-store-012\""), Map.of()).status(),
                "profile of another account");
        assertEquals(400, create(Sessions.body().replace("\"line_id\":\"2\"", "\"line_id\":\"1\""), Map.of())
                .status(), "duplicate line_id");
        assertEquals(400, create(Sessions.body("99999999", null, null), Map.of()).status(), "phone not E.164");
        assertEquals(400, create(Sessions.body().replace("\"currency\":\"NOK\"", "\"currency\":\"NOKK\""),
                Map.of()).status(), "currency");
        assertEquals(400, create(Sessions.body().replace("\"merchant_reference\":\"S-000123/1\",", ""), Map.of())
                .status(), "merchant_reference missing");
        assertEquals(400, create(Sessions.body().replace("\"return_url\"", "\"cancel_url\""), Map.of()).status(),
                "return_url missing");
        assertEquals(400, create(Sessions.body().replace("\"amount\":59800", "\"amount\":598.5"), Map.of())
                .status(), "amount not integer");
        assertEquals(400, create("{not json", Map.of()).status());
        assertTrue(server.emulator().sessions().isEmpty());
        // Several of these break the spec's request schema too, and the validator must notice (missing required
        // fields, wrong types); the rest are business rules only the emulator checks.
        if (server.contractValidationEnabled()) {
            assertTrue(server.contractViolations().stream().allMatch(v -> v.direction().equals("REQUEST")),
                    server.contractViolations().toString());
            assertTrue(server.contractViolations().stream().anyMatch(v -> v.message()
                    .contains("missing required properties")), server.contractViolations().toString());
            server.clearContractViolations();
        }
    }

    @Test
    void otherAccountsSessionIs404() {
        String id = create(Sessions.body(), Map.of()).json().path("id").asText();
        String otherBearer = Http.bearer(server, OTHER, "other-client", "other-secret");
        Http.Response r = Http.get(server.checkoutBaseUrl() + "/v1/sessions/" + id, otherBearer);
        assertEquals(404, r.status());
        assertEquals("NOT_FOUND", r.json().path("error").path("code").asText());
        assertEquals(404, Http.postEmpty(server.checkoutBaseUrl() + "/v1/sessions/" + id + "/cancel", otherBearer)
                .status());
        assertEquals(404, Http.get(server.checkoutBaseUrl() + "/v1/sessions/T12345678.unknown", bearer).status());
        assertEquals(200, Http.get(server.checkoutBaseUrl() + "/v1/sessions/" + id, bearer).status());
    }

    @Test
    void expiresAtIsHonoured() {
        String body = Sessions.body().replace("\"profile_id\"", "\"expires_at\":\"2099-01-01T10:00:00Z\","
                + "\"profile_id\"");
        String id = create(body, Map.of()).json().path("id").asText();
        assertEquals("2099-01-01T10:00:00.000Z", Http.get(server.checkoutBaseUrl() + "/v1/sessions/" + id, bearer)
                .json().path("expires_at").asText());
        assertEquals(400, create(Sessions.body().replace("\"profile_id\"", "\"expires_at\":\"2001-01-01T10:00:00Z\","
                + "\"profile_id\""), Map.of()).status());
    }
}
