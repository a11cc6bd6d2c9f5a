package org.tillpay.dintero.internal.onboarding;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.tillpay.dintero.internal.config.PartnerSettings;
import org.tillpay.dintero.api.onboarding.OnboardingReport.Step;
import org.tillpay.dintero.api.onboarding.OnboardingRequest;

/** The last onboarding step: {@link TestSale} in Karaf; tests without an OSGi framework give their own. */
@FunctionalInterface
interface TestSaleStep {

    /** Runs the step, adding what it did to {@code steps}. */
    CompletableFuture<Void> run(PartnerSettings partner, OnboardingRequest request, List<Step> steps);
}
