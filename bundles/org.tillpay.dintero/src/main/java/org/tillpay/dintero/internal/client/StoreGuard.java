package org.tillpay.dintero.internal.client;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

/**
 * One store's share of the shared call pool: a Resilience4j circuit breaker, so that a store whose Dintero account
 * fails or times out fails fast instead of holding threads, and a lane that lets at most
 * {@link ClientSettings#storeMaxConcurrentCalls()} of its calls run at once with at most
 * {@link ClientSettings#storeQueueSize()} waiting. What the breaker or a full queue refuses is never sent: it fails
 * with a {@link DinteroCallException#notSent()} failure naming the store.
 * <p>
 * The breaker counts failures that say Dintero is in trouble (no answer, a timeout, 5xx); a 4xx answer counts as a
 * success (Dintero works, it refused). Open, it refuses calls for {@link ClientSettings#breakerOpen()}, then lets
 * {@link ClientSettings#breakerHalfOpenCalls()} probes through, whose outcome closes or re-opens it.
 */
final class StoreGuard {

    private static final Logger LOG = LoggerFactory.getLogger(StoreGuard.class);

    private final String storeId;
    private final CircuitBreaker breaker;
    private final Executor pool;
    private final ClientSettings settings;
    private final Deque<Job<?>> waiting = new ArrayDeque<>();
    private int running;

    StoreGuard(String storeId, ClientSettings settings, Executor pool, Clock clock) {
        this.storeId = storeId;
        this.settings = settings;
        this.pool = pool;
        this.breaker = CircuitBreaker.of("dintero-" + storeId, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.breakerWindowCalls())
                .minimumNumberOfCalls(settings.breakerMinimumCalls())
                .failureRateThreshold(settings.breakerFailureRatePercent())
                .waitDurationInOpenState(settings.breakerOpen())
                .permittedNumberOfCallsInHalfOpenState(settings.breakerHalfOpenCalls())
                .slowCallDurationThreshold(settings.responseTimeout())
                .slowCallRateThreshold(100)
                .recordException(StoreGuard::meansDinteroIsInTrouble)
                .clock(clock)
                .build());
        breaker.getEventPublisher().onStateTransition(e -> LOG.warn("store {}: circuit breaker of the Dintero calls {}"
                + " ({}% of the last calls failed)", storeId, e.getStateTransition(),
                Math.max(0, Math.round(breaker.getMetrics().getFailureRate()))));
    }

    private static boolean meansDinteroIsInTrouble(Throwable failure) {
        Throwable cause = Completions.cause(failure);
        return cause instanceof DinteroCallException call ? !call.notSent() && call.isTransient() : true;
    }

    /**
     * Runs one attempt of a call on the shared pool, when the breaker and the store's lane let it.
     *
     * @param what the call, for messages (no query, no credentials)
     * @param work the blocking call
     * @param <T> the answer type
     * @return completes with the answer, or exceptionally (a {@link DinteroCallException})
     */
    <T> CompletableFuture<T> submit(String what, Supplier<T> work) {
        if (!breaker.tryAcquirePermission()) {
            LOG.warn("store {}: {} not sent: circuit breaker {}", storeId, what, breaker.getState());
            return CompletableFuture.failedFuture(DinteroCallException.notSent("Dintero calls of store " + storeId
                    + " are paused after repeated failures (circuit breaker " + breaker.getState() + "); " + what
                    + " was not sent; try again in " + settings.breakerOpen().toSeconds() + " s",
                    settings.breakerOpen()));
        }
        Job<T> job = new Job<>(what, work);
        boolean start;
        synchronized (this) {
            start = running < settings.storeMaxConcurrentCalls();
            if (start) {
                running++;
            } else if (waiting.size() < settings.storeQueueSize()) {
                waiting.add(job);
            } else {
                breaker.releasePermission();
                LOG.warn("store {}: {} not sent: {} calls running and {} waiting", storeId, what, running,
                        waiting.size());
                return CompletableFuture.failedFuture(DinteroCallException.notSent("Too many Dintero calls of store "
                        + storeId + " at once (" + running + " running, " + waiting.size() + " waiting); " + what
                        + " was not sent", null));
            }
        }
        if (start) {
            start(job);
        }
        return job.result;
    }

    private void start(Job<?> job) {
        try {
            pool.execute(job);
        } catch (RejectedExecutionException full) {
            breaker.releasePermission();
            LOG.warn("store {}: {} not sent: the shared Dintero call pool is full ({} threads, {} waiting)", storeId,
                    job.what, settings.callThreads(), settings.callQueueSize());
            job.result.completeExceptionally(DinteroCallException.notSent("The Dintero call pool is full ("
                    + settings.callThreads() + " threads busy, " + settings.callQueueSize() + " calls waiting); "
                    + job.what + " of store " + storeId + " was not sent", null));
            finished();
        }
    }

    /** A job ended (or could not start): start the next waiting one in its place, or free the place. */
    private void finished() {
        Job<?> next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
            }
        }
        if (next != null) {
            start(next);
        }
    }

    /** @return the breaker's state: CLOSED, OPEN or HALF_OPEN */
    CircuitBreaker.State state() {
        return breaker.getState();
    }

    /** @return a line for the store's health: the breaker's state and failure rate */
    String describe() {
        CircuitBreaker.Metrics m = breaker.getMetrics();
        return "circuit breaker " + breaker.getState() + " (" + m.getNumberOfFailedCalls() + " of the last "
                + m.getNumberOfBufferedCalls() + " calls failed)";
    }

    /** One attempt waiting for, or holding, a place in the lane. */
    private final class Job<T> implements Runnable {

        final String what;
        final Supplier<T> work;
        final CompletableFuture<T> result = new CompletableFuture<>();

        Job(String what, Supplier<T> work) {
            this.what = what;
            this.work = work;
        }

        @Override
        public void run() {
            long started = System.nanoTime();
            T answer = null;
            Throwable failed = null;
            try {
                answer = work.get();
                breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            } catch (RuntimeException | Error failure) {
                breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, failure);
                failed = failure;
            } finally {
                finished();
            }
            if (failed == null) {
                result.complete(answer);
            } else {
                result.completeExceptionally(failed);
            }
        }
    }
}
