package org.tillpay.itests;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The soak's outages: a node of the cluster killed (kill -9) and restarted after a while, the nodes in turn; and the
 * soak's own PostgreSQL stopped the hard way ({@code -m immediate}, crash recovery on start) and started again. Each
 * runs on its own thread until interrupted, and is counted.
 */
final class SoakChaos {

    private final TillpayCluster cluster;
    private final OwnPostgres postgres;
    private final AtomicInteger kills = new AtomicInteger();
    private final AtomicInteger pgRestarts = new AtomicInteger();
    private final List<String> log = new CopyOnWriteArrayList<>();

    SoakChaos(TillpayCluster cluster, OwnPostgres postgres) {
        this.cluster = cluster;
        this.postgres = postgres;
    }

    /**
     * Every {@code every}, kills the next node, leaves it down for {@code down} and starts it again (waiting until it
     * lists its stores). Returns when interrupted, with every node up.
     */
    void killNodes(Duration every, Duration down) {
        for (int i = 0; sleep(every); i++) {
            int node = i % cluster.size();
            long at = System.nanoTime();
            cluster.kill(node);
            kills.incrementAndGet();
            boolean stopped = !sleep(down) && Thread.interrupted(); // start it again in any case
            restart(node, at);
            if (stopped) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void restart(int node, long killedAt) {
        try {
            long start = System.nanoTime();
            cluster.start(node, Duration.ofMinutes(5));
            log.add("node " + (node + 1) + " killed, up again after " + (System.nanoTime() - killedAt) / 1_000_000_000
                    + " s (start took " + (System.nanoTime() - start) / 1_000_000_000 + " s)");
        } catch (Exception | AssertionError e) {
            log.add("node " + (node + 1) + " did not come back: " + e.getMessage().lines().findFirst().orElse(""));
            cluster.kill(node); // whatever was started, so that the next start begins clean
        }
    }

    /** Every {@code every}, crashes PostgreSQL, leaves it down for {@code down} and starts it. Until interrupted. */
    void restartPostgres(Duration every, Duration down) {
        while (sleep(every)) {
            boolean stopped = false;
            try {
                postgres.crash();
                pgRestarts.incrementAndGet();
                stopped = !sleep(down) && Thread.interrupted(); // start it again in any case
            } catch (Exception e) {
                log.add("PostgreSQL stop failed: " + e);
            }
            startPostgres();
            if (stopped) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void startPostgres() {
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                postgres.start();
                return;
            } catch (Exception e) {
                log.add("PostgreSQL start failed (attempt " + (attempt + 1) + "): " + e.getMessage());
            }
        }
    }

    /** Starts every node that is down (after the chaos threads were stopped). */
    void ensureAllUp() {
        for (int i = 0; i < cluster.size(); i++) {
            for (int attempt = 0; attempt < 3 && !cluster.isUp(i); attempt++) {
                restart(i, System.nanoTime());
            }
        }
    }

    int kills() {
        return kills.get();
    }

    int pgRestarts() {
        return pgRestarts.get();
    }

    /** @return what happened at each outage */
    List<String> log() {
        return List.copyOf(log);
    }

    /** @return false when interrupted (the chaos is over) */
    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
