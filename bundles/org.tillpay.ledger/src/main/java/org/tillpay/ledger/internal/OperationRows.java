package org.tillpay.ledger.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.tillpay.ledger.OperationRecord;
import org.tillpay.payment.api.OperationKind;
import org.tillpay.payment.api.OperationOrigin;
import org.tillpay.payment.api.OperationState;
import org.tillpay.payment.api.PaymentStatus;

/** The SQL of captures, refunds and voids ({@code tillpay_payment_operation}) and of the payment's running totals. */
final class OperationRows {

    /** The unsettled states, as an SQL list. */
    static final String OPEN_STATES = Arrays.stream(OperationState.values()).filter(s -> !s.isSettled())
            .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));

    /** Longest encoded line list stored (the column's size). */
    static final int MAX_LINES_TEXT = 20000;

    private static final String COLUMNS = "o.operation_id, o.payment_id, o.kind, o.origin, o.reference,"
            + " o.amount_minor, o.gift_card_minor, o.lines, o.reason, o.requested_by, o.state, o.event_request_id,"
            + " o.provider_event_id, o.detail, o.created_at, o.settled_at";

    private OperationRows() {
    }

    /** Inserts an operation of the store's payment. */
    static void insert(Connection c, String storeId, OperationRecord o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tillpay_payment_operation (operation_id,"
                + " payment_id, store_id, kind, origin, reference, amount_minor, gift_card_minor, lines, reason,"
                + " requested_by, state, event_request_id, provider_event_id, detail, created_at, settled_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, o.operationId());
            ps.setString(2, o.paymentId());
            ps.setString(3, storeId);
            ps.setString(4, o.kind().name());
            ps.setString(5, o.origin().name());
            ps.setString(6, o.reference());
            ps.setLong(7, o.amountMinor());
            ps.setLong(8, o.giftCardMinor());
            ps.setString(9, OperationLines.encode(o.lines()));
            ps.setString(10, Jdbc.cut(o.reason(), 255));
            ps.setString(11, Jdbc.cut(o.requestedBy(), 255));
            ps.setString(12, o.state().name());
            ps.setString(13, o.eventRequestId());
            ps.setString(14, o.providerEventId());
            ps.setString(15, Jdbc.cut(o.detail(), PaymentRows.MAX_DETAIL));
            Jdbc.setInstant(ps, 16, o.createdAt());
            Jdbc.setInstant(ps, 17, o.settledAt());
            ps.executeUpdate();
        }
    }

    /**
     * @return the payment's operations, oldest first (read through the payment table: see {@link LockedPayment})
     */
    static List<OperationRecord> selectByPayment(Connection c, String paymentId) throws SQLException {
        return selectGrouped(c, "o.payment_id IN (SELECT p.payment_id FROM tillpay_payment p WHERE p.payment_id = ?)",
                ps -> ps.setString(1, paymentId))
                .getOrDefault(paymentId, List.of());
    }

    /**
     * @param paymentsSource a {@code FROM} source aliased {@code p} with its {@code WHERE} clause, selecting payments
     * @return the operations of those payments by payment id, oldest first
     */
    static Map<String, List<OperationRecord>> selectOfPayments(Connection c, String paymentsSource,
            PaymentRows.Binder binder) throws SQLException {
        return selectGrouped(c, "o.payment_id IN (SELECT p.payment_id FROM " + paymentsSource + ")", binder);
    }

    private static Map<String, List<OperationRecord>> selectGrouped(Connection c, String where,
            PaymentRows.Binder binder) throws SQLException {
        Map<String, List<OperationRecord>> byPayment = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tillpay_payment_operation o WHERE "
                + where + " ORDER BY o.payment_id, o.created_at, o.operation_id")) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    OperationRecord o = map(rs);
                    byPayment.computeIfAbsent(o.paymentId(), k -> new ArrayList<>()).add(o);
                }
            }
        }
        return byPayment;
    }

    private static OperationRecord map(ResultSet rs) throws SQLException {
        return new OperationRecord(rs.getString("operation_id"), rs.getString("payment_id"),
                OperationKind.valueOf(rs.getString("kind")), OperationOrigin.valueOf(rs.getString("origin")),
                rs.getString("reference"), rs.getLong("amount_minor"), rs.getLong("gift_card_minor"),
                OperationLines.decode(rs.getString("lines")), rs.getString("reason"), rs.getString("requested_by"),
                OperationState.valueOf(rs.getString("state")), rs.getString("event_request_id"),
                rs.getString("provider_event_id"), rs.getString("detail"), Jdbc.getInstant(rs, "created_at"),
                Jdbc.getInstant(rs, "settled_at"));
    }

    /** @return the payment an operation belongs to, or empty when the operation is unknown */
    static Optional<String> paymentOf(Connection c, String operationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT payment_id FROM tillpay_payment_operation WHERE operation_id = ?")) {
            ps.setString(1, operationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** As {@link PaymentRows#HAS_EVENT}, for the operations' unique index. */
    static final String HAS_PROVIDER_EVENT = "SELECT 1 FROM tillpay_payment p JOIN tillpay_payment_operation o"
            + " ON o.payment_id = p.payment_id WHERE p.payment_id = ? AND o.payment_id = ? AND o.provider_event_id = ?";

    /**
     * @return true when one of the payment's operations carries the provider's event id (read through the payment
     *         table: see {@link LockedPayment})
     */
    static boolean hasProviderEvent(Connection c, String paymentId, String providerEventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(HAS_PROVIDER_EVENT)) {
            ps.setString(1, paymentId);
            ps.setString(2, paymentId);
            ps.setString(3, providerEventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Sets the state of an unsettled operation, with the event request id and detail when not null. */
    static void markOpen(Connection c, String operationId, OperationState state, String eventRequestId,
            String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE tillpay_payment_operation SET state = ?,"
                + " event_request_id = COALESCE(?, event_request_id), detail = COALESCE(?, detail)"
                + " WHERE operation_id = ?")) {
            ps.setString(1, state.name());
            ps.setString(2, eventRequestId);
            ps.setString(3, Jdbc.cut(detail, PaymentRows.MAX_DETAIL));
            ps.setString(4, operationId);
            ps.executeUpdate();
        }
    }

    /**
     * Settles an operation that is still open: its final state, provider event, detail, gift-card part and time. The condition is checked by the update itself, on the row as last
     * committed, so an operation is never settled twice whatever a read before said.
     *
     * @return false when the operation was settled already (nothing written)
     */
    static boolean settle(Connection c, String operationId, OperationState state, String providerEventId,
            long giftCardMinor, String detail, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE tillpay_payment_operation SET state = ?,"
                + " provider_event_id = ?, gift_card_minor = ?, detail = COALESCE(?, detail), settled_at = ?"
                + " WHERE operation_id = ? AND state IN ('PENDING', 'ACCEPTED', 'UNKNOWN')")) {
            ps.setString(1, state.name());
            ps.setString(2, providerEventId);
            ps.setLong(3, giftCardMinor);
            ps.setString(4, Jdbc.cut(detail, PaymentRows.MAX_DETAIL));
            Jdbc.setInstant(ps, 5, at);
            ps.setString(6, operationId);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Adds a settled operation to the locked payment's totals when it succeeded (a void releases the remainder), and
     * sets the payment's status (possibly unchanged).
     */
    static void addToTotals(Connection c, LockedPayment row, OperationRecord o, boolean succeeded, PaymentStatus to,
            Instant at) throws SQLException {
        boolean capture = succeeded && o.kind() == OperationKind.CAPTURE;
        row.change(c, "captured_minor = captured_minor + ?, refunded_minor = refunded_minor + ?,"
                + " remainder_voided = (remainder_voided OR ?)", 3, ps -> {
                    ps.setLong(1, capture ? o.amountMinor() : 0);
                    ps.setLong(2, succeeded && o.kind() == OperationKind.REFUND ? o.amountMinor() : 0);
                    ps.setBoolean(3, succeeded && o.kind() == OperationKind.VOID);
                }, to, at);
    }

    /**
     * The store's payments with an unsettled operation, oldest first, as a {@code FROM} source aliased {@code p}
     * for {@link PaymentRows#select}; parameters: store id, limit.
     */
    static String openPaymentsSource() {
        return "(SELECT * FROM tillpay_payment WHERE payment_id IN (SELECT payment_id FROM tillpay_payment_operation"
                + " WHERE store_id = ? AND state IN (" + OPEN_STATES + ")) ORDER BY created_at, payment_id LIMIT ?) p";
    }
}
