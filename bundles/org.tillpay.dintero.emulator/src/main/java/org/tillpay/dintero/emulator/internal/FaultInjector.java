package org.tillpay.dintero.emulator.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.emulator.Fault;
import org.tillpay.dintero.emulator.FaultRule;

/**
 * The installed {@link FaultRule}s and their hit counts; decides whether a request or callback is struck. Each rule
 * has its own {@link Random} seeded with its seed, drawn once per request the rule is consulted for, so a rule sees
 * the same pattern for the same sequence of matching requests. Thread-safe (one lock; deciding is short).
 */
final class FaultInjector {

    /** A rule that struck: its id, its fault, and the delay drawn for it (latency) or fixed by it. */
    record Strike(String faultId, Fault fault, Duration delay) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(FaultInjector.class);

    /** An installed rule: its random, its end on the emulator's clock (or null) and its hit counter. */
    private record Installed(FaultRule rule, Random random, Instant until, AtomicInteger hits) {
    }

    private final Clock clock;
    private final Map<String, Installed> rules = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> hits = new LinkedHashMap<>();
    private int nextId = 1;

    /** @param clock the emulator's clock, for rule periods */
    FaultInjector(Clock clock) {
        this.clock = clock;
    }

    synchronized String add(FaultRule rule) {
        java.util.Objects.requireNonNull(rule, "rule");
        String id = "fault-" + nextId++;
        AtomicInteger counter = new AtomicInteger();
        Instant until = rule.period().map(clock.instant()::plus).orElse(null);
        rules.put(id, new Installed(rule, new Random(rule.seed()), until, counter));
        hits.put(id, counter);
        LOG.info("Fault {} installed: {}", id, rule);
        return id;
    }

    synchronized boolean remove(String faultId) {
        boolean removed = rules.remove(faultId) != null;
        if (removed) {
            LOG.info("Fault {} removed after {} hit(s)", faultId, hits.get(faultId).get());
        }
        return removed;
    }

    synchronized int clear() {
        int n = rules.size();
        rules.clear();
        if (n > 0) {
            LOG.info("{} fault(s) removed", n);
        }
        return n;
    }

    synchronized Map<String, FaultRule> rules() {
        Map<String, FaultRule> copy = new LinkedHashMap<>();
        rules.forEach((id, installed) -> copy.put(id, installed.rule()));
        return java.util.Collections.unmodifiableMap(copy);
    }

    synchronized int hits(String faultId) {
        AtomicInteger counter = hits.get(faultId);
        if (counter == null) {
            throw new NoSuchElementException("no fault " + faultId);
        }
        return counter.get();
    }

    /**
     * Decides whether a request or callback is struck, and counts the hit.
     *
     * @param route what kind it is; {@link FaultRule.Route#ANY} rules match every route but
     *        {@link FaultRule.Route#CALLBACK}
     * @param account tells the account it is for, asked only when a rule names one; null when unknown (then only
     *        rules for every account match)
     * @return the strike, or null when none
     */
    synchronized Strike strike(FaultRule.Route route, Supplier<String> account) {
        if (rules.isEmpty()) {
            return null;
        }
        String accountId = rules.values().stream().anyMatch(in -> in.rule().accountId().isPresent())
                ? account.get() : null;
        Instant now = clock.instant();
        for (Map.Entry<String, Installed> e : rules.entrySet()) {
            Installed in = e.getValue();
            FaultRule rule = in.rule();
            boolean routeMatches = rule.route() == route
                    || (rule.route() == FaultRule.Route.ANY && route != FaultRule.Route.CALLBACK);
            if (!routeMatches || rule.accountId().map(a -> !a.equals(accountId)).orElse(false)
                    || (rule.limit() > 0 && in.hits().get() >= rule.limit())
                    || (in.until() != null && !now.isBefore(in.until()))) {
                continue;
            }
            if (rule.probability() < 1 && in.random().nextDouble() >= rule.probability()) {
                continue;
            }
            in.hits().incrementAndGet();
            Fault fault = rule.fault();
            Duration delay = fault.minDelay();
            long spread = fault.maxDelay().toMillis() - fault.minDelay().toMillis();
            if (spread > 0) {
                delay = delay.plusMillis((long) (in.random().nextDouble() * (spread + 1)));
            }
            return new Strike(e.getKey(), fault, delay);
        }
        return null;
    }
}
