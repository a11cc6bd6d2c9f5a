package org.tillpay.dintero.internal.store;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.internal.client.Completions;
import org.tillpay.dintero.internal.client.DinteroApi;
import org.tillpay.dintero.internal.client.TransactionView;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.payment.api.PaymentStatus;

/**
 * A customer who pays after the sale was closed (cancelled while Dintero's answer was lost, or declined, failed or
 * expired here first) must not lose the money: an authorization Dintero reports for such a payment is voided at once,
 * so the customer is not charged, and a payment already captured is flagged (ERROR log and audit row) for a refund by
 * staff. Each transaction is voided at most once per Karaf; a failed void is tried again on the next read-back.
 */
final class LatePaymentGuard {

    private static final Logger LOG = LoggerFactory.getLogger(LatePaymentGuard.class);
    private static final Set<PaymentStatus> CLOSED = EnumSet.of(PaymentStatus.CANCELLED, PaymentStatus.DECLINED,
            PaymentStatus.FAILED, PaymentStatus.EXPIRED);

    private final DinteroApi api;
    private final OperationAudit audit;
    private final Set<String> voiding = ConcurrentHashMap.newKeySet();

    LatePaymentGuard(DinteroApi api, OperationAudit audit) {
        this.api = api;
        this.audit = audit;
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
                    LOG.error("store {} sale {}: late payment {} NOT voided, tried again on the next read-back: {}",
                            payment.storeId(), payment.saleReference(), tx.id(), Completions.cause(failure).getMessage());
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
}
