package org.tillpay.dintero.internal.store;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.internal.client.Completions;
import org.tillpay.dintero.internal.client.DinteroApi;
import org.tillpay.dintero.internal.config.StoreSettings;
import org.tillpay.dintero.api.operations.StoreHealth;
import org.tillpay.ledger.PaymentLedger;

/**
 * A store's health: a new token from Dintero (a revoked client shows at once), the state of the store's circuit
 * breaker when it is not closed, the last callback heard, and the ledger's pending payments and open operations (each
 * counted up to {@value #COUNT_LIMIT}).
 */
final class StoreHealthCheck {

    static final int COUNT_LIMIT = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(StoreHealthCheck.class);

    private final StoreSettings settings;
    private final DinteroApi api;
    private final PaymentLedger ledger;
    private volatile Instant lastCallback;

    StoreHealthCheck(StoreSettings settings, DinteroApi api, PaymentLedger ledger) {
        this.settings = settings;
        this.api = api;
        this.ledger = ledger;
    }

    /** Notes that Dintero called the store back. */
    void heard(Instant at) {
        lastCallback = at;
    }

    CompletableFuture<StoreHealth> check() {
        return api.checkCredentials().handle((ok, failure) -> {
            String detail = failure == null ? "" : Completions.cause(failure).getMessage();
            if (failure != null) {
                LOG.warn("store {}: health check: no token from Dintero: {}", settings.storeId(), detail);
            }
            // An open (or probing) circuit breaker shows in the detail, so that the console and shell show it.
            String breaker = api.circuitBreakerWarning().orElse("");
            if (!breaker.isEmpty() && !detail.contains("circuit breaker")) {
                detail = detail.isEmpty() ? breaker : detail + "; " + breaker;
            }
            return new StoreHealth(settings.storeId(), settings.accountId(), failure == null, detail,
                    Optional.ofNullable(lastCallback), ledger.findPending(settings.storeId(), COUNT_LIMIT).size(),
                    ledger.findWithOpenOperations(settings.storeId(), COUNT_LIMIT).size());
        });
    }
}
