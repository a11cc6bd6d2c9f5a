package org.tillpay.itests;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import org.apache.karaf.features.FeaturesService;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.jdbc.DataSourceFactory;
import org.tillpay.ledger.PaymentLedger;

/**
 * Switches a running distribution's ledger from H2 to the PostgreSQL on this machine (127.0.0.1:5432, database
 * {@code test}) the way the README says: install {@code tillpay-db-postgresql} and replace the {@code tillpay}
 * datasource configuration. Each switch uses a fresh schema, dropped by {@link #dropSchema()}.
 */
final class PostgresLedger {

    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private final DataSourceFactory driver;
    /** {@code tillpay_itx_<epoch seconds>_<random>}: the time lets a later run drop what an earlier one left. */
    private final String schema = "tillpay_itx_" + java.time.Instant.now().getEpochSecond() + "_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    private PostgresLedger(DataSourceFactory driver) {
        this.driver = driver;
    }

    /**
     * @param services looks a service up by type and filter, waiting for it
     * @param configAdmin the container's ConfigurationAdmin
     * @return the switched ledger's schema handle
     */
    static PostgresLedger switchTo(ServiceLookup services, ConfigurationAdmin configAdmin) throws Exception {
        services.get(FeaturesService.class, null).installFeature("tillpay-db-postgresql",
                EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        PostgresLedger pg = new PostgresLedger(services.get(DataSourceFactory.class,
                "(osgi.jdbc.driver.class=org.postgresql.Driver)"));
        pg.dropLeftovers();
        pg.execute("CREATE SCHEMA " + pg.schema);
        PaymentLedger h2Ledger = services.get(PaymentLedger.class, null);
        Configuration datasource = configAdmin.listConfigurations("(dataSourceName=tillpay)")[0];
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("osgi.jdbc.driver.class", "org.postgresql.Driver");
        props.put("dataSourceName", "tillpay");
        props.put("url", URL + "?currentSchema=" + pg.schema);
        props.put("user", "postgres");
        props.put("password", "");
        props.put("pool", "dbcp2");
        datasource.update(props);
        TillpayTestSupport.eventually(Duration.ofSeconds(60), "the ledger runs on PostgreSQL", () -> {
            PaymentLedger now = services.find(PaymentLedger.class, null);
            return now != null && now != h2Ledger && pg.tableExists();
        });
        return pg;
    }

    /** Looks services up in the container. */
    interface ServiceLookup {
        /** @return the service, waiting for it */
        <T> T get(Class<T> type, String filter);

        /** @return the service, or null now */
        <T> T find(Class<T> type, String filter);
    }

    String schema() {
        return schema;
    }

    <T> T query(String sql, Function<ResultSet, T> reader) throws Exception {
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement(sql); ResultSet rs = q.executeQuery()) {
            return reader.apply(rs);
        }
    }

    /** Drops the schemas earlier IT runs left behind (those older than ten minutes). */
    private void dropLeftovers() throws Exception {
        java.util.List<String> old = new java.util.ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT n.nspname FROM pg_namespace n WHERE n.nspname LIKE 'tillpay_itx_%'"
                        + " AND to_timestamp(split_part(n.nspname, '_', 3)::bigint) < now() - interval '10 minutes'")) {
            while (rs.next()) {
                old.add(rs.getString(1));
            }
        }
        for (String name : old) {
            execute("DROP SCHEMA " + name + " CASCADE");
        }
    }

    void dropSchema() throws Exception {
        execute("DROP SCHEMA " + schema + " CASCADE");
    }

    Connection connect() throws Exception {
        Properties p = new Properties();
        p.put(DataSourceFactory.JDBC_URL, URL);
        p.put(DataSourceFactory.JDBC_USER, "postgres");
        DataSource ds = driver.createDataSource(p);
        return ds.getConnection();
    }

    private void execute(String sql) throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private boolean tableExists() {
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement(
                "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = 'tillpay_payment'")) {
            q.setString(1, schema);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        } catch (Exception e) {
            return false;
        }
    }
}
