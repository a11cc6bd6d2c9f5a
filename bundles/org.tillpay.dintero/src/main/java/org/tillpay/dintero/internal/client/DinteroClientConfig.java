package org.tillpay.dintero.internal.client;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * How Tillpay calls Dintero, for every store of this Karaf: PID {@value #PID}, an optional
 * {@code etc/org.tillpay.dintero.client.cfg}; every key has a default. Validated into {@link ClientSettings}.
 */
@ObjectClassDefinition(name = "Tillpay Dintero client",
        description = "Timeouts, retries, circuit breaker and queue bounds of the calls to Dintero")
public @interface DinteroClientConfig {

    /** The PID. */
    String PID = "org.tillpay.dintero.client";

    /** @return milliseconds to open a TCP/TLS connection to Dintero */
    @AttributeDefinition(name = "Connect timeout (ms)", min = "100", max = "60000")
    int connect_timeout_ms() default 5_000;

    /** @return milliseconds to wait for a free connection of the shared HTTP connection pool */
    @AttributeDefinition(name = "Connection pool wait (ms)", min = "100", max = "60000")
    int connection_request_timeout_ms() default 5_000;

    /** @return milliseconds to wait for Dintero's answer once the request is sent */
    @AttributeDefinition(name = "Response timeout (ms)", min = "500", max = "300000")
    int response_timeout_ms() default 30_000;

    /** @return threads of the shared call pool (and HTTP connections per Dintero host) */
    @AttributeDefinition(name = "Call threads", min = "1", max = "256")
    int call_threads() default 32;

    /** @return calls that may wait for a thread of the shared pool; more are refused */
    @AttributeDefinition(name = "Call queue size", min = "1", max = "100000")
    int call_queue_size() default 1_000;

    /** @return calls one store may have running at once, so that one slow store cannot take every thread */
    @AttributeDefinition(name = "Calls per store at once", min = "1", max = "256")
    int store_max_concurrent_calls() default 16;

    /** @return calls of one store that may wait for their turn; more are refused */
    @AttributeDefinition(name = "Waiting calls per store", min = "0", max = "100000")
    int store_queue_size() default 500;

    /** @return attempts of a safe call (reads, token requests, PUTs) in all, the first included; 1 turns retries off */
    @AttributeDefinition(name = "Attempts of a safe call", min = "1", max = "10")
    int retry_max_attempts() default 3;

    /** @return the first back-off before a retry, in milliseconds; doubled for each further retry */
    @AttributeDefinition(name = "First retry back-off (ms)", min = "1", max = "60000")
    int retry_initial_delay_ms() default 200;

    /** @return the longest back-off, in milliseconds */
    @AttributeDefinition(name = "Longest retry back-off (ms)", min = "1", max = "300000")
    int retry_max_delay_ms() default 5_000;

    /** @return how far each back-off is randomised, in percent either way (jitter) */
    @AttributeDefinition(name = "Retry jitter (%)", min = "0", max = "99")
    int retry_jitter_percent() default 50;

    /** @return the longest Retry-After Tillpay waits out before a retry; a longer one fails the call at once */
    @AttributeDefinition(name = "Longest Retry-After honoured (s)", min = "0", max = "3600")
    int retry_after_max_seconds() default 30;

    /** @return percent of failed calls (no answer, 5xx) among the last calls that opens a store's breaker */
    @AttributeDefinition(name = "Breaker failure rate (%)", min = "1", max = "100")
    int breaker_failure_rate_percent() default 50;

    /** @return how many recent calls of a store the breaker looks at */
    @AttributeDefinition(name = "Breaker window (calls)", min = "1", max = "1000")
    int breaker_window_calls() default 20;

    /** @return calls a store must have made before its breaker judges the failure rate */
    @AttributeDefinition(name = "Breaker minimum calls", min = "1", max = "1000")
    int breaker_minimum_calls() default 10;

    /** @return seconds an open breaker refuses a store's calls before it lets probes through */
    @AttributeDefinition(name = "Breaker open (s)", min = "1", max = "3600")
    int breaker_open_seconds() default 30;

    /** @return probe calls let through while half-open; their outcome closes or re-opens the breaker */
    @AttributeDefinition(name = "Breaker probe calls", min = "1", max = "100")
    int breaker_half_open_calls() default 3;
}
