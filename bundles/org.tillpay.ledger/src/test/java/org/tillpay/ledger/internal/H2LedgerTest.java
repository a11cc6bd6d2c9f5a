package org.tillpay.ledger.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tillpay.payment.api.OperationKind;
import org.tillpay.payment.api.PaymentStatus;

/** The ledger contract against H2 2.2, in memory. */
class H2LedgerTest extends AbstractLedgerContractTest {

    private static final List<JdbcConnectionPool> DATABASES = new ArrayList<>();
    private static DataSource classDatabase;

    @BeforeAll
    static void createDatabase() {
        classDatabase = newDatabase();
    }

    @AfterAll
    static void dropDatabases() throws SQLException {
        for (JdbcConnectionPool ds : DATABASES) {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
            ds.dispose();
        }
        DATABASES.clear();
    }

    /**
     * A database as the distribution has it: pooled connections (each keeps its parsed statements, as dbcp2's do in
     * Karaf) and the distribution's {@code QUERY_CACHE_SIZE} and {@code OPTIMIZE_REUSE_RESULTS=FALSE}.
     */
    private static synchronized JdbcConnectionPool newDatabase() {
        JdbcConnectionPool ds = JdbcConnectionPool.create("jdbc:h2:mem:ledger_"
                + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000"
                + ";QUERY_CACHE_SIZE=64;OPTIMIZE_REUSE_RESULTS=FALSE", "sa", "");
        ds.setMaxConnections(16);
        DATABASES.add(ds);
        return ds;
    }

    @Override
    DataSource dataSource() {
        return classDatabase;
    }

    @Override
    DataSource freshDatabase() {
        return newDatabase();
    }

    /**
     * The duplicate checks a status change and an operation's settlement make look their event up in the unique
     * index, whatever the ledger's size: H2's own count of rows read ({@code EXPLAIN ANALYZE}) stays at a handful.
     * With {@code payment_id IN (SELECT ...)} H2 read the whole index every time.
     */
    @Test
    void theDuplicateEventChecksReadAHandfulOfRowsHoweverBigTheLedger() throws SQLException {
        for (int i = 0; i < 200; i++) {
            ledger.create(payment("p" + i, "ref-" + i, T0));
            ledger.transition(update("p" + i, PaymentStatus.AUTHORIZED, "T-" + i, "visa", "ev-" + i,
                    T0.plusSeconds(1)));
            done("p" + i, "op-" + i, OperationKind.CAPTURE, "R-" + i, 12000, PaymentStatus.CAPTURED);
        }
        assertTrue(rowsRead(PaymentRows.HAS_EVENT, id("p77"), id("p77"), "ev-77") <= 10);
        assertTrue(rowsRead(OperationRows.HAS_PROVIDER_EVENT, id("p77"), id("p77"), "ev-op-77") <= 10);
    }

    /** @return the largest of H2's {@code scanCount}s in the query's analysed plan */
    private int rowsRead(String query, String... parameters) throws SQLException {
        try (Connection c = dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("EXPLAIN ANALYZE " + query)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Matcher scans = Pattern.compile("scanCount: (\\d+)").matcher(rs.getString(1));
                int most = -1;
                while (scans.find()) {
                    most = Math.max(most, Integer.parseInt(scans.group(1)));
                }
                assertTrue(most >= 0, "no scanCount in the plan of " + query);
                return most;
            }
        }
    }
}
