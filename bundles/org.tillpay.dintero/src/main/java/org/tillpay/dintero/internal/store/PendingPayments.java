package org.tillpay.dintero.internal.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.api.operations.StuckPayment;
import org.tillpay.dintero.api.operations.StuckPayment.Reason;
import org.tillpay.ledger.CallbackHint;
import org.tillpay.ledger.OperationRecord;
import org.tillpay.ledger.PaymentLedger;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.payment.api.OperationState;
import org.tillpay.payment.api.PaymentStatus;

/**
 * The store's payments that wait on Dintero: the poller's rounds over them, the list of those that wait too long
 * (stuck), and trying one again at once.
 * <p>
 * A round processes the stored callbacks, reads back the pending payments that are due (every round while a cashier
 * waits; every {@code parkedInterval} for parked sales and for links whose creation got no answer), watches the
 * cancelled sales whose link Dintero may have made without saying so until those links expire, runs the back-office
 * sweep, and reads back open operations.
 */
final class PendingPayments {

    private static final Logger LOG = LoggerFactory.getLogger(PendingPayments.class);
    private static final int POLL_BATCH = 100;
    private static final int STUCK_SCAN = 1000;
    /** How long an answer from Dintero may be awaited before the payment is listed as stuck. */
    static final Duration STUCK_AFTER = Duration.ofMinutes(1);
    /** How long a capture, refund or void Dintero accepted (202) may take before it is listed as stuck. */
    static final Duration ACCEPTED_STUCK_AFTER = Duration.ofMinutes(30);

    private final String storeId;
    private final PaymentLedger ledger;
    private final PaymentReadBack readBack;
    private final PaymentOperations operations;
    private final BackOfficeSweep backOffice;
    private final Duration parkedInterval;
    private final Clock clock;
    private final Map<String, Instant> lastPolled = new ConcurrentHashMap<>();

    PendingPayments(String storeId, PaymentLedger ledger, PaymentReadBack readBack, PaymentOperations operations,
            BackOfficeSweep backOffice, Duration parkedInterval, Clock clock) {
        this.storeId = storeId;
        this.ledger = ledger;
        this.readBack = readBack;
        this.operations = operations;
        this.backOffice = backOffice;
        this.parkedInterval = parkedInterval;
        this.clock = clock;
    }

    /** One poller round; a failure is logged and the next round tries again. */
    void pollRound() {
        try {
            processStoredCallbacks();
            Instant now = clock.instant();
            List<PaymentRecord> watched = Stream.concat(ledger.findPending(storeId, POLL_BATCH).stream(),
                    ledger.findWithoutSession(storeId, now.minus(PaymentReadBack.LOST_LINK_GRACE), POLL_BATCH).stream()
                            .filter(p -> p.status().isTerminal())).toList();
            lastPolled.keySet().retainAll(watched.stream().map(PaymentRecord::paymentId).toList());
            for (PaymentRecord payment : watched) {
                boolean slow = payment.parked() || payment.sessionId() == null;
                Instant last = lastPolled.get(payment.paymentId());
                if (slow && last != null && now.isBefore(last.plus(parkedInterval))) {
                    continue;
                }
                lastPolled.put(payment.paymentId(), now);
                readBack.readBack(payment, "poller").exceptionally(e -> {
                    LOG.debug("store {} sale {}: poller read-back failed: {}", storeId, payment.saleReference(),
                            e.getMessage());
                    return payment;
                }).join();
            }
            try {
                backOffice.sweepIfDue();
            } catch (RuntimeException e) {
                LOG.debug("store {}: back-office sweep failed, the next round retries: {}", storeId, e.getMessage());
            }
            for (PaymentRecord payment : ledger.findWithOpenOperations(storeId, POLL_BATCH)) {
                operations.resolveOpen(payment).exceptionally(e -> {
                    LOG.debug("store {} sale {}: poller read-back of open operations failed: {}", storeId,
                            payment.saleReference(), e.getMessage());
                    return payment;
                }).join();
            }
        } catch (RuntimeException e) {
            LOG.warn("store {}: poller round failed: {}", storeId, e.getMessage());
        }
    }

    /** Processes callbacks stored but not processed (after a failure or a restart). */
    void processStoredCallbacks() {
        for (CallbackHint hint : ledger.unprocessedCallbackHints(storeId, POLL_BATCH)) {
            process(hint).join();
        }
    }

    /** Reads the hinted payment back and marks the hint processed; a failure leaves it for the poller. */
    CompletableFuture<Void> process(CallbackHint hint) {
        PaymentRecord payment = ledger.find(hint.paymentId()).orElseThrow();
        return readBack.readBack(payment, "callback").handle((after, failure) -> {
            if (failure == null) {
                ledger.markCallbackHintProcessed(hint.id(), clock.instant());
            } else {
                LOG.warn("store {} sale {}: callback read-back failed, the poller retries: {}", storeId,
                        payment.saleReference(), failure.getMessage());
            }
            return null;
        });
    }

    /** @return the store's stuck payments, oldest first (see {@link StuckPayment.Reason}) */
    List<StuckPayment> stuck() {
        Instant now = clock.instant();
        Map<String, PaymentRecord> candidates = new LinkedHashMap<>();
        Stream.concat(ledger.findPending(storeId, STUCK_SCAN).stream(),
                ledger.findWithOpenOperations(storeId, STUCK_SCAN).stream())
                .forEach(p -> candidates.putIfAbsent(p.paymentId(), p));
        List<StuckPayment> stuck = new ArrayList<>();
        for (PaymentRecord p : candidates.values()) {
            stuck.addAll(reasons(p, now));
        }
        for (CallbackHint hint : ledger.unprocessedCallbackHints(storeId, STUCK_SCAN)) {
            stuck.addAll(unprocessed(hint, now));
        }
        stuck.sort(Comparator.comparing(StuckPayment::since).thenComparing(StuckPayment::paymentId));
        return stuck;
    }

    /**
     * Does for one payment now what the next rounds would: its stored callbacks, its read-back (a lost link looked
     * for), its open operations read back (one Dintero never received settled as not done).
     *
     * @param payment the payment
     * @return what is still stuck about it afterwards
     */
    CompletableFuture<List<StuckPayment>> retry(PaymentRecord payment) {
        LOG.info("store {} sale {}: payment {} ({}) tried again on request", storeId, payment.saleReference(),
                payment.paymentId(), payment.status());
        List<CompletableFuture<Void>> hints = ledger.unprocessedCallbackHints(storeId, STUCK_SCAN).stream()
                .filter(h -> h.paymentId().equals(payment.paymentId())).map(this::process).toList();
        return CompletableFuture.allOf(hints.toArray(CompletableFuture[]::new))
                .thenCompose(x -> readBack.readBack(ledger.find(payment.paymentId()).orElseThrow(), "retry"))
                .thenCompose(after -> after.operations().stream().anyMatch(op -> !op.state().isSettled())
                        ? operations.resolveOpen(after) : CompletableFuture.completedFuture(after))
                .thenApply(after -> {
                    Instant now = clock.instant();
                    List<StuckPayment> still = new ArrayList<>(reasons(after, now));
                    ledger.unprocessedCallbackHints(storeId, STUCK_SCAN).stream()
                            .filter(h -> h.paymentId().equals(after.paymentId()))
                            .forEach(h -> still.addAll(unprocessed(h, now)));
                    LOG.info("store {} sale {}: payment {} is {} after the retry; {}", storeId, after.saleReference(),
                            after.paymentId(), after.status(), still.isEmpty() ? "nothing waits"
                                    : "still waiting: " + still.stream().map(StuckPayment::reason).toList());
                    return still;
                });
    }

    private List<StuckPayment> unprocessed(CallbackHint hint, Instant now) {
        if (hint.receivedAt().isAfter(now.minus(STUCK_AFTER))) {
            return List.of();
        }
        return ledger.find(hint.paymentId()).map(p -> List.of(stuck(p, Reason.CALLBACK_UNPROCESSED,
                hint.receivedAt(), "callback of session " + hint.sessionId() + " not read back from Dintero yet")))
                .orElse(List.of());
    }

    /** @return why the payment is stuck now; empty when it is not */
    private List<StuckPayment> reasons(PaymentRecord p, Instant now) {
        List<StuckPayment> reasons = new ArrayList<>();
        Instant late = now.minus(STUCK_AFTER);
        if (!p.status().isTerminal()) {
            if (p.sessionId() == null && (p.createdAt().isBefore(late) || creationUnanswered(p))) {
                reasons.add(stuck(p, Reason.LINK_UNCONFIRMED, p.createdAt(), "Dintero did not answer when the link"
                        + " was made; looked for by merchant reference " + p.merchantReference() + " until "
                        + p.expiresAt().plus(PaymentReadBack.LOST_LINK_GRACE)));
            } else if (p.expiresAt().plus(PaymentReadBack.LOST_LINK_GRACE).isBefore(now)) {
                reasons.add(stuck(p, Reason.EXPIRY_OVERDUE, p.expiresAt(), "the link expired at " + p.expiresAt()
                        + " but Dintero has not been asked since"));
            }
            if (p.status() == PaymentStatus.UNKNOWN) {
                reasons.add(stuck(p, Reason.STATUS_UNKNOWN, p.updatedAt(), PaymentStatus.UNKNOWN.explanation()));
            }
        }
        for (OperationRecord op : p.operations()) {
            boolean unanswered = op.state() == OperationState.PENDING || op.state() == OperationState.UNKNOWN;
            if (unanswered && op.createdAt().isBefore(late)) {
                reasons.add(stuck(p, Reason.OPERATION_UNANSWERED, op.createdAt(), describe(op)
                        + ": no answer from Dintero; read back until its event shows, or settled as not done "
                        + PaymentOperations.UNANSWERED_GRACE.toMinutes() + " minutes after it was asked for"));
            } else if (op.state() == OperationState.ACCEPTED
                    && op.createdAt().isBefore(now.minus(ACCEPTED_STUCK_AFTER))) {
                reasons.add(stuck(p, Reason.OPERATION_AWAITING_PROVIDER, op.createdAt(), describe(op)
                        + ": accepted by Dintero, not finished by the payment provider yet"));
            }
        }
        return reasons;
    }

    /** @return true when the audit trail shows that Dintero did not answer the session creation (not just in flight) */
    private boolean creationUnanswered(PaymentRecord p) {
        return ledger.auditTrail(p.paymentId()).stream().anyMatch(a -> PaymentStarter.SESSION_CREATE.equals(a.operation())
                && a.result() != null && a.result().startsWith(PaymentStarter.NO_ANSWER));
    }

    private static String describe(OperationRecord op) {
        return op.kind() + (op.reference() == null ? "" : " " + op.reference()) + " of " + op.amountMinor();
    }

    private static StuckPayment stuck(PaymentRecord p, Reason reason, Instant since, String detail) {
        return new StuckPayment(p.paymentId(), p.saleReference(), p.status().name(), reason, since, detail);
    }
}
