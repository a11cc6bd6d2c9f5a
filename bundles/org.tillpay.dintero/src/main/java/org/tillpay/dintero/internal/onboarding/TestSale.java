package org.tillpay.dintero.internal.onboarding;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;
import org.tillpay.dintero.internal.config.PartnerSettings;
import org.tillpay.dintero.api.onboarding.OnboardingReport.Outcome;
import org.tillpay.dintero.api.onboarding.OnboardingReport.Step;
import org.tillpay.dintero.api.onboarding.OnboardingRequest;
import org.tillpay.payment.api.LinkOptions;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentLine;
import org.tillpay.payment.api.PaymentMethod;
import org.tillpay.payment.api.PaymentRequest;
import org.tillpay.payment.api.PaymentStatus;

/**
 * The last onboarding step on a test (T) account: waits for the onboarded store's payment method to start (its
 * configuration was just written), makes a link-only sale of 1.00 through it and cancels it, so the store's
 * credentials, grant and profile are proven by Dintero itself. Production accounts skip it.
 */
final class TestSale implements TestSaleStep {

    static final Duration STORE_START = Duration.ofSeconds(30);

    private final BundleContext context;

    TestSale(BundleContext context) {
        this.context = context;
    }

    @Override
    public CompletableFuture<Void> run(PartnerSettings partner, OnboardingRequest request, List<Step> steps) {
        if (!request.testSale() || !request.merchantAccountId().startsWith("T")) {
            steps.add(new Step("test sale", Outcome.SKIPPED, request.testSale() ? "not on a production account"
                    : "not asked for"));
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> steps.add(sale(request)));
    }

    private Step sale(OnboardingRequest request) {
        PaymentMethod method = awaitStore(request.storeId());
        if (method == null) {
            return new Step("test sale", Outcome.FAILED, "store " + request.storeId() + " did not start within "
                    + STORE_START.toSeconds() + " s: see the log for its configuration");
        }
        String reference = "ONBOARDING-TEST-" + Instant.now().toEpochMilli();
        PaymentRequest sale = PaymentRequest.builder().storeId(request.storeId()).saleReference(reference)
                .currency("NOK").line(PaymentLine.builder().lineId("1").description("Tillpay onboarding test")
                        .quantity(1).unitPriceMinor(100))
                .linkOptions(LinkOptions.builder().linkOnly(true).build()).build();
        try {
            PaymentHandle link = method.startPayment(sale).toCompletableFuture().get(30, TimeUnit.SECONDS);
            if (link.status() != PaymentStatus.LINK_SENT) {
                return new Step("test sale", Outcome.FAILED, "the test sale ended " + link.status());
            }
            PaymentHandle cancelled = method.cancelPayment(link.paymentId(), "onboarding").toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            return new Step("test sale", Outcome.CHECKED, reference + ": a payment link was made ("
                    + link.sessionId().orElse("-") + ") and cancelled (" + cancelled.status() + ")");
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Step("test sale", Outcome.FAILED, "the test sale failed: " + cause.getMessage());
        }
    }

    private PaymentMethod awaitStore(String storeId) {
        ServiceTracker<PaymentMethod, PaymentMethod> tracker;
        try {
            tracker = new ServiceTracker<>(context, context.createFilter("(&(objectClass="
                    + PaymentMethod.class.getName() + ")(" + PaymentMethod.STORE_ID_PROPERTY + "=" + storeId + "))"),
                    null);
        } catch (InvalidSyntaxException e) {
            return null;
        }
        tracker.open();
        try {
            return tracker.waitForService(STORE_START.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            tracker.close();
        }
    }
}
