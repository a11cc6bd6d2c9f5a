package org.tillpay.dintero.internal.store;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.internal.client.Completions;
import org.tillpay.dintero.internal.client.DinteroApi;
import org.tillpay.dintero.internal.client.DinteroCamelHost;
import org.tillpay.dintero.internal.config.StoreSettings;
import org.tillpay.dintero.internal.mail.LinkMailer;
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
import org.tillpay.dintero.api.operations.DinteroStoreOperations;
import org.tillpay.dintero.api.operations.PaymentProfile;
import org.tillpay.dintero.api.operations.StoreHealth;
import org.tillpay.dintero.api.operations.StuckPayment;
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

    private final StoreSettings settings;
    private final PaymentLedger ledger;
    private final PaymentStarter starter;
    private final PaymentReadBack readBack;
    private final PaymentCancellation cancellation;
    private final PaymentOperations operations;
    private final SettlementFetcher settlements;
    private final InsightReports insight;
    private final StoreHealthCheck health;
    private final PendingPayments pending;
    private final ReceivedHints hints;
    private final DinteroApi api;
    private final Clock clock;

    /**
     * A store that fetches no settlements, its poller claiming payments as a node of its own.
     *
     * @param settings the store's validated settings
     * @param host the Camel host that calls Dintero
     * @param ledger the payment ledger
     * @param listeners the host listeners
     * @param clock the clock
     */
    public DinteroStoreCore(StoreSettings settings, DinteroCamelHost host, PaymentLedger ledger,
            PaymentListeners listeners, Clock clock) {
        this(settings, host, ledger, null, listeners, PollerNode.id(null, null), clock);
    }

    /**
     * @param settings the store's validated settings
     * @param host the Camel host that calls Dintero
     * @param ledger the payment ledger
     * @param settlementStore where settlements are kept, or null for a store that does not fetch them
     * @param listeners the host listeners
     * @param nodeId this node, for the poller's claims in the ledger (see {@link PollerNode})
     * @param clock the clock
     */
    public DinteroStoreCore(StoreSettings settings, DinteroCamelHost host, PaymentLedger ledger,
            SettlementStore settlementStore, PaymentListeners listeners, String nodeId, Clock clock) {
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
        this.readBack = new PaymentReadBack(api, ledger, listeners, sync, new LatePaymentGuard(api, ledger, audit, clock),
                clock);
        this.operations = new PaymentOperations(api, ledger, sync, audit, clock);
        Duration parkedInterval = Duration.ofSeconds(settings.parkedPollIntervalSeconds());
        this.pending = new PendingPayments(settings.storeId(), ledger, readBack, operations,
                new BackOfficeSweep(settings, api, ledger, sync, clock, parkedInterval), parkedInterval, nodeId, clock);
        this.hints = new ReceivedHints(settings.storeId(), ledger, readBack, pending, clock);
        this.starter = new PaymentStarter(settings, enabledPaymentMethods(), api, new LinkMailer(host), ledger,
                listeners, audit, clock);
        this.cancellation = new PaymentCancellation(api, ledger, readBack, audit, clock);
        this.insight = new InsightReports(settings, api);
        this.health = new StoreHealthCheck(settings, api, ledger);
    }

    /** One poller round (see {@link PendingPayments}). */
    public void pollPending() {
        pending.pollRound();
    }

    /** @return whether the next round's back-office sweep is due (a round runs for it even when nothing awaits) */
    boolean backOfficeSweepDue() {
        return pending.sweepDue();
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
    public List<StuckPayment> stuckPayments() {
        return pending.stuck();
    }

    @Override
    public CompletionStage<List<StuckPayment>> retry(String paymentId) {
        Optional<PaymentRecord> payment = ledger.find(paymentId).filter(p -> p.storeId().equals(settings.storeId()));
        if (payment.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("store " + settings.storeId()
                    + " has no payment " + paymentId));
        }
        return pending.retry(payment.get());
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
        if (hints.store(callback, "callback")) {
            return CallbackOutcome.ACCEPTED;
        }
        LOG.warn("store {} sale {}: callback for unknown session {}; asking Dintero to retry", settings.storeId(),
                callback.merchantReference(), callback.sessionId());
        return CallbackOutcome.UNKNOWN_PAYMENT;
    }

    @Override
    public boolean onTransactionWebhook(ReceivedCallback hint, String deliveryId) {
        health.heard(clock.instant());
        if (hints.store(hint, "checkout_transaction webhook " + deliveryId)) {
            return true;
        }
        LOG.debug("store {} sale {}: checkout_transaction webhook {} is for session {}, not a payment of this store;"
                + " ignored", settings.storeId(), hint.merchantReference(), deliveryId, hint.sessionId());
        return false;
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
     * Sets the store's account up at Dintero as configured, when the store starts: the webhook subscriptions and the
     * Insight report (see {@link AccountSetup}).
     *
     * @param attempt 0 at start, then the number of attempts that failed before
     * @return completes with whether both are in place (false: try again after {@link AccountSetup#retryDelay})
     */
    public CompletableFuture<Boolean> ensureAccountSetup(int attempt) {
        return AccountSetup.ensure(settings, api, insight, attempt);
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
    public CompletableFuture<Void> renewToken() {
        return api.renewToken();
    }

    @Override
    public void useClientSecret(org.tillpay.dintero.internal.config.Secret rotated) {
        api.useClientSecret(rotated);
        LOG.info("store {}: client secret rotated; the next token is fetched with the new one", settings.storeId());
    }

    @Override
    public String toString() {
        return "DinteroStore[" + settings.storeId() + ", " + settings.accountId() + "]";
    }
}
