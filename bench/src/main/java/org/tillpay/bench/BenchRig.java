package org.tillpay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.apache.commons.dbcp2.BasicDataSource;
import org.tillpay.dintero.emulator.testing.EmulatorServer;
import org.tillpay.dintero.internal.callback.CallbackServlet;
import org.tillpay.dintero.internal.client.DinteroCamelHost;
import org.tillpay.dintero.internal.config.StoreSettings;
import org.tillpay.dintero.internal.store.DinteroStoreCore;
import org.tillpay.dintero.internal.store.PaymentListeners;
import org.tillpay.ledger.internal.JdbcPaymentLedger;
import org.tillpay.payment.api.PaymentStatus;

/**
 * Everything in one JVM, wired as {@code DinteroStoreFlowTest} does and as Karaf would: the emulator on its own Jetty
 * (contract validation off), our {@link CallbackServlet} on another Jetty, the ledger on an H2 <em>file</em> behind a
 * 16-connection pool (the distribution's datasource), one shared {@link DinteroCamelHost}, two stores on two accounts,
 * and a host listener. A filter in front of the callback servlet stamps when each callback arrives.
 */
final class BenchRig implements AutoCloseable {

    static final BenchStores.Account STORE_A = new BenchStores.Account("bench-a", EmulatorServer.ACCOUNT_ID,
            EmulatorServer.CLIENT_ID, EmulatorServer.CLIENT_SECRET, EmulatorServer.SIGNATURE_SECRET);
    static final BenchStores.Account STORE_B = new BenchStores.Account("bench-b", "T23456789", "bench-b-client",
            "bench-b-client-secret", "bench-b-signature-secret");
    /** The baselines' own account (probe store, DinteroApi alone, raw client), apart from the stores' tokens. */
    static final BenchStores.Account RAW = new BenchStores.Account("raw", "T34567890", "raw-client",
            "raw-client-secret", "raw-signature-secret");

    final EmulatorServer dintero;
    final Server callbacks;
    final String callbackBase;
    final BasicDataSource dataSource;
    final JdbcPaymentLedger ledger;
    final DinteroCamelHost host;
    final PaymentListeners listeners;
    final List<DinteroStoreCore> stores;
    final StoreSettings rawSettings;
    final CapturingProxy capture;
    /** A store on the baselines' account whose session calls go through {@link #capture}. */
    final DinteroStoreCore probe;

    /** Callback arrival at our Jetty, by session id (first attempt only). */
    final Map<String, Long> callbackArrived = new ConcurrentHashMap<>();
    /** The host listener heard AUTHORIZED, by session id. */
    final Map<String, CompletableFuture<Long>> authorizedHeard = new ConcurrentHashMap<>();
    final AtomicInteger authorizedCount = new AtomicInteger();
    final AtomicInteger callbacksNot200 = new AtomicInteger();

    BenchRig(Path dir) throws Exception {
        dintero = EmulatorServer.builder().defaultAccount()
                .account(STORE_B.accountId(), STORE_B.clientId(), STORE_B.clientSecret(), STORE_B.signatureSecret(),
                        "default")
                .account(RAW.accountId(), RAW.clientId(), RAW.clientSecret(), RAW.signatureSecret(), "default")
                .contractValidation(false).start();

        callbacks = new Server();
        ServerConnector connector = new ServerConnector(callbacks);
        connector.setHost("127.0.0.1");
        callbacks.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        CallbackServlet servlet = new CallbackServlet();
        context.addServlet(new ServletHolder(servlet), "/tillpay/dintero/*");
        context.addFilter(new FilterHolder(new ArrivalStamp()), "/tillpay/dintero/callback/*", null);
        capture = new CapturingProxy(dintero.checkoutBaseUrl());
        context.addServlet(new ServletHolder(capture), "/capture/*");
        callbacks.setHandler(context);
        callbacks.start();
        callbackBase = "http://127.0.0.1:" + connector.getLocalPort();

        Path db = dir.resolve("bench-ledger");
        deleteTree(db);
        // the pool and URL of the distribution's etc/org.ops4j.datasource-tillpay.cfg (pax-jdbc's dbcp2 2.12.0).
        // H2's own JdbcConnectionPool rolls back on every checkout, which empties H2's parsed-statement cache.
        dataSource = new BasicDataSource();
        dataSource.setUrl("jdbc:h2:file:" + db.toAbsolutePath() + "/ledger;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64;WRITE_DELAY=0;OPTIMIZE_REUSE_RESULTS=FALSE");
        dataSource.setUsername("sa");
        dataSource.setPassword("");
        dataSource.setMaxTotal(16);
        dataSource.setMaxIdle(16);
        ledger = new JdbcPaymentLedger(dataSource);
        host = new DinteroCamelHost();
        listeners = new PaymentListeners();
        listeners.addListener((payment, change) -> {
            if (change.status() == PaymentStatus.AUTHORIZED) {
                long now = System.nanoTime();
                authorizedCount.incrementAndGet();
                authorizedHeard.computeIfAbsent(payment.sessionId().orElse(""), k -> new CompletableFuture<>())
                        .complete(now);
            }
        }, Map.of());
        stores = List.of(store(STORE_A, servlet), store(STORE_B, servlet));
        rawSettings = BenchStores.settings(RAW, dintero.apiBaseUrl(), dintero.checkoutBaseUrl(), callbackBase);
        probe = new DinteroStoreCore(BenchStores.settings(RAW, dintero.apiBaseUrl(), callbackBase + "/capture",
                callbackBase), host, ledger, listeners, Clock.systemUTC());
    }

    private DinteroStoreCore store(BenchStores.Account account, CallbackServlet servlet) {
        StoreSettings settings = BenchStores.settings(account, dintero.apiBaseUrl(), dintero.checkoutBaseUrl(),
                callbackBase);
        DinteroStoreCore store = new DinteroStoreCore(settings, host, ledger, listeners, Clock.systemUTC());
        servlet.addStore(store);
        return store;
    }

    /** @return the stores' payments per status in the ledger (not the ledger-alone rows) */
    Map<String, Integer> ledgerStatuses() throws SQLException {
        Map<String, Integer> counts = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT status, COUNT(*) FROM tillpay_payment"
                        + " WHERE store_id IN ('" + STORE_A.storeId() + "', '" + STORE_B.storeId() + "') GROUP BY status")) {
            while (r.next()) {
                counts.put(r.getString(1), r.getInt(2));
            }
        }
        return counts;
    }

    @Override
    public void close() throws Exception {
        host.stop();
        listeners.stop();
        callbacks.stop();
        dintero.close();
        dataSource.close();
    }

    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Stamps each callback's arrival before the servlet sees it, and counts answers other than 200. */
    private final class ArrivalStamp implements Filter {
        @Override
        public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
                throws IOException, ServletException {
            long now = System.nanoTime();
            String session = req.getParameter("session_id");
            if (session != null) {
                callbackArrived.putIfAbsent(session, now);
            }
            chain.doFilter(req, resp);
            if (((HttpServletResponse) resp).getStatus() != 200) {
                callbacksNot200.incrementAndGet();
            }
        }
    }
}
