package org.tillpay.ledger.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Iterator;
import java.util.function.Consumer;

import org.tillpay.ledger.settlement.Settlement;
import org.tillpay.ledger.settlement.SettlementLine;

/** SQL of the settlement tables: the settlement row, its lines in batches, and filters by account and payout date. */
final class SettlementRows {

    /** Lines sent to the database per JDBC batch. */
    static final int LINE_BATCH = 1_000;

    static final String SETTLEMENT_COLUMNS = "settlement_id, account_id, store_id, provider, provider_reference,"
            + " payment_status, currency, capture_minor, refund_minor, fee_minor, amount_minor, settled_at, start_at,"
            + " end_at, created_at";

    private static final String INSERT_SETTLEMENT = "INSERT INTO tillpay_settlement (" + SETTLEMENT_COLUMNS
            + ", fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String INSERT_LINE = "INSERT INTO tillpay_settlement_line (settlement_id, line_no,"
            + " transaction_id, merchant_reference, store_id, payment_product_type, event, amount_minor, fee_minor,"
            + " currency, event_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private SettlementRows() {
    }

    /** @return true when the settlement was stored and took the payment status; false when it is not stored */
    static boolean updateStatus(Connection c, Settlement s, Instant fetchedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE tillpay_settlement SET payment_status = ?, fetched_at = ? WHERE settlement_id = ?")) {
            ps.setString(1, s.paymentStatus());
            Jdbc.setInstant(ps, 2, fetchedAt);
            ps.setString(3, s.settlementId());
            return ps.executeUpdate() > 0;
        }
    }

    static void insertSettlement(Connection c, Settlement s, Instant fetchedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_SETTLEMENT)) {
            ps.setString(1, s.settlementId());
            ps.setString(2, s.accountId());
            ps.setString(3, s.storeId());
            ps.setString(4, s.provider());
            ps.setString(5, s.providerReference());
            ps.setString(6, s.paymentStatus());
            ps.setString(7, s.currency());
            ps.setLong(8, s.captureMinor());
            ps.setLong(9, s.refundMinor());
            ps.setLong(10, s.feeMinor());
            ps.setLong(11, s.amountMinor());
            ps.setObject(12, s.settledAt());
            Jdbc.setInstant(ps, 13, s.startAt());
            Jdbc.setInstant(ps, 14, s.endAt());
            Jdbc.setInstant(ps, 15, s.createdAt());
            Jdbc.setInstant(ps, 16, fetchedAt);
            ps.executeUpdate();
        }
    }

    /**
     * Inserts the lines as they come, {@value #LINE_BATCH} per batch, holding no more than one batch.
     *
     * @return how many lines were inserted
     * @throws IllegalArgumentException when a line belongs to another settlement
     */
    static long insertLines(Connection c, String settlementId, Iterator<SettlementLine> lines) throws SQLException {
        long count = 0;
        try (PreparedStatement ps = c.prepareStatement(INSERT_LINE)) {
            int pending = 0;
            while (lines.hasNext()) {
                SettlementLine l = lines.next();
                if (!settlementId.equals(l.settlementId())) {
                    throw new IllegalArgumentException("line " + l.lineNo() + " belongs to settlement "
                            + l.settlementId() + ", not " + settlementId);
                }
                ps.setString(1, settlementId);
                ps.setInt(2, l.lineNo());
                ps.setString(3, l.transactionId());
                ps.setString(4, l.merchantReference());
                ps.setString(5, l.storeId());
                ps.setString(6, l.paymentProductType());
                ps.setString(7, l.event());
                ps.setLong(8, l.amountMinor());
                ps.setLong(9, l.feeMinor());
                ps.setString(10, l.currency());
                Jdbc.setInstant(ps, 11, l.eventAt());
                ps.addBatch();
                count++;
                if (++pending == LINE_BATCH) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
        return count;
    }

    /** Streams a settlement's lines in report order, {@code fetchSize} rows per round trip (inside a transaction). */
    static void lines(Connection c, String settlementId, int fetchSize, Consumer<SettlementLine> sink)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT settlement_id, line_no, transaction_id,"
                + " merchant_reference, store_id, payment_product_type, event, amount_minor, fee_minor, currency,"
                + " event_at FROM tillpay_settlement_line WHERE settlement_id = ? ORDER BY line_no")) {
            ps.setFetchSize(fetchSize);
            ps.setString(1, settlementId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(new SettlementLine(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8), rs.getLong(9),
                            rs.getString(10), Jdbc.getInstant(rs, "event_at")));
                }
            }
        }
    }

    /** @return the settlement of the current row, read by the names in {@link #SETTLEMENT_COLUMNS} */
    static Settlement settlement(ResultSet rs) throws SQLException {
        return new Settlement(rs.getString("settlement_id"), rs.getString("account_id"), rs.getString("store_id"),
                rs.getString("provider"), rs.getString("provider_reference"), rs.getString("payment_status"),
                rs.getString("currency"), rs.getLong("capture_minor"), rs.getLong("refund_minor"),
                rs.getLong("fee_minor"), rs.getLong("amount_minor"), rs.getObject("settled_at", LocalDate.class),
                Jdbc.getInstant(rs, "start_at"), Jdbc.getInstant(rs, "end_at"), Jdbc.getInstant(rs, "created_at"));
    }

    /**
     * A WHERE clause over {@code tillpay_settlement} (alias {@code s}): the account, and optionally a provider and
     * a payout date range; {@link #bind} binds its parameters in the same order.
     */
    record Filter(String accountId, String provider, LocalDate from, LocalDate to) {

        String where() {
            StringBuilder sql = new StringBuilder("WHERE s.account_id = ?");
            if (provider != null) {
                sql.append(" AND s.provider = ?");
            }
            if (from != null) {
                sql.append(" AND s.settled_at >= ?");
            }
            if (to != null) {
                sql.append(" AND s.settled_at <= ?");
            }
            return sql.toString();
        }

        /** @return the next parameter index */
        int bind(PreparedStatement ps, int first) throws SQLException {
            int i = first;
            ps.setString(i++, accountId);
            for (Object value : Arrays.asList(provider, from, to)) {
                if (value != null) {
                    ps.setObject(i++, value);
                }
            }
            return i;
        }
    }
}
