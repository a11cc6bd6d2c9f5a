package org.tillpay.dintero.internal.store;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.internal.client.Completions;
import org.tillpay.dintero.internal.client.DinteroApi;
import org.tillpay.dintero.internal.config.StoreSettings;

/**
 * What a store sets up at Dintero when it starts: the {@code settlement_add} and {@code checkout_transaction} webhook
 * subscriptions (when it has a webhook secret) and its Insight report configuration. A failure is logged, never thrown:
 * the store works without either (settlements are still fetched on schedule, payments polled), and the store's
 * component tries again later ({@link #retryDelay}) until both are in place, so a Dintero that was unreachable when
 * the store started (or, in the demo distribution, an emulator not yet serving) leaves nothing missing.
 */
final class AccountSetup {

    private static final Logger LOG = LoggerFactory.getLogger(AccountSetup.class);
    private static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    private static final Duration LONGEST_RETRY = Duration.ofMinutes(30);

    private AccountSetup() {
    }

    /** @return completes with whether both are in place now (false: try again later); never exceptionally */
    static CompletableFuture<Boolean> ensure(StoreSettings settings, DinteroApi api, InsightReports insight,
            int attempt) {
        String when = attempt == 0 ? "" : " (attempt " + (attempt + 1) + ")";
        CompletableFuture<Boolean> hooks = WebhookSubscriber.ensure(settings, api).thenApply(x -> true)
                .exceptionally(e -> {
                    LOG.warn("store {}: webhook subscriptions not checked{}: {}; tried again in {} min, meanwhile"
                            + " settlements are fetched every {} min and payments polled", settings.storeId(), when,
                            Completions.cause(e).getMessage(), retryDelay(attempt).toMinutes(),
                            settings.settlements().pollIntervalMinutes());
                    return false;
                });
        CompletableFuture<Boolean> reports = insight.ensure().thenApply(x -> true).exceptionally(e -> {
            LOG.warn("store {}: Insight report configuration not checked{}, tried again in {} min: {}",
                    settings.storeId(), when, retryDelay(attempt).toMinutes(), Completions.cause(e).getMessage());
            return false;
        });
        return hooks.thenCombine(reports, Boolean::logicalAnd);
    }

    /** @return how long after failed attempt {@code attempt} (0 = the first) the next is made: 1, 2, 4 ... 30 min */
    static Duration retryDelay(int attempt) {
        Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(attempt, 5));
        return delay.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : delay;
    }
}
