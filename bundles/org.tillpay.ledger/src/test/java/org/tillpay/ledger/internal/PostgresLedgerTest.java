package org.tillpay.ledger.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The ledger contract against PostgreSQL at 127.0.0.1:5432, database {@code test}, user {@code postgres} (trust
 * authentication). Each class and each fresh database is a new schema {@code tillpay_it_<random>}, dropped afterwards.
 * Fails, rather than skips, when PostgreSQL is not running.
 */
class PostgresLedgerTest extends AbstractLedgerContractTest {

    private static final List<String> SCHEMAS = new ArrayList<>();
    private static DataSource classDatabase;

    @BeforeAll
    static void createSchema() throws SQLException {
        try (Connection c = connect(null)) {
            c.isValid(5);
        } catch (SQLException e) {
            fail("PostgreSQL at 127.0.0.1:5432 not reachable: start it with pg_ctlcluster --skip-systemctl-redirect"
                    + " <version> main start (" + e.getMessage() + ")", e);
        }
        classDatabase = newSchema();
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        try (Connection c = connect(null); Statement s = c.createStatement()) {
            for (String schema : SCHEMAS) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
        SCHEMAS.clear();
    }

    private static PGSimpleDataSource dataSource(String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {5432});
        ds.setDatabaseName("test");
        ds.setUser("postgres");
        ds.setConnectTimeout(5);
        if (schema != null) {
            ds.setCurrentSchema(schema);
        }
        return ds;
    }

    private static Connection connect(String schema) throws SQLException {
        return dataSource(schema).getConnection();
    }

    private static synchronized DataSource newSchema() throws SQLException {
        String schema = "tillpay_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = connect(null); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        SCHEMAS.add(schema);
        return dataSource(schema);
    }

    @Override
    DataSource dataSource() {
        return classDatabase;
    }

    @Override
    DataSource freshDatabase() throws SQLException {
        return newSchema();
    }
}
