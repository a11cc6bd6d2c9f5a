package org.tillpay.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.commons.dbcp2.BasicDataSource;
import org.tillpay.ledger.internal.JdbcPaymentLedger;
import org.tillpay.ledger.internal.JdbcSettlementStore;
import org.tillpay.ledger.settlement.ReconciliationLine.Outcome;
import org.tillpay.ledger.settlement.Settlement;
import org.tillpay.ledger.settlement.SettlementLine;

/**
 * Reconciliation at scale (issue 5): N settled lines against N captured sales, on the embedded H2 file database and,
 * when it answers, the local PostgreSQL. The data is generated straight into the tables (payments by JDBC batch,
 * settlements through {@code SettlementStore.store}), then {@code reconcile} is timed with a counting sink, in a JVM
 * with a 1 GiB heap. Of the sales, 98 % are settled for what the POS took, 1 % are settled for 1.00 less (mismatch)
 * and 1 % are not settled; a further 1 % of lines belong to no sale. The run fails when any count is wrong.
 */
public final class ReconciliationBench {

    private static final String STORE = "bench-rec";
    private static final String ACCOUNT = "T99999999";
    private static final int LINES_PER_SETTLEMENT = 100_000;

    private ReconciliationBench() {
    }

    /** @param args none; {@code -Dbench.rows}, {@code -Dbench.dir} */
    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("bench.rows", 1_000_000);
        Path dir = Path.of(System.getProperty("bench.dir", "target"));
        List<String> report = new ArrayList<>();
        report.add("### Reconciliation: " + String.format(Locale.ROOT, "%,d", rows) + " sales against their settlement"
                + " lines (heap max " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, "
                + Runtime.getRuntime().availableProcessors() + " CPUs)\n");
        report.add("| database | load (s) | reconcile (s) | lines/s | peak heap during reconcile (MB) | matched | mismatch"
                + " | not yet settled | unknown to POS |");
        report.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        boolean failed = false;
        // -Dbench.reconcile.databases=postgresql runs one of the two only
        String databases = System.getProperty("bench.reconcile.databases", "h2,postgresql");
        if (databases.contains("h2")) {
            Path h2 = dir.resolve("reconciliation-h2");
            BenchRig.deleteTree(h2);
            failed |= runOrReport("H2 (file)", h2DataSource(h2), rows, report);
        }
        BasicDataSource pg = databases.contains("postgresql") ? postgres() : null;
        if (!databases.contains("postgresql")) {
            report.add("| PostgreSQL | not asked for (bench.reconcile.databases) | | | | | | | |");
        } else if (pg != null) {
            failed |= runOrReport("PostgreSQL (local)", pg, rows, report);
            dropSchema(pg);
        } else {
            report.add("| PostgreSQL | not reachable at 127.0.0.1:5432; skipped | | | | | | | |");
        }
        String text = String.join("\n", report) + "\n";
        System.out.print(text);
        Files.writeString(dir.resolve("reconciliation-results.md"), text, StandardCharsets.UTF_8);
        if (failed) {
            System.exit(1);
        }
    }

    private static boolean run(String name, BasicDataSource ds, int rows, List<String> report) throws Exception {
        try {
            new JdbcPaymentLedger(ds);
            JdbcSettlementStore store = new JdbcSettlementStore(ds);
            long t0 = System.nanoTime();
            insertSales(ds, rows);
            int settlements = 0;
            for (int from = 0; from < rows + rows / 100; from += LINES_PER_SETTLEMENT) {
                int to = Math.min(rows + rows / 100, from + LINES_PER_SETTLEMENT);
                store.store(settlement(settlements++), lines(settlements - 1, from, to, rows));
            }
            double load = (System.nanoTime() - t0) / 1e9;
            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
            long t1 = System.nanoTime();
            store.reconcile(ACCOUNT, STORE, null, null, line -> counts.merge(line.outcome(), 1, Integer::sum));
            double seconds = (System.nanoTime() - t1) / 1e9;
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
            int matched = counts.getOrDefault(Outcome.MATCHED, 0);
            int mismatch = counts.getOrDefault(Outcome.AMOUNT_MISMATCH, 0);
            int unsettled = counts.getOrDefault(Outcome.NOT_YET_SETTLED, 0);
            int unknown = counts.getOrDefault(Outcome.UNKNOWN_TO_POS, 0);
            boolean right = matched == rows - 2 * (rows / 100) && mismatch == rows / 100 && unsettled == rows / 100
                    && unknown == rows / 100;
            report.add(String.format(Locale.ROOT, "| %s | %.1f | %.2f | %,.0f | %d | %,d | %,d | %,d | %,d |%s", name,
                    load, seconds, (rows + rows / 100) / seconds, peak, matched, mismatch, unsettled, unknown,
                    right ? "" : " **WRONG COUNTS**"));
            return !right;
        } finally {
            ds.close();
        }
    }

    /** Sales 0..rows-1 with transaction ids, each captured 100.00 + (i mod 5000) øre. */
    private static void insertSales(DataSource ds, int rows) throws SQLException {
        OffsetDateTime at = OffsetDateTime.of(2026, 11, 2, 10, 0, 0, 0, ZoneOffset.UTC);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO tillpay_payment"
                + " (payment_id, store_id, method_id, sale_reference, merchant_reference, currency, amount_minor,"
                + " vat_amount_minor, status, transaction_id, payment_product, created_at, updated_at, expires_at,"
                + " version, captured_minor) VALUES (?, ?, 'dintero', ?, ?, 'NOK', ?, 0, 'CAPTURED', ?, 'vipps', ?, ?,"
                + " ?, 1, ?)")) {
            c.setAutoCommit(false);
            for (int i = 0; i < rows; i++) {
                long amount = amount(i);
                ps.setString(1, UUID.randomUUID().toString());
                ps.setString(2, STORE);
                ps.setString(3, "S-" + i);
                ps.setString(4, "S-" + i + "/1");
                ps.setLong(5, amount);
                ps.setString(6, transactionId(i));
                ps.setObject(7, at);
                ps.setObject(8, at);
                ps.setObject(9, at.plusDays(1));
                ps.setLong(10, amount);
                ps.addBatch();
                if (i % 10_000 == 9_999) {
                    ps.executeBatch();
                    c.commit();
                }
            }
            ps.executeBatch();
            c.commit();
        }
    }

    private static Settlement settlement(int n) {
        return new Settlement("bench-settlement-" + n, ACCOUNT, null, "vipps", "VIPPS-" + n, "paid", "NOK", 0, 0, 0, 0,
                LocalDate.of(2026, 11, 20), null, null, Instant.parse("2026-11-20T06:00:00Z"));
    }

    /**
     * Lines from..to-1: line i &lt; rows settles sale i (the last 1 % of sales are left unsettled and take no line;
     * the 1 % before them are settled 1.00 short); lines from rows on belong to no sale.
     */
    private static Iterator<SettlementLine> lines(int settlement, int from, int to, int rows) {
        return new Iterator<>() {
            private int i = from;
            private int lineNo;

            @Override
            public boolean hasNext() {
                skipUnsettled();
                return i < to;
            }

            private void skipUnsettled() {
                while (i < to && i < rows && i >= rows - rows / 100) {
                    i++;
                }
            }

            @Override
            public SettlementLine next() {
                skipUnsettled();
                int n = i++;
                boolean known = n < rows;
                long amount = known ? amount(n) - (n >= rows - 2 * (rows / 100) ? 100 : 0) : 12345;
                return new SettlementLine("bench-settlement-" + settlement, lineNo++,
                        known ? transactionId(n) : "T99999999.unknown" + n, known ? "S-" + n + "/1" : null,
                        known ? STORE : null, "vipps", "CAPTURE", amount, amount / 100, "NOK",
                        Instant.parse("2026-11-02T10:00:00Z"));
            }
        };
    }

    private static long amount(int i) {
        return 10_000 + i % 5_000;
    }

    private static String transactionId(int i) {
        return String.format(Locale.ROOT, "T99999999.%09d", i);
    }

    private static BasicDataSource h2DataSource(Path dir) {
        BasicDataSource ds = new BasicDataSource();
        ds.setUrl("jdbc:h2:file:" + dir.toAbsolutePath() + "/ledger;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64;OPTIMIZE_REUSE_RESULTS=FALSE");
        ds.setUsername("sa");
        ds.setPassword("");
        ds.setMaxTotal(4);
        return ds;
    }

    private static final String PG_SCHEMA = "tillpay_bench_" + Long.toHexString(System.nanoTime());

    /**
     * Runs one database; an exception (the H2 reconcile once failed with "Chunk not found" under load) becomes a failed
     * row, so that the other database is still measured.
     *
     * @return true when it failed
     */
    private static boolean runOrReport(String name, BasicDataSource ds, int rows, List<String> report) {
        try {
            return run(name, ds, rows, report);
        } catch (Exception e) {
            e.printStackTrace();
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            report.add("| " + name + " | **failed**: " + root + " | | | | | | | |");
            return true;
        }
    }

    /** @return a data source on a fresh schema of the local PostgreSQL, or null when it does not answer */
    private static BasicDataSource postgres() {
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres",
                ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + PG_SCHEMA);
        } catch (SQLException e) {
            return null;
        }
        BasicDataSource ds = new BasicDataSource();
        ds.setUrl("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + PG_SCHEMA);
        ds.setUsername("postgres");
        ds.setPassword("");
        ds.setMaxTotal(4);
        return ds;
    }

    private static void dropSchema(BasicDataSource closed) throws IOException {
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres",
                ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + PG_SCHEMA + " CASCADE");
        } catch (SQLException e) {
            throw new IOException("could not drop schema " + PG_SCHEMA, e);
        }
    }
}
