package org.tillpay.dintero.internal.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.InstantSource;

import org.junit.jupiter.api.Test;
import org.tillpay.dintero.internal.callback.ReplayGuard.Claim;

/** The replay guard: claims, done and released keys, expiry, and its bound. */
class ReplayGuardTest {

    private static final Instant T0 = Instant.parse("2026-11-22T07:00:00Z");

    /** A clock the test moves. */
    private static final class MovableClock implements InstantSource {
        Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aKeyIsNewThenInFlightThenDoneUntilItExpires() {
        MovableClock clock = new MovableClock();
        ReplayGuard guard = new ReplayGuard(100, clock);
        Instant expiry = T0.plusSeconds(300);
        assertEquals(Claim.NEW, guard.claim("a", expiry));
        assertEquals(Claim.IN_FLIGHT, guard.claim("a", expiry));
        guard.done("a");
        assertEquals(Claim.DONE, guard.claim("a", expiry));
        guard.release("a"); // a done key stays done
        assertEquals(Claim.DONE, guard.claim("a", expiry));
        clock.now = expiry;
        assertEquals(Claim.DONE, guard.claim("a", expiry), "kept up to its expiry");
        clock.now = expiry.plusSeconds(1);
        assertEquals(Claim.NEW, guard.claim("a", expiry.plusSeconds(300)), "forgotten after it");
    }

    @Test
    void aReleasedKeyIsNewAgain() {
        ReplayGuard guard = new ReplayGuard(100, new MovableClock());
        assertEquals(Claim.NEW, guard.claim("a", T0.plusSeconds(300)));
        guard.release("a");
        assertEquals(Claim.NEW, guard.claim("a", T0.plusSeconds(300)));
    }

    @Test
    void expiredKeysAreDroppedAndTheOldestGoWhenFull() {
        MovableClock clock = new MovableClock();
        ReplayGuard guard = new ReplayGuard(3, clock);
        for (int i = 0; i < 3; i++) {
            guard.claim("old" + i, T0.plusSeconds(10));
            guard.done("old" + i);
        }
        clock.now = T0.plusSeconds(11);
        guard.claim("new", T0.plusSeconds(400));
        assertEquals(1, guard.size(), "the expired keys went");
        for (int i = 0; i < 5; i++) {
            guard.claim("more" + i, T0.plusSeconds(400));
        }
        assertEquals(3, guard.size(), "never more than the bound");
        assertEquals(Claim.NEW, guard.claim("new", T0.plusSeconds(400)), "the oldest was forgotten first");
    }
}
