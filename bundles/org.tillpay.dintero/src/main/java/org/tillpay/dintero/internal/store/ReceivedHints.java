package org.tillpay.dintero.internal.store;

import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.ledger.CallbackHint;
import org.tillpay.ledger.PaymentLedger;
import org.tillpay.ledger.PaymentRecord;

/** A store's side of the callbacks and webhooks it receives: each is stored in the ledger's inbox, then processed. */
final class ReceivedHints {

    private static final Logger LOG = LoggerFactory.getLogger(ReceivedHints.class);

    private final String storeId;
    private final PaymentLedger ledger;
    private final PaymentReadBack readBack;
    private final PendingPayments pending;
    private final Clock clock;

    ReceivedHints(String storeId, PaymentLedger ledger, PaymentReadBack readBack, PendingPayments pending,
            Clock clock) {
        this.storeId = storeId;
        this.ledger = ledger;
        this.readBack = readBack;
        this.pending = pending;
        this.clock = clock;
    }

    /**
     * Stores a callback or webhook as a hint and reads its payment back; false when it is no payment of ours. Only a
     * session this store recorded names a payment. A payment whose session is not recorded (the answer to creating it
     * was lost) is never given the session the request names, because merchant references repeat across stores of
     * one account: it is read back at once instead, and Dintero is asked for this store's transaction of its merchant
     * reference.
     */
    boolean store(ReceivedCallback callback, String via) {
        String sessionId = callback.sessionId();
        Optional<PaymentRecord> payment = ledger.findBySession(storeId, sessionId);
        if (payment.isEmpty()) {
            Optional<PaymentRecord> lost = callback.merchantReference() == null ? Optional.empty()
                    : ledger.findByMerchantReference(storeId, callback.merchantReference())
                            .filter(p -> p.sessionId() == null);
            lost.ifPresent(p -> readLostPaymentBack(p, via));
            return lost.isPresent();
        }
        PaymentRecord known = payment.get();
        CallbackHint hint = ledger.addCallbackHint(new CallbackHint(0, storeId, known.paymentId(), sessionId,
                callback.transactionId(), callback.event(), callback.eventId(), callback.error(), clock.instant()));
        LOG.info("store {} sale {}: {} stored for payment {} (event {}, error {})", storeId,
                known.saleReference(), via, known.paymentId(), callback.event(), callback.error());
        pending.process(hint);
        return true;
    }

    private void readLostPaymentBack(PaymentRecord lost, String via) {
        LOG.info("store {} sale {}: {} names the merchant reference of payment {}, whose session is not recorded;"
                + " reading it back from Dintero", storeId, lost.saleReference(), via, lost.paymentId());
        readBack.readBack(lost, "callback").exceptionally(e -> {
            LOG.warn("store {} sale {}: read-back of payment {} failed, the poller retries: {}", storeId,
                    lost.saleReference(), lost.paymentId(), e.getMessage());
            return lost;
        });
    }
}
