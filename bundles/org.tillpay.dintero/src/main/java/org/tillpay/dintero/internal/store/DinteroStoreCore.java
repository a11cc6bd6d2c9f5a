package org.tillpay.dintero.internal.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.internal.client.Completions;
import org.tillpay.dintero.internal.client.DinteroApi;
import org.tillpay.dintero.internal.client.DinteroCamelHost;
import org.tillpay.dintero.internal.config.StoreSettings;
import org.tillpay.dintero.internal.mail.LinkMailer;
import org.tillpay.ledger.CallbackHint;
import org.tillpay.ledger.PaymentLedger;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.ledger.settlement.SettlementStore;
import org.tillpay.payment.api.OperationRequest;
import org.tillpay.payment.api.PaymentCapability;
import org.tillpay.payment.api.PaymentFailedException;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentMethod;
import org.tillpay.payment.api.PaymentMethodChoice;
import org.tillpay.payment.api.PaymentRequest;
import org.tillpay.payment.api.PaymentStatus;
import org.tillpay.dintero.api.operations.DinteroStoreOperations;
import org.tillpay.dintero.api.operations.PaymentProfile;
import org.tillpay.dintero.api.operations.StoreHealth;
import org.tillpay.payment.api.ProviderReport;
import org.tillpay.payment.api.ProviderReportSource;
import org.tillpay.payment.api.SettlementSource;

/**
 * One store's Dintero payment method, without OSGi: starting payments, reading them back, handling callbacks and
 * polling. {@link DinteroStoreComponent} makes one per store configuration and registers it.
 */
public final class DinteroStoreCore implements PaymentMethod, DinteroStore, SettlementSource, ProviderReportSource,
        DinteroStoreOperations {

    /** The method id of every Dintero store. */
    public static final String METHOD_ID = "dintero";

    private static final Logger LOG = LoggerFactory.getLogger(DinteroStoreCore.class);
    private static final int POLL_BATCH = 100;

    private final StoreSettings settings;
    private final PaymentLedger ledger;
    private final PaymentStarter starter;
    private final PaymentReadBack readBack;
    private final PaymentCancellation cancellation;
    private final PaymentOperations operations;
    private final SettlementFetcher settlements;
    private final InsightReports insight;
    private final StoreHealthCheck health;
    private final BackOfficeSweep backOffice;
    private final DinteroApi api;
    private final Map<String, Instant> lastPolled = new ConcurrentHashMap<>();
    private final Duration parkedInterval;
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
        this(settings, host, ledger, null, listeners, clock);
    }

    /**
     * @param settings the store's validated settings
     * @param host the Camel host that calls Dintero
     * @param ledger the payment ledger
     * @param settlementStore where settlements are kept, or null for a store that does not fetch them
     * @param listeners the host listeners
     * @param clock the clock
     */
    public DinteroStoreCore(StoreSettings settings, DinteroCamelHost host, PaymentLedger ledger,
            SettlementStore settlementStore, PaymentListeners listeners, Clock clock) {
        this.settings = settings;
        this.ledger = ledger;
        this.clock = clock;
        this.api = new DinteroApi(settings, host, clock);
        this.settlements = settlementStore == null ? null
                : new SettlementFetcher(settings, api, settlementStore, new SettlementForwarder(settings,
                        new org.tillpay.dintero.internal.mail.SettlementReportMailer(host), settlementStore, clock),
                        clock);
        OperationAudit audit = new OperationAudit(ledger, clock);
        OperationSync sync = new OperationSync(ledger, listeners, clock);
        this.readBack = new PaymentReadBack(api, ledger, listeners, sync, new LatePaymentGuard(api, audit), clock);
        this.operations = new PaymentOperations(api, ledger, sync, audit, clock);
        this.backOffice = new BackOfficeSweep(settings, api, ledger, sync, clock,
                Duration.ofSeconds(settings.parkedPollIntervalSeconds()));
        this.starter = new PaymentStarter(settings, enabledPaymentMethods(), api, new LinkMailer(host), ledger,
                listeners, audit, clock);
        this.cancellation = new PaymentCancellation(api, ledger, readBack, audit, clock);
        this.parkedInterval = Duration.ofSeconds(settings.parkedPollIntervalSeconds());
        this.insight = new InsightReports(settings, api);
        this.health = new StoreHealthCheck(settings, api, ledger);
    }

    /**
     * One poller round: processes stored callbacks, then reads back the pending payments that are due: every round
     * while a cashier waits, every {@code parkedInterval} for parked sales.
     */
    public void pollPending() {
        try {
            processStoredCallbacks();
            Instant now = clock.instant();
            List<PaymentRecord> pending = ledger.findPending(settings.storeId(), POLL_BATCH);
            lastPolled.keySet().retainAll(pending.stream().map(PaymentRecord::paymentId).toList());
            for (PaymentRecord payment : pending) {
                Instant last = lastPolled.get(payment.paymentId());
                if (payment.parked() && last != null && now.isBefore(last.plus(parkedInterval))) {
                    continue;
                }
                lastPolled.put(payment.paymentId(), now);
                readBack.readBack(payment, "poller").exceptionally(e -> {
                    LOG.debug("store {} sale {}: poller read-back failed: {}", settings.storeId(),
                            payment.saleReference(), e.getMessage());
                    return payment;
                }).join();
            }
            try {
                backOffice.sweepIfDue();
            } catch (RuntimeException e) {
                LOG.debug("store {}: back-office sweep failed, the next round retries: {}", settings.storeId(),
                        e.getMessage());
            }
            for (PaymentRecord payment : ledger.findWithOpenOperations(settings.storeId(), POLL_BATCH)) {
                operations.resolveOpen(payment).exceptionally(e -> {
                    LOG.debug("store {} sale {}: poller read-back of open operations failed: {}", settings.storeId(),
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
    public Set<PaymentMethodChoice> enabledPaymentMethods() {
        return settings.paymentMethods();
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
        return storePayment(paymentId).thenCompose(p -> readBack.readBack(p, "refresh")).thenApply(PaymentRecord::toHandle);
    }

    @Override
    public CompletionStage<PaymentHandle> cancelPayment(String paymentId) {
        return cancelPayment(paymentId, "pos");
    }

    @Override
    public CompletionStage<PaymentHandle> cancelPayment(String paymentId, String requestedBy) {
        PaymentRecord payment = requireStorePayment(paymentId);
        if (payment.status().isPaid()) {
            return operations.voidRest(payment, requestedBy).thenApply(PaymentRecord::toHandle);
        }
        return cancellation.cancel(payment, requestedBy).thenApply(PaymentRecord::toHandle);
    }

    @Override
    public CompletionStage<PaymentHandle> capturePayment(String paymentId, OperationRequest request) {
        return operations.capture(requireStorePayment(paymentId), request).thenApply(PaymentRecord::toHandle);
    }

    @Override
    public CompletionStage<PaymentHandle> refundPayment(String paymentId, OperationRequest request) {
        return operations.refund(requireStorePayment(paymentId), request).thenApply(PaymentRecord::toHandle);
    }

    @Override
    public PaymentHandle parkPayment(String paymentId) {
        PaymentRecord payment = requireStorePayment(paymentId);
        PaymentRecord parked = ledger.setParked(payment.paymentId(), true);
        LOG.info("store {} sale {}: payment {} parked awaiting payment ({})", settings.storeId(),
                payment.saleReference(), paymentId, parked.status());
        return parked.toHandle();
    }

    @Override
    public byte[] qrCodePng(String paymentId, int sizePixels) {
        PaymentRecord payment = requireStorePayment(paymentId);
        if (payment.sessionUrl() == null) {
            throw new PaymentFailedException(PaymentFailedException.Reason.NOT_FOUND,
                    "payment " + paymentId + " has no payment link (yet)", null);
        }
        return org.tillpay.dintero.internal.qr.QrCodes.png(payment.sessionUrl(), sizePixels);
    }

    /** @return this store's payment, or a failed stage with NOT_FOUND */
    private CompletableFuture<PaymentRecord> storePayment(String paymentId) {
        try {
            return CompletableFuture.completedFuture(requireStorePayment(paymentId));
        } catch (PaymentFailedException notFound) {
            return CompletableFuture.failedFuture(notFound);
        }
    }

    /** @return this store's payment; another store's is treated as unknown */
    private PaymentRecord requireStorePayment(String paymentId) {
        return ledger.find(paymentId).filter(p -> p.storeId().equals(settings.storeId()))
                .orElseThrow(() -> new PaymentFailedException(PaymentFailedException.Reason.NOT_FOUND,
                        "store " + settings.storeId() + " has no payment " + paymentId, null));
    }

    @Override
    public StoreSettings settings() {
        return settings;
    }

    @Override
    public CompletionStage<StoreHealth> health() {
        return health.check();
    }

    @Override
    public CompletionStage<List<PaymentProfile>> paymentProfiles() {
        return new PaymentProfiles(settings, api).list();
    }

    @Override
    public CompletionStage<PaymentProfile> savePaymentProfile(PaymentProfile profile) {
        return new PaymentProfiles(settings, api).save(profile);
    }

    @Override
    public CallbackOutcome onCallback(ReceivedCallback callback) {
        health.heard(clock.instant());
        String sessionId = callback.sessionId();
        Optional<PaymentRecord> payment = ledger.findBySession(settings.storeId(), sessionId);
        if (payment.isEmpty() && callback.merchantReference() != null) {
            payment = ledger.findByMerchantReference(settings.storeId(), callback.merchantReference())
                    .filter(p -> p.sessionId() == null || p.sessionId().equals(sessionId));
        }
        if (payment.isEmpty()) {
            LOG.warn("store {} sale {}: callback for unknown session {}; asking Dintero to retry",
                    settings.storeId(), callback.merchantReference(), sessionId);
            return CallbackOutcome.UNKNOWN_PAYMENT;
        }
        PaymentRecord known = payment.get();
        if (known.sessionId() == null) {
            ledger.attachSession(known.paymentId(), sessionId, null, "session learnt from callback", clock.instant());
        }
        CallbackHint hint = ledger.addCallbackHint(new CallbackHint(0, settings.storeId(), known.paymentId(), sessionId,
                callback.transactionId(), callback.event(), callback.eventId(), callback.error(), clock.instant()));
        LOG.info("store {} sale {}: callback stored for payment {} (event {}, error {})", settings.storeId(),
                known.saleReference(), known.paymentId(), callback.event(), callback.error());
        process(hint);
        return CallbackOutcome.ACCEPTED;
    }

    /** Reads the hinted payment back and marks the hint processed; a failure leaves it for the poller. */
    private CompletableFuture<Void> process(CallbackHint hint) {
        PaymentRecord payment = ledger.find(hint.paymentId()).orElseThrow();
        return readBack.readBack(payment, "callback").handle((after, failure) -> {
            if (failure == null) {
                ledger.markCallbackHintProcessed(hint.id(), clock.instant());
            } else {
                LOG.warn("store {} sale {}: callback read-back failed, the poller retries: {}", settings.storeId(),
                        payment.saleReference(), failure.getMessage());
            }
            return null;
        });
    }

    /** Processes callbacks stored but not processed (after a failure or a restart). */
    void processStoredCallbacks() {
        for (CallbackHint hint : ledger.unprocessedCallbackHints(settings.storeId(), POLL_BATCH)) {
            process(hint).join();
        }
    }

    @Override
    public String accountId() {
        return settings.accountId();
    }

    @Override
    public CompletionStage<List<String>> fetchSettlements() {
        if (settlements == null) {
            return CompletableFuture.failedFuture(new PaymentFailedException(PaymentFailedException.Reason.UNAVAILABLE,
                    "store " + settings.storeId() + " keeps no settlements (no settlement store)", null));
        }
        return settlements.fetch("request").exceptionally(failure -> {
            throw new java.util.concurrent.CompletionException(new PaymentFailedException(
                    PaymentFailedException.Reason.UNAVAILABLE, "settlements of store " + settings.storeId()
                            + " not fetched: " + Completions.cause(failure).getMessage(), null));
        });
    }

    /** The schedule's settlement fetch; failures are logged by the fetcher and retried next time. */
    public void fetchSettlementsOnSchedule() {
        if (settlements != null) {
            settlements.fetch("schedule");
        }
    }

    @Override
    public Optional<String> schedule() {
        return settings.reports().insightSchedule();
    }

    @Override
    public CompletionStage<List<ProviderReport>> reports() {
        return unavailableOnFailure(insight.reports(), "Insight reports");
    }

    @Override
    public CompletionStage<byte[]> download(String reportId) {
        return unavailableOnFailure(insight.download(reportId), "Insight report " + reportId);
    }

    private <T> CompletableFuture<T> unavailableOnFailure(CompletableFuture<T> call, String what) {
        return call.exceptionally(failure -> {
            Throwable cause = Completions.cause(failure);
            throw new java.util.concurrent.CompletionException(cause instanceof PaymentFailedException
                    ? cause : new PaymentFailedException(PaymentFailedException.Reason.UNAVAILABLE, what
                            + " of store " + settings.storeId() + " not read: " + cause.getMessage(), null));
        });
    }

    /**
     * Sets the store's account up at Dintero as configured, when the store starts: the settlement webhook
     * subscription and the Insight report (each logged when it fails, never thrown; the next start tries again).
     */
    public void ensureAccountSetup() {
        AccountSetup.ensure(settings, api, insight);
    }

    @Override
    public void onWebhook(String event, String deliveryId) {
        if ("settlement_add".equals(event) && settlements != null) {
            LOG.info("store {}: settlement_add webhook {}: fetching settlements", settings.storeId(), deliveryId);
            settlements.fetch("webhook");
        } else {
            LOG.info("store {}: webhook {} ({}) noted", settings.storeId(), event, deliveryId);
        }
    }

    @Override
    public String toString() {
        return "DinteroStore[" + settings.storeId() + ", " + settings.accountId() + "]";
    }
}
