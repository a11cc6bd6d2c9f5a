package org.tillpay.console.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
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
import org.tillpay.ledger.PaymentLedger;
import org.tillpay.ledger.settlement.SettlementStore;
import org.tillpay.reports.SettlementReports;

/**
 * The console at {@code /tillpay/console} on Karaf's HTTP whiteboard: the API under {@code /api/v1} (see
 * {@code /api/openapi.yaml}) and the pages.
 * <p>
 * A request is authenticated by HTTP Basic (hosts; no challenge is ever sent, so a browser never caches it) or by the
 * session cookie ({@code POST /api/v1/session}); a cookie-authenticated request that changes anything must carry the
 * session's {@code X-CSRF-Token}, and its body must be JSON. The cookie is HttpOnly, SameSite=Strict and limited to the
 * console's path. Refusals are problem details.
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

    private final transient RealmLogin realm;
    private final transient ConsoleSessions sessions;
    private final transient ConsoleStores stores;
    private final transient PaymentsApi payments;
    private final transient PayoutsApi payouts;
    private final transient SessionApi session;
    private final transient ConsolePages pages;

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
        this.realm = new RealmLogin(config.realm());
        this.sessions = new ConsoleSessions(Duration.ofMinutes(config.session_idle_minutes()), Clock.systemUTC());
        this.stores = new ConsoleStores(context, ledger);
        this.payments = new PaymentsApi(stores, ledger, events);
        this.payouts = new PayoutsApi(stores, settlements, reports);
        this.session = new SessionApi(realm, sessions);
        this.pages = new ConsolePages();
        LOG.info("Tillpay console at /tillpay/console (realm {}, sessions end after {} idle minutes)", config.realm(),
                config.session_idle_minutes());
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
            if (parts.length == 1 && parts[0].equals("session")) {
                session.handle(req, resp);
                return;
            }
            ConsoleUser user = authenticate(req);
            route(new Exchange(req, resp, user, parts));
        } catch (ApiException e) {
            if (!resp.isCommitted()) {
                Exchange.problem(resp, e);
            }
        } catch (RuntimeException e) {
            LOG.error("console: {} {} failed", req.getMethod(), path, e);
            if (!resp.isCommitted()) {
                Exchange.problem(resp, new ApiException(ApiException.Type.PROVIDER_UNAVAILABLE, "internal error; see"
                        + " the log"));
            }
        }
    }

    /** @return the caller; checks the CSRF token of a cookie-authenticated change */
    private ConsoleUser authenticate(HttpServletRequest req) {
        Optional<ConsoleUser> basic = SessionApi.basic(req, realm);
        if (basic.isPresent()) {
            return basic.get();
        }
        ConsoleSessions.Session s = sessions.find(SessionApi.cookie(req)).orElseThrow(() -> new ApiException(
                ApiException.Type.UNAUTHENTICATED, "log in (POST /api/v1/session) or send HTTP Basic credentials"));
        if (!"GET".equals(req.getMethod()) && !"HEAD".equals(req.getMethod())
                && !s.csrfMatches(req.getHeader(CSRF_HEADER))) {
            LOG.warn("console: {} {} by {} refused: missing or wrong {}", req.getMethod(), req.getPathInfo(),
                    s.user().name(), CSRF_HEADER);
            throw new ApiException(ApiException.Type.CSRF, "send the session's csrfToken in " + CSRF_HEADER);
        }
        return s.user();
    }

    private void route(Exchange x) throws IOException {
        String[] p = x.path;
        String method = x.req.getMethod();
        if (p.length == 1 && p[0].equals("stores") && method.equals("GET")) {
            StoresApi.list(x, stores);
        } else if (p.length == 3 && p[0].equals("stores") && p[2].equals("health") && method.equals("GET")) {
            StoresApi.health(x, stores, p[1]);
        } else if (p.length == 3 && p[0].equals("stores") && p[2].equals("payouts") && method.equals("GET")) {
            payouts.payouts(x, p[1]);
        } else if (p.length == 4 && p[0].equals("stores") && p[2].equals("payouts") && p[3].equals("monthly")
                && method.equals("GET")) {
            payouts.monthly(x, p[1]);
        } else if (p.length == 4 && p[0].equals("stores") && p[2].equals("payouts") && p[3].equals("fetch")
                && method.equals("POST")) {
            payouts.fetch(x, p[1]);
        } else if (p.length == 3 && p[0].equals("stores") && p[2].equals("reconciliation") && method.equals("GET")) {
            payouts.exceptions(x, p[1]);
        } else if (p.length == 4 && p[0].equals("stores") && p[2].equals("reports") && method.equals("GET")) {
            payouts.download(x, p[1], p[3]);
        } else if (p.length == 3 && p[0].equals("stores") && p[2].equals("payments") && method.equals("POST")) {
            payments.start(x, p[1]);
        } else if (p.length == 1 && p[0].equals("payments") && method.equals("GET")) {
            payments.list(x);
        } else if (p.length == 2 && p[0].equals("payments") && method.equals("GET")) {
            payments.get(x, p[1]);
        } else if (p.length == 3 && p[0].equals("payments") && p[2].equals("events") && method.equals("GET")) {
            payments.stream(x, p[1]);
        } else if (p.length == 3 && p[0].equals("payments") && p[2].equals("qr") && method.equals("GET")) {
            payments.qr(x, p[1]);
        } else if (p.length == 3 && p[0].equals("payments") && PaymentsApi.actions().contains(p[2])) {
            if (!method.equals("POST")) {
                throw new ApiException(ApiException.Type.METHOD_NOT_ALLOWED, "use POST");
            }
            payments.act(x, p[1], p[2]);
        } else {
            throw new ApiException(ApiException.Type.NOT_FOUND, "no " + method + " /api/v1/" + String.join("/", p)
                    + " (see /tillpay/console/api/openapi.yaml)");
        }
    }
}
