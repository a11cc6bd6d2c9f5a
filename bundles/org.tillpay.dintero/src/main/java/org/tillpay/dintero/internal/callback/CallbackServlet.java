package org.tillpay.dintero.internal.callback;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.internal.store.DinteroStore;

/**
 * Dintero's callbacks and webhooks and the customer's return page, on Karaf's HTTP whiteboard at
 * {@code /tillpay/dintero/*}: {@code GET|POST /callback/<store>} ({@link CallbackEndpoint}),
 * {@code POST /hooks/<store>} ({@link WebhookEndpoint}) and {@code GET /return}.
 * <p>
 * Every request is first held to the {@link RequestLimits} (414 for a long path or query, 431 for a long header the
 * servlet reads, 413 for a large body), before anything is parsed or verified. Methods other than GET and POST get
 * 405. The answers are short fixed texts: a failure nobody foresaw is logged and answered 500 {@code internal error},
 * never with its exception. Signed requests already acted on are recognised by one {@link ReplayGuard} for the node.
 */
@Component(service = Servlet.class, immediate = true, property = {
    "osgi.http.whiteboard.servlet.pattern=/tillpay/dintero/*",
    "osgi.http.whiteboard.servlet.name=tillpay-dintero-callback"})
public final class CallbackServlet extends HttpServlet {

    /** The most signed requests remembered at once (see {@link ReplayGuard}). */
    static final int MAX_REMEMBERED_REQUESTS = 20_000;

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CallbackServlet.class);
    private static final String CALLBACK_PREFIX = "/callback/";
    private static final String HOOKS_PREFIX = "/hooks/";
    private static final int MAX_LOGGED_CHARS = 80;

    private final transient Map<String, DinteroStore> stores = new ConcurrentHashMap<>();
    private final transient CallbackEndpoint callbacks;
    private final transient WebhookEndpoint webhooks;

    /** The servlet on the system clock. */
    public CallbackServlet() {
        this(Clock.systemUTC());
    }

    /** @param clock the clock that signature times are checked against (tests move it) */
    public CallbackServlet(Clock clock) {
        ReplayGuard replays = new ReplayGuard(MAX_REMEMBERED_REQUESTS, clock);
        this.callbacks = new CallbackEndpoint(replays, clock);
        this.webhooks = new WebhookEndpoint(replays, clock);
    }

    /** @param store a store becoming active */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addStore(DinteroStore store) {
        stores.put(store.settings().storeId(), store);
    }

    /** @param store a store going inactive */
    public void removeStore(DinteroStore store) {
        stores.remove(store.settings().storeId(), store);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String method = req.getMethod();
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        try {
            int refusal = RequestLimits.refusal(req);
            if (refusal != 0) {
                LOG.warn("{} {}: refused with {}, over the size limits", method, printable(path), refusal);
                answer(resp, refusal, refusal == 413 ? "too large" : refusal == 414 ? "URI too long" : "header too large");
            } else if (!"GET".equals(method) && !"POST".equals(method)) {
                resp.setHeader("Allow", "GET, POST");
                answer(resp, 405, "method not allowed");
            } else if ("GET".equals(method) && path.equals("/return")) {
                returnPage(req, resp);
            } else if ("POST".equals(method) && path.startsWith(HOOKS_PREFIX)) {
                DinteroStore store = activeStore(path.substring(HOOKS_PREFIX.length()), "webhook", resp);
                if (store != null) {
                    webhooks.handle(req, resp, store);
                }
            } else if (path.startsWith(CALLBACK_PREFIX) && path.length() > CALLBACK_PREFIX.length()) {
                DinteroStore store = activeStore(path.substring(CALLBACK_PREFIX.length()), "callback", resp);
                if (store != null) {
                    callbacks.handle(req, resp, path, store);
                }
            } else {
                answer(resp, 404, "not found");
            }
        } catch (RuntimeException e) {
            LOG.error("{} {}: unexpected failure, answered 500", method, printable(path), e);
            if (!resp.isCommitted()) {
                resp.reset();
                answer(resp, 500, "internal error");
            }
        }
    }

    /** @return the active store, or null when there is none (answered 503: Dintero retries, the store may be starting) */
    private DinteroStore activeStore(String storeId, String what, HttpServletResponse resp) throws IOException {
        DinteroStore store = stores.get(storeId);
        if (store == null) {
            LOG.warn("store {}: {} for a store that is not active; asking Dintero to retry", printable(storeId), what);
            retryLater(resp, "store not active");
        }
        return store;
    }

    /**
     * @param resp the response
     * @param status the HTTP status
     * @param text the plain-text body: a short fixed text, never an exception's
     * @throws IOException when it could not be written
     */
    static void answer(HttpServletResponse resp, int status, String text) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain;charset=utf-8");
        resp.getWriter().write(text);
    }

    /**
     * 503 with {@code Retry-After}: Dintero retries a callback answered 5xx (a 4xx would stop its retries for good).
     *
     * @param resp the response
     * @param text the plain-text body
     * @throws IOException when it could not be written
     */
    static void retryLater(HttpServletResponse resp, String text) throws IOException {
        resp.setHeader("Retry-After", "1");
        answer(resp, 503, text);
    }

    /**
     * @param untrusted a value from the request, or null
     * @return it fit for a log line: control characters replaced, at most {@value #MAX_LOGGED_CHARS} characters
     */
    static String printable(String untrusted) {
        if (untrusted == null) {
            return null;
        }
        String cut = untrusted.length() > MAX_LOGGED_CHARS ? untrusted.substring(0, MAX_LOGGED_CHARS) + "..." : untrusted;
        return cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private static void returnPage(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean failed;
        try {
            failed = CallbackSignature.parseQuery(req.getQueryString()).stream().anyMatch(e -> e.getKey().equals("error"));
        } catch (IllegalArgumentException e) {
            failed = true; // a malformed query is no proof of payment
        }
        resp.setStatus(200);
        resp.setContentType("text/html;charset=utf-8");
        resp.getWriter().write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Payment</title></head><body>"
                + (failed ? "<h1>The payment was not completed</h1><p>Please ask the cashier for a new link.</p>"
                        : "<h1>Thank you!</h1><p>Your payment has been received. You may close this page.</p>")
                + "</body></html>");
    }
}
