package org.tillpay.ledger.internal;

import java.io.OutputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.ledger.LedgerException;
import org.tillpay.ledger.settlement.MonthlySummary;
import org.tillpay.ledger.settlement.ReconciliationLine;
import org.tillpay.ledger.settlement.ReconciliationLine.Outcome;
import org.tillpay.ledger.settlement.Settlement;
import org.tillpay.ledger.settlement.SettlementFile;
import org.tillpay.ledger.settlement.SettlementLine;
import org.tillpay.ledger.settlement.SettlementStore;

/**
 * The {@link SettlementStore} over the ledger's JDBC {@link DataSource} (tables {@code tillpay_settlement} and
 * {@code tillpay_settlement_line}, schema version 4; {@code tillpay_settlement_file} and
 * {@code tillpay_settlement_forward}, version 5).
 * <p>
 * It takes the same data source as {@link JdbcPaymentLedger}, chosen the same way ({@code dataSource.target} in the
 * configuration {@code org.tillpay.ledger}), and applies the same schema migrations on activation, so it may start
 * before the ledger: the migrator is idempotent and serialised (an advisory lock on PostgreSQL, a JVM lock
 * elsewhere). When they fail the constructor throws and the component stays inactive.
 * <p>
 * A settlement is stored once, in one transaction with its lines (inserted in JDBC batches as the iterator yields
 * them). Two nodes storing the same new settlement at once end with one copy: the second insert of the settlement
 * row waits for the first transaction and then fails as a duplicate, and that call only updates the payment status.
 */
@Component(service = SettlementStore.class, immediate = true, configurationPid = "org.tillpay.ledger")
public final class JdbcSettlementStore implements SettlementStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSettlementStore.class);

    private final DataSource dataSource;
    private final Clock clock;
    private final SettlementReconciler reconciler;

    /**
     * Migrates the schema and makes the store ready; used by DS and, with any data source, by tests.
     *
     * @param dataSource the database; by default the one registered with {@code dataSourceName=tillpay}
     * @throws LedgerException when the schema migrations fail (the component then stays inactive)
     */
    @Activate
    public JdbcSettlementStore(
            @Reference(name = "dataSource", target = "(dataSourceName=tillpay)") DataSource dataSource) {
        this(dataSource, Clock.systemUTC(), SettlementReconciler.FETCH_SIZE);
    }

    /** For tests: a clock for {@code fetched_at}, and the rows fetched per round trip when reconciling. */
    JdbcSettlementStore(DataSource dataSource, Clock clock, int reconcileFetchSize) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reconciler = new SettlementReconciler(dataSource, reconcileFetchSize);
        SchemaMigrator.migrateOnActivation(dataSource, "Settlement store");
    }

    @Override
    public boolean store(Settlement settlement, Iterator<SettlementLine> lines, List<SettlementFile.Content> files) {
        Objects.requireNonNull(settlement, "settlement");
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(files, "files");
        Instant fetchedAt = clock.instant();
        String id = settlement.settlementId();
        if (!settlement.addsUp()) {
            LOG.warn("Settlement {} of account {} does not add up: amount {} != capture {} - refund {} - fee {}", id,
                    settlement.accountId(), settlement.amountMinor(), settlement.captureMinor(),
                    settlement.refundMinor(), settlement.feeMinor());
        }
        try {
            long inserted = Jdbc.inTransaction(dataSource, c -> {
                if (SettlementRows.updateStatus(c, settlement, fetchedAt)) {
                    return -1L;
                }
                try {
                    SettlementRows.insertSettlement(c, settlement, fetchedAt);
                } catch (SQLException e) {
                    if (Jdbc.isUniqueViolation(e)) {
                        throw new StoredMeanwhile(e);
                    }
                    throw e;
                }
                long count = SettlementRows.insertLines(c, id, lines);
                SettlementFileRows.insertFiles(c, id, files);
                return count;
            });
            if (inserted >= 0) {
                LOG.info("Settlement {} of account {} stored: provider {} {} {} paid out {} with {} lines and {} files",
                        id, settlement.accountId(), settlement.provider(), settlement.paymentStatus(),
                        settlement.currency(), settlement.settledAt(), inserted, files.size());
                return true;
            }
        } catch (StoredMeanwhile e) {
            LOG.info("Settlement {} of account {} was stored meanwhile by another call; updating its status", id,
                    settlement.accountId());
            updateStatusOnly(settlement, fetchedAt);
        } catch (SQLException e) {
            throw new LedgerException("storing settlement " + id + " of account " + settlement.accountId()
                    + " failed", e);
        }
        LOG.info("Settlement {} of account {} already stored; payment status now {}", id, settlement.accountId(),
                settlement.paymentStatus());
        return false;
    }

    private void updateStatusOnly(Settlement settlement, Instant fetchedAt) {
        try {
            Jdbc.inTransaction(dataSource, c -> SettlementRows.updateStatus(c, settlement, fetchedAt));
        } catch (SQLException e) {
            throw new LedgerException("updating the status of settlement " + settlement.settlementId()
                    + " of account " + settlement.accountId() + " failed", e);
        }
    }

    @Override
    public boolean isStored(String settlementId) {
        try (var c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT 1 FROM tillpay_settlement WHERE settlement_id = ?")) {
            ps.setString(1, settlementId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new LedgerException("reading settlement " + settlementId + " failed", e);
        }
    }

    @Override
    public Optional<Settlement> settlement(String settlementId) {
        return read("settlement " + settlementId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SettlementRows.SETTLEMENT_COLUMNS
                    + " FROM tillpay_settlement WHERE settlement_id = ?")) {
                ps.setString(1, settlementId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(SettlementRows.settlement(rs)) : Optional.<Settlement>empty();
                }
            }
        });
    }

    @Override
    public void lines(String settlementId, Consumer<SettlementLine> sink) {
        Objects.requireNonNull(sink, "sink");
        read("the lines of settlement " + settlementId, c -> {
            SettlementRows.lines(c, settlementId, SettlementReconciler.FETCH_SIZE, sink);
            return null;
        });
    }

    @Override
    public List<SettlementFile> files(String settlementId) {
        return read("the files of settlement " + settlementId, c -> SettlementFileRows.files(c, settlementId));
    }

    @Override
    public Optional<SettlementFile> copyFile(String settlementId, String attachmentId, OutputStream out) {
        Objects.requireNonNull(out, "out");
        return read("file " + attachmentId + " of settlement " + settlementId,
                c -> SettlementFileRows.copy(c, settlementId, attachmentId, out));
    }

    @Override
    public List<Settlement> awaitingForward(String accountId, String storeId, Instant fetchedSince) {
        return read("the settlements store " + storeId + " has to forward",
                c -> SettlementFileRows.awaitingForward(c, accountId, storeId, fetchedSince));
    }

    @Override
    public void recordForward(String settlementId, String storeId, String recipient, Instant at) {
        try {
            boolean recorded = Jdbc.inTransaction(dataSource,
                    c -> SettlementFileRows.insertForward(c, settlementId, storeId, recipient, at));
            LOG.info("Settlement {}: store {} e-mailed it{}", settlementId, storeId,
                    recorded ? "" : " (recorded already)");
        } catch (SQLException e) {
            if (Jdbc.isUniqueViolation(e)) {
                LOG.info("Settlement {}: store {} e-mailed it (recorded meanwhile)", settlementId, storeId);
                return;
            }
            throw new LedgerException("recording that store " + storeId + " e-mailed settlement " + settlementId
                    + " failed", e);
        }
    }

    /** Reads in a transaction (so a stream of lines may use a cursor), mapping SQL failures to LedgerException. */
    private <T> T read(String what, Jdbc.Work<T> work) {
        try {
            return Jdbc.inTransaction(dataSource, work);
        } catch (SQLException e) {
            throw new LedgerException("reading " + what + " failed", e);
        }
    }

    @Override
    public List<Settlement> settlements(String accountId, String provider, LocalDate from, LocalDate to) {
        SettlementRows.Filter filter = new SettlementRows.Filter(accountId, provider, from, to);
        String sql = "SELECT " + SettlementRows.SETTLEMENT_COLUMNS + " FROM tillpay_settlement s " + filter.where()
                + " ORDER BY s.settled_at, s.settlement_id";
        return query(sql, filter, "settlements", SettlementRows::settlement);
    }

    @Override
    public List<MonthlySummary> monthlySummary(String accountId, String provider, LocalDate from, LocalDate to) {
        SettlementRows.Filter filter = new SettlementRows.Filter(accountId, provider, from, to);
        String year = "EXTRACT(YEAR FROM s.settled_at)";
        String month = "EXTRACT(MONTH FROM s.settled_at)";
        String sql = "SELECT " + year + ", " + month + ", s.provider, s.currency, COUNT(*), SUM(s.capture_minor),"
                + " SUM(s.refund_minor), SUM(s.fee_minor), SUM(s.amount_minor) FROM tillpay_settlement s "
                + filter.where() + " GROUP BY " + year + ", " + month + ", s.provider, s.currency"
                + " ORDER BY 1, 2, 3, 4";
        return query(sql, filter, "the monthly summary", rs -> new MonthlySummary(
                YearMonth.of(rs.getInt(1), rs.getInt(2)), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9)));
    }

    @Override
    public void reconcile(String accountId, String storeId, LocalDate from, LocalDate to,
            Consumer<ReconciliationLine> sink) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(sink, "sink");
        long started = System.nanoTime();
        try {
            Map<Outcome, Integer> counts = reconciler.reconcile(accountId, storeId, from,
                    to, sink);
            LOG.info("Reconciled store {} against settlements of account {} from {} to {} in {} ms: {}", storeId,
                    accountId, from, to, (System.nanoTime() - started) / 1_000_000, counts);
        } catch (SQLException e) {
            throw new LedgerException("reconciling store " + storeId + " of account " + accountId + " failed", e);
        }
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, SettlementRows.Filter filter, String what, RowMapper<T> mapper) {
        try (var c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            filter.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new LedgerException("reading " + what + " of account " + filter.accountId() + " failed", e);
        }
    }

    /** The settlement row was inserted by another transaction after this one found none: unwinds the transaction. */
    private static final class StoredMeanwhile extends RuntimeException {

        private static final long serialVersionUID = 1L;

        StoredMeanwhile(SQLException cause) {
            super(cause);
        }
    }
}
