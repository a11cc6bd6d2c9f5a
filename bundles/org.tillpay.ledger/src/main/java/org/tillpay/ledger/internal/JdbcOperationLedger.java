package org.tillpay.ledger.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.ledger.AuditEntry;
import org.tillpay.ledger.BackOfficeOperation;
import org.tillpay.ledger.LedgerException;
import org.tillpay.ledger.NewOperation;
import org.tillpay.ledger.OperationRecord;
import org.tillpay.ledger.OperationRefusedException;
import org.tillpay.ledger.OperationSettlement;
import org.tillpay.ledger.PaymentNotFoundException;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.ledger.PaymentTransitions;
import org.tillpay.ledger.TransitionResult;
import org.tillpay.ledger.TransitionResult.Outcome;
import org.tillpay.payment.api.OperationOrigin;
import org.tillpay.payment.api.OperationState;
import org.tillpay.payment.api.PaymentLine;
import org.tillpay.payment.api.PaymentStatus;

/**
 * The operations part of {@link JdbcPaymentLedger}: captures, refunds and voids, and the audit trail. Every change
 * locks the payment row first, so that one payment's operations are recorded and settled one at a time on any node.
 */
final class JdbcOperationLedger {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcOperationLedger.class);

    private final DataSource dataSource;

    JdbcOperationLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    PaymentRecord begin(NewOperation op) {
        try {
            return Jdbc.inTransaction(dataSource, c -> {
                LockedPayment row = LockedPayment.lock(c, op.paymentId());
                PaymentRecord p = read(c, op.paymentId());
                long amount;
                try {
                    amount = OperationGuards.check(p, PaymentRows.selectLines(c, op.paymentId()), op);
                } catch (OperationRefusedException e) {
                    LOG.info("{} refused ({}: {}): store {} payment {} sale {}",
                            OperationGuards.describe(op.kind(), op.reference()), e.field(), e.getMessage(),
                            row.storeId(), op.paymentId(), row.saleReference());
                    throw e;
                }
                OperationRows.insert(c, row.storeId(), new OperationRecord(op.operationId(), op.paymentId(),
                        op.kind(), OperationOrigin.POS, op.reference(), amount, 0, op.lines(), op.reason(),
                        op.requestedBy(), OperationState.PENDING, null, null, null, op.at(), null));
                LOG.info("{} {} recorded PENDING as operation {} (by {}): store {} payment {} sale {}",
                        OperationGuards.describe(op.kind(), op.reference()), amount, op.operationId(),
                        op.requestedBy(), row.storeId(), op.paymentId(), row.saleReference());
                return read(c, op.paymentId());
            });
        } catch (SQLException e) {
            throw new LedgerException("recording operation " + op.operationId() + " of payment " + op.paymentId()
                    + " failed", e);
        }
    }

    /** Moves an operation to an unsettled state; only from {@code allowedFrom}, else changes nothing. */
    PaymentRecord markOpen(String operationId, OperationState state, List<OperationState> allowedFrom,
            String eventRequestId, String detail) {
        try {
            return Jdbc.inTransaction(dataSource, c -> {
                Target t = target(c, operationId);
                if (allowedFrom.contains(t.operation.state())) {
                    OperationRows.markOpen(c, operationId, state, eventRequestId, detail);
                    LOG.info("Operation {} ({}) {} -> {}: store {} payment {} sale {}", operationId,
                            describe(t.operation), t.operation.state(), state, t.row.storeId(), t.row.paymentId(),
                            t.row.saleReference());
                    return read(c, t.row.paymentId());
                }
                LOG.info("Operation {} ({}) left {}, not marked {}: store {} payment {} sale {}", operationId,
                        describe(t.operation), t.operation.state(), state, t.row.storeId(), t.row.paymentId(),
                        t.row.saleReference());
                return t.payment;
            });
        } catch (SQLException e) {
            throw new LedgerException("marking operation " + operationId + " " + state + " failed", e);
        }
    }

    TransitionResult settle(OperationSettlement s) {
        try {
            return Jdbc.inTransaction(dataSource, c -> {
                Target t = target(c, s.operationId());
                OperationRecord op = t.operation;
                if (op.state().isSettled()) {
                    LOG.info("Operation {} ({}) already settled {}; {} {} ignored: store {} payment {} sale {}",
                            op.operationId(), describe(op), op.state(), s.source(), s.state(), t.row.storeId(),
                            t.row.paymentId(), t.row.saleReference());
                    return new TransitionResult(Outcome.DUPLICATE, t.payment);
                }
                boolean settled = settleLocked(c, t.row, op, s);
                return new TransitionResult(settled ? Outcome.APPLIED : Outcome.DUPLICATE, read(c, t.row.paymentId()));
            });
        } catch (SQLException e) {
            throw new LedgerException("settling operation " + s.operationId() + " failed", e);
        }
    }

    /**
     * Settles an open operation of the locked payment: counts its money unless its event is already counted.
     *
     * @return false, with nothing written, when the operation turned out to be settled already
     */
    private static boolean settleLocked(Connection c, LockedPayment row, OperationRecord op, OperationSettlement s)
            throws SQLException {
        String eventId = s.providerEventId();
        boolean counted = eventId != null && OperationRows.hasProviderEvent(c, row.paymentId(), eventId);
        if (!OperationRows.settle(c, op.operationId(), s.state(), counted ? null : eventId, s.giftCardMinor(),
                s.detail(), s.at())) {
            LOG.info("Operation {} ({}) was settled meanwhile; {} {} ignored: store {} payment {} sale {}",
                    op.operationId(), describe(op), s.source(), s.state(), row.storeId(), row.paymentId(),
                    row.saleReference());
            return false;
        }
        if (counted) {
            LOG.warn("Operation {} ({}) settles with provider event {} already recorded on another operation;"
                    + " not counted twice: store {} payment {} sale {}", op.operationId(), describe(op),
                    eventId, row.storeId(), row.paymentId(), row.saleReference());
        }
        OperationRecord settled = new OperationRecord(op.operationId(), op.paymentId(), op.kind(),
                op.origin(), op.reference(), op.amountMinor(), s.giftCardMinor(), op.lines(), op.reason(),
                op.requestedBy(), s.state(), op.eventRequestId(), counted ? null : eventId, s.detail(),
                op.createdAt(), s.at());
        apply(c, row, settled, s.state() == OperationState.SUCCEEDED && !counted, s.paymentStatus(),
                s.source(), s.at());
        return true;
    }

    TransitionResult recordBackOffice(BackOfficeOperation b) {
        try {
            return Jdbc.inTransaction(dataSource, c -> {
                LockedPayment row = LockedPayment.lock(c, b.paymentId());
                if (OperationRows.hasProviderEvent(c, b.paymentId(), b.providerEventId())) {
                    LOG.debug("Back-office {} event {} already recorded: store {} payment {} sale {}", b.kind(),
                            b.providerEventId(), row.storeId(), b.paymentId(), row.saleReference());
                    return new TransitionResult(Outcome.DUPLICATE, read(c, b.paymentId()));
                }
                java.util.Optional<OperationRecord> open = OperationRows.selectByPayment(c, b.paymentId()).stream()
                        .filter(o -> !o.state().isSettled() && o.kind() == b.kind() && (b.reference() != null
                                ? b.reference().equals(o.reference()) : o.reference() == null))
                        .findFirst();
                if (open.isPresent()) {
                    // read with a snapshot older than the operation: the event is that operation's, not the back office's
                    LOG.info("Event {} is the outcome of open operation {} ({}), settled as such: store {} payment {}"
                            + " sale {}", b.providerEventId(), open.get().operationId(), describe(open.get()),
                            row.storeId(), b.paymentId(), row.saleReference());
                    boolean settled = settleLocked(c, row, open.get(), new OperationSettlement(
                            open.get().operationId(), OperationState.SUCCEEDED, b.providerEventId(), b.giftCardMinor(),
                            b.paymentStatus(), b.source(), null, b.at()));
                    return new TransitionResult(settled ? Outcome.APPLIED : Outcome.DUPLICATE, read(c,
                            b.paymentId()));
                }
                OperationRecord op = new OperationRecord(UUID.randomUUID().toString(), b.paymentId(), b.kind(),
                        OperationOrigin.BACK_OFFICE, b.reference(), b.amountMinor(), b.giftCardMinor(), List.of(),
                        null, Objects.requireNonNullElse(b.madeBy(), "back office"), OperationState.SUCCEEDED, null,
                        b.providerEventId(), null, b.at(), b.at());
                OperationRows.insert(c, row.storeId(), op);
                apply(c, row, op, true, b.paymentStatus(), b.source(), b.at());
                return new TransitionResult(Outcome.APPLIED, read(c, b.paymentId()));
            });
        } catch (SQLException e) {
            throw new LedgerException("recording back-office event " + b.providerEventId() + " of payment "
                    + b.paymentId() + " failed", e);
        }
    }

    /**
     * Adds a settled operation to the locked payment's totals when it counts, and moves the payment to the reported
     * status when the state machine allows it, with a history entry.
     */
    private static void apply(Connection c, LockedPayment row, OperationRecord op, boolean counts,
            PaymentStatus reported, String source, Instant at) throws SQLException {
        PaymentStatus to = row.status();
        if (reported != null && reported != row.status()) {
            if (PaymentTransitions.isAllowed(row.status(), reported)) {
                to = reported;
            } else {
                LOG.warn("Operation {} ({}) reports payment status {}, not allowed after {}; status left:"
                        + " store {} payment {} sale {}", op.operationId(), describe(op), reported, row.status(),
                        row.storeId(), row.paymentId(), row.saleReference());
            }
        }
        if (counts || to != row.status()) {
            OperationRows.addToTotals(c, row, op, counts, to, at);
        }
        String outcome = describe(op) + " " + op.amountMinor() + " " + op.state().name().toLowerCase(Locale.ROOT);
        if (to != row.status()) {
            String eventId = op.providerEventId() != null
                    && !PaymentRows.hasEvent(c, row.paymentId(), op.providerEventId()) ? op.providerEventId() : null;
            PaymentRows.insertEvent(c, row.paymentId(), to, at, source, outcome, eventId);
        }
        LOG.info("{} ({} {}, {}; status {} -> {}): store {} payment {} sale {}", outcome, op.origin(),
                op.operationId(), source, row.status(), to, row.storeId(), row.paymentId(), row.saleReference());
    }

    List<PaymentRecord> findWithOpenOperations(String storeId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection()) {
            return PaymentRows.select(c, OperationRows.openPaymentsSource(), "", ps -> {
                ps.setString(1, storeId);
                ps.setInt(2, limit);
            });
        } catch (SQLException e) {
            throw new LedgerException("reading payments of store " + storeId + " with open operations failed", e);
        }
    }

    List<PaymentLine> lines(String paymentId) {
        try (Connection c = dataSource.getConnection()) {
            return PaymentRows.selectLines(c, paymentId);
        } catch (SQLException e) {
            throw new LedgerException("reading the lines of payment " + paymentId + " failed", e);
        }
    }

    void audit(AuditEntry entry) {
        try {
            Jdbc.inTransaction(dataSource, c -> {
                AuditRows.insert(c, entry);
                return null;
            });
        } catch (SQLException e) {
            throw new LedgerException("auditing " + entry.operation() + " of payment " + entry.paymentId()
                    + " failed", e);
        }
    }

    List<AuditEntry> auditTrail(String paymentId) {
        try (Connection c = dataSource.getConnection()) {
            return AuditRows.selectByPayment(c, paymentId);
        } catch (SQLException e) {
            throw new LedgerException("reading the audit trail of payment " + paymentId + " failed", e);
        }
    }

    /** Finds the operation's payment, locks it, and reads it with the operation. */
    private static Target target(Connection c, String operationId) throws SQLException {
        String paymentId = OperationRows.paymentOf(c, operationId)
                .orElseThrow(() -> new IllegalArgumentException("no operation " + operationId));
        LockedPayment row = LockedPayment.lock(c, paymentId);
        PaymentRecord payment = read(c, paymentId);
        OperationRecord op = payment.operations().stream().filter(o -> o.operationId().equals(operationId))
                .findFirst().orElseThrow(() -> new IllegalStateException("operation " + operationId + " vanished"));
        return new Target(row, payment, op);
    }

    private static PaymentRecord read(Connection c, String paymentId) throws SQLException {
        return PaymentRows.selectById(c, paymentId).orElseThrow(() -> new PaymentNotFoundException(paymentId));
    }

    private static String describe(OperationRecord op) {
        return OperationGuards.describe(op.kind(), op.reference());
    }

    /** An operation with its payment, locked. */
    private record Target(LockedPayment row, PaymentRecord payment, OperationRecord operation) {
    }
}
