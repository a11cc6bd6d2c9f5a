package org.tillpay.dintero.internal.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The validated, immutable settings of the calls to Dintero ({@link DinteroClientConfig}, PID
 * {@value DinteroClientConfig#PID}). A bad value is refused with an {@link IllegalArgumentException} naming the key.
 *
 * @param connectTimeout to open a connection
 * @param connectionRequestTimeout to get a connection from the shared HTTP pool
 * @param responseTimeout for Dintero's answer
 * @param callThreads threads of the shared call pool, also the HTTP connections per host
 * @param callQueueSize calls that may wait for a thread of the shared pool
 * @param storeMaxConcurrentCalls calls one store may have running at once
 * @param storeQueueSize calls of one store that may wait for their turn
 * @param retryMaxAttempts attempts of a safe call in all
 * @param retryInitialDelay the first back-off
 * @param retryMaxDelay the longest back-off
 * @param retryJitter how far a back-off is randomised either way, 0 to 0.99
 * @param retryAfterMax the longest {@code Retry-After} waited out before a retry
 * @param breakerFailureRatePercent failure rate that opens a store's breaker
 * @param breakerWindowCalls recent calls the breaker looks at
 * @param breakerMinimumCalls calls before the breaker judges
 * @param breakerOpen how long an open breaker refuses calls
 * @param breakerHalfOpenCalls probes let through while half-open
 */
public record ClientSettings(Duration connectTimeout, Duration connectionRequestTimeout, Duration responseTimeout,
        int callThreads, int callQueueSize, int storeMaxConcurrentCalls, int storeQueueSize, int retryMaxAttempts,
        Duration retryInitialDelay, Duration retryMaxDelay, double retryJitter, Duration retryAfterMax,
        int breakerFailureRatePercent, int breakerWindowCalls, int breakerMinimumCalls, Duration breakerOpen,
        int breakerHalfOpenCalls) {

    /**
     * @param c the raw configuration
     * @return the validated settings
     * @throws IllegalArgumentException naming the first key that is wrong
     */
    public static ClientSettings from(DinteroClientConfig c) {
        int threads = range("call.threads", c.call_threads(), 1, 256);
        int initialDelay = range("retry.initial.delay.ms", c.retry_initial_delay_ms(), 1, 60_000);
        int window = range("breaker.window.calls", c.breaker_window_calls(), 1, 1_000);
        return new ClientSettings(
                millis("connect.timeout.ms", c.connect_timeout_ms(), 100, 60_000),
                millis("connection.request.timeout.ms", c.connection_request_timeout_ms(), 100, 60_000),
                millis("response.timeout.ms", c.response_timeout_ms(), 500, 300_000),
                threads,
                range("call.queue.size", c.call_queue_size(), 1, 100_000),
                range("store.max.concurrent.calls", c.store_max_concurrent_calls(), 1, threads),
                range("store.queue.size", c.store_queue_size(), 0, 100_000),
                range("retry.max.attempts", c.retry_max_attempts(), 1, 10),
                Duration.ofMillis(initialDelay),
                millis("retry.max.delay.ms", c.retry_max_delay_ms(), initialDelay, 300_000),
                range("retry.jitter.percent", c.retry_jitter_percent(), 0, 99) / 100.0,
                Duration.ofSeconds(range("retry.after.max.seconds", c.retry_after_max_seconds(), 0, 3_600)),
                range("breaker.failure.rate.percent", c.breaker_failure_rate_percent(), 1, 100),
                window,
                range("breaker.minimum.calls", c.breaker_minimum_calls(), 1, window),
                Duration.ofSeconds(range("breaker.open.seconds", c.breaker_open_seconds(), 1, 3_600)),
                range("breaker.half.open.calls", c.breaker_half_open_calls(), 1, 100));
    }

    /** @return the settings when {@code etc/org.tillpay.dintero.client.cfg} sets nothing */
    public static ClientSettings defaults() {
        return with(Map.of());
    }

    /**
     * @param values attribute names as in {@link DinteroClientConfig} (underscores), with their values; every other
     *        key keeps its default
     * @return the validated settings
     * @throws IllegalArgumentException naming the first key that is wrong
     */
    static ClientSettings with(Map<String, Object> values) {
        return from((DinteroClientConfig) java.lang.reflect.Proxy.newProxyInstance(
                DinteroClientConfig.class.getClassLoader(), new Class<?>[] {DinteroClientConfig.class},
                (proxy, method, args) -> method.getName().equals("annotationType") ? DinteroClientConfig.class
                        : values.getOrDefault(method.getName(), method.getDefaultValue())));
    }

    private static int range(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(DinteroClientConfig.PID + " " + key + ": must be between " + min
                    + " and " + max + ", was " + value);
        }
        return value;
    }

    private static Duration millis(String key, int value, int min, int max) {
        return Duration.ofMillis(range(key, value, min, max));
    }

    /** @return every setting for display, by its configuration key */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("connect.timeout.ms", Long.toString(connectTimeout.toMillis()));
        m.put("connection.request.timeout.ms", Long.toString(connectionRequestTimeout.toMillis()));
        m.put("response.timeout.ms", Long.toString(responseTimeout.toMillis()));
        m.put("call.threads", Integer.toString(callThreads));
        m.put("call.queue.size", Integer.toString(callQueueSize));
        m.put("store.max.concurrent.calls", Integer.toString(storeMaxConcurrentCalls));
        m.put("store.queue.size", Integer.toString(storeQueueSize));
        m.put("retry.max.attempts", Integer.toString(retryMaxAttempts));
        m.put("retry.initial.delay.ms", Long.toString(retryInitialDelay.toMillis()));
        m.put("retry.max.delay.ms", Long.toString(retryMaxDelay.toMillis()));
        m.put("retry.jitter.percent", Long.toString(Math.round(retryJitter * 100)));
        m.put("retry.after.max.seconds", Long.toString(retryAfterMax.toSeconds()));
        m.put("breaker.failure.rate.percent", Integer.toString(breakerFailureRatePercent));
        m.put("breaker.window.calls", Integer.toString(breakerWindowCalls));
        m.put("breaker.minimum.calls", Integer.toString(breakerMinimumCalls));
        m.put("breaker.open.seconds", Long.toString(breakerOpen.toSeconds()));
        m.put("breaker.half.open.calls", Integer.toString(breakerHalfOpenCalls));
        return java.util.Collections.unmodifiableMap(m);
    }
}
