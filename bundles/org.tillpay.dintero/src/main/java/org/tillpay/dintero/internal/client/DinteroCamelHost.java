package org.tillpay.dintero.internal.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the bundle's private Camel context and every thread that calls into it.
 * <p>
 * Callers from outside (SPI calls, the callback servlet, shell commands) never send an exchange on their own
 * thread: {@link #call} hands the work to a Camel-owned pool that dies with the context. Otherwise Camel leaves a
 * per-thread worker in foreign threads (Jetty's, say) that pins this bundle's class loader after an update.
 */
@Component(service = DinteroCamelHost.class, immediate = true)
public final class DinteroCamelHost {

    private static final Logger LOG = LoggerFactory.getLogger(DinteroCamelHost.class);
    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    static final int CONNECT_TIMEOUT_MS = 5_000;
    static final int RESPONSE_TIMEOUT_MS = 30_000;
    static final int CALL_THREADS = 32;

    private final DefaultCamelContext camel;
    private final ProducerTemplate template;
    private final ExecutorService callers;
    private final ScheduledExecutorService scheduler;

    /** Creates and starts the context with the token, session and transaction routes. */
    @Activate
    public DinteroCamelHost() {
        long started = System.nanoTime();
        camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName("tillpay-dintero-" + CONTEXTS.incrementAndGet());
        camel.setApplicationContextClassLoader(DinteroCamelHost.class.getClassLoader());
        HttpComponent http = new HttpComponent();
        http.setConnectTimeout(CONNECT_TIMEOUT_MS);
        http.setConnectionRequestTimeout(CONNECT_TIMEOUT_MS);
        http.setResponseTimeout(RESPONSE_TIMEOUT_MS);
        http.setSoTimeout(RESPONSE_TIMEOUT_MS);
        camel.addComponent("http", http);
        try {
            camel.addRoutes(new TokenRoutes());
            camel.addRoutes(new SessionRoutes());
            camel.addRoutes(new TransactionRoutes());
            camel.addRoutes(new SettlementRoutes());
            camel.addRoutes(new InsightRoutes());
            camel.addRoutes(new PartnerRoutes());
            camel.addRoutes(new org.tillpay.dintero.internal.mail.MailRoutes());
            camel.addRoutes(new org.tillpay.dintero.internal.mail.SettlementMailRoutes());
            camel.start();
        } catch (Exception e) {
            camel.stop();
            throw new IllegalStateException("the Dintero Camel context did not start: " + e.getMessage(), e);
        }
        template = camel.createProducerTemplate();
        // All 32 threads serve at once (idle ones time out): with a core of 4, Camel's pool would queue up to 1,000
        // calls before growing, capping a Karaf at 4 concurrent Dintero calls (~80 links/s at a 50 ms round trip).
        callers = camel.getExecutorServiceManager().newThreadPool(this, "tillpay-dintero-call",
                new ThreadPoolProfileBuilder("tillpay-dintero-call").poolSize(CALL_THREADS).maxPoolSize(CALL_THREADS)
                        .allowCoreThreadTimeOut(true).keepAliveTime(60L).maxQueueSize(10_000).build());
        scheduler = camel.getExecutorServiceManager().newScheduledThreadPool(this, "tillpay-dintero-timer", 2);
        LOG.info("Camel context {} started in {} ms", camel.getName(), (System.nanoTime() - started) / 1_000_000);
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
     * Sends a call through a route whose answer is of another type (a downloaded file).
     *
     * @param route the direct endpoint of the route
     * @param call the request
     * @param answerType what the route answers with
     * @param <T> the answer type
     * @return completes with the answer, or exceptionally with a {@link DinteroCallException}
     */
    <T> CompletableFuture<T> call(String route, DinteroCall call, Class<T> answerType) {
        return CompletableFuture.supplyAsync(() -> send(route, call, answerType), callers);
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
        return CompletableFuture.supplyAsync(() -> template.requestBody(route, body, answerType), callers);
    }

    /** @return a Camel-owned pool for work that follows a call (listener notification, read-backs) */
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
