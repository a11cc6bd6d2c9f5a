package org.tillpay.ledger.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

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
}
