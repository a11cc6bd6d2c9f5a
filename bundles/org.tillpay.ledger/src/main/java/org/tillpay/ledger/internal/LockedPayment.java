package org.tillpay.ledger.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import org.tillpay.ledger.PaymentNotFoundException;
import org.tillpay.payment.api.PaymentStatus;

/**
 * A payment row locked for the rest of the transaction, with its current values, so that concurrent changes of one
 * payment, on any node sharing the database, are applied one at a time.
 * <p>
 * The lock is taken by an update of the row ({@code lock_seq}), not by {@code SELECT ... FOR UPDATE}: PostgreSQL and
 * H2 both apply an update to the latest committed row, after waiting for its lock, and every statement after it in
 * the transaction reads that row as updated. H2 2.2 may answer a repeated {@code SELECT} from a result it kept from
 * before another session's commit (h2database issue 3894; see {@code OPTIMIZE_REUSE_RESULTS} in the distribution's
 * datasource); it never does after the statement's own tables changed, and the update changed the payment table.
 * So the reads a decision is made on (the payment, its history and operations) all name the payment table.
 */
record LockedPayment(String paymentId, String storeId, String saleReference, PaymentStatus status, String sessionId,
        String sessionUrl, String transactionId, String paymentProduct) {

    private static final String LOCK_PAYMENT = "UPDATE tillpay_payment SET lock_seq = lock_seq + 1"
            + " WHERE payment_id = ?";
    private static final String READ_LOCKED = "SELECT store_id, sale_reference, status, session_id, session_url,"
            + " transaction_id, payment_product FROM tillpay_payment WHERE payment_id = ?";

    /**
     * Locks the payment row.
     *
     * @throws PaymentNotFoundException when there is no such payment
     */
    static LockedPayment lock(Connection c, String paymentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LOCK_PAYMENT)) {
            ps.setString(1, paymentId);
            if (ps.executeUpdate() != 1) {
                throw new PaymentNotFoundException(paymentId);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(READ_LOCKED)) {
            ps.setString(1, paymentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new PaymentNotFoundException(paymentId);
                }
                return new LockedPayment(paymentId, rs.getString("store_id"), rs.getString("sale_reference"),
                        PaymentStatus.valueOf(rs.getString("status")), rs.getString("session_id"),
                        rs.getString("session_url"), rs.getString("transaction_id"),
                        rs.getString("payment_product"));
            }
        }
    }

    /**
     * Sets the status and provider ids of the locked row, and increments its version.
     *
     * @throws SQLException when the row no longer has the status it was locked with
     */
    void update(Connection c, PaymentStatus to, String sessionId, String sessionUrl, String transactionId,
            String paymentProduct, Instant at) throws SQLException {
        change(c, "session_id = ?, session_url = ?, transaction_id = ?, payment_product = ?", 4, ps -> {
            ps.setString(1, sessionId);
            ps.setString(2, sessionUrl);
            ps.setString(3, transactionId);
            ps.setString(4, paymentProduct);
        }, to, at);
    }

    /**
     * Changes the locked row: the given assignments, the status, the update time, and its version incremented.
     *
     * @param assignments SQL assignments with {@code parameters} parameters, bound by {@code values} from 1
     * @throws SQLException when the row no longer has the status it was locked with
     */
    void change(Connection c, String assignments, int parameters, PaymentRows.Binder values, PaymentStatus to,
            Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE tillpay_payment SET " + assignments + ", status = ?,"
                + " updated_at = ?, version = version + 1 WHERE payment_id = ? AND status = ?")) {
            values.bind(ps);
            ps.setString(parameters + 1, to.name());
            Jdbc.setInstant(ps, parameters + 2, at);
            ps.setString(parameters + 3, paymentId);
            ps.setString(parameters + 4, status.name());
            if (ps.executeUpdate() != 1) {
                throw new SQLException("payment " + paymentId + " changed while locked");
            }
        }
    }
}
