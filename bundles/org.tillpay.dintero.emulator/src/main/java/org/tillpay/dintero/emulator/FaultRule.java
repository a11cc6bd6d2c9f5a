package org.tillpay.dintero.emulator;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Which requests an injected {@link Fault} strikes, given to {@link DinteroFaultEmulator#addFault(FaultRule)}:
 * a {@link Route}, optionally one account, a probability drawn from a {@link java.util.Random} seeded with
 * {@link #seed()} (the same sequence of matching requests gives the same pattern of hits), at most {@link #limit()}
 * hits, and for at most {@link #period()} (on the emulator's clock, so {@link DinteroEmulator#advanceClock(Duration)}
 * ends it). Immutable; the {@code with...} methods return changed copies.
 *
 * <pre>{@code
 * emulator.addFault(FaultRule.on(FaultRule.Route.TOKEN, Fault.serverError(503)).times(3));
 * emulator.addFault(FaultRule.on(FaultRule.Route.ANY, Fault.latency(Duration.ofMillis(50), Duration.ofMillis(400)))
 *         .withProbability(0.2, 42L));
 * }</pre>
 *
 * @since 1.7
 */
public final class FaultRule {

    /** The kinds of request a rule can match. */
    public enum Route {
        /**
         * Every request to Dintero's APIs (every route below and the account, Insight and Partner endpoints), but not
         * the hosted payment page (the customer's browser) nor callbacks.
         */
        ANY,
        /** {@code POST /v1/accounts/{aid}/auth/token}, on either host. */
        TOKEN,
        /** {@code POST /v1/sessions-profile}. */
        SESSION_CREATE,
        /** {@code GET /v1/sessions/{id}}. */
        SESSION_READ,
        /** {@code POST /v1/sessions/{id}/cancel}. */
        SESSION_CANCEL,
        /** {@code GET /v1/transactions/{id}}. */
        TRANSACTION_READ,
        /** {@code GET /v1/transactions} (a search). */
        TRANSACTION_LIST,
        /** {@code POST /v1/transactions/{id}/capture}, {@code /refund} and {@code /void}. */
        TRANSACTION_OPERATION,
        /**
         * Callbacks the emulator sends to a merchant's {@code callback_url}, when they are scheduled; a rule that
         * strikes a callback goes before the {@link CallbackMode}, which then does not apply to it.
         */
        CALLBACK
    }

    private final Route route;
    private final Fault fault;
    private final String accountId;
    private final double probability;
    private final long seed;
    private final int limit;
    private final Duration period;

    private FaultRule(Route route, Fault fault, String accountId, double probability, long seed, int limit,
            Duration period) {
        this.route = route;
        this.fault = fault;
        this.accountId = accountId;
        this.probability = probability;
        this.seed = seed;
        this.limit = limit;
        this.period = period;
    }

    /**
     * A rule that strikes every matching request, on any account, without limit.
     *
     * @param route the requests it matches
     * @param fault what it does
     * @return the rule
     * @throws IllegalArgumentException when the fault does not fit the route: the callback faults need
     *         {@link Route#CALLBACK} (which takes nothing else), the operation faults
     *         {@link Route#TRANSACTION_OPERATION}
     */
    public static FaultRule on(Route route, Fault fault) {
        Objects.requireNonNull(route, "route");
        Route natural = naturalRoute(Objects.requireNonNull(fault, "fault"));
        if ((natural == Route.CALLBACK) != (route == Route.CALLBACK)) {
            throw new IllegalArgumentException(natural == Route.CALLBACK ? fault.kind() + " needs the route CALLBACK"
                    : "the route CALLBACK takes CALLBACK_DELAY, CALLBACK_DROP or CALLBACK_DUPLICATE, not "
                    + fault.kind());
        }
        if (natural == Route.TRANSACTION_OPERATION && route != Route.TRANSACTION_OPERATION) {
            throw new IllegalArgumentException(fault.kind() + " needs the route TRANSACTION_OPERATION");
        }
        return new FaultRule(route, fault, null, 1.0, 0L, 0, null);
    }

    /**
     * A rule on the fault's natural route: {@link Route#CALLBACK} for the callback faults,
     * {@link Route#TRANSACTION_OPERATION} for the operation faults, {@link Route#ANY} for the others.
     *
     * @param fault what it does
     * @return the rule
     */
    public static FaultRule on(Fault fault) {
        return on(naturalRoute(Objects.requireNonNull(fault, "fault")), fault);
    }

    private static Route naturalRoute(Fault fault) {
        return switch (fault.kind()) {
            case CALLBACK_DELAY, CALLBACK_DROP, CALLBACK_DUPLICATE -> Route.CALLBACK;
            case OPERATION_FAILURE, OPERATION_LATE -> Route.TRANSACTION_OPERATION;
            default -> Route.ANY;
        };
    }

    /**
     * @param account the only account whose requests (or callbacks) it matches, for example {@code T12345678}
     * @return a copy limited to that account
     */
    public FaultRule forAccount(String account) {
        if (account == null || account.isBlank()) {
            throw new IllegalArgumentException("account must name an account");
        }
        return new FaultRule(route, fault, account.trim(), probability, seed, limit, period);
    }

    /**
     * @param p the chance that a matching request is struck, above 0 and at most 1
     * @param randomSeed the seed of the rule's own random, for a reproducible pattern
     * @return a copy that strikes with that probability
     */
    public FaultRule withProbability(double p, long randomSeed) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("probability must be above 0 and at most 1, was " + p);
        }
        return new FaultRule(route, fault, accountId, p, randomSeed, limit, period);
    }

    /**
     * @param count the most requests it strikes, at least 1; it stays installed (exhausted) afterwards
     * @return a copy limited to that many hits
     */
    public FaultRule times(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + count);
        }
        return new FaultRule(route, fault, accountId, probability, seed, count, period);
    }

    /**
     * @param duration how long after it is added it strikes, on the emulator's clock (an outage), positive
     * @return a copy limited to that period
     */
    public FaultRule during(Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("period must be positive, was " + duration);
        }
        return new FaultRule(route, fault, accountId, probability, seed, limit, duration);
    }

    /** @return the requests it matches */
    public Route route() {
        return route;
    }

    /** @return what it does */
    public Fault fault() {
        return fault;
    }

    /** @return the only account it matches, or empty for every account */
    public Optional<String> accountId() {
        return Optional.ofNullable(accountId);
    }

    /** @return the chance of striking a matching request, 1 unless set */
    public double probability() {
        return probability;
    }

    /** @return the seed of its random, 0 unless set */
    public long seed() {
        return seed;
    }

    /** @return the most hits, 0 for no limit */
    public int limit() {
        return limit;
    }

    /** @return how long after being added it strikes, or empty for as long as it is installed */
    public Optional<Duration> period() {
        return Optional.ofNullable(period);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaultRule r && route == r.route && fault.equals(r.fault)
                && Objects.equals(accountId, r.accountId) && probability == r.probability && seed == r.seed
                && limit == r.limit && Objects.equals(period, r.period);
    }

    @Override
    public int hashCode() {
        return Objects.hash(route, fault, accountId, probability, seed, limit, period);
    }

    /** @return for example {@code TOKEN T12345678: SERVER_ERROR 503 (p=0.5 seed=42, 3 times, for PT1M)} */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(route.name());
        if (accountId != null) {
            s.append(' ').append(accountId);
        }
        s.append(": ").append(fault);
        StringBuilder extra = new StringBuilder();
        if (probability < 1) {
            extra.append("p=").append(probability).append(" seed=").append(seed);
        }
        if (limit > 0) {
            extra.append(extra.length() > 0 ? ", " : "").append(limit).append(" times");
        }
        if (period != null) {
            extra.append(extra.length() > 0 ? ", " : "").append("for ").append(period);
        }
        return extra.length() == 0 ? s.toString() : s.append(" (").append(extra).append(')').toString();
    }
}
