package org.tillpay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentMethod;

/**
 * The ledger on PostgreSQL: the distribution is switched from H2 live, as the README says; a sale is then paid and
 * its row and history read straight from PostgreSQL.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostgresLedgerIT extends TillpayTestSupport {

    @Configuration
    public Option[] config() {
        return baseConfig();
    }

    @Test
    public void aSaleIsPaidWithTheLedgerOnPostgres() throws Exception {
        PostgresLedger pg = PostgresLedger.switchTo(services(), configAdmin);
        try {
            PaymentMethod demo = paymentMethod("demo");
            PaymentHandle link = ItSales.start(demo, ItSales.sale("demo", "S-PG-1"));
            ItSales.payAndAwaitAuthorized(emulator(), demo, link, "card");
            String row = pg.query("SELECT status, transaction_id, merchant_reference, amount_minor FROM " + pg.schema()
                    + ".tillpay_payment WHERE payment_id = '" + link.paymentId() + "'", rs -> {
                        try {
                            assertTrue("payment row in PostgreSQL", rs.next());
                            assertNotNull(rs.getString(2));
                            return rs.getString(1) + " " + rs.getString(3) + " " + rs.getLong(4);
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
            assertEquals("AUTHORIZED S-PG-1/1 79700", row);
            int events = pg.query("SELECT count(*) FROM " + pg.schema() + ".tillpay_payment_event WHERE payment_id = '"
                    + link.paymentId() + "'", rs -> {
                        try {
                            rs.next();
                            return rs.getInt(1);
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
            assertEquals("CREATED, LINK_SENT, AUTHORIZED", 3, events);
        } finally {
            pg.dropSchema();
        }
    }
}
