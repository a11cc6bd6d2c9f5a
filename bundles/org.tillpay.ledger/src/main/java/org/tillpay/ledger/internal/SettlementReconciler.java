package org.tillpay.ledger.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.tillpay.ledger.settlement.ReconciliationLine;
import org.tillpay.ledger.settlement.ReconciliationLine.Outcome;

/**
 * Reconciles a store's sales against the settlement lines of its account as streams sorted by transaction id and
 * merged here: no query per row, and no more in memory than one transaction of each side (and the payout date of each
 * settlement in the reconciliation).
 * <p>
 * The store's sales are read in the order of {@code tillpay_payment_store_transaction_ix} (schema version 6). The
 * settlement lines are read in one of two ways:
 * <ul>
 * <li>on H2, for the whole history (no period), as two streams in the order of {@code tillpay_settlement_line_store_ix}:
 * the lines of the store and the lines without a store. One index range cannot hold "this store or none" in
 * transaction id order, so the two are merged here, and the lines of one transaction are put in payout order here, so
 * that nothing is sorted in the database. They are filtered by a subquery, not joined to their settlements, so that
 * H2 cannot plan them as the inner side of a join (one pass over the store's lines per settlement);</li>
 * <li>otherwise as one stream, joined to the settlements and sorted by the database: for a period, the database
 * drives it from the period's settlements and reads only their lines, where an index order would read every line the
 * store ever had; and PostgreSQL sorts in any case, because its indexes are not in {@code COLLATE "C"} order (one sort
 * of both kinds of line measured faster than two).</li>
 * </ul>
 * The payout dates that order the lines of a transaction come from one query of the reconciled settlements.
 * <p>
 * On H2 the queries run lazily ({@code LAZY_QUERY_EXECUTION}): a query read in index order then hands its rows over as
 * the merge asks for them, instead of first copying its whole result into a temporary result, which H2 keeps on disk
 * beyond a few ten thousand rows. That copy, and sorting it, was most of the time of a reconciliation on H2.
 * <p>
 * All queries run in one read-only transaction with a fetch size, which is what makes the PostgreSQL driver stream (a
 * cursor) instead of reading the whole result. On PostgreSQL the transaction ids are sorted with {@code COLLATE "C"}
 * (code-point order, as {@link String#compareTo} for the ASCII ids Dintero issues), by the database, so that the merge
 * agrees with the database whatever the database's collation; a stream that is not in that order fails the
 * reconciliation instead of producing wrong outcomes.
 */
final class SettlementReconciler {

    /** Rows fetched per round trip from each stream, by default. */
    static final int FETCH_SIZE = 10_000;

    /**
     * PostgreSQL's {@code work_mem} for the reconciliation's transaction only: enough to sort a million rows of each
     * stream in memory instead of merging runs on disk (server memory, per sort, while the reconciliation runs).
     */
    static final String POSTGRES_SORT_MEMORY = "256MB";

    /** The lines of one transaction in the order of their payouts: payout date, settlement, line number. */
    private static final Comparator<Line> PAYOUT_ORDER = Comparator.comparing(Line::settledAt)
            .thenComparing(Line::settlementId).thenComparingInt(Line::lineNo);

    private final DataSource dataSource;
    private final int fetchSize;

    SettlementReconciler(DataSource dataSource, int fetchSize) {
        this.dataSource = dataSource;
        this.fetchSize = fetchSize;
    }

    /**
     * Streams the reconciliation to the sink, in transaction id order.
     *
     * @return how many lines had each outcome
     */
    Map<Outcome, Integer> reconcile(String accountId, String storeId, LocalDate from, LocalDate to,
            Consumer<ReconciliationLine> sink) throws SQLException {
        return Jdbc.inTransaction(dataSource, c -> {
            String database = c.getMetaData().getDatabaseProductName();
            if ("PostgreSQL".equalsIgnoreCase(database)) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET LOCAL work_mem = '" + POSTGRES_SORT_MEMORY + "'");
                }
                return reconcile(c, true, accountId, storeId, from, to, sink);
            }
            if (!"H2".equalsIgnoreCase(database)) {
                return reconcile(c, false, accountId, storeId, from, to, sink);
            }
            setLazyQueryExecution(c, true);
            Map<Outcome, Integer> counts;
            try {
                counts = reconcile(c, false, accountId, storeId, from, to, sink);
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    setLazyQueryExecution(c, false);
                } catch (SQLException again) {
                    e.addSuppressed(again);
                }
                throw e;
            }
            setLazyQueryExecution(c, false);
            return counts;
        });
    }

    private Map<Outcome, Integer> reconcile(Connection c, boolean postgres, String accountId, String storeId,
            LocalDate from, LocalDate to, Consumer<ReconciliationLine> sink) throws SQLException {
        String transactionOrder = postgres ? "transaction_id COLLATE \"C\"" : "transaction_id";
        SettlementRows.Filter payouts = new SettlementRows.Filter(accountId, null, from, to);
        String salesSql = "SELECT transaction_id, store_id, sale_reference, merchant_reference, payment_product,"
                + " currency, captured_minor - refunded_minor, created_at FROM tillpay_payment"
                + " WHERE store_id = ? AND transaction_id IS NOT NULL AND captured_minor > 0"
                + (from == null ? "" : " AND created_at >= ?") + (to == null ? "" : " AND created_at < ?")
                + " ORDER BY store_id, " + transactionOrder + ", payment_id";
        String lineColumns = "SELECT l.transaction_id, l.store_id, l.merchant_reference, l.payment_product_type,"
                + " l.currency, l.event, l.amount_minor, l.fee_minor, l.settlement_id, l.line_no"
                + " FROM tillpay_settlement_line l ";
        boolean twoStreams = !postgres && from == null && to == null;
        // the store's lines, and with one stream the lines without a store too
        String linesSql;
        String unassignedLinesSql = null;
        if (twoStreams) {
            String inIndexOrder = lineColumns + "WHERE l.settlement_id IN (SELECT s.settlement_id FROM"
                    + " tillpay_settlement s " + payouts.where() + ") AND l.store_id %s ORDER BY l.store_id, l."
                    + transactionOrder;
            linesSql = String.format(inIndexOrder, "= ?");
            unassignedLinesSql = String.format(inIndexOrder, "IS NULL");
        } else {
            linesSql = lineColumns + "JOIN tillpay_settlement s ON s.settlement_id = l.settlement_id "
                    + payouts.where() + " AND (l.store_id = ? OR l.store_id IS NULL)"
                    + " ORDER BY l." + transactionOrder + ", s.settled_at, l.settlement_id, l.line_no";
        }
        try (PayoutDates payoutDates = new PayoutDates(c, payouts);
                PreparedStatement sales = c.prepareStatement(salesSql);
                PreparedStatement lines = c.prepareStatement(linesSql);
                PreparedStatement unassignedLines = twoStreams ? c.prepareStatement(unassignedLinesSql) : null) {
            int i = 1;
            sales.setString(i++, storeId);
            if (from != null) {
                Jdbc.setInstant(sales, i++, from.atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            if (to != null) {
                Jdbc.setInstant(sales, i, to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            lines.setString(payouts.bind(lines, 1), storeId);
            sales.setFetchSize(fetchSize);
            lines.setFetchSize(fetchSize);
            if (unassignedLines != null) {
                payouts.bind(unassignedLines, 1);
                unassignedLines.setFetchSize(fetchSize);
            }
            payoutDates.load();
            try (ResultSet saleRows = sales.executeQuery(); ResultSet lineRows = lines.executeQuery();
                    ResultSet unassignedRows = unassignedLines == null ? null : unassignedLines.executeQuery()) {
                List<Cursor> lineStreams = unassignedRows == null ? List.of(new Cursor(lineRows))
                        : List.of(new Cursor(lineRows), new Cursor(unassignedRows));
                return merge(new Cursor(saleRows), lineStreams, payoutDates, sink);
            }
        }
    }

    private static Map<Outcome, Integer> merge(Cursor sales, List<Cursor> lines, PayoutDates payoutDates,
            Consumer<ReconciliationLine> sink) throws SQLException {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        List<Line> buffer = new ArrayList<>();
        Sale sale = Sale.next(sales);
        Settled settled = Settled.next(lines, payoutDates, buffer);
        while (sale != null || settled != null) {
            int order = sale == null ? 1 : settled == null ? -1 : sale.transactionId.compareTo(settled.transactionId);
            ReconciliationLine line;
            if (order < 0) {
                line = new ReconciliationLine(Outcome.NOT_YET_SETTLED, sale.transactionId, sale.storeId,
                        sale.saleReference, sale.merchantReference, sale.product, sale.currency, sale.netMinor, 0, 0,
                        List.of(), sale.soldAt);
                sale = Sale.next(sales);
            } else if (order > 0) {
                line = new ReconciliationLine(Outcome.UNKNOWN_TO_POS, settled.transactionId, settled.storeId, null,
                        settled.merchantReference, settled.productType, settled.currency, 0, settled.netMinor,
                        settled.feeMinor, settled.settlementIds);
                settled = Settled.next(lines, payoutDates, buffer);
            } else {
                Outcome outcome = sale.netMinor == settled.netMinor ? Outcome.MATCHED : Outcome.AMOUNT_MISMATCH;
                line = new ReconciliationLine(outcome, sale.transactionId, sale.storeId, sale.saleReference,
                        sale.merchantReference, settled.productType != null ? settled.productType : sale.product,
                        sale.currency, sale.netMinor, settled.netMinor, settled.feeMinor, settled.settlementIds,
                        sale.soldAt);
                sale = Sale.next(sales);
                settled = Settled.next(lines, payoutDates, buffer);
            }
            counts.merge(line.outcome(), 1, Integer::sum);
            sink.accept(line);
        }
        return counts;
    }

    /**
     * H2 computes a query's whole result before returning the first row unless lazy execution is on; it is a
     * setting of the session (the pooled connection), so it is switched off again, H2's default, before the
     * connection goes back.
     */
    private static void setLazyQueryExecution(Connection c, boolean lazy) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LAZY_QUERY_EXECUTION " + (lazy ? "TRUE" : "FALSE"));
        }
    }

    /** A result set sorted by transaction id (column 1, never null), read one transaction at a time. */
    private static final class Cursor {

        final ResultSet rs;
        /** The transaction id of the row the cursor is on; null after the last row. */
        String transactionId;
        String lastTransactionId;

        Cursor(ResultSet rs) throws SQLException {
            this.rs = rs;
            advance();
        }

        boolean onRow() {
            return transactionId != null;
        }

        /** @return the transaction id of the row the cursor is on, which starts a new transaction */
        String startTransaction() {
            if (lastTransactionId != null && transactionId.compareTo(lastTransactionId) <= 0) {
                throw new IllegalStateException("the database does not sort transaction ids in code-point order: "
                        + transactionId + " after " + lastTransactionId);
            }
            lastTransactionId = transactionId;
            return transactionId;
        }

        /** @return true when the cursor is on another row of the transaction */
        boolean advanceWithin(String transaction) throws SQLException {
            advance();
            return transaction.equals(transactionId);
        }

        private void advance() throws SQLException {
            transactionId = rs.next() ? rs.getString(1) : null;
        }
    }

    /** The POS side of one transaction: the sale(s) with it, and what they took. */
    private record Sale(String transactionId, String storeId, String saleReference, String merchantReference,
            String product, String currency, long netMinor, Instant soldAt) {

        static Sale next(Cursor c) throws SQLException {
            if (!c.onRow()) {
                return null;
            }
            String transactionId = c.startTransaction();
            ResultSet rs = c.rs;
            Sale first = new Sale(transactionId, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), rs.getLong(7), Jdbc.getInstant(rs, "created_at"));
            long net = first.netMinor;
            while (c.advanceWithin(transactionId)) {
                net += rs.getLong(7);
            }
            return net == first.netMinor ? first : new Sale(transactionId, first.storeId, first.saleReference,
                    first.merchantReference, first.product, first.currency, net, first.soldAt);
        }
    }

    /** One settlement line of a transaction, as read. */
    private record Line(String storeId, String merchantReference, String productType, String currency, long netMinor,
            long feeMinor, String settlementId, int lineNo, LocalDate settledAt) {

        static Line read(ResultSet rs, PayoutDates payoutDates) throws SQLException {
            long amount = rs.getLong(7);
            String settlementId = rs.getString(9);
            return new Line(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    "REFUND".equals(rs.getString(6)) ? -amount : amount, rs.getLong(8), settlementId, rs.getInt(10),
                    payoutDates.of(settlementId));
        }
    }

    /** The settlement side of one transaction: its lines summed, and the settlements they are in. */
    private record Settled(String transactionId, String storeId, String merchantReference, String productType,
            String currency, long netMinor, long feeMinor, List<String> settlementIds) {

        /**
         * Reads the next transaction of the streams of lines, its lines in payout order whichever stream they came
         * from ({@code buffer} is reused from one transaction to the next).
         */
        static Settled next(List<Cursor> streams, PayoutDates payoutDates, List<Line> buffer) throws SQLException {
            String transactionId = null;
            for (Cursor c : streams) {
                if (c.onRow() && (transactionId == null || c.transactionId.compareTo(transactionId) < 0)) {
                    transactionId = c.transactionId;
                }
            }
            if (transactionId == null) {
                return null;
            }
            buffer.clear();
            for (Cursor c : streams) {
                if (transactionId.equals(c.transactionId)) {
                    c.startTransaction();
                    do {
                        buffer.add(Line.read(c.rs, payoutDates));
                    } while (c.advanceWithin(transactionId));
                }
            }
            if (buffer.size() > 1) {
                buffer.sort(PAYOUT_ORDER);
            }
            Line first = buffer.get(0);
            long net = 0;
            long fee = 0;
            List<String> ids = new ArrayList<>(2);
            for (Line l : buffer) {
                net += l.netMinor;
                fee += l.feeMinor;
                if (ids.isEmpty() || !ids.get(ids.size() - 1).equals(l.settlementId)) {
                    ids.add(l.settlementId);
                }
            }
            return new Settled(transactionId, first.storeId, first.merchantReference, first.productType,
                    first.currency, net, fee, ids);
        }
    }

    /**
     * The payout date of every settlement in the reconciliation, read once before the lines. A line of a settlement
     * stored after that (and so not yet known) has the dates read again.
     */
    private static final class PayoutDates implements AutoCloseable {

        private final PreparedStatement query;
        private final Map<String, LocalDate> dates = new HashMap<>();

        PayoutDates(Connection c, SettlementRows.Filter payouts) throws SQLException {
            query = c.prepareStatement("SELECT s.settlement_id, s.settled_at FROM tillpay_settlement s "
                    + payouts.where());
            payouts.bind(query, 1);
        }

        void load() throws SQLException {
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    dates.put(rs.getString(1), rs.getObject(2, LocalDate.class));
                }
            }
        }

        LocalDate of(String settlementId) throws SQLException {
            LocalDate date = dates.get(settlementId);
            if (date == null) {
                load();
                date = dates.get(settlementId);
                if (date == null) {
                    throw new IllegalStateException("a line of settlement " + settlementId
                            + " was read, but the settlement is not one of those reconciled");
                }
            }
            return date;
        }

        @Override
        public void close() throws SQLException {
            query.close();
        }
    }
}
