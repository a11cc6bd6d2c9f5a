package org.tillpay.ledger.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.tillpay.ledger.settlement.ReconciliationLine;
import org.tillpay.ledger.settlement.ReconciliationLine.Outcome;

/**
 * Reconciles a store's sales against the settlement lines of its account as two streams, each sorted by transaction
 * id by the database and merged here: no query per row, and no more in memory than one transaction of each side.
 * <p>
 * Both queries run in one read-only transaction with a fetch size, which is what makes the PostgreSQL driver stream
 * (a cursor) instead of reading the whole result. On PostgreSQL the transaction ids are sorted with
 * {@code COLLATE "C"} (code-point order, as {@link String#compareTo} for the ASCII ids Dintero issues) so that the
 * merge agrees with the database whatever the database's collation; a stream that is not in that order fails the
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
            boolean postgres = isPostgres(c);
            if (postgres) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET LOCAL work_mem = '" + POSTGRES_SORT_MEMORY + "'");
                }
            }
            String transactionOrder = postgres ? "transaction_id COLLATE \"C\"" : "transaction_id";
            SettlementRows.Filter payouts = new SettlementRows.Filter(accountId, null, from, to);
            String salesSql = "SELECT transaction_id, store_id, sale_reference, merchant_reference, payment_product,"
                    + " currency, captured_minor - refunded_minor FROM tillpay_payment"
                    + " WHERE store_id = ? AND transaction_id IS NOT NULL AND captured_minor > 0"
                    + (from == null ? "" : " AND created_at >= ?") + (to == null ? "" : " AND created_at < ?")
                    + " ORDER BY " + transactionOrder + ", payment_id";
            String linesSql = "SELECT l.transaction_id, l.store_id, l.merchant_reference, l.payment_product_type,"
                    + " l.currency, l.event, l.amount_minor, l.fee_minor, l.settlement_id"
                    + " FROM tillpay_settlement_line l JOIN tillpay_settlement s ON s.settlement_id = l.settlement_id "
                    + payouts.where() + " AND (l.store_id = ? OR l.store_id IS NULL)"
                    + " ORDER BY l." + transactionOrder + ", s.settled_at, l.settlement_id, l.line_no";
            try (PreparedStatement sales = c.prepareStatement(salesSql);
                    PreparedStatement lines = c.prepareStatement(linesSql)) {
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
                try (ResultSet saleRows = sales.executeQuery(); ResultSet lineRows = lines.executeQuery()) {
                    return merge(new Cursor(saleRows), new Cursor(lineRows), sink);
                }
            }
        });
    }

    private static Map<Outcome, Integer> merge(Cursor sales, Cursor lines, Consumer<ReconciliationLine> sink)
            throws SQLException {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        Sale sale = Sale.next(sales);
        Settled settled = Settled.next(lines);
        while (sale != null || settled != null) {
            int order = sale == null ? 1 : settled == null ? -1 : sale.transactionId.compareTo(settled.transactionId);
            ReconciliationLine line;
            if (order < 0) {
                line = new ReconciliationLine(Outcome.NOT_YET_SETTLED, sale.transactionId, sale.storeId,
                        sale.saleReference, sale.merchantReference, sale.product, sale.currency, sale.netMinor, 0, 0,
                        List.of());
                sale = Sale.next(sales);
            } else if (order > 0) {
                line = new ReconciliationLine(Outcome.UNKNOWN_TO_POS, settled.transactionId, settled.storeId, null,
                        settled.merchantReference, settled.productType, settled.currency, 0, settled.netMinor,
                        settled.feeMinor, settled.settlementIds);
                settled = Settled.next(lines);
            } else {
                Outcome outcome = sale.netMinor == settled.netMinor ? Outcome.MATCHED : Outcome.AMOUNT_MISMATCH;
                line = new ReconciliationLine(outcome, sale.transactionId, sale.storeId, sale.saleReference,
                        sale.merchantReference, settled.productType != null ? settled.productType : sale.product,
                        sale.currency, sale.netMinor, settled.netMinor, settled.feeMinor, settled.settlementIds);
                sale = Sale.next(sales);
                settled = Settled.next(lines);
            }
            counts.merge(line.outcome(), 1, Integer::sum);
            sink.accept(line);
        }
        return counts;
    }

    private static boolean isPostgres(Connection c) throws SQLException {
        return "PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName());
    }

    /** A result set sorted by transaction id (column 1), read one transaction at a time. */
    private static final class Cursor {

        final ResultSet rs;
        boolean onRow;
        String lastTransactionId;

        Cursor(ResultSet rs) throws SQLException {
            this.rs = rs;
            this.onRow = rs.next();
        }

        /** @return the transaction id of the row the cursor is on, which starts a new transaction */
        String startTransaction() throws SQLException {
            String transactionId = rs.getString(1);
            if (lastTransactionId != null && transactionId.compareTo(lastTransactionId) <= 0) {
                throw new IllegalStateException("the database does not sort transaction ids in code-point order: "
                        + transactionId + " after " + lastTransactionId);
            }
            lastTransactionId = transactionId;
            return transactionId;
        }

        /** @return true when the cursor is on another row of the transaction */
        boolean advanceWithin(String transactionId) throws SQLException {
            onRow = rs.next();
            return onRow && transactionId.equals(rs.getString(1));
        }
    }

    /** The POS side of one transaction: the sale(s) with it, and what they took. */
    private record Sale(String transactionId, String storeId, String saleReference, String merchantReference,
            String product, String currency, long netMinor) {

        static Sale next(Cursor c) throws SQLException {
            if (!c.onRow) {
                return null;
            }
            String transactionId = c.startTransaction();
            ResultSet rs = c.rs;
            Sale first = new Sale(transactionId, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), rs.getLong(7));
            long net = first.netMinor;
            while (c.advanceWithin(transactionId)) {
                net += rs.getLong(7);
            }
            return net == first.netMinor ? first : new Sale(transactionId, first.storeId, first.saleReference,
                    first.merchantReference, first.product, first.currency, net);
        }
    }

    /** The settlement side of one transaction: its lines summed, and the settlements they are in. */
    private record Settled(String transactionId, String storeId, String merchantReference, String productType,
            String currency, long netMinor, long feeMinor, List<String> settlementIds) {

        static Settled next(Cursor c) throws SQLException {
            if (!c.onRow) {
                return null;
            }
            String transactionId = c.startTransaction();
            ResultSet rs = c.rs;
            String storeId = rs.getString(2);
            String merchantReference = rs.getString(3);
            String productType = rs.getString(4);
            String currency = rs.getString(5);
            long net = 0;
            long fee = 0;
            List<String> ids = new ArrayList<>(2);
            do {
                long amount = rs.getLong(7);
                net += "REFUND".equals(rs.getString(6)) ? -amount : amount;
                fee += rs.getLong(8);
                String settlementId = rs.getString(9);
                if (ids.isEmpty() || !ids.get(ids.size() - 1).equals(settlementId)) {
                    ids.add(settlementId);
                }
            } while (c.advanceWithin(transactionId));
            return new Settled(transactionId, storeId, merchantReference, productType, currency, net, fee, ids);
        }
    }
}
