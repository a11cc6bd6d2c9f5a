package org.tillpay.ledger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tillpay.ledger.LedgerException;
import org.tillpay.ledger.settlement.MonthlySummary;
import org.tillpay.ledger.settlement.Settlement;
import org.tillpay.ledger.settlement.SettlementLine;

/** Schema version 4 of the ledger's contract: Dintero's settlements, stored once, listed and summed per month. */
abstract class AbstractSettlementStoreTest extends AbstractLedgerParkingAndCallbacksTest {

    /** When the fixture's settlements are fetched. */
    static final Instant FETCHED = Instant.parse("2025-04-02T06:00:00.250Z");

    /** The test's store of settlements; reconciles with a fetch size of 3 so that streams span many round trips. */
    JdbcSettlementStore settlements;
    /** The test's Dintero account. */
    String account;

    @BeforeEach
    void newSettlementStore() {
        settlements = new JdbcSettlementStore(dataSource(), Clock.fixed(FETCHED, ZoneOffset.UTC), 3);
        account = "P" + store;
    }

    /** A settlement of the test's account, amount = capture − refund − fee, paid out on {@code settledAt}. */
    Settlement settlement(String localId, String provider, String status, LocalDate settledAt, long capture,
            long refund, long fee) {
        return new Settlement(id(localId), account, null, provider, "ref-" + localId, status, "NOK", capture, refund,
                fee, capture - refund - fee, settledAt, settledAt.minusDays(3).atStartOfDay(ZoneOffset.UTC)
                        .toInstant(), settledAt.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), null);
    }

    /** A line of settlement {@code localId} for transaction {@code transactionId}, in the test's store. */
    SettlementLine line(String localId, int no, String transactionId, String event, long amount, long fee) {
        return lineOf(localId, no, transactionId, store, event, amount, fee);
    }

    SettlementLine lineOf(String localId, int no, String transactionId, String storeId, String event, long amount,
            long fee) {
        return new SettlementLine(id(localId), no, transactionId, "mref-" + transactionId, storeId, "vipps", event,
                amount, fee, "NOK", T0.plusSeconds(no));
    }

    /** Lines generated one at a time, as they are pulled; {@code made} counts them. */
    Iterator<SettlementLine> generated(String localId, int size, AtomicInteger made) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return made.get() < size;
            }

            @Override
            public SettlementLine next() {
                int no = made.getAndIncrement();
                return line(localId, no, "T-" + (no % 97), no % 10 == 0 ? "REFUND" : "CAPTURE", 100 + no, 2);
            }
        };
    }

    long lineCount(String localId) throws SQLException {
        return count(dataSource(), "SELECT COUNT(*) FROM tillpay_settlement_line WHERE settlement_id = ?", id(localId));
    }

    Instant fetchedAt(String localId) throws SQLException {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT fetched_at FROM tillpay_settlement WHERE settlement_id = ?")) {
            ps.setString(1, id(localId));
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return Jdbc.getInstant(rs, "fetched_at");
            }
        }
    }

    // ---- store ----

    @Test
    void aSettlementIsStoredOnceAndLaterOnlyTakesTheNewPaymentStatus() throws SQLException {
        LocalDate day = LocalDate.of(2025, 3, 10);
        Settlement postponed = settlement("s1", "vipps", "postponed", day, 30000, 5000, 600);
        assertFalse(settlements.isStored(id("s1")));
        assertTrue(settlements.store(postponed, List.of(line("s1", 0, "T-1", "CAPTURE", 30000, 700),
                line("s1", 1, "T-2", "REFUND", 5000, -100)).iterator()));
        assertTrue(settlements.isStored(id("s1")));
        assertEquals(List.of(postponed), settlements.settlements(account, null, null, null));
        assertEquals(2, lineCount("s1"));
        assertEquals(FETCHED, fetchedAt("s1"));

        JdbcSettlementStore later = new JdbcSettlementStore(dataSource(),
                Clock.fixed(FETCHED.plusSeconds(86400), ZoneOffset.UTC), 3);
        Settlement paid = settlement("s1", "vipps", "paid", day, 99999, 0, 0);
        assertFalse(later.store(paid, List.of(line("s1", 0, "T-9", "CAPTURE", 99999, 0),
                line("s1", 1, "T-9", "CAPTURE", 1, 0), line("s1", 2, "T-9", "CAPTURE", 1, 0)).iterator()));
        assertEquals(List.of(settlement("s1", "vipps", "paid", day, 30000, 5000, 600)),
                settlements.settlements(account, null, null, null), "only the status changes");
        assertEquals(2, lineCount("s1"), "the lines are not stored twice");
        assertEquals(FETCHED.plusSeconds(86400), fetchedAt("s1"));
    }

    @Test
    void aSettlementStoredFromTwoThreadsAtOnceIsStoredOnce() throws Exception {
        for (int round = 0; round < 3; round++) {
            String local = "s" + round;
            Settlement s = settlement(local, "payex", "paid", LocalDate.of(2025, 3, 12), 1000, 0, 10);
            List<Callable<Boolean>> twice = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                twice.add(() -> settlements.store(s, generated(local, 2_500, new AtomicInteger())));
            }
            List<Boolean> stored = runTogether(twice);
            assertEquals(1, stored.stream().filter(b -> b).count(), "round " + round + ": " + stored);
            assertEquals(2_500, lineCount(local));
        }
        assertEquals(3, settlements.settlements(account, null, null, null).size());
    }

    @Test
    void tenThousandLinesStreamIntoOneSettlement() throws SQLException {
        AtomicInteger made = new AtomicInteger();
        Settlement s = settlement("big", "vipps", "paid", LocalDate.of(2025, 3, 14), 0, 0, 0);
        assertTrue(settlements.store(s, generated("big", 10_000, made)));
        assertEquals(10_000, made.get());
        assertEquals(10_000, lineCount("big"));
        long expected = IntStream.range(0, 10_000).mapToLong(i -> 100 + i).sum();
        assertEquals(expected, count(dataSource(),
                "SELECT SUM(amount_minor) FROM tillpay_settlement_line WHERE settlement_id = ?", id("big")));
        assertEquals(1_000, count(dataSource(), "SELECT COUNT(*) FROM tillpay_settlement_line"
                + " WHERE settlement_id = ? AND event = 'REFUND'", id("big")));
    }

    @Test
    void aFailingLineStoresNothing() throws SQLException {
        Settlement s = settlement("s1", "vipps", "paid", LocalDate.of(2025, 3, 14), 0, 0, 0);
        List<SettlementLine> sameLineTwice = List.of(line("s1", 0, "T-1", "CAPTURE", 1, 0),
                line("s1", 0, "T-2", "CAPTURE", 1, 0));
        assertThrows(LedgerException.class, () -> settlements.store(s, sameLineTwice.iterator()));
        List<SettlementLine> foreign = List.of(line("s1", 0, "T-1", "CAPTURE", 1, 0),
                line("other", 1, "T-2", "CAPTURE", 1, 0));
        assertThrows(IllegalArgumentException.class, () -> settlements.store(s, foreign.iterator()));
        assertFalse(settlements.isStored(id("s1")));
        assertEquals(0, lineCount("s1"));
        assertTrue(settlements.store(s, List.<SettlementLine>of().iterator()), "nothing was left behind");
    }

    @Test
    void theStoreMigratesAFreshDatabaseEvenWhenItStartsFirst() throws Exception {
        DataSource ds = freshDatabase();
        List<Callable<Object>> starts = List.of(() -> new JdbcSettlementStore(ds), () -> new JdbcPaymentLedger(ds),
                () -> new JdbcSettlementStore(ds));
        runTogether(starts);
        assertEquals(ALL_VERSIONS, new SchemaMigrator(ds).recordedVersions());
        JdbcSettlementStore fresh = new JdbcSettlementStore(ds);
        assertTrue(fresh.store(settlement("s1", "vipps", "paid", LocalDate.of(2025, 3, 1), 1, 0, 0),
                List.of(line("s1", 0, "T-1", "CAPTURE", 1, 0)).iterator()));
        assertEquals(List.of(), fresh.settlements("nobody", null, null, null));
    }

    // ---- settlements and the monthly summary ----

    /** Five payouts of the test's account over March and April, and one of another account. */
    void fiveSettlements() {
        store(settlement("a", "vipps", "paid", LocalDate.of(2025, 3, 31), 10000, 1000, 250));
        store(settlement("b", "payex", "paid", LocalDate.of(2025, 3, 1), 20000, 0, 400));
        store(settlement("c", "vipps", "postponed", LocalDate.of(2025, 3, 15), 5000, 6000, 100));
        store(settlement("d", "vipps", "paid", LocalDate.of(2025, 4, 1), 7000, 0, 70));
        store(settlement("e", "vipps", "paid", LocalDate.of(2025, 3, 31), 3000, 0, 30));
        Settlement foreign = settlement("f", "vipps", "paid", LocalDate.of(2025, 3, 20), 1, 0, 0);
        settlements.store(new Settlement(foreign.settlementId(), "other-" + account, null, "vipps", null, "paid",
                "NOK", 1, 0, 0, 1, foreign.settledAt(), null, null, null), List.<SettlementLine>of().iterator());
    }

    private void store(Settlement s) {
        assertTrue(settlements.store(s, List.<SettlementLine>of().iterator()));
    }

    private List<String> ids(List<Settlement> list) {
        return list.stream().map(s -> s.settlementId().substring(store.length() + 1)).toList();
    }

    @Test
    void settlementsAreListedByPayoutDateAndFiltered() {
        fiveSettlements();
        assertEquals(List.of("b", "c", "a", "e", "d"), ids(settlements.settlements(account, null, null, null)));
        assertEquals(List.of("c", "a", "e", "d"), ids(settlements.settlements(account, "vipps", null, null)));
        assertEquals(List.of("c", "a", "e"), ids(settlements.settlements(account, null, LocalDate.of(2025, 3, 2),
                LocalDate.of(2025, 3, 31))), "both ends inclusive");
        assertEquals(List.of("b"), ids(settlements.settlements(account, "payex", null, LocalDate.of(2025, 3, 1))));
        assertEquals(List.of("d"), ids(settlements.settlements(account, null, LocalDate.of(2025, 4, 1), null)));
        assertEquals(List.of(), settlements.settlements(account, "klarna", null, null));
        Settlement a = settlements.settlements(account, null, LocalDate.of(2025, 3, 31), null).get(0);
        assertEquals(settlement("a", "vipps", "paid", LocalDate.of(2025, 3, 31), 10000, 1000, 250), a);
        assertTrue(a.addsUp());
    }

    @Test
    void theMonthlySummarySumsPayoutsPerMonthProviderAndCurrency() {
        fiveSettlements();
        MonthlySummary marchPayex = new MonthlySummary(YearMonth.of(2025, 3), "payex", "NOK", 1, 20000, 0, 400,
                19600);
        MonthlySummary marchVipps = new MonthlySummary(YearMonth.of(2025, 3), "vipps", "NOK", 3, 18000, 7000, 380,
                10620);
        MonthlySummary aprilVipps = new MonthlySummary(YearMonth.of(2025, 4), "vipps", "NOK", 1, 7000, 0, 70, 6930);
        List<MonthlySummary> all = settlements.monthlySummary(account, null, null, null);
        assertEquals(List.of(marchPayex, marchVipps, aprilVipps), all);
        for (MonthlySummary m : all) {
            assertEquals(m.captureMinor() - m.refundMinor() - m.feeMinor(), m.amountMinor(), m.toString());
        }
        assertEquals(List.of(marchVipps, aprilVipps), settlements.monthlySummary(account, "vipps", null, null));
        assertEquals(List.of(new MonthlySummary(YearMonth.of(2025, 3), "vipps", "NOK", 2, 13000, 1000, 280, 11720)),
                settlements.monthlySummary(account, "vipps", LocalDate.of(2025, 3, 31), LocalDate.of(2025, 3, 31)));
        assertEquals(List.of(), settlements.monthlySummary("nobody", null, null, null));
    }
}
