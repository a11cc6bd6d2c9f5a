package org.tillpay.dintero.internal.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
 * waits; every {@code parkedInterval} for parked sales and for links whose creation got no answer; due and claimed
 * through the ledger, so that several nodes share the work), watches the
 * cancelled sales whose link Dintero may have made without saying so until those links expire, runs the back-office
 * sweep, and reads back open operations.
 */
final class PendingPayments {

    private static final Logger LOG = LoggerFactory.getLogger(PendingPayments.class);
    private static final int POLL_BATCH = 100;
    private static final int STUCK_SCAN = 1000;
    /** How long a round's claim holds: longer than a round takes; a killed node's claims run out after it. */
    static final Duration CLAIM_LEASE = Duration.ofMinutes(2);
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
    private final String nodeId;
    private final Clock clock;

    /**
     * @param nodeId this node, for the claims (see {@link PollerNode})
     */
    PendingPayments(String storeId, PaymentLedger ledger, PaymentReadBack readBack, PaymentOperations operations,
            BackOfficeSweep backOffice, Duration parkedInterval, String nodeId, Clock clock) {
        this.storeId = storeId;
        this.nodeId = nodeId;
        this.ledger = ledger;
        this.readBack = readBack;
        this.operations = operations;
        this.backOffice = backOffice;
        this.parkedInterval = parkedInterval;
        this.clock = clock;
    }

    /**
     * One poller round; a failure is logged and the next round tries again. The round works only on the payments this
     * node has claimed in the ledger ({@link PaymentLedger#claimForPolling}), so that pollers of the same store on
     * several nodes never read back one payment at once, and releases them when done: each may be claimed again by the
     * next round of any node (a parked sale or a link whose creation got no answer: one parked interval after this
     * round began). A node killed mid-round leaves claims that run out after {@link #CLAIM_LEASE}.
     */
    void pollRound() {
        try {
            processStoredCallbacks();
            // taken before the payments are listed: claims as of now skip those released after (see release)
            Instant now = clock.instant();
            List<PaymentRecord> watched = Stream.concat(ledger.findPending(storeId, POLL_BATCH).stream(),
                    ledger.findWithoutSession(storeId, now.minus(PaymentReadBack.LOST_LINK_GRACE), POLL_BATCH).stream()
                            .filter(p -> p.status().isTerminal())).toList();
            Map<String, Instant> slowFrom = new HashMap<>();
            Set<String> handled = new HashSet<>();
            try {
                Set<String> mine = claim(watched, now);
                for (PaymentRecord payment : watched) {
                    if (!mine.contains(payment.paymentId())) {
                        continue;
                    }
                    handled.add(payment.paymentId());
                    if (payment.parked() || payment.sessionId() == null) {
                        slowFrom.put(payment.paymentId(), now.plus(parkedInterval));
                    }
                    readBack.readBack(payment, "poller").exceptionally(e -> {
                        LOG.debug("store {} sale {}: poller read-back failed: {}", storeId, payment.saleReference(),
                                e.getMessage());
                        return payment;
                    }).join();
                }
                try {
                    backOffice.sweepIfDue();
                } catch (RuntimeException e) {
                    LOG.debug("store {}: back-office sweep failed, the next round retries: {}", storeId,
                            e.getMessage());
                }
                List<PaymentRecord> open = ledger.findWithOpenOperations(storeId, POLL_BATCH);
                handled.addAll(claim(open.stream().filter(p -> !handled.contains(p.paymentId())).toList(), now));
                for (PaymentRecord payment : open) {
                    if (!handled.contains(payment.paymentId())) {
                        continue;
                    }
                    slowFrom.remove(payment.paymentId());
                    operations.resolveOpen(payment).exceptionally(e -> {
                        LOG.debug("store {} sale {}: poller read-back of open operations failed: {}", storeId,
                                payment.saleReference(), e.getMessage());
                        return payment;
                    }).join();
                }
            } finally {
                release(handled, slowFrom);
            }
        } catch (RuntimeException e) {
            LOG.warn("store {}: poller round failed: {}", storeId, e.getMessage());
        }
    }

    /** @return whether the back-office sweep is due at the next round */
    boolean sweepDue() {
        return backOffice.due();
    }

    /**
     * Releases the round's claims: a payment is claimable again from now on, by the next round of any node (rounds
     * that began before now, on other nodes, listed it before this round was done with it), and a slow one (parked,
     * or a link not confirmed) from its due time.
     */
    private void release(Set<String> handled, Map<String, Instant> slowFrom) {
        if (handled.isEmpty()) {
            return;
        }
        // one millisecond on: the ledger keeps whole milliseconds, and a round that began in this one must not claim
        Instant done = clock.instant().plusMillis(1);
        Map<String, Instant> claimableFrom = new HashMap<>();
        handled.forEach(id -> claimableFrom.put(id, slowFrom.getOrDefault(id, done)));
        ledger.releasePolling(storeId, nodeId, claimableFrom);
    }

    /**
     * Claims the payments for this round; those another node holds are left to it.
     *
     * @return the ids claimed
     */
    private Set<String> claim(List<PaymentRecord> payments, Instant now) {
        if (payments.isEmpty()) {
            return Set.of();
        }
        Set<String> mine = ledger.claimForPolling(storeId, nodeId,
                payments.stream().map(PaymentRecord::paymentId).toList(), CLAIM_LEASE, now);
        if (mine.size() < payments.size()) {
            LOG.debug("store {}: node {} polls {} of {} payments; the others are another node's this round", storeId,
                    nodeId, mine.size(), payments.size());
        }
        return mine;
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
