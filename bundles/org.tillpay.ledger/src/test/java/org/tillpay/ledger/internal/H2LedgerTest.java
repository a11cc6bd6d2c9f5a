package org.tillpay.ledger.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The ledger contract against H2 2.2, in memory. */
class H2LedgerTest extends AbstractLedgerContractTest {

    private static final List<JdbcDataSource> DATABASES = new ArrayList<>();
    private static DataSource classDatabase;

    @BeforeAll
    static void createDatabase() {
        classDatabase = newDatabase();
    }

    @AfterAll
    static void dropDatabases() throws SQLException {
        for (JdbcDataSource ds : DATABASES) {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        }
        DATABASES.clear();
    }

    private static synchronized JdbcDataSource newDatabase() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:ledger_" + UUID.randomUUID().toString().replace("-", "")
                + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000");
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
