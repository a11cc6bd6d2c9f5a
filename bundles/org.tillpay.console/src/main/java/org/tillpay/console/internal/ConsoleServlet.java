package org.tillpay.console.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.ledger.LedgerException;
import org.tillpay.ledger.PaymentLedger;
import org.tillpay.ledger.settlement.SettlementStore;
import org.tillpay.reports.SettlementReports;

/**
 * The console at {@code /tillpay/console} on Karaf's HTTP whiteboard: the API under {@code /api/v1} (see
 * {@code /api/openapi.yaml}) and the pages.
 * <p>
 * Every API request is checked in this order, before its handler runs: the operation exists ({@link ApiOperation};
 * 404, 405); the caller is authenticated (401), by HTTP Basic (hosts; no challenge is ever sent, so a browser never
 * caches it) or by the session cookie ({@code POST /api/v1/session}), and a cookie-authenticated request that changes
 * anything carries the session's {@code X-CSRF-Token} (403); the caller has the operation's role (403); the body is
 * JSON and not too large (415, 413). Failed logins are throttled (429). The cookie is HttpOnly, SameSite=Strict and
 * limited to the console's path. Refusals are problem details; an unexpected failure is a 500 without details.
 */
@Component(service = Servlet.class, immediate = true, configurationPid = ConsoleConfig.PID, property = {
    "osgi.http.whiteboard.servlet.pattern=/tillpay/console/*",
    "osgi.http.whiteboard.servlet.name=tillpay-console",
    "osgi.http.whiteboard.servlet.asyncSupported=true"})
@Designate(ocd = ConsoleConfig.class)
public final class ConsoleServlet extends HttpServlet {

    static final String COOKIE = "TILLPAY_CONSOLE";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServlet.class);
    private static final String API = "/api/v1/";

    private final transient ConsoleSessions sessions;
    private final transient ConsoleStores stores;
    private final transient PaymentsApi payments;
    private final transient PayoutsApi payouts;
    private final transient SessionApi session;
    private final transient ConsolePages pages;
    private final transient RequestLimits limits;

    /**
     * @param context this bundle's context (the stores' services)
     * @param config the console's settings
     * @param ledger the payment ledger (lists)
     * @param events the payment event stream
     * @param settlements the stored settlements (payouts)
     * @param reports the report writer (downloads)
     */
    @Activate
    public ConsoleServlet(BundleContext context, ConsoleConfig config, @Reference PaymentLedger ledger,
            @Reference PaymentEventStream events, @Reference SettlementStore settlements,
            @Reference SettlementReports reports) {
        ConsoleSettings settings = ConsoleSettings.of(config);
        this.sessions = new ConsoleSessions(settings.sessionIdle(), Clock.systemUTC());
        this.stores = new ConsoleStores(context, ledger);
        this.payments = new PaymentsApi(stores, ledger, events);
        this.payouts = new PayoutsApi(stores, settlements, reports);
        this.session = new SessionApi(new ConsoleLogin(new RealmLogin(settings.realm()),
                new LoginThrottle(settings.throttle(), Clock.systemUTC())), sessions);
        this.pages = new ConsolePages();
        this.limits = new RequestLimits(settings.maxBodyBytes());
        LOG.info("Tillpay console at /tillpay/console (realm {}, sessions end after {} idle minutes, {})",
                settings.realm(), settings.sessionIdle().toMinutes(), settings.throttle());
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        if (!path.startsWith(API)) {
            pages.serve(req, resp, path);
            return;
        }
        try {
            String[] parts = Arrays.stream(path.substring(API.length()).split("/")).filter(p -> !p.isEmpty())
                    .toArray(String[]::new);
            ApiOperation.Match match = ApiOperation.match(req.getMethod(), parts);
            Exchange x = match.operation().role().isEmpty()
                    ? new Exchange(req, resp, new ConsoleUser("-", java.util.Set.of()), null, limits)
                    : authenticate(req, resp);
            match.operation().role().ifPresent(x::require);
            limits.check(req.getContentType(), req.getContentLengthLong(), req.getHeader("Transfer-Encoding") != null);
            handle(match, x);
        } catch (ApiException e) {
            if (!resp.isCommitted()) {
                Exchange.problem(resp, e);
            }
        } catch (LedgerException e) {
            // the database is down or restarting: nothing was half done (the ledger's work is transactional)
            LOG.error("console: {} {} failed: the ledger's database did not answer: {}", req.getMethod(), path,
                    e.getMessage(), e);
            if (!resp.isCommitted()) {
                Exchange.problem(resp, ApiException.ledgerUnavailable(e.getMessage()));
            }
        } catch (RuntimeException e) {
            LOG.error("console: {} {} failed", req.getMethod(), path, e);
            if (!resp.isCommitted()) {
                Exchange.problem(resp, new ApiException(ApiException.Type.INTERNAL_ERROR, "see the log"));
            }
        }
    }

    /** @return the caller's exchange; checks the CSRF token of a cookie-authenticated change */
    private Exchange authenticate(HttpServletRequest req, HttpServletResponse resp) {
        Optional<ConsoleUser> basic = session.basic(req);
        if (basic.isPresent()) {
            return new Exchange(req, resp, basic.get(), null, limits);
        }
        ConsoleSessions.Session s = session.current(req).orElseThrow(() -> new ApiException(
                ApiException.Type.UNAUTHENTICATED, "log in (POST /api/v1/session) or send HTTP Basic credentials"));
        if (!"GET".equals(req.getMethod()) && !"HEAD".equals(req.getMethod())
                && !s.csrfMatches(req.getHeader(CSRF_HEADER))) {
            LOG.warn("console: {} {} by {} refused: missing or wrong {}", req.getMethod(), req.getPathInfo(),
                    s.user().name(), CSRF_HEADER);
            throw new ApiException(ApiException.Type.CSRF, "send the session's csrfToken in " + CSRF_HEADER);
        }
        return new Exchange(req, resp, s.user(), s, limits);
    }

    private void handle(ApiOperation.Match m, Exchange x) throws IOException {
        switch (m.operation()) {
            case LOGIN -> session.login(x);
            case WHO_AM_I -> session.whoAmI(x);
            case LOGOUT -> session.logout(x);
            case LIST_STORES -> StoresApi.list(x, stores);
            case STORE_HEALTH -> StoresApi.health(x, stores, m.param("storeId"));
            case LIST_PAYOUTS -> payouts.payouts(x, m.param("storeId"));
            case MONTHLY_PAYOUTS -> payouts.monthly(x, m.param("storeId"));
            case FETCH_SETTLEMENTS -> payouts.fetch(x, m.param("storeId"));
            case RECONCILIATION -> payouts.exceptions(x, m.param("storeId"));
            case DOWNLOAD_REPORT -> payouts.download(x, m.param("storeId"), m.param("report"));
            case START_PAYMENT -> payments.start(x, m.param("storeId"));
            case LIST_PAYMENTS -> payments.list(x);
            case GET_PAYMENT -> payments.get(x, m.param("paymentId"));
            case PAYMENT_EVENTS -> payments.stream(x, m.param("paymentId"));
            case PAYMENT_QR -> payments.qr(x, m.param("paymentId"));
            case REFRESH_PAYMENT -> payments.act(x, m.param("paymentId"), "refresh");
            case PARK_PAYMENT -> payments.act(x, m.param("paymentId"), "park");
            case CANCEL_PAYMENT -> payments.act(x, m.param("paymentId"), "cancel");
            case CAPTURE_PAYMENT -> payments.act(x, m.param("paymentId"), "captures");
            case REFUND_PAYMENT -> payments.act(x, m.param("paymentId"), "refunds");
        }
    }
}
