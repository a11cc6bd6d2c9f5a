package org.tillpay.payment.api;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A store's source of provider settlements (payouts), registered next to its {@link PaymentMethod} with the same
 * {@code tillpay.store.id} and {@code tillpay.method.id} properties. The settlements themselves are kept by the
 * ledger; this is how a host (or the shell) asks for a fetch now, and learns which provider account and accounting
 * number the store's payouts belong to.
 */
@ProviderType
public interface SettlementSource {

    /** @return the store */
    String storeId();

    /** @return the provider account whose settlements these are (for Dintero: the account id, e.g. P12345678) */
    String accountId();

    /** @return the store's accounting number for this payment method, shown on every reconciliation line */
    String accountingNumber();

    /**
     * Fetches the account's settlements now (as the schedule and the provider's webhook also do) and stores the new
     * ones.
     *
     * @return completes with the ids of the settlements stored for the first time, or exceptionally when the
     *         provider could not be reached (with a {@link PaymentFailedException})
     */
    CompletionStage<List<String>> fetchSettlements();
}
