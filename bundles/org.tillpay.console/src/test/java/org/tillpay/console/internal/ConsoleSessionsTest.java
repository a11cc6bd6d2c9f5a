package org.tillpay.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ConsoleSessionsTest {

    private final MovableClock clock = new MovableClock();
    private final ConsoleSessions sessions = new ConsoleSessions(Duration.ofMinutes(30), clock);
    private final ConsoleUser kari = new ConsoleUser("kari", Set.of(Role.CASHIER));

    @Test
    void aSessionLivesWhileUsedAndEndsAfterItsIdleTime() {
        ConsoleSessions.Session s = sessions.start(kari);
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertEquals(kari, sessions.find(s.id()).orElseThrow().user(), "each request keeps it alive");
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertTrue(sessions.find(s.id()).isPresent());
        clock.now = clock.now.plus(Duration.ofMinutes(31));
        assertTrue(sessions.find(s.id()).isEmpty(), "idle too long");
        assertEquals(0, sessions.size());
    }

    @Test
    void idsAndTokensAreRandomAndTheTokenMustMatchExactly() {
        ConsoleSessions.Session a = sessions.start(kari);
        ConsoleSessions.Session b = sessions.start(kari);
        assertNotEquals(a.id(), b.id());
        assertNotEquals(a.csrfToken(), b.csrfToken());
        assertNotEquals(a.id(), a.csrfToken());
        assertTrue(a.id().length() >= 43 && a.csrfToken().length() >= 43, "256 random bits each");
        assertTrue(a.csrfMatches(a.csrfToken()));
        assertFalse(a.csrfMatches(b.csrfToken()));
        assertFalse(a.csrfMatches(null));
        assertFalse(a.csrfMatches(a.csrfToken().substring(1)));
        assertTrue(sessions.find("not-a-session").isEmpty());
        assertTrue(sessions.find(null).isEmpty());
        assertFalse(a.toString().contains(a.id()) || a.toString().contains(a.csrfToken()), "never in logs");
    }

    @Test
    void loggingOutEndsOnlyThatSession() {
        ConsoleSessions.Session a = sessions.start(kari);
        ConsoleSessions.Session b = sessions.start(kari);
        sessions.end(a);
        assertTrue(sessions.find(a.id()).isEmpty());
        assertTrue(sessions.find(b.id()).isPresent());
    }

    @Test
    void higherRolesIncludeLowerOnes() {
        ConsoleUser manager = new ConsoleUser("m", Set.of(Role.MANAGER));
        assertTrue(manager.may(Role.CASHIER));
        assertTrue(manager.may(Role.MANAGER));
        assertFalse(manager.may(Role.ADMIN));
        assertFalse(kari.may(Role.MANAGER));
        assertFalse(new ConsoleUser("none", Set.of()).may(Role.CASHIER));
        assertEquals(Role.ADMIN, Role.ofRealmName("admin").orElseThrow());
        assertTrue(Role.ofRealmName("viewer").isEmpty());
    }
}
