package org.tillpay.dintero.api.operations;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Operating one Dintero store: a service per active store, registered next to its {@code PaymentMethod} with the same
 * {@code tillpay.store.id} property.
 */
@ProviderType
public interface DinteroStoreOperations {

    /** @return the store */
    String storeId();

    /**
     * Checks the store: asks Dintero for a new token with the store's client (not the cached one, so a revoked client
     * shows at once), and counts its pending payments and open operations.
     *
     * @return completes with the store's health, never exceptionally
     */
    CompletionStage<StoreHealth> health();

    /**
     * @return completes with the payment profiles of the store's account, or exceptionally when Dintero could not be
     *         asked
     */
    CompletionStage<java.util.List<PaymentProfile>> paymentProfiles();

    /**
     * Creates a payment profile, or updates the one with that id, to offer exactly these methods.
     *
     * @param profile the profile's id, description and methods
     * @return completes with the profile as Dintero keeps it; exceptionally when a method is unknown
     *         ({@code IllegalArgumentException} naming it) or Dintero refused
     */
    CompletionStage<PaymentProfile> savePaymentProfile(PaymentProfile profile);

    /**
     * The store's payments that wait on Dintero longer than they should (see {@link StuckPayment.Reason}), oldest
     * first; read from the ledger only, without asking Dintero.
     *
     * @return the stuck payments, one entry per reason (a payment may have two)
     * @since 1.1
     */
    java.util.List<StuckPayment> stuckPayments();

    /**
     * Does for one payment at once what the poller would do in its next rounds: processes its stored callbacks, reads
     * it back from Dintero (looking for a link whose creation got no answer by its merchant reference), and reads back
     * its open captures, refunds and voids, settling as not done one that Dintero never received. Nothing is sent to
     * Dintero twice: an operation is never re-sent, only read back.
     *
     * @param paymentId the payment
     * @return completes with what is still stuck about the payment afterwards (empty when nothing is), or
     *         exceptionally when Dintero could not be asked ({@code IllegalArgumentException} when the store has no
     *         such payment)
     * @since 1.1
     */
    CompletionStage<java.util.List<StuckPayment>> retry(String paymentId);
}
