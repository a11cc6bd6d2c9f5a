package org.tillpay.dintero.internal.callback;

import java.io.IOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers the signed requests this node has acted on, so that one sent again is answered without acting again.
 * <p>
 * A key is claimed before the request is acted on and then either kept as {@link Claim#DONE done} (it was acted on)
 * or released (it failed, so that Dintero's retry of the very same request is acted on). Each key is kept until its
 * own expiry: for a callback the end of its signature's time window (after that the window refuses it anyway), for a
 * webhook, which carries no signed time, a fixed retention. Expired keys are dropped as new ones come, and at most
 * {@code maxEntries} are kept (the oldest go first): memory stays bounded whatever arrives. Only requests whose
 * signature is good get here, so no one without a store's secret can fill it.
 * <p>
 * The guard is per node. Several Karaf nodes share one ledger, so a request sent again to another node is acted on
 * there once more; that is harmless because acting is idempotent (a stored hint is read back from Dintero, and the
 * ledger drops a status change it already has).
 */
final class ReplayGuard {

    /** What a claim found. */
    enum Claim {
        /** Not seen: act on it, then call {@link ReplayGuard#done} or {@link ReplayGuard#release}. */
        NEW,
        /** The same request is being acted on right now (a concurrent copy). */
        IN_FLIGHT,
        /** The same request was acted on already. */
        DONE
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReplayGuard.class);

    private final int maxEntries;
    private final InstantSource clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private Instant nextPurge = Instant.MIN;

    private static final class Entry {
        final Instant expiresAt;
        boolean done;

        Entry(Instant expiresAt) {
            this.expiresAt = expiresAt;
        }
    }

    /**
     * @param maxEntries the most keys kept at once
     * @param clock the clock that says when keys expire
     */
    ReplayGuard(int maxEntries, InstantSource clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /**
     * @param key what identifies the request exactly (its signature)
     * @param expiresAt when the key may be forgotten
     * @return whether the request is new, in flight or done
     */
    synchronized Claim claim(String key, Instant expiresAt) {
        Instant now = clock.instant();
        purgeExpired(now);
        Entry known = entries.get(key);
        if (known != null && !now.isAfter(known.expiresAt)) {
            return known.done ? Claim.DONE : Claim.IN_FLIGHT;
        }
        entries.remove(key);
        if (entries.size() >= maxEntries) {
            Iterator<String> eldest = entries.keySet().iterator();
            eldest.next();
            eldest.remove();
            LOG.warn("replay guard full ({} signed requests within their windows); the oldest is forgotten", maxEntries);
        }
        entries.put(key, new Entry(expiresAt));
        return Claim.NEW;
    }

    /** Acting on a request. */
    @FunctionalInterface
    interface Action {
        /**
         * @return true when the request was acted on; false when it failed and may be retried as it is
         * @throws IOException when the answer could not be written
         */
        boolean act() throws IOException;
    }

    /**
     * Claims the key and, when the request is new, acts on it: the key is then kept as done when it was acted on, and
     * released when it failed (or threw).
     *
     * @param key what identifies the request exactly (its signature)
     * @param expiresAt when the key may be forgotten
     * @param action acting on the request, run only when the claim is {@link Claim#NEW}
     * @return what the claim found
     * @throws IOException from the action
     */
    Claim once(String key, Instant expiresAt, Action action) throws IOException {
        Claim claim = claim(key, expiresAt);
        if (claim == Claim.NEW) {
            boolean actedOn = false;
            try {
                actedOn = action.act();
            } finally {
                if (actedOn) {
                    done(key);
                } else {
                    release(key);
                }
            }
        }
        return claim;
    }

    /** @param key a key claimed as {@link Claim#NEW} whose request was acted on */
    synchronized void done(String key) {
        Entry entry = entries.get(key);
        if (entry != null) {
            entry.done = true;
        }
    }

    /** @param key a key claimed as {@link Claim#NEW} whose request failed: a retry of it is acted on */
    synchronized void release(String key) {
        Entry entry = entries.get(key);
        if (entry != null && !entry.done) {
            entries.remove(key);
        }
    }

    /** @return how many keys are kept now */
    synchronized int size() {
        return entries.size();
    }

    /** Drops the expired keys, at most once a second (a full scan), or at once when the guard is full. */
    private void purgeExpired(Instant now) {
        if (now.isBefore(nextPurge) && entries.size() < maxEntries) {
            return;
        }
        entries.values().removeIf(e -> now.isAfter(e.expiresAt));
        nextPurge = now.plusSeconds(1);
    }
}
