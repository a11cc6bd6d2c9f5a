package org.tillpay.ledger.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tillpay.ledger.NewPayment;
import org.tillpay.ledger.OperationRecord;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.payment.api.PaymentLine;
import org.tillpay.payment.api.PaymentStatus;
import org.tillpay.payment.api.StatusChange;

/** The ledger's SQL for reading and inserting rows, and the mapping between rows and records. */
final class PaymentRows {

    /** Longest history detail stored; longer provider detail is cut rather than losing the status change. */
    static final int MAX_DETAIL = 1024;

    /** How often a single payment is read again when it changed while being read. */
    private static final int MAX_CONSISTENT_READS = 5;

    private static final String PAYMENT_COLUMNS = "p.payment_id, p.store_id, p.method_id, p.sale_reference,"
            + " p.merchant_reference, p.currency, p.amount_minor, p.vat_amount_minor, p.status, p.session_id,"
            + " p.session_url, p.transaction_id, p.payment_product, p.created_at, p.updated_at, p.expires_at,"
            + " p.version, p.parked, p.delivery_address, p.captured_minor, p.refunded_minor, p.remainder_voided,"
            + " p.gift_card_minor";

    /** Payments with their history, in one statement so that both come from the same snapshot. */
    private static final String SELECT_WITH_HISTORY = "SELECT " + PAYMENT_COLUMNS
            + ", e.seq AS e_seq, e.status AS e_status, e.at AS e_at, e.source AS e_source, e.detail AS e_detail"
            + " FROM %s LEFT JOIN tillpay_payment_event e ON e.payment_id = p.payment_id"
            + " %s ORDER BY p.created_at, p.payment_id, e.seq";

    private PaymentRows() {
    }

    /** Binds the parameters of a query. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /**
     * @return the newest payments (at most {@code limit}, 1 to 1,000), newest first, of a store, status and sale
     *         reference where each is given (null: any)
     */
    static List<PaymentRecord> latest(Connection c, String storeId, PaymentStatus status, String saleReference,
            int limit) throws SQLException {
        int rows = Math.max(1, Math.min(limit, 1000));
        StringBuilder where = new StringBuilder("WHERE 1 = 1");
        List<String> values = new ArrayList<>();
        if (storeId != null) {
            where.append(" AND store_id = ?");
            values.add(storeId);
        }
        if (status != null) {
            where.append(" AND status = ?");
            values.add(status.name());
        }
        if (saleReference != null) {
            where.append(" AND sale_reference = ?");
            values.add(saleReference);
        }
        String latest = "(SELECT * FROM tillpay_payment " + where + " ORDER BY created_at DESC, payment_id DESC LIMIT ?) p";
        List<PaymentRecord> oldestFirst = select(c, latest, "", ps -> {
            int i = 1;
            for (String v : values) {
                ps.setString(i++, v);
            }
            ps.setInt(i, rows);
        });
        List<PaymentRecord> newestFirst = new ArrayList<>(oldestFirst);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /**
     * Selects payments with their full history and their operations: one query for the payments with their history,
     * and one for their operations (by payment id when there is one payment).
     *
     * @param from the {@code FROM} source, aliased {@code p}: the payment table or a derived table over it
     * @param where a {@code WHERE} clause on {@code p}, or empty
     */
    static List<PaymentRecord> select(Connection c, String from, String where, Binder binder) throws SQLException {
        List<Row> rows = rows(c, from, where, binder);
        List<PaymentRecord> records = new ArrayList<>(rows.size());
        if (rows.size() == 1) {
            // The payment row and its operations are two statements: when a settlement commits between them, the
            // operation would show settled with the totals from before. The version moves with every such change,
            // so read again until it stands still (a payment changes a few times in its life: rarely more than once).
            for (int attempt = 1;; attempt++) {
                Row row = rows.get(0);
                List<OperationRecord> operations = OperationRows.selectByPayment(c, row.paymentId);
                if (attempt == MAX_CONSISTENT_READS || version(c, row.paymentId) == row.version) {
                    records.add(row.toRecord(operations));
                    break;
                }
                rows = rows(c, from, where, binder);
                if (rows.size() != 1) {
                    return select(c, from, where, binder);
                }
            }
        } else if (!rows.isEmpty()) {
            Map<String, List<OperationRecord>> operations = OperationRows.selectOfPayments(c, from + " " + where,
                    binder);
            for (Row row : rows) {
                records.add(row.toRecord(operations.getOrDefault(row.paymentId, List.of())));
            }
        }
        return records;
    }

    private static List<Row> rows(Connection c, String from, String where, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(String.format(SELECT_WITH_HISTORY, from, where))) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return map(rs);
            }
        }
    }

    private static long version(Connection c, String paymentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM tillpay_payment WHERE payment_id = ?")) {
            ps.setString(1, paymentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    /** @return the payment with its full history and operations, or empty */
    static Optional<PaymentRecord> selectById(Connection c, String paymentId) throws SQLException {
        List<PaymentRecord> found = select(c, "tillpay_payment p", "WHERE p.payment_id = ?",
                ps -> ps.setString(1, paymentId));
        return found.stream().findFirst();
    }

    private static List<Row> map(ResultSet rs) throws SQLException {
        List<Row> records = new ArrayList<>();
        Row current = null;
        while (rs.next()) {
            String paymentId = rs.getString("payment_id");
            if (current == null || !current.paymentId.equals(paymentId)) {
                if (current != null) {
                    records.add(current);
                }
                current = new Row(rs);
            }
            rs.getInt("e_seq");
            if (!rs.wasNull()) {
                current.history.add(new StatusChange(PaymentStatus.valueOf(rs.getString("e_status")),
                        Jdbc.getInstant(rs, "e_at"), rs.getString("e_source"), rs.getString("e_detail")));
            }
        }
        if (current != null) {
            records.add(current);
        }
        return records;
    }

    /** Inserts the payment row, in status {@code CREATED} at version 0. */
    static void insertPayment(Connection c, NewPayment p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tillpay_payment (payment_id, store_id,"
                + " method_id, sale_reference, merchant_reference, currency, amount_minor, vat_amount_minor, status,"
                + " created_at, updated_at, expires_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
            ps.setString(1, p.paymentId());
            ps.setString(2, p.storeId());
            ps.setString(3, p.methodId());
            ps.setString(4, p.saleReference());
            ps.setString(5, p.merchantReference());
            ps.setString(6, p.currency());
            ps.setLong(7, p.amountMinor());
            ps.setLong(8, p.vatAmountMinor());
            ps.setString(9, PaymentStatus.CREATED.name());
            Jdbc.setInstant(ps, 10, p.createdAt());
            Jdbc.setInstant(ps, 11, p.createdAt());
            Jdbc.setInstant(ps, 12, p.expiresAt());
            ps.executeUpdate();
        }
    }

    /** Inserts the payment's lines, numbered from 0 in the given order. */
    static void insertLines(Connection c, String paymentId, List<PaymentLine> lines) throws SQLException {
        if (lines.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tillpay_payment_line (payment_id, position,"
                + " line_id, description, quantity, unit_price_minor, vat_percent, amount_minor, vat_amount_minor)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < lines.size(); i++) {
                PaymentLine line = lines.get(i);
                ps.setString(1, paymentId);
                ps.setInt(2, i);
                ps.setString(3, line.lineId());
                ps.setString(4, line.description());
                ps.setInt(5, line.quantity());
                ps.setLong(6, line.unitPriceMinor());
                ps.setBigDecimal(7, line.vatPercent());
                ps.setLong(8, line.amountMinor());
                ps.setLong(9, line.vatAmountMinor());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** @return the payment's lines in their order (empty for an unknown payment) */
    static List<PaymentLine> selectLines(Connection c, String paymentId) throws SQLException {
        List<PaymentLine> lines = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT line_id, description, quantity, unit_price_minor,"
                + " vat_percent FROM tillpay_payment_line WHERE payment_id = ? ORDER BY position")) {
            ps.setString(1, paymentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BigDecimal vat = rs.getBigDecimal("vat_percent").stripTrailingZeros();
                    lines.add(PaymentLine.builder().lineId(rs.getString("line_id"))
                            .description(rs.getString("description")).quantity(rs.getInt("quantity"))
                            .unitPriceMinor(rs.getLong("unit_price_minor"))
                            .vatPercent(vat.scale() < 0 ? vat.setScale(0) : vat).build());
                }
            }
        }
        return lines;
    }

    /**
     * Whether a payment's history holds a provider event: a join with the payment row (so that it is read through the
     * payment table) naming the payment on both sides, so that H2 looks the event up in its unique index. Written as
     * {@code payment_id IN (SELECT ...)}, H2 2.2 read the whole index for every status change (40,001 entries for
     * 20,000 payments), and the link benchmark slowed as the ledger grew.
     */
    static final String HAS_EVENT = "SELECT 1 FROM tillpay_payment p JOIN tillpay_payment_event e"
            + " ON e.payment_id = p.payment_id WHERE p.payment_id = ? AND e.payment_id = ? AND e.provider_event_id = ?";

    /** The first history entry of a payment being inserted: sequence number 0. */
    static void insertFirstEvent(Connection c, String paymentId, PaymentStatus status, Instant at, String source)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tillpay_payment_event (payment_id, seq, status,"
                + " at, source) VALUES (?, 0, ?, ?, ?)")) {
            ps.setString(1, paymentId);
            ps.setString(2, status.name());
            Jdbc.setInstant(ps, 3, at);
            ps.setString(4, source);
            ps.executeUpdate();
        }
    }

    /**
     * Appends a history entry after the payment's last one, numbering it in the same statement. Call with the
     * payment row locked, so that the next sequence number cannot be taken concurrently.
     */
    static void insertEvent(Connection c, String paymentId, PaymentStatus status, Instant at, String source,
            String detail, String providerEventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tillpay_payment_event (payment_id, seq, status,"
                + " at, source, detail, provider_event_id) SELECT ?, COALESCE(MAX(seq) + 1, 0), ?, ?, ?, ?, ?"
                + " FROM tillpay_payment_event WHERE payment_id = ?")) {
            ps.setString(1, paymentId);
            ps.setString(2, status.name());
            Jdbc.setInstant(ps, 3, at);
            ps.setString(4, source);
            ps.setString(5, Jdbc.cut(detail, MAX_DETAIL));
            ps.setString(6, providerEventId);
            ps.setString(7, paymentId);
            ps.executeUpdate();
        }
    }

    /**
     * @return true when the payment's history already holds the provider's event (read through the payment table:
     *         see {@link LockedPayment})
     */
    static boolean hasEvent(Connection c, String paymentId, String providerEventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(HAS_EVENT)) {
            ps.setString(1, paymentId);
            ps.setString(2, paymentId);
            ps.setString(3, providerEventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** One payment being read: its columns and the history collected so far. */
    private static final class Row {
        final String paymentId;
        final String storeId;
        final String methodId;
        final String saleReference;
        final String merchantReference;
        final String currency;
        final long amountMinor;
        final long vatAmountMinor;
        final PaymentStatus status;
        final String sessionId;
        final String sessionUrl;
        final String transactionId;
        final String paymentProduct;
        final Instant createdAt;
        final Instant updatedAt;
        final Instant expiresAt;
        final long version;
        final boolean parked;
        final String deliveryAddress;
        final long capturedMinor;
        final long refundedMinor;
        final boolean remainderVoided;
        final long giftCardMinor;
        final List<StatusChange> history = new ArrayList<>();

        Row(ResultSet rs) throws SQLException {
            paymentId = rs.getString("payment_id");
            storeId = rs.getString("store_id");
            methodId = rs.getString("method_id");
            saleReference = rs.getString("sale_reference");
            merchantReference = rs.getString("merchant_reference");
            currency = rs.getString("currency");
            amountMinor = rs.getLong("amount_minor");
            vatAmountMinor = rs.getLong("vat_amount_minor");
            status = PaymentStatus.valueOf(rs.getString("status"));
            sessionId = rs.getString("session_id");
            sessionUrl = rs.getString("session_url");
            transactionId = rs.getString("transaction_id");
            paymentProduct = rs.getString("payment_product");
            createdAt = Jdbc.getInstant(rs, "created_at");
            updatedAt = Jdbc.getInstant(rs, "updated_at");
            expiresAt = Jdbc.getInstant(rs, "expires_at");
            version = rs.getLong("version");
            parked = rs.getBoolean("parked");
            deliveryAddress = rs.getString("delivery_address");
            capturedMinor = rs.getLong("captured_minor");
            refundedMinor = rs.getLong("refunded_minor");
            remainderVoided = rs.getBoolean("remainder_voided");
            giftCardMinor = rs.getLong("gift_card_minor");
        }

        PaymentRecord toRecord(List<OperationRecord> operations) {
            return new PaymentRecord(paymentId, storeId, methodId, saleReference, merchantReference, currency,
                    amountMinor, vatAmountMinor, status, sessionId, sessionUrl, transactionId, paymentProduct,
                    createdAt, updatedAt, expiresAt, version, history, parked, deliveryAddress, capturedMinor,
                    refundedMinor, remainderVoided, giftCardMinor, operations);
        }
    }
}
