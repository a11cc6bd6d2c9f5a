package org.tillpay.dintero.emulator.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;

import javax.servlet.ServletRequest;
import javax.servlet.ServletRequestWrapper;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.emulator.Fault;
import org.tillpay.dintero.emulator.FaultRule;

/**
 * Applies injected faults ({@link FaultInjector}) to requests on the real HTTP path, for {@link DispatcherServlet}:
 * tells which {@link FaultRule.Route} and account a request is for, and then delays it, answers in Dintero's place
 * (5xx, 429 with {@code Retry-After}), holds it past a client's timeout, or closes the connection without an answer,
 * before or after the work as the fault says. An answer made up by a fault, or its absence, is marked with the request
 * attribute {@link #FAULT_ATTRIBUTE} (and {@link #ABORTED_ATTRIBUTE} when the connection was closed), so that a
 * contract check can tell it from the emulator's own answers.
 */
public final class HttpFaults {

    /**
     * Request attribute set (to the fault's id and description) when the answer is not the emulator's own but made up
     * by a fault: an error answer, or no answer at all. Latency and late answers are the emulator's own and unmarked.
     */
    public static final String FAULT_ATTRIBUTE = "org.tillpay.dintero.emulator.fault";

    /** Request attribute set to {@code Boolean.TRUE} when a fault closed the connection without an answer. */
    public static final String ABORTED_ATTRIBUTE = "org.tillpay.dintero.emulator.fault.aborted";

    /** The work a request does: routing it and writing the emulator's answer to the given response. */
    @FunctionalInterface
    interface Work {
        void serve(HttpServletResponse resp) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(HttpFaults.class);

    private HttpFaults() {
    }

    /**
     * Decides whether a fault strikes a request.
     *
     * @param emulator the core
     * @param path the path below the servlet
     * @param authorization the {@code Authorization} header, to tell the account, or null
     * @return the strike, or null (always null for the hosted page)
     */
    static FaultInjector.Strike strike(Emulator emulator, String path, String authorization) {
        if (DispatcherServlet.VIEW.matcher(path).matches()) {
            return null;
        }
        Matcher token = DispatcherServlet.TOKEN.matcher(path);
        if (token.matches()) {
            String accountId = token.group(1);
            return emulator.faultInjector().strike(FaultRule.Route.TOKEN, () -> accountId);
        }
        FaultRule.Route route;
        if ("/checkout/v1/sessions-profile".equals(path)) {
            route = FaultRule.Route.SESSION_CREATE;
        } else if (DispatcherServlet.CANCEL.matcher(path).matches()) {
            route = FaultRule.Route.SESSION_CANCEL;
        } else if (DispatcherServlet.SESSION.matcher(path).matches()) {
            route = FaultRule.Route.SESSION_READ;
        } else if (DispatcherServlet.OPERATION.matcher(path).matches()) {
            route = FaultRule.Route.TRANSACTION_OPERATION;
        } else if ("/checkout/v1/transactions".equals(path)) {
            route = FaultRule.Route.TRANSACTION_LIST;
        } else if (DispatcherServlet.TRANSACTION.matcher(path).matches()) {
            route = FaultRule.Route.TRANSACTION_READ;
        } else {
            route = FaultRule.Route.ANY; // only rules for every route match the other endpoints
        }
        return emulator.faultInjector().strike(route, () -> emulator.accountOf(authorization));
    }

    /**
     * Applies a strike; the operation faults are left to the work (the operation route passes them on).
     *
     * @param strike the strike
     * @param req the request
     * @param resp the response
     * @param work the request's work, writing the emulator's answer
     * @throws IOException when the answer cannot be written
     */
    static void apply(FaultInjector.Strike strike, HttpServletRequest req, HttpServletResponse resp, Work work)
            throws IOException {
        Fault fault = strike.fault();
        LOG.info("Fault {} ({}) strikes {} {}", strike.faultId(), fault, req.getMethod(), req.getPathInfo());
        switch (fault.kind()) {
            case LATENCY -> {
                if (pause(strike.delay())) {
                    work.serve(resp);
                } else {
                    abort(strike, req, resp);
                }
            }
            case SERVER_ERROR, TOO_MANY_REQUESTS -> {
                req.setAttribute(FAULT_ATTRIBUTE, strike.faultId() + " " + fault);
                if (fault.kind() == Fault.Kind.TOO_MANY_REQUESTS) {
                    resp.setHeader("Retry-After", Integer.toString(fault.retryAfterSeconds()));
                }
                DispatcherServlet.error(resp, fault.status(), fault.status() == 429 ? "TOO_MANY_REQUESTS"
                        : "SERVER_ERROR", "injected fault " + strike.faultId() + ": " + fault);
            }
            case TIMEOUT, RESET -> {
                HeldResponse held = new HeldResponse(resp);
                if (fault.stage() == Fault.Stage.AFTER_WORK) {
                    work.serve(held);
                }
                boolean waited = pause(strike.delay());
                if (fault.kind() == Fault.Kind.TIMEOUT && fault.stage() == Fault.Stage.AFTER_WORK && waited) {
                    held.release(); // late, but the emulator's own answer
                } else {
                    abort(strike, req, resp);
                }
            }
            default -> work.serve(resp);
        }
    }

    /** @return false when interrupted (the server is stopping) */
    private static boolean pause(Duration delay) {
        if (delay.isZero()) {
            return true;
        }
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Closes the connection without an answer: through Jetty's {@code HttpChannel.abort} (Jetty 9.4 in Karaf's Pax Web
     * and in the test harness), found by reflection so that the bundle does not import Jetty. Elsewhere a response is
     * started with a body that never comes, which a client sees as a broken answer.
     */
    private static void abort(FaultInjector.Strike strike, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        req.setAttribute(FAULT_ATTRIBUTE, strike.faultId() + " " + strike.fault());
        req.setAttribute(ABORTED_ATTRIBUTE, Boolean.TRUE);
        ServletRequest inner = req;
        while (inner instanceof ServletRequestWrapper wrapper) {
            inner = wrapper.getRequest();
        }
        try {
            Object channel = inner.getClass().getMethod("getHttpChannel").invoke(inner);
            channel.getClass().getMethod("abort", Throwable.class).invoke(channel,
                    new IOException("connection closed by injected fault " + strike.faultId()));
            return;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Fault {}: cannot close the connection of {} directly ({}); sending a broken answer instead",
                    strike.faultId(), inner.getClass().getName(), e.toString());
        }
        resp.reset();
        resp.setStatus(502);
        resp.setContentLength(1 << 20);
        resp.getOutputStream().write('{');
        resp.flushBuffer();
    }
}
