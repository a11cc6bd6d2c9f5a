package org.tillpay.itests;

import org.junit.Before;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Every payment-link test of {@link PaymentLinkOptionsIT}, with the ledger on PostgreSQL instead of H2. The schema
 * stays until the next switch drops it: Pax Exam runs {@code @AfterClass} around each single test method.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PaymentLinkOptionsPostgresIT extends PaymentLinkOptionsIT {

    private static PostgresLedger postgres;

    @Before
    public void onPostgres() throws Exception {
        if (postgres == null) {
            postgres = PostgresLedger.switchTo(services(), configAdmin);
            paymentMethod("delta");
        }
    }
}
