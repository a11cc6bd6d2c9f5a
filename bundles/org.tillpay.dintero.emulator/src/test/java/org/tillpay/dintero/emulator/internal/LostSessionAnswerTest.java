package org.tillpay.dintero.emulator.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.OutboxMessage;
import org.tillpay.dintero.emulator.SessionSummary;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code loseNextSessionResponse}: the session is created but its answer is lost (FLOWS.md (a), "Timeout or 5xx on
 * create-session"); the merchant finds the payment by its merchant reference.
 */
class LostSessionAnswerTest extends EmulatorTestBase {

    private static final String REFERENCE = "S-000777/1";

    private Http.Response create(String body) {
        return Http.postJson(server.checkoutBaseUrl() + "/v1/sessions-profile", bearer, body, Map.of());
    }

    @Test
    void aLostAnswerIsA504WithoutBodyButTheSessionExistsAndCanBePaid() {
        server.emulator().loseNextSessionResponse();
        Http.Response lost = create(withCallback(null).replace("S-000123/1", REFERENCE));
        assertEquals(504, lost.status());
        assertEquals("", lost.body());

        List<SessionSummary> sessions = server.emulator().sessions();
        assertEquals(1, sessions.size());
        SessionSummary summary = sessions.get(0);
        assertEquals(REFERENCE, summary.merchantReference());
        assertEquals(59800, summary.amount());
        String sessionId = summary.sessionId();
        List<OutboxMessage> outbox = server.emulator().outbox();
        assertEquals(1, outbox.size());
        assertEquals(sessionId, outbox.get(0).sessionId());
        assertEquals("sent", outbox.get(0).status(), "the SMS went out although the answer was lost");
        JsonNode session = Http.get(server.checkoutBaseUrl() + "/v1/sessions/" + sessionId, bearer).json();
        assertEquals(merchant.url(), session.path("url").path("callback_url").asText());

        String page = outbox.get(0).link();
        assertEquals(200, Http.get(page, null).status());
        Http.Response paid = Http.postForm(page, "action=pay&method=card");
        assertEquals(303, paid.status(), paid.body());
        await().atMost(WAIT).until(() -> merchant.received().size() == 1);
        assertEquals(REFERENCE, Ops.param(merchant.received().get(0).url(), "merchant_reference"));

        Http.Response found = Http.get(server.checkoutBaseUrl() + "/v1/transactions?merchant_reference="
                + REFERENCE.replace("/", "%2F"), bearer);
        assertEquals(200, found.status(), found.body());
        assertEquals(1, found.json().size());
        JsonNode tx = found.json().get(0);
        assertEquals(sessionId, tx.path("session_id").asText());
        assertEquals("AUTHORIZED", tx.path("status").asText());
        assertEquals(tx.path("id").asText(), server.emulator().sessions().get(0).transactionId());

        Http.Response next = create(Sessions.body());
        assertEquals(200, next.status(), "only the next answer is lost");
        assertTrue(next.json().path("id").asText().startsWith("T12345678."), next.body());
        assertEquals(2, server.emulator().sessions().size());
    }

    @Test
    void aRejectedRequestDoesNotUseTheLostAnswerUp() {
        server.emulator().loseNextSessionResponse();
        server.emulator().loseNextSessionResponse();
        assertEquals(400, create(Sessions.body().replace("\"default\"", "\"no-such-profile\"")).status(),
                "unknown profile");
        assertEquals(400, create(Sessions.body().replace("\"line_id\":\"2\"", "\"line_id\":\"1\"")).status(),
                "duplicate line_id");
        assertTrue(server.emulator().sessions().isEmpty());
        assertTrue(server.emulator().outbox().isEmpty());

        Http.Response lost = Http.postJson(server.checkoutBaseUrl() + "/v1/sessions-profile?include_session=true",
                bearer, Sessions.body(), Map.of());
        assertEquals(504, lost.status(), "the loss was kept for the first accepted request");
        assertEquals("", lost.body());
        assertEquals(1, server.emulator().sessions().size());
        assertEquals(200, create(Sessions.body()).status(), "asked twice, still only one answer lost");
    }
}
