package org.tillpay.itests;

import org.junit.Before;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Every report test of {@link SettlementReportsIT}, with the ledger on PostgreSQL instead of H2. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SettlementReportsPostgresIT extends SettlementReportsIT {

    private static PostgresLedger postgres;

    @Before
    public void onPostgres() throws Exception {
        if (postgres == null) {
            postgres = PostgresLedger.switchTo(services(), configAdmin);
            paymentMethod("chi");
        }
    }
}
