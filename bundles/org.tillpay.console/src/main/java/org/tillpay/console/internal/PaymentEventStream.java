package org.tillpay.console.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.servlet.AsyncContext;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentListener;
import org.tillpay.payment.api.StatusChange;

/**
 * Server-sent events for the till: a {@link PaymentListener} (hearing every store) that sends each status change of
 * a payment, as a {@code payment} event with the payment's JSON, to the browsers watching it. A comment line every
 * 15 s keeps proxies from closing a quiet stream; at most {@value #MAX_STREAMS} streams are open at once.
 */
@Component(service = {PaymentListener.class, PaymentEventStream.class}, immediate = true)
public final class PaymentEventStream implements PaymentListener {

    static final int MAX_STREAMS = 500;
    private static final Logger LOG = LoggerFactory.getLogger(PaymentEventStream.class);

    private final Map<String, Set<AsyncContext>> watchers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tillpay-console-sse");
        t.setDaemon(true);
        return t;
    });

    /** Starts the heartbeat. */
    public PaymentEventStream() {
        heartbeat.scheduleWithFixedDelay(this::beat, 15, 15, TimeUnit.SECONDS);
    }

    /** Closes every stream. */
    @Deactivate
    public void deactivate() {
        heartbeat.shutdownNow();
        watchers.values().forEach(set -> set.forEach(PaymentEventStream::complete));
        watchers.clear();
    }

    /** Opens a stream on the request and sends the payment as it is now. */
    void subscribe(HttpServletRequest req, HttpServletResponse resp, PaymentHandle now) {
        if (watchers.values().stream().mapToInt(Set::size).sum() >= MAX_STREAMS) {
            throw new ApiException(ApiException.Type.PROVIDER_UNAVAILABLE, "too many open event streams; try again");
        }
        resp.setStatus(200);
        resp.setContentType("text/event-stream");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Accel-Buffering", "no");
        AsyncContext async = req.startAsync();
        async.setTimeout(0);
        String paymentId = now.paymentId();
        Set<AsyncContext> set = watchers.computeIfAbsent(paymentId, k -> ConcurrentHashMap.newKeySet());
        set.add(async);
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                set.remove(async);
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                set.remove(async);
            }

            @Override
            public void onError(AsyncEvent event) {
                set.remove(async);
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // nothing to do
            }
        });
        send(async, "retry: 3000\n\n" + event(now));
    }

    @Override
    public void paymentStatusChanged(PaymentHandle payment, StatusChange change) {
        Set<AsyncContext> set = watchers.get(payment.paymentId());
        if (set == null || set.isEmpty()) {
            return;
        }
        String event = event(payment);
        for (AsyncContext async : set) {
            send(async, event);
        }
        LOG.debug("store {} sale {}: {} sent to {} console stream(s)", payment.storeId(), payment.saleReference(),
                change.status(), set.size());
    }

    private static String event(PaymentHandle p) {
        try {
            return "event: payment\ndata: " + ConsoleJson.MAPPER.writeValueAsString(ConsoleJson.payment(p, null))
                    + "\n\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void beat() {
        watchers.values().forEach(set -> set.forEach(async -> send(async, ": keep-alive\n\n")));
    }

    private static void send(AsyncContext async, String text) {
        synchronized (async) {
            try {
                var out = async.getResponse().getOutputStream();
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException | IllegalStateException gone) {
                complete(async);
            }
        }
    }

    private static void complete(AsyncContext async) {
        try {
            async.complete();
        } catch (IllegalStateException alreadyDone) {
            // the client went
        }
    }
}
