package org.tillpay.ledger.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.ledger.AuditEntry;
import org.tillpay.ledger.BackOfficeOperation;
import org.tillpay.ledger.CallbackHint;
import org.tillpay.ledger.DuplicatePaymentException;
import org.tillpay.ledger.LedgerException;
import org.tillpay.ledger.NewOperation;
import org.tillpay.ledger.NewPayment;
import org.tillpay.ledger.OperationSettlement;
import org.tillpay.ledger.PaymentLedger;
import org.tillpay.ledger.PaymentNotFoundException;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.ledger.PaymentTransitions;
import org.tillpay.ledger.StatusUpdate;
import org.tillpay.ledger.TransitionResult;
import org.tillpay.ledger.TransitionResult.Outcome;
import org.tillpay.payment.api.OperationState;
import org.tillpay.payment.api.PaymentLine;
import org.tillpay.payment.api.PaymentStatus;

/**
 * The {@link PaymentLedger} over a JDBC {@link DataSource} (PostgreSQL in production, H2 in tests).
 * <p>
 * The data source is the service registered with {@code dataSourceName=tillpay} (for example by pax-jdbc-config).
 * Another one is chosen with the standard DS reference target property {@code dataSource.target} in the
 * configuration {@code org.tillpay.ledger}, e.g. {@code dataSource.target=(dataSourceName=pos)} in
 * {@code etc/org.tillpay.ledger.cfg}. Activation applies the schema migrations ({@link SchemaMigrator}); when they
 * fail the constructor throws, so the component stays inactive and SCR logs why.
 * <p>
 * Status changes lock the payment row ({@link LockedPayment}), so concurrent reports of one payment, on this node or
 * another sharing the database, are applied one at a time. {@code version} is incremented on every change of
 * the payment row, including ids filled in on a {@code DUPLICATE}. Instants are stored in UTC at millisecond
 * precision (truncated). Captures, refunds, voids and the audit trail are delegated to {@link JdbcOperationLedger}.
 */
@Component(service = PaymentLedger.class, immediate = true, configurationPid = "org.tillpay.ledger")
public final class JdbcPaymentLedger implements PaymentLedger {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcPaymentLedger.class);

    private static final String PENDING_STATUSES = Arrays.stream(PaymentStatus.values())
            .filter(s -> !s.isTerminal()).map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));

    private final DataSource dataSource;
    private final JdbcOperationLedger operations;
    private final PollLeases pollLeases;

    /**
     * Migrates the schema and makes the ledger ready; used by DS and, with any data source, by tests.
     *
     * @param dataSource the database; by default the one registered with {@code dataSourceName=tillpay}
     * @throws LedgerException when the schema migrations fail (the component then stays inactive)
     */
    @Activate
    public JdbcPaymentLedger(
            @Reference(name = "dataSource", target = "(dataSourceName=tillpay)") DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.operations = new JdbcOperationLedger(dataSource);
        this.pollLeases = new PollLeases(dataSource);
        SchemaMigrator.migrateOnActivation(dataSource, "Payment ledger");
    }

    @Override
    public void create(NewPayment p) {
        try {
            Jdbc.inTransaction(dataSource, c -> {
                PaymentRows.insertPayment(c, p);
                PaymentRows.insertLines(c, p.paymentId(), p.lines());
                PaymentRows.insertFirstEvent(c, p.paymentId(), PaymentStatus.CREATED, p.createdAt(), "start");
                return null;
            });
        } catch (SQLException e) {
            if (Jdbc.isUniqueViolation(e)) {
                LOG.info("Payment not recorded, duplicate: store {} payment {} sale {} merchant reference {}",
                        p.storeId(), p.paymentId(), p.saleReference(), p.merchantReference());
                throw new DuplicatePaymentException("payment " + p.paymentId() + " or merchant reference "
                        + p.merchantReference() + " in store " + p.storeId() + " is already recorded");
            }
            throw new LedgerException("recording payment " + p.paymentId() + " failed", e);
        }
        LOG.info("Payment recorded: store {} payment {} sale {} status CREATED", p.storeId(), p.paymentId(),
                p.saleReference());
    }

    @Override
    public Optional<PaymentRecord> find(String paymentId) {
        return first(select("tillpay_payment p", "WHERE p.payment_id = ?", ps -> ps.setString(1, paymentId)));
    }

    @Override
    public Optional<PaymentRecord> findBySession(String storeId, String sessionId) {
        return first(select("tillpay_payment p", "WHERE p.store_id = ? AND p.session_id = ?", ps -> {
            ps.setString(1, storeId);
            ps.setString(2, sessionId);
        }));
    }

    @Override
    public Optional<PaymentRecord> findByMerchantReference(String storeId, String merchantReference) {
        return first(select("tillpay_payment p", "WHERE p.store_id = ? AND p.merchant_reference = ?", ps -> {
            ps.setString(1, storeId);
            ps.setString(2, merchantReference);
        }));
    }

    @Override
    public List<PaymentRecord> findPending(String storeId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        String pending = "(SELECT * FROM tillpay_payment WHERE store_id = ? AND status IN (" + PENDING_STATUSES
                + ") ORDER BY created_at, payment_id LIMIT ?) p";
        return select(pending, "", ps -> {
            ps.setString(1, storeId);
            ps.setInt(2, limit);
        });
    }

    @Override
    public List<PaymentRecord> findLatest(String storeId, PaymentStatus status, String saleReference, int limit) {
        try (Connection c = dataSource.getConnection()) {
            return PaymentRows.latest(c, storeId, status, saleReference, limit);
        } catch (SQLException e) {
            throw new LedgerException("reading payments failed", e);
        }
    }

    @Override
    public List<PaymentRecord> findWithoutSession(String storeId, Instant expiringAfter, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        String unconfirmed = "(SELECT * FROM tillpay_payment WHERE store_id = ? AND session_id IS NULL"
                + " AND status <> 'FAILED' AND expires_at > ? ORDER BY created_at, payment_id LIMIT ?) p";
        return select(unconfirmed, "", ps -> {
            ps.setString(1, storeId);
            Jdbc.setInstant(ps, 2, expiringAfter);
            ps.setInt(3, limit);
        });
    }

    @Override
    public TransitionResult attachSession(String paymentId, String sessionId, String sessionUrl, String detail,
            Instant at) {
        return attachSession(paymentId, sessionId, sessionUrl, detail, at, null);
    }

    @Override
    public TransitionResult attachSession(String paymentId, String sessionId, String sessionUrl, String detail,
            Instant at, AuditEntry audit) {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(at, "at");
        try {
            return Jdbc.inTransaction(dataSource, c -> {
                LockedPayment row = LockedPayment.lock(c, paymentId);
                if (audit != null) {
                    AuditRows.insert(c, audit);
                }
                Outcome outcome;
                if (sessionId.equals(row.sessionId())) {
                    if (row.sessionUrl() == null && sessionUrl != null) {
                        // the session was learnt from an early callback, which carries no link: keep the link now
                        row.update(c, row.status(), sessionId, sessionUrl, row.transactionId(),
                                row.paymentProduct(), at);
                    }
                    outcome = Outcome.DUPLICATE;
                } else if (row.status() == PaymentStatus.CREATED) {
                    row.update(c, PaymentStatus.LINK_SENT, sessionId, sessionUrl, row.transactionId(),
                            row.paymentProduct(), at);
                    PaymentRows.insertEvent(c, paymentId, PaymentStatus.LINK_SENT, at, "start", detail, null);
                    outcome = Outcome.APPLIED;
                } else {
                    if (row.sessionId() == null) {
                        row.update(c, row.status(), sessionId, sessionUrl, row.transactionId(),
                                row.paymentProduct(), at);
                    } else {
                        LOG.warn("Session {} not attached, payment has session {}: store {} payment {} sale {}",
                                sessionId, row.sessionId(), row.storeId(), paymentId, row.saleReference());
                    }
                    outcome = Outcome.DUPLICATE;
                }
                LOG.info("Attach session {}: {} (status was {}): store {} payment {} sale {}", sessionId,
                        outcome, row.status(), row.storeId(), paymentId, row.saleReference());
                return result(c, outcome, paymentId);
            });
        } catch (SQLException e) {
            throw new LedgerException("attaching session " + sessionId + " to payment " + paymentId + " failed", e);
        }
    }

    @Override
    public TransitionResult transition(StatusUpdate u) {
        try {
            return Jdbc.inTransaction(dataSource, c -> apply(c, u));
        } catch (SQLException e) {
            if (u.providerEventId() != null && Jdbc.isUniqueViolation(e) && eventRecorded(u, e)) {
                LOG.debug("Provider event {} for payment {} was recorded concurrently", u.providerEventId(),
                        u.paymentId());
                return new TransitionResult(Outcome.DUPLICATE, find(u.paymentId())
                        .orElseThrow(() -> new PaymentNotFoundException(u.paymentId())));
            }
            throw new LedgerException("changing payment " + u.paymentId() + " to " + u.status() + " failed", e);
        }
    }

    private TransitionResult apply(Connection c, StatusUpdate u) throws SQLException {
        LockedPayment row = LockedPayment.lock(c, u.paymentId());
        Outcome outcome;
        if (u.providerEventId() != null && PaymentRows.hasEvent(c, u.paymentId(), u.providerEventId())) {
            outcome = Outcome.DUPLICATE;
        } else if (u.status() == row.status()) {
            boolean fillTransaction = row.transactionId() == null && u.transactionId() != null;
            boolean fillProduct = row.paymentProduct() == null && u.paymentProduct() != null;
            if (fillTransaction || fillProduct) {
                row.update(c, row.status(), row.sessionId(), row.sessionUrl(),
                        fillTransaction ? u.transactionId() : row.transactionId(),
                        fillProduct ? u.paymentProduct() : row.paymentProduct(), u.at());
            }
            outcome = Outcome.DUPLICATE;
        } else if (PaymentTransitions.isAllowed(row.status(), u.status())) {
            row.update(c, u.status(), row.sessionId(), row.sessionUrl(),
                    u.transactionId() != null ? u.transactionId() : row.transactionId(),
                    u.paymentProduct() != null ? u.paymentProduct() : row.paymentProduct(), u.at());
            PaymentRows.insertEvent(c, u.paymentId(), u.status(), u.at(), u.source(), u.detail(),
                    u.providerEventId());
            outcome = Outcome.APPLIED;
        } else {
            outcome = Outcome.REFUSED;
        }
        if (outcome == Outcome.APPLIED) {
            LOG.info("Payment status {} -> {} ({}): store {} payment {} sale {}", row.status(), u.status(),
                    u.source(), row.storeId(), u.paymentId(), row.saleReference());
        } else {
            LOG.debug("Payment status {} -> {} ({}) {}: store {} payment {} sale {}", row.status(), u.status(),
                    u.source(), outcome, row.storeId(), u.paymentId(), row.saleReference());
        }
        return result(c, outcome, u.paymentId());
    }

    @Override
    public PaymentRecord setParked(String paymentId, boolean parked) {
        return updateColumn(paymentId, "parked = ?", ps -> ps.setBoolean(1, parked), "parking");
    }

    @Override
    public PaymentRecord recordDeliveryAddress(String paymentId, String address) {
        Objects.requireNonNull(address, "address");
        return updateColumn(paymentId, "delivery_address = COALESCE(delivery_address, ?)",
                ps -> ps.setString(1, Jdbc.cut(address, PaymentRows.MAX_DETAIL)), "recording the delivery address of");
    }

    @Override
    public PaymentRecord recordGiftCardPart(String paymentId, long amountMinor) {
        return updateColumn(paymentId, "gift_card_minor = ?", ps -> ps.setLong(1, amountMinor),
                "recording the gift-card part of");
    }

    /** Sets one column (its SQL and value binding at parameter 1) on a locked payment row. */
    private PaymentRecord updateColumn(String paymentId, String assignment, PaymentRows.Binder value, String what) {
        try {
            return Jdbc.inTransaction(dataSource, c -> {
                LockedPayment row = LockedPayment.lock(c, paymentId);
                try (PreparedStatement ps = c.prepareStatement("UPDATE tillpay_payment SET " + assignment
                        + ", version = version + 1 WHERE payment_id = ?")) {
                    value.bind(ps);
                    ps.setString(2, paymentId);
                    ps.executeUpdate();
                }
                LOG.info("Payment {} {}: store {} sale {}", paymentId, assignment.replace(" = ?", ""),
                        row.storeId(), row.saleReference());
                return PaymentRows.selectById(c, paymentId).orElseThrow(() -> new PaymentNotFoundException(paymentId));
            });
        } catch (SQLException e) {
            throw new LedgerException(what + " payment " + paymentId + " failed", e);
        }
    }

    @Override
    public CallbackHint addCallbackHint(CallbackHint hint) {
        return CallbackHintRows.add(dataSource, hint);
    }

    @Override
    public List<CallbackHint> unprocessedCallbackHints(String storeId, int limit) {
        return CallbackHintRows.unprocessed(dataSource, storeId, limit);
    }

    @Override
    public void markCallbackHintProcessed(long hintId, Instant at) {
        CallbackHintRows.markProcessed(dataSource, hintId, at);
    }

    @Override
    public List<PaymentLine> lines(String paymentId) {
        return operations.lines(paymentId);
    }

    @Override
    public PaymentRecord beginOperation(NewOperation operation) {
        return operations.begin(operation);
    }

    @Override
    public PaymentRecord markOperationAccepted(String operationId, String eventRequestId, Instant at) {
        return operations.markOpen(operationId, OperationState.ACCEPTED, List.of(OperationState.PENDING),
                eventRequestId, null);
    }

    @Override
    public PaymentRecord markOperationUnknown(String operationId, String detail, Instant at) {
        return operations.markOpen(operationId, OperationState.UNKNOWN,
                List.of(OperationState.PENDING, OperationState.UNKNOWN), null, detail);
    }

    @Override
    public TransitionResult settleOperation(OperationSettlement settlement) {
        return operations.settle(settlement);
    }

    @Override
    public TransitionResult recordBackOfficeOperation(BackOfficeOperation operation) {
        return operations.recordBackOffice(operation);
    }

    @Override
    public List<PaymentRecord> findWithOpenOperations(String storeId, int limit) {
        return operations.findWithOpenOperations(storeId, limit);
    }

    @Override
    public void audit(AuditEntry entry) {
        operations.audit(entry);
    }

    @Override
    public List<AuditEntry> auditTrail(String paymentId) {
        return operations.auditTrail(paymentId);
    }

    @Override
    public Set<String> claimForPolling(String storeId, String nodeId, Collection<String> paymentIds, Duration lease,
            Instant now) {
        return pollLeases.claim(storeId, nodeId, paymentIds, lease, now);
    }

    @Override
    public void releasePolling(String storeId, String nodeId, Map<String, Instant> claimableFrom) {
        pollLeases.release(storeId, nodeId, claimableFrom);
    }

    @Override
    public Set<String> storesAwaitingProvider(Instant expiringAfter) {
        return pollLeases.storesAwaitingProvider(PENDING_STATUSES, expiringAfter);
    }

    private boolean eventRecorded(StatusUpdate u, SQLException failure) {
        try (Connection c = dataSource.getConnection()) {
            return PaymentRows.hasEvent(c, u.paymentId(), u.providerEventId());
        } catch (SQLException e) {
            failure.addSuppressed(e);
            return false;
        }
    }

    private static TransitionResult result(Connection c, Outcome outcome, String paymentId) throws SQLException {
        return new TransitionResult(outcome,
                PaymentRows.selectById(c, paymentId).orElseThrow(() -> new PaymentNotFoundException(paymentId)));
    }

    private List<PaymentRecord> select(String from, String where, PaymentRows.Binder binder) {
        try (Connection c = dataSource.getConnection()) {
            return PaymentRows.select(c, from, where, binder);
        } catch (SQLException e) {
            throw new LedgerException("reading payments failed", e);
        }
    }

    private static Optional<PaymentRecord> first(List<PaymentRecord> records) {
        return records.stream().findFirst();
    }
}
