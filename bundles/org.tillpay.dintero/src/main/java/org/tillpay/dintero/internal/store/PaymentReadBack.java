package org.tillpay.dintero.internal.store;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.internal.client.DinteroApi;
import org.tillpay.dintero.internal.client.SessionView;
import org.tillpay.dintero.internal.client.TransactionView;
import org.tillpay.ledger.PaymentLedger;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.ledger.PaymentTransitions;
import org.tillpay.ledger.StatusUpdate;
import org.tillpay.ledger.TransitionResult;
import org.tillpay.payment.api.PaymentStatus;

/**
 * Brings one payment up to date from Dintero: reads its session, then the session's transaction, and records what
 * they say. Callbacks, the poller and the cashier's refresh all come here, so a payment is only ever moved on by what
 * Dintero's API says (a callback is a hint, never the truth). Repeats are harmless: the ledger drops duplicates.
 */
final class PaymentReadBack {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentReadBack.class);

    /** How long after a link's expiry a payment made at the last moment may take to show at Dintero. */
    static final Duration LOST_LINK_GRACE = Duration.ofMinutes(5);

    private final DinteroApi api;
    private final PaymentLedger ledger;
    private final PaymentListeners listeners;
    private final Clock clock;
    private final OperationSync operations;
    private final LatePaymentGuard latePayments;

    PaymentReadBack(DinteroApi api, PaymentLedger ledger, PaymentListeners listeners, OperationSync operations,
            LatePaymentGuard latePayments, Clock clock) {
        this.api = api;
        this.latePayments = latePayments;
        this.operations = operations;
        this.ledger = ledger;
        this.listeners = listeners;
        this.clock = clock;
    }

    /**
     * @param payment the payment as recorded
     * @param source what asked: {@code callback}, {@code poller} or {@code refresh}
     * @return completes with the payment as recorded afterwards
     */
    CompletableFuture<PaymentRecord> readBack(PaymentRecord payment, String source) {
        if (payment.sessionId() == null) {
            return findLostSession(payment, source);
        }
        return api.getSession(payment.sessionId()).thenCompose(session -> {
            if (session.transactionId() != null) {
                return api.getTransaction(session.transactionId()).thenApply(tx -> applyTransaction(payment, tx, source));
            }
            return CompletableFuture.completedFuture(applySession(payment, session, source));
        });
    }

    /**
     * A payment with no session recorded: Dintero refused it ({@code FAILED}: nothing to find), the answer to creating
     * its session was lost, or it was cancelled before that answer came. Dintero is asked for a transaction with its
     * merchant reference ({@code GET /v1/transactions?merchant_reference=}, in the public spec; there is no public
     * session search): one found means the customer paid the link, whose session is then recorded and read back as
     * usual (a cancelled sale's payment is voided by the {@link LatePaymentGuard}). None found once the link has expired,
     * with {@link #LOST_LINK_GRACE} for a payment made at the last moment, means no one paid it: a payment still
     * {@code CREATED} is then {@code EXPIRED}, which frees the sale for a new link.
     */
    private CompletableFuture<PaymentRecord> findLostSession(PaymentRecord payment, String source) {
        if (payment.status() == PaymentStatus.FAILED) {
            return CompletableFuture.completedFuture(payment);
        }
        String query = "limit=10&store_id=" + encode(payment.storeId()) + "&merchant_reference="
                + encode(payment.merchantReference());
        return api.listTransactions(query).thenCompose(found -> {
            Optional<TransactionView> tx = found.stream()
                    .filter(t -> payment.merchantReference().equals(t.merchantReference()) && t.sessionId() != null)
                    .findFirst();
            if (tx.isPresent()) {
                LOG.warn("store {} sale {}: payment {} ({}) was paid at Dintero in session {} that was never recorded"
                        + " here (the answer to creating it was lost); recording it", payment.storeId(),
                        payment.saleReference(), payment.paymentId(), payment.status(), tx.get().sessionId());
                PaymentRecord withSession = ledger.attachSession(payment.paymentId(), tx.get().sessionId(), null,
                        "session found at Dintero by its merchant reference (the answer to creating it was lost)",
                        clock.instant()).payment();
                if (withSession.status() != payment.status()) {
                    listeners.notifyLatest(withSession);
                }
                return CompletableFuture.completedFuture(applyTransaction(withSession, tx.get(), source));
            }
            Instant now = clock.instant();
            if (payment.status() == PaymentStatus.CREATED && now.isAfter(payment.expiresAt().plus(LOST_LINK_GRACE))) {
                return CompletableFuture.completedFuture(apply(payment, new StatusUpdate(payment.paymentId(),
                        PaymentStatus.EXPIRED, null, null, source, "no payment at Dintero for "
                                + payment.merchantReference() + " and its link expired at " + payment.expiresAt()
                                + " (the answer to creating it was lost)",
                        "lost-session:" + payment.paymentId() + ":expired", now)));
            }
            return CompletableFuture.completedFuture(payment);
        });
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private PaymentRecord applyTransaction(PaymentRecord payment, TransactionView tx, String source) {
        if (!payment.sessionId().equals(tx.sessionId())) {
            LOG.warn("store {} sale {}: transaction {} belongs to session {}, not {}; ignored", payment.storeId(),
                    payment.saleReference(), tx.id(), tx.sessionId(), payment.sessionId());
            return payment;
        }
        if (tx.shippingAddress() != null && payment.deliveryAddress() == null) {
            payment = ledger.recordDeliveryAddress(payment.paymentId(), tx.shippingAddress());
        }
        if (tx.giftCardAmount() != payment.giftCardMinor()) {
            payment = ledger.recordGiftCardPart(payment.paymentId(), tx.giftCardAmount());
        }
        Optional<PaymentStatus> status = DinteroStatusMapper.fromTransactionStatus(tx.status());
        if (status.isPresent() && !payment.status().isPaid()) {
            // the payment is learnt now: record it (with its transaction id and product) before its operations;
            // when a later capture or refund is learnt with it, the authorization comes first
            // (only a paid transaction implies an authorization: one still ON_HOLD, read back a second time, is not
            // authorized by it)
            PaymentStatus first = PaymentTransitions.isAllowed(payment.status(), status.get()) ? status.get()
                    : status.get().isPaid() ? PaymentStatus.AUTHORIZED : null;
            if (first != null && PaymentTransitions.isAllowed(payment.status(), first)) {
                payment = apply(payment, new StatusUpdate(payment.paymentId(), first, tx.id(), tx.paymentProductType(),
                        source, first + " via " + tx.paymentProductType(), "transaction:" + tx.id() + ":" + first,
                        clock.instant()));
            }
        }
        payment = operations.apply(payment, tx, source);
        if (status.isEmpty()) {
            return payment;
        }
        String eventId = "transaction:" + tx.id() + ":" + tx.status();
        PaymentRecord after = apply(payment, new StatusUpdate(payment.paymentId(), status.get(), tx.id(),
                tx.paymentProductType(), source, tx.status() + " via " + tx.paymentProductType(), eventId,
                clock.instant()));
        latePayments.check(after, tx);
        return after;
    }

    private PaymentRecord applySession(PaymentRecord payment, SessionView session, String source) {
        Instant now = clock.instant();
        if (session.cancelled()) {
            // cancelled through the API (cancelled_at), i.e. by the cashier, though the answer to the cancel was
            // lost or not recorded: not the customer's decline
            return apply(payment, new StatusUpdate(payment.paymentId(), PaymentStatus.CANCELLED, null, null, source,
                    "session cancelled at Dintero", "session:" + session.id() + ":cancelled", now));
        }
        if (session.endedWithoutPayment()) {
            return apply(payment, new StatusUpdate(payment.paymentId(), PaymentStatus.DECLINED, null, null, source,
                    "session ended without payment: " + session.events(), "session:" + session.id() + ":declined", now));
        }
        if (session.expired(now)) {
            return apply(payment, new StatusUpdate(payment.paymentId(), PaymentStatus.EXPIRED, null, null, source,
                    "link expired at " + session.expiresAt(), "session:" + session.id() + ":expired", now));
        }
        if (session.events().contains("VISITED") && payment.status() == PaymentStatus.LINK_SENT) {
            return apply(payment, new StatusUpdate(payment.paymentId(), PaymentStatus.OPENED, null, null, source,
                    "the customer opened the link", "session:" + session.id() + ":visited", now));
        }
        return payment;
    }

    /**
     * Records a change and tells the listeners when it was applied.
     *
     * @param payment the payment before the change
     * @param update the change
     * @return the payment as recorded afterwards
     */
    PaymentRecord apply(PaymentRecord payment, StatusUpdate update) {
        TransitionResult result = ledger.transition(update);
        PaymentRecord after = result.payment();
        switch (result.outcome()) {
            case APPLIED:
                LOG.info("store {} sale {}: payment {} {} -> {} ({})", after.storeId(), after.saleReference(),
                        after.paymentId(), payment.status(), after.status(), update.source());
                listeners.notifyLatest(after);
                break;
            case REFUSED:
                LOG.warn("store {} sale {}: payment {} cannot go from {} to {} ({}); ignored", after.storeId(),
                        after.saleReference(), after.paymentId(), after.status(), update.status(), update.source());
                break;
            default:
                LOG.debug("store {} sale {}: payment {} already {} ({})", after.storeId(), after.saleReference(),
                        after.paymentId(), after.status(), update.source());
        }
        return after;
    }
}
