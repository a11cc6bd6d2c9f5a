package org.tillpay.itests;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a test driving a cluster asked for, kept to be checked against the ledger and Dintero's ground truth
 * ({@link PaymentInvariants}): the sales it started (and whether an answer came), and how many captures and refunds it
 * requested per payment. Thread-safe.
 */
final class SaleBook {

    /** A sale, by store and reference. */
    record Sale(String storeId, String saleReference) {
    }

    private final Set<Sale> answered = ConcurrentHashMap.newKeySet();
    private final Set<Sale> unanswered = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> captures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> refunds = new ConcurrentHashMap<>();

    /** A node answered a start of the sale with its payment: the ledger must have a payment for it. */
    void startAnswered(String storeId, String sale) {
        answered.add(new Sale(storeId, sale));
    }

    /**
     * A start of the sale got no answer (the node was killed under it) or an error without a payment (the ledger or
     * Dintero's answer lost): the ledger may or may not have it, but if Dintero has a session for it, the ledger must
     * have the payment.
     */
    void startUnanswered(String storeId, String sale) {
        unanswered.add(new Sale(storeId, sale));
    }

    /** A capture of the payment was requested from a node (whatever came of it). */
    void captureRequested(String paymentId) {
        captures.computeIfAbsent(paymentId, k -> new AtomicInteger()).incrementAndGet();
    }

    /** A refund of the payment was requested from a node (whatever came of it). */
    void refundRequested(String paymentId) {
        refunds.computeIfAbsent(paymentId, k -> new AtomicInteger()).incrementAndGet();
    }

    Set<Sale> answered() {
        return Set.copyOf(answered);
    }

    Set<Sale> unanswered() {
        return Set.copyOf(unanswered);
    }

    int capturesRequested(String paymentId) {
        AtomicInteger n = captures.get(paymentId);
        return n == null ? 0 : n.get();
    }

    int refundsRequested(String paymentId) {
        AtomicInteger n = refunds.get(paymentId);
        return n == null ? 0 : n.get();
    }

    /** @return how many distinct sales were started (answered or not) */
    int sales() {
        Set<Sale> all = ConcurrentHashMap.newKeySet();
        all.addAll(answered);
        all.addAll(unanswered);
        return all.size();
    }
}
