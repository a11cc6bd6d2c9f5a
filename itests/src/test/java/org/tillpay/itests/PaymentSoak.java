package org.tillpay.itests;

import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;
import org.tillpay.dintero.emulator.testing.EmulatorServer;

/**
 * The soak (issue 8; RELIABILITY.md): thousands of sales across many stores and several Dintero accounts, through a
 * cluster of the distribution on the soak's own PostgreSQL, under the emulator's faults ({@link SoakFaults}), while
 * nodes are killed (kill -9) and restarted and PostgreSQL is crashed and restarted ({@link SoakChaos}); then a settle
 * period in which the pollers catch up, and the invariants checked against Dintero's ground truth
 * ({@link PaymentInvariants}). Prints a summary table (also {@code target/soak-summary.md}) and fails on any
 * violation. Its own command, never part of the normal build (the name matches no test pattern):
 * {@code mvn -B -Psoak -pl itests verify}, parameters {@code -Dsoak.payments} (sales, default 10000),
 * {@code -Dsoak.stores} (50), {@code -Dsoak.accounts} (5), {@code -Dsoak.nodes} (2), {@code -Dsoak.workers} (48),
 * {@code -Dsoak.minutes} (bound on starting sales, 150), {@code -Dsoak.settle.minutes} (10),
 * {@code -Dsoak.kill.every.seconds} (300), {@code -Dsoak.pg.restart.every.seconds} (420),
 * {@code -Dsoak.fault.window.seconds} (15), {@code -Dsoak.poll.seconds} (the stores'
 * {@code poll.interval.seconds}, 5), {@code -Dsoak.step.fault.probability} (0.05), {@code -Dsoak.seed}.
 * Loopback only.
 */
public class PaymentSoak {

    private final int payments = Integer.getInteger("soak.payments", 10_000);
    private final int storeCount = Integer.getInteger("soak.stores", 50);
    private final int accounts = Integer.getInteger("soak.accounts", 5);
    private final int nodes = Integer.getInteger("soak.nodes", 2);
    private final int workers = Integer.getInteger("soak.workers", 48);
    private final int minutes = Integer.getInteger("soak.minutes", 150);
    private final int settleMinutes = Integer.getInteger("soak.settle.minutes", 10);
    private final int killEvery = Integer.getInteger("soak.kill.every.seconds", 300);
    private final int pgRestartEvery = Integer.getInteger("soak.pg.restart.every.seconds", 420);
    private final int faultWindow = Integer.getInteger("soak.fault.window.seconds", 15);
    private final double stepFaults = Double.parseDouble(System.getProperty("soak.step.fault.probability", "0.05"));
    private final int pollSeconds = Integer.getInteger("soak.poll.seconds", 5);
    private final long seed = Long.getLong("soak.seed", 20261122L);

    @Test
    public void soak() throws Exception {
        List<TillpayCluster.Store> stores = new ArrayList<>();
        EmulatorServer.Builder emulator = EmulatorServer.builder().contractValidation(false)
                .callbackRetryDelay(Duration.ofMillis(500)).callbackMaxAttempts(20);
        for (int a = 1; a <= accounts; a++) {
            String account = String.format("T3%07d", a);
            emulator.account(account, account + "-client", account + "-client-secret", account + "-signature-secret",
                    "default");
        }
        for (int s = 0; s < storeCount; s++) {
            stores.add(new TillpayCluster.Store(String.format("soak-%03d", s),
                    String.format("T3%07d", s % accounts + 1)));
        }
        long began = System.nanoTime();
        try (OwnPostgres postgres = OwnPostgres.initAndStart("soak-pg-");
                EmulatorServer dintero = emulator.start()) {
            LedgerDatabase db = LedgerDatabase.create("127.0.0.1", postgres.port(), "tillpay_soak_");
            try (TillpayCluster cluster = TillpayCluster.configure("soak-node-", nodes, db.jdbcUrl(), dintero, stores,
                    pollSeconds, 10)) {
                cluster.startAll(Duration.ofMinutes(5));
                System.out.println("soak: " + cluster + " on " + postgres + ", driving " + payments + " sales");
                run(cluster, postgres, db, dintero, began);
            }
        }
    }

    private void run(TillpayCluster cluster, OwnPostgres postgres, LedgerDatabase db, EmulatorServer dintero,
            long began) throws Exception {
        SaleBook book = new SaleBook();
        SoakStats stats = new SoakStats();
        SoakFaults faults = new SoakFaults(dintero.emulator(), stepFaults);
        SoakChaos chaos = new SoakChaos(cluster, postgres);
        List<Thread> background = List.of(
                daemon("soak-faults", () -> faults.runWindows(faultWindow * 1000L)),
                daemon("soak-kills", () -> chaos.killNodes(Duration.ofSeconds(killEvery), Duration.ofSeconds(20))),
                daemon("soak-postgres", () -> chaos.restartPostgres(Duration.ofSeconds(pgRestartEvery),
                        Duration.ofSeconds(10))));
        background.forEach(Thread::start);

        long driveStart = System.nanoTime();
        long stopStarting = driveStart + TimeUnit.MINUTES.toNanos(minutes);
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        for (int w = 0; w < workers; w++) {
            Random random = new Random(seed + w);
            pool.submit(() -> {
                SoakSale sale = new SoakSale(cluster, dintero.emulator(), faults, book, stats, random);
                for (int n = next.getAndIncrement(); n < payments && System.nanoTime() < stopStarting;
                        n = next.getAndIncrement()) {
                    try {
                        sale.play(n);
                    } catch (InterruptedException e) {
                        return null;
                    } catch (RuntimeException e) {
                        stats.inc("sale script error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                    if (n % 250 == 0) {
                        System.out.printf("soak: sale %d of %d after %d s%n", n, payments,
                                (System.nanoTime() - driveStart) / 1_000_000_000);
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(minutes + 30, TimeUnit.MINUTES);
        long driveSeconds = (System.nanoTime() - driveStart) / 1_000_000_000;
        for (Thread t : background) {
            t.interrupt();
            t.join();
        }
        chaos.ensureAllUp();
        faults.allOff();

        long settleStart = System.nanoTime();
        List<PaymentInvariants.Result> results = PaymentInvariants.settle(Duration.ofMinutes(settleMinutes), db,
                dintero.emulator(), book);
        long settleSeconds = (System.nanoTime() - settleStart) / 1_000_000_000;
        long ledgerPayments = ((Number) db.rows("SELECT count(*) AS n FROM tillpay_payment").get(0).get("n"))
                .longValue();
        String summary = SoakReport.table(new SoakReport.Run(book.sales(), ledgerPayments,
                dintero.emulator().sessions().size(), cluster.stores().size(), accounts, cluster.size(), workers,
                faults.counts(), chaos.kills(), chaos.pgRestarts(), chaos.log(), driveSeconds, settleSeconds,
                (System.nanoTime() - began) / 1_000_000_000, stats.snapshot(), cluster.balancer().forwardedPerNode(),
                results));
        System.out.println(summary);
        Files.writeString(Path.of("target/soak-summary.md"), summary);
        assertTrue(summary, results.stream().allMatch(PaymentInvariants.Result::holds));
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }
}
