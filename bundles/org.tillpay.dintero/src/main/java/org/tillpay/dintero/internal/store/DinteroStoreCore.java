package org.tillpay.dintero.internal.store;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.internal.client.DinteroApi;
import org.tillpay.dintero.internal.client.DinteroCamelHost;
import org.tillpay.dintero.internal.config.StoreSettings;
import org.tillpay.ledger.PaymentLedger;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.payment.api.PaymentCapability;
import org.tillpay.payment.api.PaymentFailedException;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentMethod;
import org.tillpay.payment.api.PaymentRequest;

/**
 * One store's Dintero payment method, without OSGi: starting payments, reading them back, handling callbacks and
 * polling. {@link DinteroStoreComponent} makes one per store configuration and registers it.
 */
public final class DinteroStoreCore implements PaymentMethod, DinteroStore {

    /** The method id of every Dintero store. */
    public static final String METHOD_ID = "dintero";

    private static final Logger LOG = LoggerFactory.getLogger(DinteroStoreCore.class);
    private static final int POLL_BATCH = 100;

    private final StoreSettings settings;
    private final PaymentLedger ledger;
    private final PaymentStarter starter;
    private final PaymentReadBack readBack;
    private final Clock clock;

    /**
     * @param settings the store's validated settings
     * @param host the Camel host that calls Dintero
     * @param ledger the payment ledger
     * @param listeners the host listeners
     * @param clock the clock
     */
    public DinteroStoreCore(StoreSettings settings, DinteroCamelHost host, PaymentLedger ledger,
            PaymentListeners listeners, Clock clock) {
        this.settings = settings;
        this.ledger = ledger;
        this.clock = clock;
        DinteroApi api = new DinteroApi(settings, host, clock);
        this.readBack = new PaymentReadBack(api, ledger, listeners, clock);
        this.starter = new PaymentStarter(settings, api, ledger, listeners, clock);
    }

    /** Reads back every pending payment of the store once (one poller round). */
    public void pollPending() {
        try {
            for (PaymentRecord payment : ledger.findPending(settings.storeId(), POLL_BATCH)) {
                readBack.readBack(payment, "poller").exceptionally(e -> {
                    LOG.debug("store {} sale {}: poller read-back failed: {}", settings.storeId(),
                            payment.saleReference(), e.getMessage());
                    return payment;
                }).join();
            }
        } catch (RuntimeException e) {
            LOG.warn("store {}: poller round failed: {}", settings.storeId(), e.getMessage());
        }
    }

    @Override
    public String methodId() {
        return METHOD_ID;
    }

    @Override
    public String displayName() {
        return "Dintero";
    }

    @Override
    public String storeId() {
        return settings.storeId();
    }

    @Override
    public String accountingNumber() {
        return settings.accountingNumber();
    }

    @Override
    public Set<PaymentCapability> capabilities() {
        return EnumSet.allOf(PaymentCapability.class);
    }

    @Override
    public Map<String, String> describeSettings() {
        return settings.describe();
    }

    @Override
    public CompletionStage<PaymentHandle> startPayment(PaymentRequest request) {
        return starter.start(request);
    }

    @Override
    public Optional<PaymentHandle> findPayment(String paymentId) {
        return ledger.find(paymentId).filter(p -> p.storeId().equals(settings.storeId())).map(PaymentRecord::toHandle);
    }

    @Override
    public CompletionStage<PaymentHandle> refreshPayment(String paymentId) {
        Optional<PaymentRecord> payment = ledger.find(paymentId).filter(p -> p.storeId().equals(settings.storeId()));
        if (payment.isEmpty()) {
            return CompletableFuture.failedFuture(new PaymentFailedException(PaymentFailedException.Reason.NOT_FOUND,
                    "store " + settings.storeId() + " has no payment " + paymentId, null));
        }
        return readBack.readBack(payment.get(), "refresh").thenApply(PaymentRecord::toHandle);
    }

    @Override
    public StoreSettings settings() {
        return settings;
    }

    @Override
    public CompletableFuture<CallbackOutcome> onCallback(String sessionId, String merchantReference) {
        Optional<PaymentRecord> payment = ledger.findBySession(settings.storeId(), sessionId);
        if (payment.isEmpty() && merchantReference != null) {
            payment = ledger.findByMerchantReference(settings.storeId(), merchantReference)
                    .filter(p -> p.sessionId() == null || p.sessionId().equals(sessionId));
        }
        if (payment.isEmpty()) {
            LOG.warn("store {}: callback for unknown session {} (merchant reference {}); asking Dintero to retry",
                    settings.storeId(), sessionId, merchantReference);
            return CompletableFuture.completedFuture(CallbackOutcome.UNKNOWN_PAYMENT);
        }
        PaymentRecord known = payment.get();
        if (known.sessionId() == null) {
            ledger.attachSession(known.paymentId(), sessionId, null, "session learnt from callback",
                    clock.instant());
            known = ledger.find(known.paymentId()).orElseThrow();
        }
        return readBack.readBack(known, "callback").thenApply(after -> CallbackOutcome.PROCESSED);
    }

    @Override
    public String toString() {
        return "DinteroStore[" + settings.storeId() + ", " + settings.accountId() + "]";
    }
}
