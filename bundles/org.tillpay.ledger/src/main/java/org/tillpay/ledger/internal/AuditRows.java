package org.tillpay.ledger.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import org.tillpay.ledger.AuditEntry;

/** The SQL of the audit trail ({@code tillpay_audit}): appended to, read per payment oldest first. */
final class AuditRows {

    private AuditRows() {
    }

    /** Appends an entry; result and detail longer than 1,024 characters are cut. */
    static void insert(Connection c, AuditEntry e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tillpay_audit (at, store_id, sale_reference,"
                + " payment_id, operation, amount_minor, currency, result, provider_event_id, requested_by, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Jdbc.setInstant(ps, 1, e.at());
            ps.setString(2, Jdbc.cut(e.storeId(), 64));
            ps.setString(3, Jdbc.cut(e.saleReference(), 255));
            ps.setString(4, Jdbc.cut(e.paymentId(), 64));
            ps.setString(5, Jdbc.cut(e.operation(), 64));
            if (e.amountMinor() == null) {
                ps.setNull(6, Types.BIGINT);
            } else {
                ps.setLong(6, e.amountMinor());
            }
            ps.setString(7, e.currency());
            ps.setString(8, Jdbc.cut(e.result(), PaymentRows.MAX_DETAIL));
            ps.setString(9, Jdbc.cut(e.providerEventId(), 255));
            ps.setString(10, Jdbc.cut(e.requestedBy(), 255));
            ps.setString(11, Jdbc.cut(e.detail(), PaymentRows.MAX_DETAIL));
            ps.executeUpdate();
        }
    }

    /** @return the payment's entries, oldest first */
    static List<AuditEntry> selectByPayment(Connection c, String paymentId) throws SQLException {
        List<AuditEntry> entries = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT at, store_id, sale_reference, payment_id, operation,"
                + " amount_minor, currency, result, provider_event_id, requested_by, detail FROM tillpay_audit"
                + " WHERE payment_id = ? ORDER BY audit_id")) {
            ps.setString(1, paymentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long amount = rs.getLong("amount_minor");
                    Long amountMinor = rs.wasNull() ? null : amount;
                    entries.add(new AuditEntry(Jdbc.getInstant(rs, "at"), rs.getString("store_id"),
                            rs.getString("sale_reference"), rs.getString("payment_id"), rs.getString("operation"),
                            amountMinor, rs.getString("currency"), rs.getString("result"),
                            rs.getString("provider_event_id"), rs.getString("requested_by"), rs.getString("detail")));
                }
            }
        }
        return entries;
    }
}
