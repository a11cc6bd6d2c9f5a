package org.tillpay.dintero.internal.store;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.internal.client.DinteroApi;
import org.tillpay.dintero.internal.client.TransactionView;
import org.tillpay.dintero.internal.config.StoreSettings;
import org.tillpay.ledger.PaymentLedger;
import org.tillpay.ledger.PaymentRecord;

/**
 * The poller's catch for what staff do in Dintero's Backoffice on payments it no longer reads back one by one
 * (captured, partly captured or refunded ones): it lists the store's transactions with a capture or a refund since
 * its last sweep ({@code GET /v1/transactions?store_id=&captured_at.gte=} and {@code refunded_at.gte=}, a day's
 * margin, the first sweep after a start looking {@code settlement.lookback.days} back) and applies their events to the
 * payments they belong to, each event once. Without it a Backoffice refund whose callback was lost would never reach
 * the POS.
 */
final class BackOfficeSweep {

    private static final Logger LOG = LoggerFactory.getLogger(BackOfficeSweep.class);
    private static final int PAGE = 100;

    private final StoreSettings settings;
    private final DinteroApi api;
    private final PaymentLedger ledger;
    private final OperationSync sync;
    private final Clock clock;
    private final Duration every;
    private volatile Instant last;

    BackOfficeSweep(StoreSettings settings, DinteroApi api, PaymentLedger ledger, OperationSync sync, Clock clock,
            Duration every) {
        this.settings = settings;
        this.api = api;
        this.ledger = ledger;
        this.sync = sync;
        this.clock = clock;
        this.every = every;
    }

    /** @return whether the interval has passed since the last sweep (or there was none yet) */
    boolean due() {
        Instant since = last;
        return since == null || !clock.instant().isBefore(since.plus(every));
    }

    /** Sweeps when the interval has passed since the last sweep; called from the poller's thread. */
    void sweepIfDue() {
        if (!due()) {
            return;
        }
        Instant now = clock.instant();
        LocalDate since = LocalDate.ofInstant(last == null
                ? now.minus(Duration.ofDays(settings.settlements().lookbackDays())) : last, ZoneOffset.UTC).minusDays(1);
        int applied = 0;
        for (String filter : List.of("captured_at.gte", "refunded_at.gte")) {
            applied += sweep(filter, since);
        }
        last = now;
        if (applied > 0) {
            LOG.info("store {}: back-office sweep since {} brought {} payment(s) up to date", settings.storeId(), since,
                    applied);
        }
    }

    private int sweep(String filter, LocalDate since) {
        int changed = 0;
        String after = null;
        while (true) {
            String query = "limit=" + PAGE + "&store_id=" + encode(settings.storeId()) + "&" + filter + "=" + since
                    + (after == null ? "" : "&starting_after=" + encode(after));
            List<TransactionView> page = api.listTransactions(query).join();
            for (TransactionView tx : page) {
                changed += apply(tx) ? 1 : 0;
            }
            if (page.size() < PAGE) {
                return changed;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    private boolean apply(TransactionView tx) {
        if (tx.merchantReference() == null) {
            return false;
        }
        Optional<PaymentRecord> payment = ledger.findByMerchantReference(settings.storeId(), tx.merchantReference())
                .filter(p -> tx.id().equals(p.transactionId()));
        if (payment.isEmpty()) {
            return false;
        }
        PaymentRecord after = sync.apply(payment.get(), tx, "poller");
        return after.version() != payment.get().version();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
