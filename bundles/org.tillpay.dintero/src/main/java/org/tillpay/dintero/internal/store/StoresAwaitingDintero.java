package org.tillpay.dintero.internal.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.ledger.LedgerException;
import org.tillpay.ledger.PaymentLedger;

/**
 * Which stores the pollers of this node have work for, asked of the ledger in one query for all stores
 * ({@link PaymentLedger#storesAwaitingProvider}) at most once every {@link #FRESH_FOR}. A store's scheduled round
 * asks here first and skips its four ledger queries when it has nothing awaiting Dintero, so thousands of idle
 * stores cost one query a second rather than four per store and poll interval (BENCHMARKS.md, "Configured stores").
 * A payment made since the last answer is seen at the next answer, at most {@link #FRESH_FOR} later.
 * <p>
 * When the ledger cannot answer (database down), every store is taken as awaiting: its round then runs as it would
 * without this, and logs its own failure.
 */
@Component(service = StoresAwaitingDintero.class)
public final class StoresAwaitingDintero {

    /** How long one answer of the ledger is used. */
    static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(StoresAwaitingDintero.class);

    private final PaymentLedger ledger;
    private final Clock clock;
    private Instant askedAt;
    /** The last answer; null when the ledger failed to answer. */
    private Set<String> awaiting;

    /**
     * @param ledger the payment ledger
     */
    @Activate
    public StoresAwaitingDintero(@Reference PaymentLedger ledger) {
        this(ledger, Clock.systemUTC());
    }

    StoresAwaitingDintero(PaymentLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * @param store a store
     * @return the store's scheduled poller round: the full round when the store has something awaiting Dintero or its
     *         back-office sweep is due, else nothing
     */
    Runnable roundOf(DinteroStoreCore store) {
        return () -> {
            if (awaiting(store.storeId()) || store.backOfficeSweepDue()) {
                store.pollPending();
            }
        };
    }

    /**
     * @param storeId the store
     * @return whether the store has a payment, an operation or a stored callback awaiting Dintero (or the ledger could
     *         not say)
     */
    synchronized boolean awaiting(String storeId) {
        Instant now = clock.instant();
        if (askedAt == null || now.isBefore(askedAt) || !now.isBefore(askedAt.plus(FRESH_FOR))) {
            askedAt = now;
            try {
                awaiting = ledger.storesAwaitingProvider(now.minus(PaymentReadBack.LOST_LINK_GRACE));
            } catch (LedgerException e) {
                awaiting = null;
                LOG.debug("store {}: the ledger did not say which stores await Dintero, every poller runs: {}",
                        storeId, e.getMessage());
            }
        }
        return awaiting == null || awaiting.contains(storeId);
    }
}
