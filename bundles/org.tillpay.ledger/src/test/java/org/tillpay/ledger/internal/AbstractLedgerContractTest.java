package org.tillpay.ledger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.tillpay.ledger.DuplicatePaymentException;
import org.tillpay.ledger.LedgerException;
import org.tillpay.ledger.NewPayment;
import org.tillpay.ledger.PaymentNotFoundException;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.ledger.PaymentTransitions;
import org.tillpay.ledger.StatusUpdate;
import org.tillpay.ledger.TransitionResult;
import org.tillpay.ledger.TransitionResult.Outcome;
import org.tillpay.payment.api.PaymentLine;
import org.tillpay.payment.api.PaymentStatus;
import org.tillpay.payment.api.StatusChange;

/** The ledger's contract, run against each supported database by a subclass. */
abstract class AbstractLedgerContractTest extends AbstractSettlementFilesTest {

    // ---- migrations ----

    @Test
    void migrationsApplyOnceAndAreIdempotentOnReactivation() throws SQLException {
        DataSource ds = freshDatabase();
        SchemaMigrator migrator = new SchemaMigrator(ds);
        assertEquals(ALL_VERSIONS, migrator.migrate());
        assertEquals(List.of(), migrator.migrate());
        new JdbcPaymentLedger(ds);
        JdbcPaymentLedger again = new JdbcPaymentLedger(ds);
        assertEquals(ALL_VERSIONS, migrator.recordedVersions());
        again.create(payment("p1", "ref-1", T0));
        assertEquals(PaymentStatus.CREATED, again.find(id("p1")).orElseThrow().status());
        assertEquals(0, count(ds, "SELECT COUNT(*) FROM tillpay_payment_line WHERE payment_id <> ?", id("p1")));
    }

    @Test
    void concurrentStartsApplyEachMigrationOnce() throws Exception {
        DataSource ds = freshDatabase();
        List<Callable<List<Integer>>> starts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            starts.add(() -> new SchemaMigrator(ds).migrate());
        }
        List<Integer> applied = new ArrayList<>();
        runTogether(starts).forEach(applied::addAll);
        assertEquals(ALL_VERSIONS, applied.stream().sorted().toList());
        assertEquals(ALL_VERSIONS, new SchemaMigrator(ds).recordedVersions());
    }

    @Test
    void failedMigrationKeepsTheLedgerInactiveAndRecordsNothing() throws SQLException {
        DataSource ds = freshDatabase();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE tillpay_payment (unexpected int)");
        }
        LedgerException e = assertThrows(LedgerException.class, () -> new JdbcPaymentLedger(ds));
        assertTrue(e.getCause() instanceof SQLException, String.valueOf(e.getCause()));
        assertEquals(List.of(), new SchemaMigrator(ds).recordedVersions());
    }

    // ---- create and find ----

    @Test
    void createStoresPaymentLinesAndFirstHistoryEntry() throws SQLException {
        NewPayment p = payment("p1", "ref-1", T0);
        ledger.create(p);

        PaymentRecord r = ledger.find(id("p1")).orElseThrow();
        assertEquals(store, r.storeId());
        assertEquals("dintero", r.methodId());
        assertEquals("sale-" + id("p1"), r.saleReference());
        assertEquals("ref-1", r.merchantReference());
        assertEquals("NOK", r.currency());
        assertEquals(p.amountMinor(), r.amountMinor());
        assertEquals(p.vatAmountMinor(), r.vatAmountMinor());
        assertEquals(PaymentStatus.CREATED, r.status());
        assertNull(r.sessionId());
        assertNull(r.sessionUrl());
        assertNull(r.transactionId());
        assertNull(r.paymentProduct());
        assertEquals(T0, r.createdAt());
        assertEquals(T0, r.updatedAt());
        assertEquals(T0.plus(1, ChronoUnit.DAYS), r.expiresAt());
        assertEquals(0, r.version());
        assertEquals(List.of(new StatusChange(PaymentStatus.CREATED, T0, "start", null)), r.history());
        assertEquals(Optional.of(r), ledger.findByMerchantReference(store, "ref-1"));
        assertEquals(Optional.empty(), ledger.findByMerchantReference("other-" + store, "ref-1"));

        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT position, line_id, description, quantity, unit_price_minor, vat_percent, amount_minor,"
                        + " vat_amount_minor FROM tillpay_payment_line WHERE payment_id = ? ORDER BY position")) {
            ps.setString(1, id("p1"));
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; i < p.lines().size(); i++) {
                    PaymentLine line = p.lines().get(i);
                    assertTrue(rs.next(), "line " + i);
                    assertEquals(i, rs.getInt(1));
                    assertEquals(line.lineId(), rs.getString(2));
                    assertEquals(line.description(), rs.getString(3));
                    assertEquals(line.quantity(), rs.getInt(4));
                    assertEquals(line.unitPriceMinor(), rs.getLong(5));
                    assertEquals(0, line.vatPercent().compareTo(rs.getBigDecimal(6)), rs.getBigDecimal(6) + "%");
                    assertEquals(line.amountMinor(), rs.getLong(7));
                    assertEquals(line.vatAmountMinor(), rs.getLong(8));
                }
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void instantsAreStoredInUtcTruncatedToMilliseconds() {
        Instant precise = Instant.parse("2025-06-30T23:59:59.987654321Z");
        ledger.create(payment("p1", "ref-1", precise));
        PaymentRecord r = ledger.find(id("p1")).orElseThrow();
        assertEquals(Instant.parse("2025-06-30T23:59:59.987Z"), r.createdAt());
        assertEquals(r.createdAt(), r.history().get(0).at());
    }

    @Test
    void duplicateMerchantReferenceInTheStoreIsRefusedAndNothingStored() throws SQLException {
        ledger.create(payment("p1", "ref-1", T0));
        assertThrows(DuplicatePaymentException.class, () -> ledger.create(payment("p2", "ref-1", T0)));
        assertEquals(Optional.empty(), ledger.find(id("p2")));
        for (String table : List.of("tillpay_payment_line", "tillpay_payment_event")) {
            assertEquals(0, count(dataSource(), "SELECT COUNT(*) FROM " + table + " WHERE payment_id = ?", id("p2")));
        }
        assertEquals(id("p1"), ledger.findByMerchantReference(store, "ref-1").orElseThrow().paymentId());

        String otherStore = "other-" + store;
        NewPayment elsewhere = new NewPayment(id("p3"), otherStore, "dintero", "s3", "ref-1", "NOK", 100, 20,
                List.of(), T0, T0.plusSeconds(60));
        ledger.create(elsewhere);
        assertEquals(id("p3"), ledger.findByMerchantReference(otherStore, "ref-1").orElseThrow().paymentId());
    }

    @Test
    void duplicatePaymentIdIsRefusedAndTheFirstIsUnchanged() throws SQLException {
        ledger.create(payment("p1", "ref-1", T0));
        PaymentRecord before = ledger.find(id("p1")).orElseThrow();
        assertThrows(DuplicatePaymentException.class, () -> ledger.create(payment("p1", "ref-2", T0.plusSeconds(1))));
        assertEquals(before, ledger.find(id("p1")).orElseThrow());
        assertEquals(Optional.empty(), ledger.findByMerchantReference(store, "ref-2"));
        assertEquals(2, count(dataSource(), "SELECT COUNT(*) FROM tillpay_payment_line WHERE payment_id = ?",
                id("p1")));
    }

    @Test
    void otherDatabaseErrorsAreLedgerExceptionsAndStoreNothing() {
        String tooLong = "r".repeat(300);
        LedgerException e = assertThrows(LedgerException.class, () -> ledger.create(payment("p1", tooLong, T0)));
        assertTrue(e.getCause() instanceof SQLException);
        assertEquals(Optional.empty(), ledger.find(id("p1")));
    }

    // ---- status changes ----

    @Test
    void attachSessionThenAuthorizeAndCapture() {
        ledger.create(payment("p1", "ref-1", T0));
        TransitionResult attached = ledger.attachSession(id("p1"), "S-1", "https://pay.example/S-1", "SMS sent",
                T0.plusSeconds(1));
        assertEquals(Outcome.APPLIED, attached.outcome());
        assertEquals(PaymentStatus.LINK_SENT, attached.payment().status());
        assertEquals("S-1", attached.payment().sessionId());
        assertEquals("https://pay.example/S-1", attached.payment().sessionUrl());
        assertEquals(1, attached.payment().version());
        assertEquals(attached.payment(), ledger.find(id("p1")).orElseThrow());

        TransitionResult again = ledger.attachSession(id("p1"), "S-1", "https://pay.example/S-1", null,
                T0.plusSeconds(2));
        assertEquals(Outcome.DUPLICATE, again.outcome());
        assertEquals(attached.payment(), again.payment());

        TransitionResult authorized = ledger.transition(update("p1", PaymentStatus.AUTHORIZED, "T-1", "vipps",
                "ev-1", T0.plusSeconds(3)));
        assertEquals(Outcome.APPLIED, authorized.outcome());
        assertTrue(authorized.applied());
        assertEquals("T-1", authorized.payment().transactionId());
        assertEquals("vipps", authorized.payment().paymentProduct());
        assertEquals(2, authorized.payment().version());

        TransitionResult captured = ledger.transition(update("p1", PaymentStatus.CAPTURED, null, null, "ev-2",
                T0.plusSeconds(4)));
        assertEquals(Outcome.APPLIED, captured.outcome());
        PaymentRecord r = ledger.find(id("p1")).orElseThrow();
        assertEquals(captured.payment(), r);
        assertEquals(PaymentStatus.CAPTURED, r.status());
        assertEquals("T-1", r.transactionId(), "kept when the update has none");
        assertEquals(3, r.version());
        assertEquals(T0.plusSeconds(4), r.updatedAt());
        assertEquals(List.of(new StatusChange(PaymentStatus.CREATED, T0, "start", null),
                new StatusChange(PaymentStatus.LINK_SENT, T0.plusSeconds(1), "start", "SMS sent"),
                new StatusChange(PaymentStatus.AUTHORIZED, T0.plusSeconds(3), "callback", "detail ev-1"),
                new StatusChange(PaymentStatus.CAPTURED, T0.plusSeconds(4), "callback", "detail ev-2")),
                r.history());
        assertEquals(Optional.of(r), ledger.findBySession(store, "S-1"));
    }

    @Test
    void attachingAnotherSessionChangesNothing() {
        ledger.create(payment("p1", "ref-1", T0));
        ledger.attachSession(id("p1"), "S-1", "https://pay.example/S-1", null, T0.plusSeconds(1));
        PaymentRecord before = ledger.find(id("p1")).orElseThrow();
        TransitionResult other = ledger.attachSession(id("p1"), "S-2", "https://pay.example/S-2", null,
                T0.plusSeconds(2));
        assertEquals(Outcome.DUPLICATE, other.outcome());
        assertEquals(before, other.payment());
    }

    @Test
    void providerEventIsAppliedOncePerPayment() {
        ledger.create(payment("p1", "ref-1", T0));
        ledger.create(payment("p2", "ref-2", T0));
        assertEquals(Outcome.APPLIED,
                ledger.transition(update("p1", PaymentStatus.AUTHORIZED, "T-1", null, "ev-1", T0)).outcome());
        PaymentRecord before = ledger.find(id("p1")).orElseThrow();

        TransitionResult replay = ledger.transition(update("p1", PaymentStatus.CAPTURED, "T-9", "card", "ev-1",
                T0.plusSeconds(5)));
        assertEquals(Outcome.DUPLICATE, replay.outcome());
        assertEquals(before, replay.payment());
        assertEquals(before, ledger.find(id("p1")).orElseThrow());

        assertEquals(Outcome.APPLIED,
                ledger.transition(update("p2", PaymentStatus.AUTHORIZED, "T-2", null, "ev-1", T0)).outcome(),
                "event ids are unique per payment only");
    }

    @Test
    void sameStatusTwiceIsDuplicateButFillsMissingIds() {
        ledger.create(payment("p1", "ref-1", T0));
        ledger.transition(update("p1", PaymentStatus.AUTHORIZED, null, null, null, T0.plusSeconds(1)));
        PaymentRecord authorized = ledger.find(id("p1")).orElseThrow();
        assertEquals(1, authorized.version());

        TransitionResult fill = ledger.transition(update("p1", PaymentStatus.AUTHORIZED, "T-1", "vipps", null,
                T0.plusSeconds(2)));
        assertEquals(Outcome.DUPLICATE, fill.outcome());
        assertEquals("T-1", fill.payment().transactionId());
        assertEquals("vipps", fill.payment().paymentProduct());
        assertEquals(PaymentStatus.AUTHORIZED, fill.payment().status());
        assertEquals(authorized.history(), fill.payment().history());
        assertEquals(2, fill.payment().version(), "the row changed, so its version moved");

        TransitionResult noFill = ledger.transition(update("p1", PaymentStatus.AUTHORIZED, "T-2", "card", "ev-3",
                T0.plusSeconds(3)));
        assertEquals(Outcome.DUPLICATE, noFill.outcome());
        assertEquals(fill.payment(), noFill.payment(), "known ids are not overwritten by a duplicate");
    }

    @Test
    void impossibleTransitionsAreRefusedAndChangeNothing() {
        ledger.create(payment("p1", "ref-1", T0));
        ledger.transition(update("p1", PaymentStatus.CAPTURED, "T-1", null, "ev-1", T0.plusSeconds(1)));
        PaymentRecord captured = ledger.find(id("p1")).orElseThrow();
        TransitionResult refused = ledger.transition(update("p1", PaymentStatus.AUTHORIZED, "T-2", "card", "ev-2",
                T0.plusSeconds(2)));
        assertEquals(Outcome.REFUSED, refused.outcome());
        assertFalse(refused.applied());
        assertEquals(captured, refused.payment());
        assertEquals(captured, ledger.find(id("p1")).orElseThrow());

        ledger.create(payment("p2", "ref-2", T0));
        ledger.transition(update("p2", PaymentStatus.CANCELLED, null, null, null, T0.plusSeconds(1)));
        PaymentRecord cancelled = ledger.find(id("p2")).orElseThrow();
        assertEquals(Outcome.REFUSED, ledger.transition(update("p2", PaymentStatus.AUTHORIZED, "T-3", null, "ev-3",
                T0.plusSeconds(2))).outcome());
        assertEquals(cancelled, ledger.find(id("p2")).orElseThrow());
        assertEquals(Outcome.DUPLICATE, ledger.attachSession(id("p2"), "S-2", "u", null, T0).outcome(),
                "attach after cancel never moves the status");
        assertEquals(PaymentStatus.CANCELLED, ledger.find(id("p2")).orElseThrow().status());
    }

    @Test
    void callbackBeforeAttachKeepsStatusButRecordsSession() {
        ledger.create(payment("p1", "ref-1", T0));
        assertEquals(Outcome.APPLIED, ledger.transition(update("p1", PaymentStatus.AUTHORIZED, "T-1", "vipps",
                "ev-1", T0.plusSeconds(2))).outcome());
        TransitionResult late = ledger.attachSession(id("p1"), "S-1", "https://pay.example/S-1", "SMS sent",
                T0.plusSeconds(3));
        assertEquals(Outcome.DUPLICATE, late.outcome());
        PaymentRecord r = ledger.find(id("p1")).orElseThrow();
        assertEquals(late.payment(), r);
        assertEquals(PaymentStatus.AUTHORIZED, r.status());
        assertEquals("S-1", r.sessionId());
        assertEquals("https://pay.example/S-1", r.sessionUrl());
        assertEquals(List.of(PaymentStatus.CREATED, PaymentStatus.AUTHORIZED), statuses(r));
        assertEquals(Optional.of(r), ledger.findBySession(store, "S-1"));
    }

    @Test
    void findBySessionIsScopedToTheStore() {
        String otherStore = "other-" + store;
        ledger.create(payment("p1", "ref-1", T0));
        ledger.create(new NewPayment(id("p2"), otherStore, "dintero", "s2", "ref-1", "NOK", 100, 20, List.of(), T0,
                T0.plusSeconds(60)));
        ledger.attachSession(id("p1"), "S-same", "u1", null, T0);
        ledger.attachSession(id("p2"), "S-same", "u2", null, T0);
        assertEquals(id("p1"), ledger.findBySession(store, "S-same").orElseThrow().paymentId());
        assertEquals(id("p2"), ledger.findBySession(otherStore, "S-same").orElseThrow().paymentId());
        assertEquals(Optional.empty(), ledger.findBySession("third-" + store, "S-same"));
        assertEquals(Optional.empty(), ledger.findBySession(store, "S-unknown"));
    }

    @Test
    void findPendingReturnsNonTerminalPaymentsOldestFirst() {
        PaymentStatus[] statuses = {PaymentStatus.CAPTURED, PaymentStatus.ON_HOLD, PaymentStatus.CREATED,
            PaymentStatus.EXPIRED, PaymentStatus.AUTHORIZED, PaymentStatus.LINK_SENT, PaymentStatus.DECLINED};
        int[] minutesAfterT0 = {1, 6, 5, 0, 3, 2, 4};
        for (int i = 0; i < statuses.length; i++) {
            ledger.create(payment("p" + i, "ref-" + i, T0.plus(minutesAfterT0[i], ChronoUnit.MINUTES)));
            if (statuses[i] != PaymentStatus.CREATED) {
                ledger.transition(update("p" + i, statuses[i], null, null, null, T0.plus(1, ChronoUnit.HOURS)));
            }
        }
        ledger.create(new NewPayment(id("x"), "other-" + store, "dintero", "sx", "ref-x", "NOK", 1, 0, List.of(),
                T0.minusSeconds(60), T0));

        List<PaymentRecord> pending = ledger.findPending(store, 10);
        assertEquals(List.of(id("p5"), id("p4"), id("p2"), id("p1")),
                pending.stream().map(PaymentRecord::paymentId).toList());
        assertTrue(pending.stream().noneMatch(p -> p.status().isTerminal()));
        assertEquals(List.of(PaymentStatus.CREATED, PaymentStatus.LINK_SENT), statuses(pending.get(0)));
        assertEquals(List.of(PaymentStatus.CREATED), statuses(pending.get(2)));
        assertEquals(List.of(id("p5"), id("p4")),
                ledger.findPending(store, 2).stream().map(PaymentRecord::paymentId).toList());
        assertEquals(List.of(), ledger.findPending(store, 0));
    }

    @Test
    void unknownPaymentsAreNotFound() {
        assertEquals(Optional.empty(), ledger.find(id("nope")));
        assertThrows(PaymentNotFoundException.class,
                () -> ledger.transition(update("nope", PaymentStatus.AUTHORIZED, null, null, null, T0)));
        assertThrows(PaymentNotFoundException.class, () -> ledger.attachSession(id("nope"), "S", "u", null, T0));
    }

    @Test
    void overlongDetailIsCutNotLost() {
        ledger.create(payment("p1", "ref-1", T0));
        StatusUpdate u = new StatusUpdate(id("p1"), PaymentStatus.FAILED, null, null, "poller", "d".repeat(2000),
                null, T0);
        assertEquals(Outcome.APPLIED, ledger.transition(u).outcome());
        assertEquals(Optional.of("d".repeat(1024)),
                ledger.find(id("p1")).orElseThrow().history().get(1).detail());
    }

    // ---- concurrency ----

    @Test
    void concurrentDeliveriesOfOneEventApplyItOnce() throws Exception {
        ledger.create(payment("p1", "ref-1", T0));
        ledger.attachSession(id("p1"), "S-1", "u", null, T0);
        StatusUpdate u = update("p1", PaymentStatus.AUTHORIZED, "T-1", "vipps", "ev-1", T0.plusSeconds(1));
        List<Callable<Outcome>> deliveries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            deliveries.add(() -> ledger.transition(u).outcome());
        }
        List<Outcome> outcomes = runTogether(deliveries);
        assertEquals(1, outcomes.stream().filter(o -> o == Outcome.APPLIED).count(), outcomes.toString());
        assertEquals(7, outcomes.stream().filter(o -> o == Outcome.DUPLICATE).count(), outcomes.toString());
        PaymentRecord r = ledger.find(id("p1")).orElseThrow();
        assertEquals(List.of(PaymentStatus.CREATED, PaymentStatus.LINK_SENT, PaymentStatus.AUTHORIZED), statuses(r));
        assertEquals(2, r.version());
        assertEquals(1, count(dataSource(),
                "SELECT COUNT(*) FROM tillpay_payment_event WHERE payment_id = ? AND provider_event_id = 'ev-1'",
                id("p1")));
    }

    @Test
    void concurrentDifferentUpdatesKeepVersionEqualToAppliedChanges() throws Exception {
        PaymentStatus[] proposed = {PaymentStatus.ON_HOLD, PaymentStatus.AUTHORIZED, PaymentStatus.CAPTURED,
            PaymentStatus.DECLINED, PaymentStatus.FAILED, PaymentStatus.CANCELLED, PaymentStatus.EXPIRED,
            PaymentStatus.AUTHORIZED};
        for (int round = 0; round < 3; round++) {
            String p = "p" + round;
            ledger.create(payment(p, "ref-" + round, T0));
            ledger.attachSession(id(p), "S-" + round, "u", null, T0);
            List<Callable<Outcome>> updates = new ArrayList<>();
            for (int i = 0; i < proposed.length; i++) {
                StatusUpdate u = update(p, proposed[i], null, null, "ev-" + i, T0.plusSeconds(i + 1));
                updates.add(() -> ledger.transition(u).outcome());
            }
            List<Outcome> outcomes = runTogether(updates);
            long applied = outcomes.stream().filter(o -> o == Outcome.APPLIED).count();
            PaymentRecord r = ledger.find(id(p)).orElseThrow();
            assertTrue(applied >= 1, outcomes.toString());
            assertEquals(1 + applied, r.version(), outcomes.toString());
            assertEquals(2 + applied, r.history().size(), outcomes.toString());
            List<PaymentStatus> chain = statuses(r);
            for (int i = 1; i < chain.size(); i++) {
                assertTrue(PaymentTransitions.isAllowed(chain.get(i - 1), chain.get(i)), chain.toString());
            }
            assertEquals(chain.get(chain.size() - 1), r.status());
        }
    }
}
