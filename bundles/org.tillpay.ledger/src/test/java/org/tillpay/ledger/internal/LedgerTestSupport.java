package org.tillpay.ledger.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.tillpay.ledger.NewOperation;
import org.tillpay.ledger.NewPayment;
import org.tillpay.ledger.OperationLineAmount;
import org.tillpay.ledger.OperationRecord;
import org.tillpay.ledger.OperationSettlement;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.ledger.StatusUpdate;
import org.tillpay.ledger.TransitionResult;
import org.tillpay.payment.api.OperationKind;
import org.tillpay.payment.api.OperationState;
import org.tillpay.payment.api.PaymentLine;
import org.tillpay.payment.api.PaymentStatus;
import org.tillpay.payment.api.StatusChange;

/**
 * Fixture of the ledger contract tests: a ledger over the subclass's database, a store of its own for every test
 * (so tests share their class's database without seeing each other), and builders for payments and updates.
 */
abstract class LedgerTestSupport {

    /** A fixed, millisecond-exact base time. */
    static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123Z");

    /** Every schema version, 1 to the newest: what a fully migrated database has recorded. */
    static final List<Integer> ALL_VERSIONS = java.util.stream.IntStream
            .rangeClosed(1, SchemaMigrator.MIGRATIONS.size()).boxed().toList();

    JdbcPaymentLedger ledger;
    String store;

    /** @return the class's database, migrated or not */
    abstract DataSource dataSource();

    /** @return a new, empty database (or schema), dropped after the class */
    abstract DataSource freshDatabase() throws SQLException;

    @BeforeEach
    void newLedgerAndStore() {
        ledger = new JdbcPaymentLedger(dataSource());
        store = "store-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String id(String local) {
        return store + "-" + local;
    }

    NewPayment payment(String localId, String merchantReference, Instant createdAt) {
        List<PaymentLine> lines = List.of(
                PaymentLine.builder().lineId("L1").description("Coffee").quantity(2).unitPriceMinor(4500).build(),
                PaymentLine.builder().lineId("L2").description("Bun").unitPriceMinor(3000)
                        .vatPercent(new BigDecimal("12.5")).build());
        long amount = lines.stream().mapToLong(PaymentLine::amountMinor).sum();
        long vat = lines.stream().mapToLong(PaymentLine::vatAmountMinor).sum();
        return new NewPayment(id(localId), store, "dintero", "sale-" + id(localId), merchantReference, "NOK", amount,
                vat, lines, createdAt, createdAt.plus(1, ChronoUnit.DAYS));
    }

    StatusUpdate update(String localId, PaymentStatus status, String transactionId, String product, String eventId,
            Instant at) {
        return new StatusUpdate(id(localId), status, transactionId, product, "callback",
                eventId == null ? null : "detail " + eventId, eventId, at);
    }

    /** Records payment {@code localId} (12,000 minor: line L1 2 x 4,500, line L2 1 x 3,000) and authorizes it. */
    PaymentRecord paid(String localId) {
        ledger.create(payment(localId, "ref-" + localId, T0));
        return ledger.transition(update(localId, PaymentStatus.AUTHORIZED, "T-" + localId, "visa", null,
                T0.plusSeconds(1))).payment();
    }

    NewOperation operation(String localId, String operationId, OperationKind kind, String reference, long amount,
            OperationLineAmount... lines) {
        return new NewOperation(id(operationId), id(localId), kind, reference, amount, List.of(lines),
                kind == OperationKind.REFUND ? "returned" : null, "cashier-1", T0.plusSeconds(10));
    }

    /** Begins an operation and settles it SUCCEEDED with event {@code ev-<operationId>}, reporting {@code status}. */
    TransitionResult done(String localId, String operationId, OperationKind kind, String reference, long amount,
            PaymentStatus status, OperationLineAmount... lines) {
        ledger.beginOperation(operation(localId, operationId, kind, reference, amount, lines));
        return ledger.settleOperation(settlement(operationId, OperationState.SUCCEEDED, status));
    }

    /** The outcome of operation {@code operationId} (local to the test's store), with event {@code ev-<id>}. */
    OperationSettlement settlement(String operationId, OperationState state, PaymentStatus status) {
        return new OperationSettlement(id(operationId), state, state == OperationState.SUCCEEDED ? "ev-" + operationId
                : null, 0, status, "callback", state == OperationState.FAILED ? "declined by acquirer" : null,
                T0.plusSeconds(20));
    }

    static OperationLineAmount line(String lineId, int quantity, long amount) {
        return new OperationLineAmount(lineId, quantity, amount, amount / 5);
    }

    OperationRecord operationOf(PaymentRecord p, String operationId) {
        return p.operations().stream().filter(o -> o.operationId().equals(id(operationId))).findFirst().orElseThrow();
    }

    static List<PaymentStatus> statuses(PaymentRecord r) {
        return r.history().stream().map(StatusChange::status).toList();
    }

    static long count(DataSource ds, String sql, String param) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Runs the tasks on one thread each, released at the same moment; rethrows the first failure. */
    static <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch ready = new CountDownLatch(tasks.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            assertTrue(ready.await(30, TimeUnit.SECONDS));
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
