package org.tillpay.dintero.internal.store;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.internal.config.StoreSettings;
import org.tillpay.dintero.internal.mail.EmailResult;
import org.tillpay.dintero.internal.mail.SettlementReportEmail;
import org.tillpay.dintero.internal.mail.SettlementReportMailer;
import org.tillpay.ledger.settlement.Settlement;
import org.tillpay.ledger.settlement.SettlementFile;
import org.tillpay.ledger.settlement.SettlementStore;

/**
 * E-mails each new settlement report to the store's one recipient ({@code settlement.report.email}), with the files
 * Dintero attached, after each settlement fetch. A report is recorded as forwarded only when the SMTP server took it,
 * so one that failed is sent again after the next fetch (within the look-back); the first failure stops the round,
 * so a server that is down is not asked once per report.
 */
final class SettlementForwarder {

    private static final Logger LOG = LoggerFactory.getLogger(SettlementForwarder.class);

    private final StoreSettings settings;
    private final SettlementReportMailer mailer;
    private final SettlementStore store;
    private final Clock clock;

    SettlementForwarder(StoreSettings settings, SettlementReportMailer mailer, SettlementStore store, Clock clock) {
        this.settings = settings;
        this.mailer = mailer;
        this.store = store;
        this.clock = clock;
    }

    /** @return completes with how many reports were sent, never exceptionally */
    CompletableFuture<Integer> forwardPending() {
        if (settings.reports().forwardTo().isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        String recipient = settings.reports().forwardTo().get();
        List<Settlement> pending;
        try {
            Instant since = clock.instant().minus(Duration.ofDays(settings.settlements().lookbackDays()));
            pending = store.awaitingForward(settings.accountId(), settings.storeId(), since);
        } catch (RuntimeException e) {
            LOG.warn("store {}: settlement reports not forwarded: {}", settings.storeId(), e.getMessage());
            return CompletableFuture.completedFuture(0);
        }
        CompletableFuture<Integer> sent = CompletableFuture.completedFuture(0);
        for (Settlement s : pending) {
            sent = sent.thenCompose(count -> count < 0 ? CompletableFuture.completedFuture(count)
                    : forward(s, recipient).thenApply(ok -> ok ? count + 1 : -1 - count));
        }
        return sent.thenApply(count -> count < 0 ? -1 - count : count);
    }

    private CompletableFuture<Boolean> forward(Settlement s, String recipient) {
        SettlementReportEmail email;
        try {
            email = email(s, recipient);
        } catch (RuntimeException e) {
            LOG.warn("store {}: settlement report {} not forwarded, its files could not be read: {}",
                    settings.storeId(), s.settlementId(), e.getMessage());
            return CompletableFuture.completedFuture(false);
        }
        return mailer.send(settings, email).thenApply(result -> recorded(s, recipient, result));
    }

    private boolean recorded(Settlement s, String recipient, EmailResult result) {
        if (!result.isSent()) {
            LOG.warn("store {}: settlement report {} not e-mailed to {} ({}), sent again after the next fetch: {}",
                    settings.storeId(), s.settlementId(), recipient, result.failure().orElse(null),
                    result.reason().orElse(""));
            return false;
        }
        store.recordForward(s.settlementId(), settings.storeId(), recipient, clock.instant());
        LOG.info("store {}: settlement report {} ({} {} {}) e-mailed to {} (Message-ID {})", settings.storeId(),
                s.settlementId(), s.provider(), s.settledAt(), s.paymentStatus(), recipient,
                result.messageId().orElse(""));
        return true;
    }

    private SettlementReportEmail email(Settlement s, String recipient) {
        List<SettlementReportEmail.File> files = new ArrayList<>();
        for (SettlementFile f : store.files(s.settlementId())) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(f.sizeBytes(), 1 << 20));
            store.copyFile(s.settlementId(), f.attachmentId(), bytes);
            files.add(new SettlementReportEmail.File(f.fileName(), f.contentType(), bytes.toByteArray()));
        }
        return new SettlementReportEmail(settings.storeId(), recipient, s, files);
    }
}
