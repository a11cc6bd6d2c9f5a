package org.tillpay.dintero.emulator.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests can move forward, to expire tokens and sessions without waiting. Thread-safe. */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;

    /** @param start the initial instant */
    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** @return a clock starting at the current system time */
    public static MutableClock startingNow() {
        return new MutableClock(Instant.now());
    }

    /**
     * Moves the clock forward.
     *
     * @param duration how far
     */
    public void advance(Duration duration) {
        now.updateAndGet(i -> i.plus(duration));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}
