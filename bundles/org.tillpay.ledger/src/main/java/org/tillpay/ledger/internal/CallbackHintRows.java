package org.tillpay.ledger.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.tillpay.ledger.CallbackHint;
import org.tillpay.ledger.LedgerException;
import org.tillpay.ledger.PaymentNotFoundException;

/** The durable callback inbox ({@code tillpay_callback_hint}): its SQL, and its ledger calls. */
final class CallbackHintRows {

    private CallbackHintRows() {
    }

    /** @see org.tillpay.ledger.PaymentLedger#addCallbackHint */
    static CallbackHint add(DataSource dataSource, CallbackHint hint) {
        try {
            return Jdbc.inTransaction(dataSource, c -> insert(c, hint));
        } catch (SQLException e) {
            if (Jdbc.isForeignKeyViolation(e)) {
                throw new PaymentNotFoundException(hint.paymentId());
            }
            throw new LedgerException("storing a callback for payment " + hint.paymentId() + " failed", e);
        }
    }

    /** @see org.tillpay.ledger.PaymentLedger#unprocessedCallbackHints */
    static List<CallbackHint> unprocessed(DataSource dataSource, String storeId, int limit) {
        try (Connection c = dataSource.getConnection()) {
            return unprocessed(c, storeId, limit);
        } catch (SQLException e) {
            throw new LedgerException("reading callbacks of store " + storeId + " failed", e);
        }
    }

    /** @see org.tillpay.ledger.PaymentLedger#markCallbackHintProcessed */
    static void markProcessed(DataSource dataSource, long hintId, Instant at) {
        try {
            Jdbc.inTransaction(dataSource, c -> {
                markProcessed(c, hintId, at);
                return null;
            });
        } catch (SQLException e) {
            throw new LedgerException("marking callback " + hintId + " processed failed", e);
        }
    }

    static CallbackHint insert(Connection c, CallbackHint h) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tillpay_callback_hint (store_id, payment_id,"
                + " session_id, transaction_id, event, event_id, error, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                new String[] {"hint_id"})) {
            ps.setString(1, h.storeId());
            ps.setString(2, h.paymentId());
            ps.setString(3, h.sessionId());
            ps.setString(4, h.transactionId());
            ps.setString(5, Jdbc.cut(h.event(), 32));
            ps.setString(6, Jdbc.cut(h.eventId(), 255));
            ps.setString(7, Jdbc.cut(h.error(), 64));
            Jdbc.setInstant(ps, 8, h.receivedAt());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no id generated for the callback hint");
                }
                return h.withId(keys.getLong(1));
            }
        }
    }

    static List<CallbackHint> unprocessed(Connection c, String storeId, int limit) throws SQLException {
        List<CallbackHint> hints = new ArrayList<>();
        if (limit <= 0) {
            return hints;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT hint_id, store_id, payment_id, session_id,"
                + " transaction_id, event, event_id, error, received_at FROM tillpay_callback_hint"
                + " WHERE store_id = ? AND processed_at IS NULL ORDER BY hint_id LIMIT ?")) {
            ps.setString(1, storeId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hints.add(new CallbackHint(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            Jdbc.getInstant(rs, "received_at")));
                }
            }
        }
        return hints;
    }

    static void markProcessed(Connection c, long hintId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE tillpay_callback_hint SET processed_at = ? WHERE hint_id = ? AND processed_at IS NULL")) {
            Jdbc.setInstant(ps, 1, at);
            ps.setLong(2, hintId);
            ps.executeUpdate();
        }
    }
}
