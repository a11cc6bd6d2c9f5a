package org.tillpay.dintero.onboarding;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Onboards stores for one Dintero partner account: a service per configured partner, with the property
 * {@value #PARTNER_ID_PROPERTY}. Every step lists what exists before it creates anything, so a run that failed half-way,
 * or one that already succeeded, is simply run again.
 */
@ProviderType
public interface StoreOnboarding {

    /** Service property: the partner's Dintero account id. */
    String PARTNER_ID_PROPERTY = "tillpay.partner.id";

    /** @return the partner's Dintero account id */
    String partnerId();

    /**
     * Makes a merchant's store live, step by step.
     *
     * @param request which merchant and store
     * @return completes with the report of every step (never exceptionally: a failed step ends the run and says why)
     */
    CompletionStage<OnboardingReport> onboard(OnboardingRequest request);
}
