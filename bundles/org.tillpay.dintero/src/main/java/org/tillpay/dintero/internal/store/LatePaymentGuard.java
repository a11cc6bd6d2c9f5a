package org.tillpay.dintero.internal.store;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.internal.client.Completions;
import org.tillpay.dintero.internal.client.DinteroApi;
import org.tillpay.dintero.internal.client.TransactionView;
import org.tillpay.ledger.CallbackHint;
import org.tillpay.ledger.PaymentLedger;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.payment.api.PaymentStatus;

/**
 * A customer who pays after the sale was closed (cancelled while Dintero's answer was lost, or declined, failed or
 * expired here first) must not lose the money: an authorization Dintero reports for such a payment is voided at once,
 * so the customer is not charged, and a payment already captured is flagged (ERROR log and audit row) for a refund by
 * staff. Each transaction is voided at most once per Karaf. A failed void leaves a stored callback hint naming the
 * transaction, so that the poller reads the payment back and tries again (a closed payment is otherwise never read back
 * again), on any node and after a restart; until then {@code tillpay:stuck} lists it.
 */
final class LatePaymentGuard {

    private static final Logger LOG = LoggerFactory.getLogger(LatePaymentGuard.class);
    private static final Set<PaymentStatus> CLOSED = EnumSet.of(PaymentStatus.CANCELLED, PaymentStatus.DECLINED,
            PaymentStatus.FAILED, PaymentStatus.EXPIRED);

    /** The error of the callback hint a failed void leaves for the poller. */
    static final String VOID_FAILED = "late payment not voided";

    private final DinteroApi api;
    private final PaymentLedger ledger;
    private final OperationAudit audit;
    private final Clock clock;
    private final Set<String> voiding = ConcurrentHashMap.newKeySet();

    LatePaymentGuard(DinteroApi api, PaymentLedger ledger, OperationAudit audit, Clock clock) {
        this.api = api;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @param payment the payment as recorded (its status refused the transaction's)
     * @param tx the transaction Dintero reports
     */
    void check(PaymentRecord payment, TransactionView tx) {
        if (!CLOSED.contains(payment.status())) {
            return;
        }
        if ("AUTHORIZED".equals(tx.status())) {
            if (!voiding.add(tx.id())) {
                return;
            }
            LOG.warn("store {} sale {}: payment {} is {} but the customer paid (transaction {} AUTHORIZED); voiding it",
                    payment.storeId(), payment.saleReference(), payment.paymentId(), payment.status(), tx.id());
            api.voidTransaction(tx.id()).whenComplete((answer, failure) -> {
                if (failure == null) {
                    audit.record(payment, "void (paid after the sale was closed)", tx.amount(),
                            "ok: " + answer.transaction().status(), null, "tillpay", "transaction " + tx.id());
                    LOG.info("store {} sale {}: late payment {} voided ({})", payment.storeId(),
                            payment.saleReference(), tx.id(), answer.transaction().status());
                } else {
                    voiding.remove(tx.id());
                    audit.record(payment, "void (paid after the sale was closed)", tx.amount(),
                            "failed: " + Completions.cause(failure).getMessage(), null, "tillpay", "transaction " + tx.id());
                    LOG.error("store {} sale {}: late payment {} NOT voided, tried again by the poller: {}",
                            payment.storeId(), payment.saleReference(), tx.id(), Completions.cause(failure).getMessage());
                    tryAgainLater(payment, tx);
                }
            });
        } else if (tx.status().startsWith("CAPTURED") || tx.status().startsWith("PARTIALLY_CAPTURED")) {
            if (voiding.add(tx.id())) {
                audit.record(payment, "late payment", tx.amount(), "needs a refund: captured after the sale was "
                        + payment.status(), null, "tillpay", "transaction " + tx.id());
                LOG.error("store {} sale {}: payment {} is {} but the customer paid and Dintero captured it"
                        + " (transaction {}): refund it in Dintero's Backoffice", payment.storeId(),
                        payment.saleReference(), payment.paymentId(), payment.status(), tx.id());
            }
        }
    }

    /** Leaves a callback hint for the poller, which reads the payment back and so comes here again. */
    private void tryAgainLater(PaymentRecord payment, TransactionView tx) {
        if (payment.sessionId() == null) {
            return; // a payment without a session is watched by its merchant reference until its link expires
        }
        try {
            ledger.addCallbackHint(new CallbackHint(0, payment.storeId(), payment.paymentId(), payment.sessionId(),
                    tx.id(), null, null, VOID_FAILED, clock.instant()));
        } catch (RuntimeException e) {
            LOG.error("store {} sale {}: late payment {} NOT voided, and no reminder could be stored for the poller:"
                    + " void it in Dintero's Backoffice: {}", payment.storeId(), payment.saleReference(), tx.id(),
                    e.getMessage());
        }
    }
}
