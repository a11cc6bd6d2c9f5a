package org.tillpay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestWatcher;
import org.junit.runner.Description;
import org.tillpay.dintero.emulator.CallbackMode;
import org.tillpay.dintero.emulator.DinteroEmulator;
import org.tillpay.dintero.emulator.OperationMode;
import org.tillpay.dintero.emulator.testing.EmulatorServer;

/**
 * Two nodes of the distribution on one PostgreSQL ledger (a fresh database on 127.0.0.1:5432, dropped afterwards),
 * three stores on two Dintero accounts configured identically on both, one Dintero (the emulator in this JVM) and
 * Dintero's callbacks landing on either node through a round-robin forwarder, as behind a load balancer. Sales are
 * started through both nodes' console API, paid, captured, refunded and voided through either; some callbacks are
 * dropped so that pollers must find the payments, and node 1 is killed (kill -9) mid-flow with sales it started still
 * unpaid. At the end, checked against Dintero's ground truth and the ledger read directly from PostgreSQL
 * ({@link PaymentInvariants}): no payment lost, no sale paid twice, no capture or refund made or counted twice, every
 * ledger state Dintero's, every payment completed once. Nothing here depends on how the nodes share the pollers' work.
 */
public class MultiNodeIT {

    private static final String[] METHODS = {"vipps", "card", "klarna", "mobilepay"};

    private static EmulatorServer dintero;
    private static LedgerDatabase db;
    private static TillpayCluster cluster;
    private final SaleBook book = new SaleBook();

    @Rule
    public final TestWatcher dumpLogsOnFailure = new TestWatcher() {
        @Override
        protected void failed(Throwable e, Description description) {
            if (cluster != null) {
                System.err.println(cluster.logTails(150));
            }
        }
    };

    @BeforeClass
    public static void startCluster() throws Exception {
        dintero = EmulatorServer.builder()
                .account("T20000001", "T20000001-client", "T20000001-client-secret", "T20000001-signature-secret",
                        "default")
                .account("T20000002", "T20000002-client", "T20000002-client-secret", "T20000002-signature-secret",
                        "default")
                .callbackRetryDelay(Duration.ofMillis(500)).callbackMaxAttempts(20).start();
        db = LedgerDatabase.create("127.0.0.1", 5432, "tillpay_multinode_");
        List<TillpayCluster.Store> stores = List.of(new TillpayCluster.Store("mn-a", "T20000001"),
                new TillpayCluster.Store("mn-b", "T20000001"), new TillpayCluster.Store("mn-c", "T20000002"));
        cluster = TillpayCluster.configure("multinode-", 2, db.jdbcUrl(), dintero, stores, 1, 10);
        cluster.startAll(Duration.ofSeconds(180));
    }

    @AfterClass
    public static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (dintero != null) {
            dintero.close();
        }
        if (db != null) {
            db.drop();
        }
    }

    @Test
    public void twoNodesOnOneLedgerKeepEveryInvariant() throws Exception {
        DinteroEmulator emulator = dintero.emulator();
        List<String[]> sales = new ArrayList<>(); // {paymentId, sessionId, method}
        for (int i = 0; i < 6; i++) {
            sales.add(startSale(i % 2, i));
        }
        for (int i = 0; i < 6; i++) {
            emulator.setCallbackMode(i < 3 ? CallbackMode.NORMAL : CallbackMode.DROP); // 3..5: pollers must find them
            emulator.pay(sales.get(i)[1], sales.get(i)[2]);
        }
        emulator.setCallbackMode(CallbackMode.NORMAL);
        for (String[] sale : sales) {
            awaitLedgerStatus(sale[0], "AUTHORIZED");
        }

        // operations through either node, whichever started the sale
        assertOk(capture(1, sales.get(0)[0], "R-0", 49800));
        assertOk(refund(0, sales.get(0)[0], "RET-0", 19900));
        assertOk(capture(0, sales.get(1)[0], "R-1", 29900));
        emulator.setOperationMode(OperationMode.ASYNC);
        capture(1, sales.get(2)[0], "R-2", 49800); // accepted (202), finished later
        emulator.setOperationMode(OperationMode.SYNC);
        assertEquals(1, emulator.completePendingOperations());
        assertOk(cluster.console(0).cancel(sales.get(3)[0]));
        String lostAnswerTx = emulator.sessions().stream().filter(s -> s.sessionId().equals(sales.get(4)[1]))
                .findFirst().orElseThrow().transactionId();
        emulator.loseNextOperationResponse(lostAnswerTx);
        capture(1, sales.get(4)[0], "R-4", 49800); // Dintero captures, the answer is lost: read back, never resent

        // node 1 starts four more sales and is killed before the customers pay; two callbacks are lost for good
        List<String[]> late = new ArrayList<>();
        for (int i = 6; i < 10; i++) {
            late.add(startSale(0, i));
        }
        cluster.kill(0);
        for (int i = 0; i < late.size(); i++) {
            emulator.setCallbackMode(i % 2 == 0 ? CallbackMode.DROP : CallbackMode.NORMAL);
            emulator.pay(late.get(i)[1], late.get(i)[2]);
        }
        emulator.setCallbackMode(CallbackMode.NORMAL);
        for (String[] sale : late) {
            awaitLedgerStatus(sale[0], "AUTHORIZED");
        }
        assertOk(capture(1, late.get(0)[0], "R-6", 20000));

        List<PaymentInvariants.Result> results = PaymentInvariants.settle(Duration.ofSeconds(90), db, emulator, book);
        String summary = PaymentInvariants.describe(results, 20);
        System.out.println(summary);
        assertTrue(summary, results.stream().allMatch(PaymentInvariants.Result::holds));
        assertEquals(10, book.sales());
        long[] perNode = cluster.balancer().forwardedPerNode();
        assertTrue("callbacks landed on both nodes: " + perNode[0] + " / " + perNode[1],
                perNode[0] > 0 && perNode[1] > 0);
        assertEquals(List.of(), dintero.contractViolations());
    }

    /** Starts sale {@code n} on a node, in store {@code n % 3}; @return {paymentId, sessionId, method} */
    private String[] startSale(int node, int n) throws IOException {
        String store = cluster.stores().get(n % 3).storeId();
        String sale = "MN-" + store + "-" + n;
        ConsoleApi.Reply r = cluster.console(node).startSale(store, sale, new long[] {29900, 19900},
                new String[] {METHODS[n % METHODS.length]}, n % 4 == 3);
        book.startAnswered(store, sale);
        assertEquals(r.body().toString(), 201, r.status());
        String sessionId = dintero.emulator().sessions().stream()
                .filter(s -> s.merchantReference().equals(sale + "/1")).findFirst().orElseThrow().sessionId();
        return new String[] {r.text("paymentId"), sessionId, METHODS[n % METHODS.length]};
    }

    private ConsoleApi.Reply capture(int node, String paymentId, String reference, long amount) throws IOException {
        book.captureRequested(paymentId);
        return cluster.console(node).capture(paymentId, reference, amount);
    }

    private ConsoleApi.Reply refund(int node, String paymentId, String reference, long amount) throws IOException {
        book.refundRequested(paymentId);
        return cluster.console(node).refund(paymentId, reference, amount);
    }

    private static void assertOk(ConsoleApi.Reply r) {
        assertEquals(r.body().toString(), 200, r.status());
    }

    private static void awaitLedgerStatus(String paymentId, String status) {
        TillpayTestSupport.eventually(Duration.ofSeconds(60), paymentId + " is " + status + " in the ledger", () -> {
            try {
                List<Map<String, Object>> rows = db.rows("SELECT status FROM tillpay_payment WHERE payment_id = ?",
                        paymentId);
                return !rows.isEmpty() && status.equals(rows.get(0).get("status"));
            } catch (Exception e) {
                return false;
            }
        });
    }
}
