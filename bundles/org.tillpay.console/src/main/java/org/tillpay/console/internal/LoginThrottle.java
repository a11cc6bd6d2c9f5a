package org.tillpay.console.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows password guessing: failed logins are counted per user name and per client address within a window; once
 * either reaches its limit, every login of that name (or from that address) is refused for the lockout, before the
 * password is even checked, so that a locked-out name cannot be used to test passwords. Names are counted whether
 * the user exists or not, and a refusal looks the same either way: the throttle tells nobody which users exist. A
 * successful login clears its user name's count (not its address's: one known password must not reset the count of
 * an address that guesses others). In memory; a restart of the bundle forgets every count.
 */
final class LoginThrottle {

    /**
     * When failed logins lock out.
     *
     * @param perName failures of one user name within the window that lock it out
     * @param perAddress failures from one client address within the window that lock it out
     * @param window how long a failure counts
     * @param lockout how long a locked-out name or address is refused
     */
    record Limits(int perName, int perAddress, Duration window, Duration lockout) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
    /** Above this many tracked names or addresses, the ones that no longer matter are dropped. */
    private static final int PRUNE_ABOVE = 10_000;
    /** Longer names are counted by their start, so that a flood of long names cannot fill the memory. */
    private static final int MAX_NAME = 128;

    /** The failures of one name or address, and until when it is locked out. Guarded by itself. */
    private static final class Tracker {
        final Deque<Instant> failures = new ArrayDeque<>();
        Instant lockedUntil = Instant.MIN;
    }

    private final Limits limits;
    private final Clock clock;
    private final Map<String, Tracker> names = new ConcurrentHashMap<>();
    private final Map<String, Tracker> addresses = new ConcurrentHashMap<>();

    LoginThrottle(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * @param name the user name tried
     * @param address the client's address
     * @return how long the caller must wait, when the name or the address is locked out; empty when it may try
     */
    Optional<Duration> lockedOut(String name, String address) {
        Instant now = clock.instant();
        Instant until = max(lockedUntil(names.get(key(name))), lockedUntil(addresses.get(address(address))));
        if (!until.isAfter(now)) {
            return Optional.empty();
        }
        Duration wait = Duration.between(now, until);
        // whole seconds, rounded up: Retry-After must not invite a retry that is still refused
        return Optional.of(Duration.ofSeconds(wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0)));
    }

    /** Counts a failed login of the name from the address; locks either out at its limit. */
    void failed(String name, String address) {
        Instant now = clock.instant();
        if (count(names, key(name), limits.perName(), now)) {
            LOG.warn("console: logins of '{}' refused for {} s after {} failures within {} s", key(name),
                    limits.lockout().toSeconds(), limits.perName(), limits.window().toSeconds());
        }
        if (count(addresses, address(address), limits.perAddress(), now)) {
            LOG.warn("console: logins from {} refused for {} s after {} failures within {} s", address(address),
                    limits.lockout().toSeconds(), limits.perAddress(), limits.window().toSeconds());
        }
    }

    /** A login of the name succeeded: its failures are forgotten. */
    void succeeded(String name) {
        names.remove(key(name));
    }

    /** @return true when this failure locked the key out */
    private boolean count(Map<String, Tracker> trackers, String key, int limit, Instant now) {
        if (trackers.size() > PRUNE_ABOVE) {
            prune(trackers, now);
        }
        Tracker t = trackers.computeIfAbsent(key, k -> new Tracker());
        synchronized (t) {
            Instant since = now.minus(limits.window());
            while (!t.failures.isEmpty() && !t.failures.peekFirst().isAfter(since)) {
                t.failures.removeFirst();
            }
            t.failures.addLast(now);
            if (t.failures.size() >= limit) {
                t.failures.clear();
                t.lockedUntil = now.plus(limits.lockout());
                return true;
            }
            return false;
        }
    }

    private void prune(Map<String, Tracker> trackers, Instant now) {
        Instant since = now.minus(limits.window());
        trackers.values().removeIf(t -> {
            synchronized (t) {
                return !t.lockedUntil.isAfter(now) && (t.failures.isEmpty() || !t.failures.peekLast().isAfter(since));
            }
        });
    }

    private static Instant lockedUntil(Tracker t) {
        if (t == null) {
            return Instant.MIN;
        }
        synchronized (t) {
            return t.lockedUntil;
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** @return the name as counted: case and surrounding blanks do not make another name */
    private static String key(String name) {
        String k = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return k.length() > MAX_NAME ? k.substring(0, MAX_NAME) : k;
    }

    private static String address(String address) {
        return address == null ? "" : address;
    }
}
