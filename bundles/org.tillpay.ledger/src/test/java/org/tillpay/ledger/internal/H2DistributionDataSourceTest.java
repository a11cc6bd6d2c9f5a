package org.tillpay.ledger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tillpay.ledger.OperationRefusedException;
import org.tillpay.payment.api.OperationKind;
import org.tillpay.payment.api.OperationState;
import org.tillpay.payment.api.PaymentStatus;

/**
 * Reads after a commit on H2 as the distribution has it: dbcp2 over an H2 file database with the URL and pool sizes of
 * {@code features/src/main/cfg/datasource-h2.cfg} (pax-jdbc-pool-dbcp2 keeps the same pooled connections, and each H2
 * connection keeps its parsed statements with their last results).
 * <p>
 * H2 2.2.224 may answer a repeated query from the result it kept on that connection although another connection
 * committed a change since (h2database issue 3894, fixed in 2.3.232): a read that started before another session's
 * commit was kept as if it were newer. The distribution's URL turns that reuse off ({@code OPTIMIZE_REUSE_RESULTS});
 * the ledger's guards decide on reads H2 never answers from before their own row lock, with or without it.
 */
class H2DistributionDataSourceTest {

    private static final Path DISTRIBUTION_CONFIG = Path.of("..", "..", "features", "src", "main", "cfg",
            "datasource-h2.cfg");
    private static final int COMMITS = 300;
    private static final int READERS = 4;

    @TempDir
    Path karafData;

    @Test
    void everyReadAfterACommitSeesItOnTheDistributionsDataSource() throws Exception {
        try (BasicDataSource ds = distributionDataSource(distributionUrl())) {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE probe (id varchar(8) PRIMARY KEY, v bigint NOT NULL)");
                s.execute("INSERT INTO probe VALUES ('p', 0)");
            }
            AtomicLong committed = new AtomicLong();
            AtomicLong stale = new AtomicLong();
            AtomicBoolean done = new AtomicBoolean();
            List<Callable<Void>> tasks = new ArrayList<>();
            tasks.add(() -> {
                try {
                    for (long k = 1; k <= COMMITS; k++) {
                        long value = k;
                        Jdbc.inTransaction(ds, c -> execute(c, "UPDATE probe SET v = " + value + " WHERE id = 'p'"));
                        committed.set(k);
                    }
                } finally {
                    done.set(true);
                }
                return null;
            });
            for (int i = 0; i < READERS; i++) {
                tasks.add(() -> {
                    while (!done.get()) {
                        long before = committed.get();
                        try (Connection c = ds.getConnection();
                                PreparedStatement ps = c.prepareStatement("SELECT v FROM probe WHERE id = ?")) {
                            ps.setString(1, "p");
                            try (ResultSet rs = ps.executeQuery()) {
                                assertTrue(rs.next());
                                if (rs.getLong(1) < before) {
                                    stale.incrementAndGet();
                                }
                            }
                        }
                    }
                    return null;
                });
            }
            LedgerTestSupport.runTogether(tasks);
            assertEquals(0, stale.get(), "reads that missed a commit which had returned before they started");
        }
    }

    /**
     * The itest's sequence many times over: a void settled (the payment CANCELLED) while other threads read the
     * payment, then captures from several connections at once. Every capture must be refused, on a database that
     * reuses query results as H2 does by default.
     */
    @Test
    void noCaptureBeginsAfterTheVoidCommittedEvenWhereH2ReusesResults() throws Exception {
        String reusing = distributionUrl().replace(";OPTIMIZE_REUSE_RESULTS=FALSE", "");
        try (BasicDataSource ds = distributionDataSource(reusing)) {
            Fixture f = new Fixture(ds);
            int begun = 0;
            for (int round = 0; round < 60; round++) {
                String local = "p" + round;
                f.paid(local);
                AtomicBoolean settled = new AtomicBoolean();
                List<Callable<Void>> tasks = new ArrayList<>();
                tasks.add(() -> {
                    try {
                        f.ledger.beginOperation(f.operation(local, local + "-void", OperationKind.VOID, null, 0));
                        f.ledger.settleOperation(f.settlement(local + "-void", OperationState.SUCCEEDED,
                                PaymentStatus.CANCELLED));
                    } finally {
                        settled.set(true);
                    }
                    return null;
                });
                for (int i = 0; i < READERS; i++) {
                    tasks.add(() -> {
                        while (!settled.get()) {
                            f.ledger.find(f.id(local));
                        }
                        return null;
                    });
                }
                LedgerTestSupport.runTogether(tasks);
                List<Callable<Boolean>> captures = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    String receipt = "R-" + i;
                    captures.add(() -> {
                        try {
                            f.ledger.beginOperation(f.operation(local, local + "-cap-" + receipt,
                                    OperationKind.CAPTURE, receipt, 1000));
                            return true;
                        } catch (OperationRefusedException refused) {
                            return false;
                        }
                    });
                }
                begun += (int) LedgerTestSupport.runTogether(captures).stream().filter(b -> b).count();
            }
            assertEquals(0, begun, "captures recorded PENDING on cancelled payments");
        }
    }

    private static Void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
        return null;
    }

    private String distributionUrl() throws IOException {
        return distributionConfig().getProperty("url").replace("${karaf.data}", karafData.toString());
    }

    private static Properties distributionConfig() throws IOException {
        Properties config = new Properties();
        try (Reader in = Files.newBufferedReader(DISTRIBUTION_CONFIG)) {
            config.load(in);
        }
        return config;
    }

    /** A dbcp2 pool as pax-jdbc-pool-dbcp2 makes it from the configuration: dbcp2's defaults and its pool sizes. */
    private static BasicDataSource distributionDataSource(String url) throws IOException {
        Properties config = distributionConfig();
        BasicDataSource ds = new BasicDataSource();
        ds.setDriverClassName(config.getProperty("osgi.jdbc.driver.class"));
        ds.setUrl(url);
        ds.setUsername(config.getProperty("user"));
        ds.setPassword(config.getProperty("password"));
        ds.setMaxTotal(Integer.parseInt(config.getProperty("jdbc.pool.maxTotal")));
        ds.setMaxIdle(Integer.parseInt(config.getProperty("jdbc.pool.maxIdle")));
        return ds;
    }

    /** The contract tests' builders over the given database. */
    private static final class Fixture extends LedgerTestSupport {

        private final BasicDataSource ds;

        Fixture(BasicDataSource ds) {
            this.ds = ds;
            newLedgerAndStore();
        }

        @Override
        javax.sql.DataSource dataSource() {
            return ds;
        }

        @Override
        javax.sql.DataSource freshDatabase() {
            throw new UnsupportedOperationException();
        }
    }
}
