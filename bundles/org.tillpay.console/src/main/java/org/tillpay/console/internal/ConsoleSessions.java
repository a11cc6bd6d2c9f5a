package org.tillpay.console.internal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The browsers' sessions, in memory: a random id (the cookie's value) and a random CSRF token per login, ended after
 * {@code idle} without a request or by logging out. A restart of the bundle ends every session. Ids and tokens are
 * compared in constant time and never logged.
 */
final class ConsoleSessions {

    /** One logged-in browser. */
    static final class Session {
        private final String id;
        private final String csrfToken;
        private final ConsoleUser user;
        private volatile Instant lastSeen;

        private Session(String id, String csrfToken, ConsoleUser user, Instant now) {
            this.id = id;
            this.csrfToken = csrfToken;
            this.user = user;
            this.lastSeen = now;
        }

        String id() {
            return id;
        }

        String csrfToken() {
            return csrfToken;
        }

        ConsoleUser user() {
            return user;
        }

        /** @return true when the header carries this session's CSRF token */
        boolean csrfMatches(String header) {
            return header != null && MessageDigest.isEqual(csrfToken.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    header.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Session[" + user.name() + "]";
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration idle;
    private final Clock clock;

    ConsoleSessions(Duration idle, Clock clock) {
        this.idle = idle;
        this.clock = clock;
    }

    /** @return a new session for the user */
    Session start(ConsoleUser user) {
        expireIdle();
        Session s = new Session(random(), random(), user, clock.instant());
        sessions.put(s.id, s);
        return s;
    }

    /** @return the live session with this id, touched; empty when unknown or idle too long */
    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        Instant now = clock.instant();
        if (s == null || !MessageDigest.isEqual(s.id.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                id.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        if (s.lastSeen.plus(idle).isBefore(now)) {
            sessions.remove(id, s);
            return Optional.empty();
        }
        s.lastSeen = now;
        return Optional.of(s);
    }

    /** Ends a session. */
    void end(Session session) {
        sessions.remove(session.id, session);
    }

    /** @return how many sessions are live */
    int size() {
        expireIdle();
        return sessions.size();
    }

    private void expireIdle() {
        Instant cutoff = clock.instant().minus(idle);
        sessions.values().removeIf(s -> s.lastSeen.isBefore(cutoff));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
