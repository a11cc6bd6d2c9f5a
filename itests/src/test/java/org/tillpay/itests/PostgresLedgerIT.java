package org.tillpay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Properties;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.jdbc.DataSourceFactory;
import org.tillpay.dintero.emulator.DinteroEmulator;
import org.tillpay.ledger.PaymentLedger;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentMethod;

/**
 * The ledger on PostgreSQL (127.0.0.1:5432, database test): the distribution is switched from H2 by installing
 * {@code tillpay-db-postgresql} and replacing the {@code tillpay} datasource configuration, as the README says; a sale
 * is then paid and its row read straight from PostgreSQL.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostgresLedgerIT extends TillpayTestSupport {

    private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    @Configuration
    public Option[] config() {
        return baseConfig();
    }

    @Test
    public void aSaleIsPaidWithTheLedgerOnPostgres() throws Exception {
        FeaturesService features = service(FeaturesService.class, null);
        features.installFeature("tillpay-db-postgresql", java.util.EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        DataSourceFactory pg = awaitService(DataSourceFactory.class, "(osgi.jdbc.driver.class=org.postgresql.Driver)");
        String schema = "tillpay_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(pg, "CREATE SCHEMA " + schema);
        try {
            PaymentLedger h2Ledger = service(PaymentLedger.class, null);
            org.osgi.service.cm.Configuration datasource = configAdmin.listConfigurations("(dataSourceName=tillpay)")[0];
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("osgi.jdbc.driver.class", "org.postgresql.Driver");
            props.put("dataSourceName", "tillpay");
            props.put("url", PG_URL + "?currentSchema=" + schema);
            props.put("user", "postgres");
            props.put("password", "");
            props.put("pool", "dbcp2");
            datasource.update(props);

            eventually(Duration.ofSeconds(30), "the ledger runs on PostgreSQL", () -> {
                PaymentLedger now = service(PaymentLedger.class, null);
                return now != null && now != h2Ledger && tableExists(pg, schema);
            });
            PaymentMethod demo = paymentMethod("demo");
            PaymentHandle link = ItSales.start(demo, ItSales.sale("demo", "S-PG-1"));
            ItSales.payAndAwaitAuthorized(service(DinteroEmulator.class, null), demo, link, "card");

            try (Connection c = connect(pg); PreparedStatement q = c.prepareStatement(
                    "SELECT status, transaction_id, merchant_reference, amount_minor FROM " + schema
                            + ".tillpay_payment WHERE payment_id = ?")) {
                q.setString(1, link.paymentId());
                try (ResultSet rs = q.executeQuery()) {
                    assertTrue("payment row in PostgreSQL", rs.next());
                    assertEquals("AUTHORIZED", rs.getString(1));
                    assertNotNull(rs.getString(2));
                    assertEquals("S-PG-1/1", rs.getString(3));
                    assertEquals(79700, rs.getLong(4));
                }
            }
            try (Connection c = connect(pg); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM " + schema
                            + ".tillpay_payment_event WHERE payment_id = '" + link.paymentId() + "'")) {
                rs.next();
                assertEquals("CREATED, LINK_SENT, AUTHORIZED", 3, rs.getInt(1));
            }
        } finally {
            execute(pg, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private <T> T awaitService(Class<T> type, String filter) {
        Object[] found = new Object[1];
        eventually(Duration.ofSeconds(30), type.getSimpleName() + " " + filter, () -> (found[0] = service(type, filter)) != null);
        return type.cast(found[0]);
    }

    private static Connection connect(DataSourceFactory pg) throws Exception {
        Properties p = new Properties();
        p.put(DataSourceFactory.JDBC_URL, PG_URL);
        p.put(DataSourceFactory.JDBC_USER, "postgres");
        DataSource ds = pg.createDataSource(p);
        return ds.getConnection();
    }

    private static void execute(DataSourceFactory pg, String sql) throws Exception {
        try (Connection c = connect(pg); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static boolean tableExists(DataSourceFactory pg, String schema) {
        try (Connection c = connect(pg); PreparedStatement q = c.prepareStatement(
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
