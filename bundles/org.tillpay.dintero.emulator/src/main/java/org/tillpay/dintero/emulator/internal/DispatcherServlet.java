package org.tillpay.dintero.emulator.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.emulator.Fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The emulator's single servlet, mounted at {@code <base.path>/*}. {@code /api/...} stands for
 * {@code https://api.dintero.com/...} and {@code /checkout/...} for {@code https://checkout.dintero.com/...}. The
 * account-scoped settlement and hook endpoints are in {@link AccountApi}, the Insight and report endpoints in
 * {@link InsightApi}, the Partner API's in {@link PartnerApi}. Injected faults are applied by {@link HttpFaults}.
 */
public final class DispatcherServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DispatcherServlet.class);
    private static final String JSON = "application/json; charset=utf-8";

    static final Pattern TOKEN = Pattern.compile("/(?:api|checkout)/v1/accounts/([^/]+)/auth/token");
    static final Pattern SESSION = Pattern.compile("/checkout/v1/sessions/([^/]+)");
    static final Pattern CANCEL = Pattern.compile("/checkout/v1/sessions/([^/]+)/cancel");
    static final Pattern TRANSACTION = Pattern.compile("/checkout/v1/transactions/([^/]+)");
    static final Pattern OPERATION = Pattern.compile("/checkout/v1/transactions/([^/]+)/(capture|refund|void)");
    static final Pattern VIEW = Pattern.compile("/checkout/v1/view/([^/]+)");

    private final transient Emulator emulator;

    /** @param emulator the core */
    public DispatcherServlet(Emulator emulator) {
        this.emulator = emulator;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        // The emulator's own (test-advanceable) time, as Dintero's servers state theirs: clients judge expiry on it.
        resp.setDateHeader("Date", emulator.now().toEpochMilli());
        FaultInjector.Strike strike = HttpFaults.strike(emulator, path, req.getHeader("Authorization"));
        if (strike == null) {
            serve(path, req, resp, null);
        } else {
            HttpFaults.apply(strike, req, resp, answer -> serve(path, req, answer, strike.fault()));
        }
    }

    /** Does a request's work and answers it; {@code injected} is the fault that struck it, or null. */
    private void serve(String path, HttpServletRequest req, HttpServletResponse resp, Fault injected)
            throws IOException {
        String method = req.getMethod();
        Matcher m;
        try {
            if ((m = VIEW.matcher(path)).matches()) {
                hostedPage(m.group(1), req, resp);
            } else if ((m = TOKEN.matcher(path)).matches()) {
                allow(method, "POST", resp);
                json(resp, 200, emulator.issueToken(m.group(1), req.getHeader("Authorization"), body(req)));
            } else if ("/checkout/v1/sessions-profile".equals(path)) {
                allow(method, "POST", resp);
                Caller caller = emulator.authenticate(req.getHeader("Authorization"));
                created(emulator.createSession(caller, body(req), req.getHeader("Dintero-Feature-Toggles"),
                        "true".equals(req.getParameter("include_session"))), resp);
            } else if ((m = CANCEL.matcher(path)).matches()) {
                allow(method, "POST", resp);
                json(resp, 200, emulator.cancelSession(emulator.authenticate(req.getHeader("Authorization")),
                        m.group(1)));
            } else if ((m = SESSION.matcher(path)).matches()) {
                allow(method, "GET", resp);
                json(resp, 200, emulator.sessionView(emulator.authenticate(req.getHeader("Authorization")),
                        m.group(1)));
            } else if ((m = OPERATION.matcher(path)).matches()) {
                allow(method, "POST", resp);
                operation(emulator.operate(emulator.authenticate(req.getHeader("Authorization")), m.group(1),
                        OperationRules.Kind.valueOf(m.group(2).toUpperCase(java.util.Locale.ROOT)), body(req),
                        injected), resp);
            } else if ("/checkout/v1/transactions".equals(path)) {
                allow(method, "GET", resp);
                json(resp, 200, emulator.listTransactions(emulator.authenticate(req.getHeader("Authorization")),
                        QueryString.parse(req.getQueryString())));
            } else if ((m = TRANSACTION.matcher(path)).matches()) {
                allow(method, "GET", resp);
                json(resp, 200, emulator.transactionView(emulator.authenticate(req.getHeader("Authorization")),
                        m.group(1)));
            } else if (!AccountApi.serve(emulator, path, req, resp) && !InsightApi.serve(emulator, path, req, resp)
                    && !PartnerApi.serve(emulator, path, req, resp)) {
                throw ApiException.notFound("no emulated Dintero endpoint at " + path);
            }
        } catch (ApiException e) {
            error(resp, e.status(), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Emulator failed on {} {}", method, path, e);
            error(resp, 500, "SERVER_ERROR", "internal emulator error");
        }
    }

    /** Answers a session creation: 200; a lost answer is a bodiless 504. */
    private static void created(SessionCreation.Outcome outcome, HttpServletResponse resp) throws IOException {
        if (outcome.lost()) {
            LOG.info("Answer to the creation of session {} lost on purpose (504, empty body)",
                    outcome.response().path("id").asText());
            lost(resp);
            return;
        }
        json(resp, 200, outcome.response());
    }

    /** Answers an operation: 200, or 202 with {@code event-request-id}; a lost answer is a bodiless 504. */
    private static void operation(TransactionOperations.Outcome outcome, HttpServletResponse resp) throws IOException {
        if (outcome.lost()) {
            LOG.info("Answer to the operation on transaction {} lost on purpose (504, empty body)",
                    outcome.transaction().path("id").asText());
            lost(resp);
            return;
        }
        if (outcome.eventRequestId() != null) {
            resp.setHeader("event-request-id", outcome.eventRequestId());
        }
        json(resp, outcome.status(), outcome.transaction());
    }

    /** An answer lost between Dintero and the client, as a proxy that timed out gives it: 504, empty body. */
    private static void lost(HttpServletResponse resp) {
        resp.setStatus(504);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(0);
    }

    private void hostedPage(String sessionId, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String method = req.getMethod();
        try {
            if ("GET".equals(method)) {
                PageModel page = emulator.visit(sessionId, req.getRemoteAddr(), req.getHeader("User-Agent"));
                switch (page.state()) {
                    case "EXPIRED" -> html(resp, 410, HostedPage.message("This payment link has expired",
                            "Ask the shop for a new payment link."));
                    case "CANCELLED" -> html(resp, 410, HostedPage.message("This payment link was cancelled",
                            "The shop cancelled this payment. Ask the shop for a new payment link."));
                    default -> html(resp, 200, HostedPage.render(page));
                }
            } else if ("POST".equals(method)) {
                String action = req.getParameter("action");
                String location;
                if ("pay".equals(action)) {
                    Map<String, String> address = new LinkedHashMap<>();
                    for (String field : ExpressCheckout.FIELDS.keySet()) {
                        address.put(field, req.getParameter(field));
                    }
                    location = emulator.pay(sessionId, req.getParameter("method"), address).redirectUrl();
                } else if ("decline".equals(action)) {
                    location = emulator.decline(sessionId);
                } else {
                    html(resp, 400, HostedPage.message("Bad request", "action must be pay or decline"));
                    return;
                }
                resp.setStatus(303);
                resp.setHeader("Location", location);
            } else {
                resp.setHeader("Allow", "GET, POST");
                html(resp, 405, HostedPage.message("Method not allowed", method + " is not supported here"));
            }
        } catch (NoSuchElementException e) {
            html(resp, 404, HostedPage.message("Unknown payment link", "This payment link does not exist."));
        } catch (SessionStateException e) {
            html(resp, e.gone() ? 410 : 409, HostedPage.message(e.gone() ? e.getMessage().contains("cancelled")
                    ? "This payment link was cancelled" : "This payment link has expired"
                    : "This payment is already complete", e.getMessage()));
        } catch (IllegalArgumentException e) {
            html(resp, 400, HostedPage.message("The payment could not be made", e.getMessage()));
        }
    }

    static void allow(String method, String allowed, HttpServletResponse resp) {
        if (!allowed.equals(method)) {
            resp.setHeader("Allow", allowed);
            throw new ApiException(405, "METHOD_NOT_ALLOWED", method + " is not allowed; allowed: " + allowed);
        }
    }

    private static byte[] body(HttpServletRequest req) throws IOException {
        return req.getInputStream().readAllBytes();
    }

    static void json(HttpServletResponse resp, int status, JsonNode body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType(JSON);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    static void error(HttpServletResponse resp, int status, String code, String message) throws IOException {
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        json(resp, status, body);
    }

    private static void html(HttpServletResponse resp, int status, String page) throws IOException {
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("text/html; charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
