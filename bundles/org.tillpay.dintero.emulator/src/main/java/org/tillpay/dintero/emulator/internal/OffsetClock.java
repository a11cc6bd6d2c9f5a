package org.tillpay.dintero.emulator.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The emulator's own clock: an underlying clock (the system clock in Karaf, the harness's clock in tests) plus an
 * offset that only grows, so that tests can expire sessions and tokens without waiting. Thread-safe.
 */
final class OffsetClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset;

    OffsetClock(Clock base) {
        this(base, new AtomicReference<>(Duration.ZERO));
    }

    private OffsetClock(Clock base, AtomicReference<Duration> offset) {
        this.base = Objects.requireNonNull(base, "base");
        this.offset = offset;
    }

    /**
     * Moves the clock forward.
     *
     * @param duration how far, zero or positive
     * @return the offset now
     * @throws IllegalArgumentException when negative
     */
    Duration advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("the emulator clock only moves forward, not by " + duration);
        }
        return offset.accumulateAndGet(duration, Duration::plus);
    }

    /** @return the total of all advances */
    Duration offset() {
        return offset.get();
    }

    /** @return the underlying clock, without the offset */
    Clock base() {
        return base;
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new OffsetClock(base.withZone(zone), offset);
    }
}
