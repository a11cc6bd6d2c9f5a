package org.tillpay.ledger.settlement;

import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Dintero's settlements (payouts) as fetched, kept next to the payments in the ledger's database, and the
 * reconciliation of the POS's sales against them. A service of the ledger bundle.
 */
@ProviderType
public interface SettlementStore {

    /**
     * Stores a settlement with its lines, once: a settlement already stored keeps its lines and only takes the new
     * payment status (a postponed payout that is now paid). Lines are read one at a time, so a report of any size
     * streams through. The settlement and its lines are stored in one transaction: when a line fails, nothing is
     * stored. Stored from two threads or nodes at once, it is stored once, and the other call returns false.
     *
     * @param settlement the settlement
     * @param lines its lines, in report order, each with the settlement's id and a distinct line number
     * @return true when the settlement was new
     * @throws IllegalArgumentException when a line names another settlement (nothing is stored)
     * @throws org.tillpay.ledger.LedgerException when the database fails (nothing is stored)
     */
    default boolean store(Settlement settlement, Iterator<SettlementLine> lines) {
        return store(settlement, lines, List.of());
    }

    /**
     * Stores a settlement with its lines and the files Dintero attached to it, once, like
     * {@link #store(Settlement, Iterator)}: the settlement, its lines and its files in one transaction. A settlement
     * already stored keeps its lines and files.
     *
     * @param settlement the settlement
     * @param lines its lines, in report order
     * @param files its files (the provider's source file, Dintero's normalised report), each with a distinct id
     * @return true when the settlement was new
     * @throws IllegalArgumentException when a line names another settlement (nothing is stored)
     * @throws org.tillpay.ledger.LedgerException when the database fails (nothing is stored)
     * @since 1.1
     */
    boolean store(Settlement settlement, Iterator<SettlementLine> lines, List<SettlementFile.Content> files);

    /**
     * @param settlementId the stored settlement's id
     * @return the settlement, or empty when it is not stored
     * @since 1.1
     */
    Optional<Settlement> settlement(String settlementId);

    /**
     * Streams a settlement's lines (Dintero's normalised report, as stored) in report order.
     *
     * @param settlementId the settlement
     * @param sink receives each line
     * @since 1.1
     */
    void lines(String settlementId, Consumer<SettlementLine> sink);

    /**
     * @param settlementId the settlement
     * @return the files stored with it, Dintero's first, then by attachment id
     * @since 1.1
     */
    List<SettlementFile> files(String settlementId);

    /**
     * Writes a stored file's bytes to a stream.
     *
     * @param settlementId the settlement
     * @param attachmentId Dintero's attachment id
     * @param out where the bytes go (not closed)
     * @return the file written, or empty when there is no such file (nothing written)
     * @throws java.io.UncheckedIOException when writing to {@code out} fails
     * @since 1.1
     */
    Optional<SettlementFile> copyFile(String settlementId, String attachmentId, OutputStream out);

    /**
     * The settlements a store still has to e-mail to its recipient: those of its account for this store or for no
     * single store, fetched since the given instant, that the store has not {@linkplain #recordForward recorded} as
     * sent.
     *
     * @param accountId the store's Dintero account
     * @param storeId the store
     * @param fetchedSince only settlements fetched at or after this
     * @return the settlements, oldest fetch first
     * @since 1.1
     */
    List<Settlement> awaitingForward(String accountId, String storeId, Instant fetchedSince);

    /**
     * Records that a store e-mailed a settlement to its recipient. Recording it twice keeps the first.
     *
     * @param settlementId the settlement
     * @param storeId the store
     * @param recipient the address it went to
     * @param at when the SMTP server took it
     * @since 1.1
     */
    void recordForward(String settlementId, String storeId, String recipient, Instant at);

    /**
     * @param settlementId Dintero's settlement id
     * @return true when it is stored
     */
    boolean isStored(String settlementId);

    /**
     * @param accountId the Dintero account
     * @param provider only this provider, or null for all
     * @param from payout date from (inclusive), or null
     * @param to payout date to (inclusive), or null
     * @return the settlements, by payout date then id
     */
    List<Settlement> settlements(String accountId, String provider, LocalDate from, LocalDate to);

    /**
     * @param accountId the Dintero account
     * @param provider only this provider, or null for all
     * @param from payout date from (inclusive), or null
     * @param to payout date to (inclusive), or null
     * @return per calendar month of the payout date, provider and currency: payouts and fees, by month, provider
     *         and currency; every stored settlement counts, postponed ones too
     */
    List<MonthlySummary> monthlySummary(String accountId, String provider, LocalDate from, LocalDate to);

    /**
     * Reconciles a store's sales against the settlements of its account: every transaction the POS captured money on
     * (and that was created in the period) and every settled transaction of the store (or without a store) in
     * settlements paid out in the period, once each, streamed to the sink.
     * <p>
     * The POS side is the store's sales with a Dintero transaction and captured money (created in the period, days
     * taken in UTC); the settlement side is every line of the account's settlements paid out in the period whose
     * store is this store or unknown, summed per transaction (captures plus, refunds minus). A transaction counts as
     * {@code MATCHED} when the settled net equals what the POS captured minus what it refunded. Both sides are read as
     * streams sorted by transaction id and merged, so a reconciliation of any size needs memory for one transaction.
     *
     * @param accountId the store's Dintero account
     * @param storeId the store
     * @param from period start (inclusive), or null
     * @param to period end (inclusive), or null
     * @param sink receives each line, in transaction id order
     */
    void reconcile(String accountId, String storeId, LocalDate from, LocalDate to, Consumer<ReconciliationLine> sink);
}
