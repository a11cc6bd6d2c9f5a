package org.tillpay.dintero.emulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.testing.EmulatorServer;
import org.tillpay.dintero.emulator.testing.MutableClock;

import com.fasterxml.jackson.databind.JsonNode;

/** The emulator's own clock ({@code advanceClock}): session and token expiry; {@code open} records VISITED. */
class ClockAndVisitTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
    private final EmulatorServer server = EmulatorServer.builder().clock(clock).start();
    private String bearer = Http.bearer(server);

    @AfterEach
    void close() {
        Http.closeCheckingContract(server);
    }

    private JsonNode session(String id) {
        Http.Response r = Http.get(server.checkoutBaseUrl() + "/v1/sessions/" + id, bearer);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static List<String> events(JsonNode session) {
        return session.path("events").findValuesAsText("name");
    }

    @Test
    void advancingPastExpiresAtExpiresTheLink() {
        JsonNode created = Http.createSession(server, bearer, Sessions.body().replace("\"profile_id\"",
                "\"expires_at\":\"2024-05-01T10:20:00Z\",\"profile_id\""));
        String id = created.path("id").asText();
        String url = created.path("url").asText();
        assertEquals(200, Http.get(url, null).status());

        server.emulator().advanceClock(Duration.ofMinutes(19));
        assertEquals(Instant.parse("2024-05-01T10:19:00Z"), server.emulator().now());
        assertEquals("OPEN", server.emulator().sessions().get(0).status());
        server.emulator().advanceClock(Duration.ofMinutes(1));

        Http.Response read = Http.get(server.checkoutBaseUrl() + "/v1/sessions/" + id, bearer);
        assertEquals("Wed, 01 May 2024 10:20:00 GMT", read.date(), "the Date header tells the emulator's time");
        JsonNode expired = session(id);
        Instant expiresAt = OffsetDateTime.parse(expired.path("expires_at").asText()).toInstant();
        assertEquals(Instant.parse("2024-05-01T10:20:00Z"), expiresAt);
        assertTrue(!expiresAt.isAfter(server.emulator().now()), "GET session shows the passed expires_at");
        assertEquals("EXPIRED", server.emulator().sessions().get(0).status());
        Http.Response page = Http.get(url, null);
        assertEquals(410, page.status());
        assertTrue(page.body().contains("expired"), page.body());
        Http.Response pay = Http.postForm(url, "action=pay&method=vipps");
        assertEquals(410, pay.status());
        assertTrue(pay.body().contains("This payment link has expired"), pay.body());
        assertTrue(assertThrows(IllegalStateException.class, () -> server.emulator().pay(id, "card")).getMessage()
                .contains("expired at 2024-05-01T10:20:00.000Z"));
        assertEquals(List.of("INITIATED", "VISITED"), events(session(id)), "no VISITED on the 410 page");
    }

    @Test
    void defaultExpiryIsFourHoursOnTheAdvancedClockAndTokensAgeToo() {
        server.emulator().advanceClock(Duration.ofDays(2));
        assertEquals(401, Http.get(server.checkoutBaseUrl() + "/v1/sessions/T12345678.any", bearer).status(),
                "the token issued two days ago has expired");
        bearer = Http.bearer(server);
        String id = Http.createSession(server, bearer, Sessions.body()).path("id").asText();
        JsonNode session = session(id);
        assertEquals("2024-05-03T10:00:00.000Z", session.path("created_at").asText());
        assertEquals("2024-05-03T14:00:00.000Z", session.path("expires_at").asText());

        server.emulator().advanceClock(Duration.ofHours(25)); // past expires_at and the 4 h token lifetime
        Http.Response stale = Http.get(server.checkoutBaseUrl() + "/v1/sessions/" + id, bearer);
        assertEquals(401, stale.status());
        assertEquals("token expired", stale.json().path("error").path("message").asText());
        bearer = Http.bearer(server);
        assertEquals("EXPIRED", server.emulator().sessions().get(0).status());
        assertEquals(410, Http.get(server.checkoutBaseUrl() + "/v1/view/" + id, null).status());
    }

    @Test
    void advancesAddToTheHarnessClock() {
        server.emulator().advanceClock(Duration.ofHours(1));
        clock.advance(Duration.ofMinutes(5));
        assertEquals(Instant.parse("2024-05-01T11:05:00Z"), server.emulator().now());
        assertThrows(IllegalArgumentException.class, () -> server.emulator().advanceClock(Duration.ofSeconds(-1)));
        server.emulator().advanceClock(Duration.ZERO);
        assertEquals(Instant.parse("2024-05-01T11:05:00Z"), server.emulator().now());
    }

    @Test
    void openRecordsVisitedLikeThePage() {
        String id = Http.createSession(server, bearer, Sessions.body()).path("id").asText();
        server.emulator().open(id);
        JsonNode opened = session(id);
        assertEquals(List.of("INITIATED", "VISITED"), events(opened));
        assertEquals("2024-05-01T10:00:00.000Z", opened.path("events").get(1).path("created_at").asText());
        assertTrue(opened.path("customer_ip").isMissingNode(), "no browser, no customer_ip");

        Http.get(server.checkoutBaseUrl() + "/v1/view/" + id, null);
        JsonNode visited = session(id);
        assertEquals(List.of("INITIATED", "VISITED", "VISITED"), events(visited));
        assertEquals("127.0.0.1", visited.path("customer_ip").asText());

        server.emulator().expire(id);
        server.emulator().open(id);
        assertEquals(3, events(session(id)).size(), "an expired link records no visit");
        assertThrows(NoSuchElementException.class, () -> server.emulator().open("T12345678.unknown"));
    }
}
