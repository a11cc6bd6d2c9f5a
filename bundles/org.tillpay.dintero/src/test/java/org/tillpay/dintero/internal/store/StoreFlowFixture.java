package org.tillpay.dintero.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.h2.jdbcx.JdbcDataSource;
import org.tillpay.dintero.emulator.testing.ContractValidator;
import org.tillpay.dintero.emulator.testing.EmulatorServer;
import org.tillpay.dintero.internal.TestStores;
import org.tillpay.dintero.internal.callback.CallbackServlet;
import org.tillpay.dintero.internal.client.DinteroCamelHost;
import org.tillpay.dintero.internal.config.StoreSettings;
import org.tillpay.ledger.PaymentLedger;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.ledger.internal.JdbcPaymentLedger;
import org.tillpay.ledger.internal.JdbcSettlementStore;
import org.tillpay.payment.api.PaymentLine;
import org.tillpay.payment.api.PaymentRequest;
import org.tillpay.payment.api.PaymentStatus;
import org.tillpay.payment.api.StatusChange;

/**
 * Stores in-JVM against the emulator, with the real Camel routes, the real ledger on H2 and our callback servlet on
 * its own Jetty; every exchange with the emulator is validated against Dintero's OpenAPI spec.
 */
final class StoreFlowFixture implements AutoCloseable {

    final EmulatorServer dintero;
    final PaymentLedger ledger;
    final DinteroCamelHost host;
    final PaymentListeners listeners;
    final List<StatusChange> heard = new CopyOnWriteArrayList<>();
    private final Server callbacks;
    private final CallbackServlet servlet;
    private final JdbcDataSource h2;
    private final String callbackBaseUrl;

    StoreFlowFixture() throws Exception {
        dintero = EmulatorServer.builder().defaultAccount().callbackRetryDelay(Duration.ofMillis(50)).start();
        assertEquals(ContractValidator.isAvailable(), dintero.contractValidationEnabled());
        if (!ContractValidator.isAvailable()) {
            System.out.println("Dintero's OpenAPI spec (system property dintero.spec) is absent: contract checks skipped");
        }
        callbacks = new Server();
        ServerConnector connector = new ServerConnector(callbacks);
        connector.setHost("127.0.0.1");
        callbacks.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        servlet = new CallbackServlet();
        context.addServlet(new ServletHolder(servlet), "/tillpay/dintero/*");
        callbacks.setHandler(context);
        callbacks.start();
        callbackBaseUrl = "http://127.0.0.1:" + connector.getLocalPort();
        h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:flow" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;OPTIMIZE_REUSE_RESULTS=FALSE");
        ledger = new JdbcPaymentLedger(h2);
        host = new DinteroCamelHost();
        listeners = new PaymentListeners();
        listeners.addListener((payment, change) -> heard.add(change), Map.of());
    }

    /**
     * @param storeId the store
     * @param overrides configuration attributes (underscores) over the emulator's default account
     * @return the store, running on the emulator, its callbacks and webhooks on the fixture's Jetty
     */
    DinteroStoreCore store(String storeId, Map<String, Object> overrides) {
        return store(storeId, overrides, Clock.systemUTC());
    }

    /**
     * @param storeId the store
     * @param overrides configuration attributes (underscores) over the emulator's default account
     * @param clock the store's clock
     * @return the store, running on the emulator, its callbacks and webhooks on the fixture's Jetty
     */
    DinteroStoreCore store(String storeId, Map<String, Object> overrides, Clock clock) {
        return store(storeId, overrides, ledger, "node-" + storeId, clock);
    }

    /**
     * @param storeId the store
     * @param overrides configuration attributes (underscores) over the emulator's default account
     * @param ledger the store's view of the fixture's ledger (e.g. one that records calls)
     * @param nodeId the node the store runs on, for its poller's claims
     * @param clock the store's clock
     * @return the store, running on the emulator, its callbacks and webhooks on the fixture's Jetty
     */
    DinteroStoreCore store(String storeId, Map<String, Object> overrides, PaymentLedger ledger, String nodeId,
            Clock clock) {
        Map<String, Object> config = new HashMap<>(Map.of("store_id", storeId, "account_id", EmulatorServer.ACCOUNT_ID,
                "client_id", EmulatorServer.CLIENT_ID, "client_secret", EmulatorServer.CLIENT_SECRET,
                "signature_secret", EmulatorServer.SIGNATURE_SECRET, "api_base_url", dintero.apiBaseUrl(),
                "checkout_base_url", dintero.checkoutBaseUrl(), "callback_base_url", callbackBaseUrl));
        config.putAll(overrides);
        StoreSettings settings = StoreSettings.from(TestStores.config(config));
        DinteroStoreCore store = new DinteroStoreCore(settings, host, ledger, new JdbcSettlementStore(h2), listeners,
                nodeId, clock);
        servlet.addStore(store);
        return store;
    }

    /** @return the ledger's H2 database */
    javax.sql.DataSource dataSource() {
        return h2;
    }

    /** @return a sale of two lines, 797.00 NOK, for store {@code storeId} */
    static PaymentRequest.Builder sale(String storeId, String reference) {
        return PaymentRequest.builder().storeId(storeId).saleReference(reference).currency("NOK")
                .line(PaymentLine.builder().lineId("1").description("Genser").quantity(2).unitPriceMinor(29900))
                .line(PaymentLine.builder().lineId("2").description("Bok").unitPriceMinor(19900)
                        .vatPercent(BigDecimal.ZERO))
                .customerPhone("+4799999999");
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    PaymentRecord awaitStatus(String paymentId, PaymentStatus status) throws InterruptedException {
        await(paymentId + " is " + status + " (" + ledger.find(paymentId) + ")",
                () -> ledger.find(paymentId).orElseThrow().status() == status);
        return ledger.find(paymentId).orElseThrow();
    }

    @Override
    public void close() throws Exception {
        host.stop();
        listeners.stop();
        callbacks.stop();
        dintero.close();
    }
}
