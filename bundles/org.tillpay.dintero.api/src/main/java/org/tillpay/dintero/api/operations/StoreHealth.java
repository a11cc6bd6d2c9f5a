package org.tillpay.dintero.api.operations;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A Dintero store's health, as {@link DinteroStoreOperations#health()} finds it.
 *
 * @param storeId the store
 * @param accountId its Dintero account
 * @param tokenObtainable true when Dintero gave the store's API client a new token just now
 * @param tokenDetail what Dintero answered when it did not (for example a revoked client), else empty; never a secret
 * @param lastCallbackAt when Dintero last called the store back (since this Karaf started), if it has
 * @param pendingPayments payments waiting for the customer or for Dintero's answer
 * @param openOperations captures, refunds and voids whose outcome is not known yet
 */
public record StoreHealth(String storeId, String accountId, boolean tokenObtainable, String tokenDetail,
        Optional<Instant> lastCallbackAt, int pendingPayments, int openOperations) {

    /** Checks the fields. */
    public StoreHealth {
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(lastCallbackAt, "lastCallbackAt");
        tokenDetail = tokenDetail == null ? "" : tokenDetail;
    }
}
