package org.tillpay.dintero.api.onboarding;

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

    /**
     * Rotates an onboarded store's client secret without losing a payment: Dintero makes a new secret (the old one
     * stops working for new tokens, the store's current token stays valid), the new one is written to the secrets
     * directory at once, and the store's configuration is touched so the store restarts on it (a moment in which
     * its service is re-registered; calls under way finish).
     *
     * @param merchantAccountId the store's Dintero account
     * @param storeId the store, onboarded by this partner
     * @return completes with the report of every step (never exceptionally)
     */
    CompletionStage<OnboardingReport> rotateClientSecret(String merchantAccountId, String storeId);
}
