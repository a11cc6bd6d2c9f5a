package org.tillpay.ledger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tillpay.ledger.settlement.ReconciliationLine.Outcome.AMOUNT_MISMATCH;
import static org.tillpay.ledger.settlement.ReconciliationLine.Outcome.MATCHED;
import static org.tillpay.ledger.settlement.ReconciliationLine.Outcome.NOT_YET_SETTLED;
import static org.tillpay.ledger.settlement.ReconciliationLine.Outcome.UNKNOWN_TO_POS;
import static org.tillpay.payment.api.OperationKind.CAPTURE;
import static org.tillpay.payment.api.OperationKind.REFUND;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tillpay.ledger.settlement.ReconciliationLine;
import org.tillpay.ledger.settlement.SettlementLine;
import org.tillpay.payment.api.PaymentStatus;

/** Schema version 4 of the ledger's contract: the reconciliation of a store's sales against its settlements. */
abstract class AbstractSettlementReconciliationTest extends AbstractSettlementStoreTest {

    static final LocalDate MARCH_1 = LocalDate.of(2025, 3, 1);
    static final LocalDate MARCH_31 = LocalDate.of(2025, 3, 31);

    /**
     * Records sale {@code localId} of 12,000 created at {@code createdAt}, with transaction {@code T-<localId>},
     * and captures and refunds what is given through the ledger's operations.
     */
    void sale(String localId, Instant createdAt, long captured, long refunded) {
        soldAt.put(localId, createdAt);
        ledger.create(payment(localId, "ref-" + localId, createdAt));
        ledger.transition(update(localId, PaymentStatus.AUTHORIZED, "T-" + localId, "visa", null,
                createdAt.plusSeconds(1)));
        if (captured > 0) {
            done(localId, localId + "-cap", CAPTURE, "RCPT-" + localId, captured,
                    captured == 12000 ? PaymentStatus.CAPTURED : PaymentStatus.PARTIALLY_CAPTURED);
        }
        if (refunded > 0) {
            done(localId, localId + "-ref", REFUND, "RET-" + localId, refunded,
                    refunded == captured ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED);
        }
    }

    void payout(String localId, LocalDate settledAt, SettlementLine... lines) {
        assertTrue(settlements.store(settlement(localId, "vipps", "paid", settledAt, 0, 0, 0),
                List.of(lines).iterator()));
    }

    List<ReconciliationLine> reconcile(LocalDate from, LocalDate to) {
        List<ReconciliationLine> lines = new ArrayList<>();
        settlements.reconcile(account, store, from, to, lines::add);
        return lines;
    }

    ReconciliationLine expected(ReconciliationLine.Outcome outcome, String localId, long posNet, long settledNet,
            long fee, String... settlementIds) {
        boolean known = outcome != UNKNOWN_TO_POS;
        boolean settled = outcome != NOT_YET_SETTLED;
        return new ReconciliationLine(outcome, "T-" + localId, store, known ? "sale-" + id(localId) : null,
                known ? "ref-" + localId : "mref-T-" + localId, settled ? "vipps" : "visa", "NOK", posNet, settledNet,
                fee, List.of(settlementIds).stream().map(this::id).toList(), known ? soldAt.get(localId) : null);
    }

    /** When each of the test's sales was made, by local id. */
    private final java.util.Map<String, Instant> soldAt = new java.util.HashMap<>();

    @Test
    void everyOutcomeOnceInTransactionIdOrder() {
        Instant march = T0.plusSeconds(86400);
        sale("p1", march, 12000, 0);
        sale("p2", march, 12000, 4000);
        sale("p3", march, 12000, 0);
        sale("p4", march, 12000, 0);
        sale("p5", march, 0, 0);
        String mine = store;
        store = mine + "-x";
        sale("p6", march, 12000, 0);
        store = mine;
        payout("s2", LocalDate.of(2025, 3, 20), line("s2", 0, "T-p2", "REFUND", 4000, 0),
                line("s2", 1, "T-p1", "CAPTURE", 2000, 50), lineOf("s2", 2, "T-p0", null, "CAPTURE", 700, 7),
                lineOf("s2", 3, "T-p6", mine + "-x", "CAPTURE", 12000, 300),
                lineOf("s2", 4, "T-p9", "elsewhere", "CAPTURE", 12000, 300));
        payout("s1", LocalDate.of(2025, 3, 10), line("s1", 0, "T-p1", "CAPTURE", 10000, 250),
                line("s1", 1, "T-p2", "CAPTURE", 12000, 300), line("s1", 2, "T-p3", "CAPTURE", 5000, 125));
        String other = account;
        account = "other-" + other;
        payout("s9", LocalDate.of(2025, 3, 10), line("s9", 0, "T-p4", "CAPTURE", 12000, 300));
        account = other;

        assertEquals(List.of(
                new ReconciliationLine(UNKNOWN_TO_POS, "T-p0", null, null, "mref-T-p0", "vipps", "NOK", 0, 700, 7,
                        List.of(id("s2"))),
                expected(MATCHED, "p1", 12000, 12000, 300, "s1", "s2"),
                expected(MATCHED, "p2", 8000, 8000, 300, "s1", "s2"),
                expected(AMOUNT_MISMATCH, "p3", 12000, 5000, 125, "s1"),
                expected(NOT_YET_SETTLED, "p4", 12000, 0, 0)), reconcile(null, null));
    }

    @Test
    void thePeriodLimitsSalesByCreationAndSettlementsByPayoutDate() {
        Instant march1 = MARCH_1.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant april1 = LocalDate.of(2025, 4, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        sale("feb", march1.minusMillis(1), 12000, 0);
        sale("first", march1, 12000, 0);
        sale("last", april1.minusMillis(1), 12000, 0);
        sale("apr", april1, 12000, 0);
        payout("s-feb", LocalDate.of(2025, 2, 28), line("s-feb", 0, "T-feb", "CAPTURE", 12000, 300));
        payout("s-mar", MARCH_1, line("s-mar", 0, "T-first", "CAPTURE", 12000, 300));
        payout("s-end", MARCH_31, line("s-end", 0, "T-apr", "CAPTURE", 12000, 300));
        payout("s-apr", LocalDate.of(2025, 4, 1), line("s-apr", 0, "T-last", "CAPTURE", 12000, 300));

        assertEquals(List.of(
                expected(UNKNOWN_TO_POS, "apr", 0, 12000, 300, "s-end"),
                expected(MATCHED, "first", 12000, 12000, 300, "s-mar"),
                expected(NOT_YET_SETTLED, "last", 12000, 0, 0)), reconcile(MARCH_1, MARCH_31));
        assertEquals(List.of("T-apr", "T-feb", "T-first", "T-last"),
                reconcile(null, null).stream().map(ReconciliationLine::transactionId).toList());
        assertTrue(reconcile(null, null).stream().allMatch(l -> l.outcome() == MATCHED));
        assertEquals(List.of("T-apr", "T-last"), reconcile(LocalDate.of(2025, 4, 1), null).stream()
                .map(ReconciliationLine::transactionId).toList());
        assertEquals(List.of("T-feb"), reconcile(null, LocalDate.of(2025, 2, 28)).stream()
                .map(ReconciliationLine::transactionId).toList());
    }

    @Test
    void theLinesOfATransactionWithAndWithoutTheStoreAreSummedInPayoutOrder() {
        sale("q3", T0.plusSeconds(86400), 12000, 0);
        payout("s-b", LocalDate.of(2025, 3, 20), lineOf("s-b", 0, "T-q1", null, "CAPTURE", 5000, 100),
                lineOf("s-b", 1, "T-q3", null, "CAPTURE", 12000, 300));
        payout("s-a", LocalDate.of(2025, 3, 20), line("s-a", 0, "T-q1", "CAPTURE", 4000, 80),
                line("s-a", 1, "T-q1", "REFUND", 1000, 0), lineOf("s-a", 2, "T-q2", null, "CAPTURE", 3000, 60));
        payout("s-0", LocalDate.of(2025, 3, 10), lineOf("s-0", 0, "T-q1", null, "CAPTURE", 2000, 40),
                line("s-0", 1, "T-q2", "CAPTURE", 3000, 60));

        List<ReconciliationLine> expected = List.of(
                new ReconciliationLine(UNKNOWN_TO_POS, "T-q1", null, null, "mref-T-q1", "vipps", "NOK", 0, 10000, 220,
                        List.of(id("s-0"), id("s-a"), id("s-b"))),
                new ReconciliationLine(UNKNOWN_TO_POS, "T-q2", store, null, "mref-T-q2", "vipps", "NOK", 0, 6000, 120,
                        List.of(id("s-0"), id("s-a"))),
                expected(MATCHED, "q3", 12000, 12000, 300, "s-b"));
        assertEquals(expected, reconcile(null, null), "the whole history");
        assertEquals(expected, reconcile(MARCH_1, MARCH_31), "a period");
    }

    @Test
    void manyTransactionsAcrossManyFetchesMergeInOneOrder() {
        List<ReconciliationLine> expected = new ArrayList<>();
        List<SettlementLine> lines = new ArrayList<>();
        String[] ids = {"A", "B", "a", "b", "Z9", "_", "0", "a0", "aB", "ab"};
        for (int i = 0; i < ids.length; i++) {
            String local = ids[i];
            boolean onTill = i % 3 != 2;
            boolean inPayout = i % 3 != 1;
            if (onTill) {
                sale(local, T0, 12000, i % 2 == 0 ? 0 : 1000);
            }
            if (inPayout) {
                lines.add(line("s1", lines.size(), "T-" + local, "CAPTURE", 12000, 10));
                lines.add(line("s1", lines.size(), "T-" + local, "REFUND", i % 2 == 0 ? 0 : 1000, 0));
            }
            long pos = onTill ? (i % 2 == 0 ? 12000 : 11000) : 0;
            long settled = inPayout ? (i % 2 == 0 ? 12000 : 11000) : 0;
            expected.add(!onTill ? expected(UNKNOWN_TO_POS, local, 0, settled, 10, "s1")
                    : !inPayout ? expected(NOT_YET_SETTLED, local, pos, 0, 0)
                    : expected(MATCHED, local, pos, settled, 10, "s1"));
        }
        payout("s1", MARCH_1, lines.toArray(SettlementLine[]::new));
        expected.sort((x, y) -> x.transactionId().compareTo(y.transactionId()));
        assertEquals(expected, reconcile(null, null));
    }
}
