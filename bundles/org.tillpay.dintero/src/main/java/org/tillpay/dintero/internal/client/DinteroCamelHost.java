package org.tillpay.dintero.internal.client;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.resilience4j.core.IntervalFunction;

/**
 * Owns the bundle's private Camel context and every thread that calls into it.
 * <p>
 * Callers from outside (SPI calls, the callback servlet, shell commands) never send an exchange on their own
 * thread: {@link #call} hands the work to a Camel-owned pool that dies with the context. Otherwise Camel leaves a
 * per-thread worker in foreign threads (Jetty's, say) that pins this bundle's class loader after an update.
 * <p>
 * Resilience lives here, around the routes ({@link ClientSettings}, PID {@value DinteroClientConfig#PID}): every HTTP
 * call has a connect, pool and response timeout; each store goes through its own {@link StoreGuard} (a circuit
 * breaker and a bounded lane of the shared pool), so one failing store fails fast and leaves the pool to the others;
 * and transient failures of calls their route declares safe ({@link CallSafety}) are retried with exponential
 * back-off and jitter, or after Dintero's {@code Retry-After}, fired by a timer of their own, holding no pool thread
 * while waiting.
 * The pool's queue is bounded; what does not fit is refused with a {@link DinteroCallException#notSent()} failure.
 */
@Component(service = DinteroCamelHost.class, immediate = true, configurationPid = DinteroClientConfig.PID)
@Designate(ocd = DinteroClientConfig.class)
public final class DinteroCamelHost {

    private static final Logger LOG = LoggerFactory.getLogger(DinteroCamelHost.class);
    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    private final ClientSettings settings;
    private final Clock clock;
    private final DefaultCamelContext camel;
    private final ProducerTemplate template;
    private final ExecutorService callers;
    private final ScheduledExecutorService scheduler;
    /** Fires retries only: the scheduler's threads may be blocked by pollers waiting for a read-back's retry. */
    private final ScheduledExecutorService retryTimer;
    private final Map<String, CallSafety> safety = new HashMap<>();
    private final ConcurrentMap<String, StoreGuard> guards = new ConcurrentHashMap<>();
    private final IntervalFunction backOff;

    /**
     * Creates and starts the context with the token, session and transaction routes.
     *
     * @param config the client settings (every key has a default)
     */
    @Activate
    public DinteroCamelHost(DinteroClientConfig config) {
        this(ClientSettings.from(config), Clock.systemUTC());
    }

    /** Creates and starts the context with the default settings. */
    public DinteroCamelHost() {
        this(ClientSettings.defaults(), Clock.systemUTC());
    }

    /**
     * Creates and starts the context.
     *
     * @param settings the validated client settings
     * @param clock the clock of the circuit breakers
     */
    public DinteroCamelHost(ClientSettings settings, Clock clock) {
        long started = System.nanoTime();
        this.settings = settings;
        this.clock = clock;
        camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName("tillpay-dintero-" + CONTEXTS.incrementAndGet());
        camel.setApplicationContextClassLoader(DinteroCamelHost.class.getClassLoader());
        camel.addComponent("http", httpComponent(settings));
        try {
            for (DinteroRouteBuilder routes : List.of(new TokenRoutes(), new SessionRoutes(), new TransactionRoutes(),
                    new SettlementRoutes(), new InsightRoutes(), new PartnerRoutes())) {
                camel.addRoutes(routes);
                safety.putAll(routes.safety());
            }
            camel.addRoutes(new org.tillpay.dintero.internal.mail.MailRoutes());
            camel.addRoutes(new org.tillpay.dintero.internal.mail.SettlementMailRoutes());
            camel.start();
        } catch (Exception e) {
            camel.stop();
            throw new IllegalStateException("the Dintero Camel context did not start: " + e.getMessage(), e);
        }
        template = camel.createProducerTemplate();
        // Every thread serves at once (idle ones time out): with a small core, Camel's pool would queue calls before
        // growing. The queue is bounded; a full one refuses (Abort), which callers turn into a typed failure.
        callers = camel.getExecutorServiceManager().newThreadPool(this, "tillpay-dintero-call",
                new ThreadPoolProfileBuilder("tillpay-dintero-call").poolSize(settings.callThreads())
                        .maxPoolSize(settings.callThreads()).allowCoreThreadTimeOut(true).keepAliveTime(60L)
                        .maxQueueSize(settings.callQueueSize()).rejectedPolicy(ThreadPoolRejectedPolicy.Abort)
                        .build());
        // Holds every store's repeating tasks (poller, settlement fetches) and token refreshes: a few per store, so its
        // queue is as long as the stores configured; Camel's default limit of 1,000 stopped stores past about 500.
        scheduler = camel.getExecutorServiceManager().newScheduledThreadPool(this, "tillpay-dintero-timer",
                new ThreadPoolProfileBuilder("tillpay-dintero-timer").poolSize(2).maxQueueSize(-1).build());
        retryTimer = camel.getExecutorServiceManager().newScheduledThreadPool(this, "tillpay-dintero-retry", 1);
        backOff = IntervalFunction.ofExponentialRandomBackoff(settings.retryInitialDelay(), 2.0,
                settings.retryJitter(), settings.retryMaxDelay());
        LOG.info("Camel context {} started in {} ms with {}", camel.getName(), (System.nanoTime() - started) / 1_000_000,
                settings.describe());
    }

    private static HttpComponent httpComponent(ClientSettings settings) {
        HttpComponent http = new HttpComponent();
        http.setConnectTimeout(settings.connectTimeout().toMillis());
        http.setConnectionRequestTimeout(settings.connectionRequestTimeout().toMillis());
        http.setResponseTimeout(settings.responseTimeout().toMillis());
        http.setSoTimeout(settings.responseTimeout().toMillis());
        // HttpClient 5 would on its own repeat a request answered 429 or 503 (even a POST: a second session, a second
        // SMS) and an idempotent one after an I/O error: retries are decided here, per route, and nowhere else.
        http.setHttpClientConfigurer(builder -> builder.disableAutomaticRetries());
        // Every store talks to the same two Dintero hosts: one connection per call thread to each.
        http.setConnectionsPerRoute(settings.callThreads());
        http.setMaxTotalConnections(settings.callThreads() * 2);
        return http;
    }

    /** Stops the context; its thread pools go with it. */
    @Deactivate
    public void stop() {
        camel.stop();
        LOG.info("Camel context {} stopped", camel.getName());
    }

    /**
     * Sends a call through a route on a Camel-owned thread.
     *
     * @param route the direct endpoint of the route
     * @param call the request
     * @return completes with the 2xx answer, or exceptionally with a {@link DinteroCallException}
     */
    CompletableFuture<DinteroResponse> call(String route, DinteroCall call) {
        return call(route, call, DinteroResponse.class);
    }

    /**
     * Sends a call through a route whose answer is of another type (a downloaded file), through the store's
     * {@link StoreGuard}, retried when the route declares the call safe.
     *
     * @param route the direct endpoint of the route
     * @param call the request
     * @param answerType what the route answers with
     * @param <T> the answer type
     * @return completes with the answer, or exceptionally with a {@link DinteroCallException}
     */
    <T> CompletableFuture<T> call(String route, DinteroCall call, Class<T> answerType) {
        StoreGuard guard = guard(call.storeId());
        String what = call.method() + " " + path(call.url());
        Supplier<CompletableFuture<T>> attempt = () -> guard.submit(what, () -> send(route, call, answerType));
        if (!safety.getOrDefault(route, CallSafety.NEVER).allowsRetry(call.method())) {
            return attempt.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        attempt(1, call.storeId(), what, attempt, result);
        return result;
    }

    /** One attempt of a safe call; a transient failure schedules the next on the timer, holding no pool thread. */
    private <T> void attempt(int number, String storeId, String what, Supplier<CompletableFuture<T>> attempt,
            CompletableFuture<T> result) {
        attempt.get().whenComplete((answer, failure) -> {
            if (failure == null) {
                result.complete(answer);
                return;
            }
            Throwable cause = Completions.cause(failure);
            if (number >= settings.retryMaxAttempts() || !worthRetrying(cause)) {
                result.completeExceptionally(cause);
                return;
            }
            long delay = retryDelay(number, cause);
            LOG.warn("store {}: {} failed, attempt {} of {} in {} ms: {}", storeId, what, number + 1,
                    settings.retryMaxAttempts(), delay, cause.getMessage());
            try {
                retryTimer.schedule(() -> attempt(number + 1, storeId, what, attempt, result), delay,
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopped) {
                result.completeExceptionally(cause);
            }
        });
    }

    /** @return the store's guard, made on its first call */
    StoreGuard guard(String storeId) {
        return guards.computeIfAbsent(String.valueOf(storeId), id -> new StoreGuard(id, settings, callers, clock));
    }

    /**
     * @param storeId the store
     * @return its circuit breaker's state and recent failures, for its health
     */
    public String breakerState(String storeId) {
        return guard(storeId).describe();
    }

    /**
     * @param storeId the store
     * @return its circuit breaker's state when it is not closed (calls refused, or probes let through)
     */
    java.util.Optional<String> breakerWarning(String storeId) {
        StoreGuard guard = guard(storeId);
        return guard.state() == io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED
                ? java.util.Optional.empty() : java.util.Optional.of(guard.describe());
    }

    /** Transient (no answer, 5xx) or rate-limited (429), sent, and not asked to wait longer than we would. */
    private boolean worthRetrying(Throwable failure) {
        Throwable cause = Completions.cause(failure);
        return cause instanceof DinteroCallException call && !call.notSent()
                && (call.isTransient() || call.status() == 429)
                && call.retryAfter().map(wait -> wait.compareTo(settings.retryAfterMax()) <= 0).orElse(true);
    }

    /** Exponential back-off with jitter; never sooner than Dintero's Retry-After, which gets a little jitter on top. */
    private long retryDelay(int attempt, Throwable cause) {
        long base = backOff.apply(attempt);
        if (cause instanceof DinteroCallException call && call.retryAfter().isPresent()) {
            long asked = call.retryAfter().get().toMillis()
                    + (long) (ThreadLocalRandom.current().nextDouble() * settings.retryInitialDelay().toMillis());
            return Math.max(asked, base);
        }
        return base;
    }

    /** The URL without its query, for messages and log lines (a signed URL's query is its authorisation). */
    static String path(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    private <T> T send(String route, DinteroCall call, Class<T> answerType) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(DinteroRouteBuilder.CALL, call);
        Exchange done = template.send(route, exchange);
        Object body = done.getMessage().getBody();
        if (done.getException() != null) {
            throw new DinteroCallException(0, null, "Dintero call " + call + " failed: " + done.getException().getMessage(),
                    done.getException());
        }
        if (body instanceof DinteroCallException failure) {
            throw failure;
        }
        if (answerType.isInstance(body)) {
            return answerType.cast(body);
        }
        throw new DinteroCallException(0, null, "Dintero call " + call + " gave no JSON answer (" + (body == null ? "no body" : body.getClass().getName()) + ")", null);
    }

    /**
     * Sends a body to a route of this context on a Camel-owned thread and returns the route's answer; for routes of
     * other packages (the payment-link e-mail), which answer with a typed result instead of failing.
     *
     * @param route the direct endpoint of the route
     * @param body the request body
     * @param answerType the type of the answer
     * @param <T> the answer type
     * @return completes with the route's answer, or exceptionally if the route failed unhandled
     */
    public <T> CompletableFuture<T> request(String route, Object body, Class<T> answerType) {
        try {
            return CompletableFuture.supplyAsync(() -> template.requestBody(route, body, answerType), callers);
        } catch (RejectedExecutionException full) {
            LOG.warn("{} not sent: the Dintero call pool is full ({} threads, {} waiting)", route,
                    settings.callThreads(), settings.callQueueSize());
            return CompletableFuture.failedFuture(DinteroCallException.notSent("The Dintero call pool is full ("
                    + settings.callThreads() + " threads busy, " + settings.callQueueSize() + " waiting); " + route
                    + " was not run", null));
        }
    }

    /**
     * @return a Camel-owned pool for work that follows a call (listener notification, read-backs); its queue is
     *         bounded ({@link ClientSettings#callQueueSize()}): a full one throws {@link RejectedExecutionException}
     */
    public ExecutorService executor() {
        return callers;
    }

    /** @return a Camel-owned scheduler for the poller and token refreshes */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** @return the context's name, for diagnostics */
    public String contextName() {
        return camel.getName();
    }
}
