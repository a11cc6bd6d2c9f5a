package org.tillpay.dintero.emulator.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.emulator.CallbackDelivery;
import org.tillpay.dintero.emulator.CallbackMode;
import org.tillpay.dintero.emulator.FaultRule;

/**
 * Delivers callbacks asynchronously on its own executor, signed and retried as Dintero does: a status of 100&ndash;101
 * or 5xx, a timeout or a connection error is retried (up to the configured number of attempts in total, with a
 * doubling delay); a 4xx is permanent. Plain-http and loopback URLs are allowed, unlike on Dintero. A
 * {@link CallbackMode} set by tests drops, duplicates or holds callbacks when they are scheduled.
 */
final class CallbackSender implements AutoCloseable {

    /** One callback to deliver: the full URL with the emulator's parameters, and the body for POST. */
    record Callback(Account account, String sessionId, String merchantReference, URI url, String method,
            String body, Duration delay) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(CallbackSender.class);
    private static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(5);

    private final EmulatorSettings settings;
    private final Clock clock;
    private final HttpClient http;
    private final ScheduledExecutorService executor;
    private final List<CallbackDelivery> deliveries = new CopyOnWriteArrayList<>();
    private final List<Callback> held = new ArrayList<>();
    private final FaultInjector faults;
    private volatile CallbackMode mode = CallbackMode.NORMAL;

    /**
     * @param settings the settings; their clock (without the emulator's advances) gives the signature's {@code t}
     * @param clock the emulator's clock, for the times recorded in {@link CallbackDelivery#at()}
     * @param faults the fault rules; a {@link FaultRule.Route#CALLBACK} rule that strikes goes before the mode
     */
    CallbackSender(EmulatorSettings settings, Clock clock, FaultInjector faults) {
        this.settings = settings;
        this.clock = clock;
        this.faults = faults;
        AtomicInteger threads = new AtomicInteger();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "dintero-emulator-callback-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.setRemoveOnCancelPolicy(true);
        this.executor = pool;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(settings.callbackTimeout()).build();
    }

    /**
     * Schedules the first attempt after the callback's delay, or, depending on a {@link FaultRule.Route#CALLBACK}
     * fault that strikes it or else on the {@link CallbackMode}, records it as dropped, schedules it twice, schedules
     * it later, or holds it.
     */
    void schedule(Callback callback) {
        FaultInjector.Strike strike = faults.strike(FaultRule.Route.CALLBACK,
                callback.account()::accountId);
        if (strike != null) {
            LOG.info("Callback for account {} merchant reference {} session {} struck by {} ({}): {} {}",
                    callback.account().accountId(), callback.merchantReference(), callback.sessionId(),
                    strike.faultId(), strike.fault(), callback.method(), callback.url());
            switch (strike.fault().kind()) {
                case CALLBACK_DROP -> record(callback, CallbackDelivery.Outcome.DROPPED,
                        "dropped (" + strike.faultId() + ")");
                case CALLBACK_DUPLICATE -> {
                    submit(callback, 1, callback.delay());
                    submit(callback, 1, callback.delay());
                }
                default -> submit(callback, 1, callback.delay().plus(strike.delay()));
            }
            return;
        }
        CallbackMode current = mode;
        LOG.info("Callback for account {} merchant reference {} session {} scheduled ({}): {} {}",
                callback.account().accountId(), callback.merchantReference(), callback.sessionId(), current,
                callback.method(), callback.url());
        switch (current) {
            case DROP -> record(callback, CallbackDelivery.Outcome.DROPPED, "dropped (callback mode DROP)");
            case DUPLICATE -> {
                submit(callback, 1, callback.delay());
                submit(callback, 1, callback.delay());
            }
            case DELAY -> {
                synchronized (held) {
                    held.add(callback);
                }
                record(callback, CallbackDelivery.Outcome.HELD, "held until released (callback mode DELAY)");
            }
            default -> submit(callback, 1, callback.delay());
        }
    }

    void mode(CallbackMode newMode) {
        mode = java.util.Objects.requireNonNull(newMode, "mode");
        LOG.info("Callback mode set to {}", newMode);
    }

    CallbackMode mode() {
        return mode;
    }

    /**
     * Sends the held callbacks, newest first, one after the other on one executor thread so that they arrive in that
     * order; {@code delay_callback} is not applied again.
     *
     * @return how many were released
     */
    int release() {
        List<Callback> released;
        synchronized (held) {
            released = new ArrayList<>(held);
            held.clear();
        }
        Collections.reverse(released);
        if (!released.isEmpty()) {
            LOG.info("Releasing {} held callback(s), newest first", released.size());
            try {
                executor.execute(() -> released.forEach(callback -> attempt(callback, 1)));
            } catch (RejectedExecutionException e) {
                LOG.debug("Held callbacks dropped: emulator stopping");
            }
        }
        return released.size();
    }

    private void record(Callback callback, CallbackDelivery.Outcome outcome, String why) {
        deliveries.add(new CallbackDelivery(callback.sessionId(), callback.url().toString(), callback.method(), 1, 0,
                why, clock.instant(), outcome));
    }

    List<CallbackDelivery> deliveries() {
        return List.copyOf(deliveries);
    }

    private void submit(Callback callback, int attempt, Duration delay) {
        later(() -> attempt(callback, attempt), delay);
    }

    /**
     * Runs a delivery task on the sender's executor after a delay; dropped quietly when the emulator is stopping.
     * Shared with the webhook deliveries ({@link Hooks}).
     *
     * @param task the task
     * @param delay how long to wait first
     */
    void later(Runnable task, Duration delay) {
        try {
            executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Delivery dropped: emulator stopping");
        }
    }

    /**
     * The receiver's answer to one request: its HTTP status, or 0 and why no answer came.
     *
     * @param status the HTTP status, 0 when none
     * @param error the reason, or null when answered
     */
    record Answer(int status, String error) {
    }

    /**
     * Sends one request on the sender's client (HTTP/1.1, redirects not followed, the callback timeout). Shared with
     * the webhook deliveries ({@link Hooks}).
     *
     * @param request the request, without timeout
     * @return the answer, or null when the thread was interrupted (the emulator is stopping)
     */
    Answer exchange(HttpRequest.Builder request) {
        try {
            return new Answer(http.send(request.timeout(settings.callbackTimeout()).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode(), null);
        } catch (HttpTimeoutException e) {
            return new Answer(0, "timeout after " + settings.callbackTimeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return new Answer(0, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private void attempt(Callback callback, int attempt) {
        String accountId = callback.account().accountId();
        HttpRequest.Builder request = HttpRequest.newBuilder(callback.url())
                .header("User-Agent", "Dintero-Emulator-Callback/1.0");
        if ("POST".equals(callback.method())) {
            request.header("Content-Type", "application/json").POST(callback.body() == null
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(callback.body()));
        } else {
            request.GET();
        }
        if (callback.account().signsCallbacks()) {
            // The underlying clock, not the emulator's advanced one: merchants check t against their own clock.
            long t = settings.clock().instant().getEpochSecond();
            request.header("Dintero-Signature", CallbackSigner.header(callback.account().signatureSecret(), t,
                    accountId, callback.method(), callback.url()));
        }
        Answer answer = exchange(request);
        if (answer == null) {
            return;
        }
        int status = answer.status();
        String error = answer.error();
        deliveries.add(new CallbackDelivery(callback.sessionId(), callback.url().toString(), callback.method(),
                attempt, status, error, clock.instant(), CallbackDelivery.Outcome.SENT));
        boolean retryable = error != null || status == 100 || status == 101 || status >= 500;
        if (!retryable && status >= 400) {
            LOG.warn("Callback for account {} merchant reference {} session {} refused with HTTP {}; permanent, "
                    + "not retried", accountId, callback.merchantReference(), callback.sessionId(), status);
        } else if (!retryable) {
            LOG.info("Callback for account {} merchant reference {} session {} delivered (HTTP {}, attempt {})",
                    accountId, callback.merchantReference(), callback.sessionId(), status, attempt);
        } else if (attempt >= settings.callbackMaxAttempts()) {
            LOG.warn("Callback for account {} merchant reference {} session {} failed ({}); giving up after {} "
                    + "attempts", accountId, callback.merchantReference(), callback.sessionId(),
                    error != null ? error : "HTTP " + status, attempt);
        } else {
            Duration delay = retryDelay(attempt);
            LOG.info("Callback for account {} merchant reference {} session {} failed ({}); retry {} in {} ms",
                    accountId, callback.merchantReference(), callback.sessionId(),
                    error != null ? error : "HTTP " + status, attempt + 1, delay.toMillis());
            submit(callback, attempt + 1, delay);
        }
    }

    /** The delay before attempt {@code attempt + 1}: the configured delay, doubled per earlier retry, capped. */
    Duration retryDelay(int attempt) {
        Duration delay = settings.callbackRetryDelay().multipliedBy(1L << Math.min(attempt - 1, 20));
        return delay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay;
    }

    /** Stops delivering; pending and held callbacks are dropped. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Callback executor did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
