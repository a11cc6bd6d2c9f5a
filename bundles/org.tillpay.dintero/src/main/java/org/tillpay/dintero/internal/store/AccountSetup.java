package org.tillpay.dintero.internal.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.internal.client.Completions;
import org.tillpay.dintero.internal.client.DinteroApi;
import org.tillpay.dintero.internal.config.StoreSettings;

/**
 * What a store sets up at Dintero when it starts: the {@code settlement_add} and {@code checkout_transaction} webhook
 * subscriptions (when it has a webhook secret) and its Insight report configuration. A failure is logged, never thrown: the store works without
 * either (settlements are still fetched on schedule), and the next start tries again.
 */
final class AccountSetup {

    private static final Logger LOG = LoggerFactory.getLogger(AccountSetup.class);

    private AccountSetup() {
    }

    static void ensure(StoreSettings settings, DinteroApi api, InsightReports insight) {
        WebhookSubscriber.ensure(settings, api).exceptionally(e -> {
            LOG.warn("store {}: webhook subscriptions not checked: {}; settlements are still fetched every {} min"
                    + " and payments polled", settings.storeId(), Completions.cause(e).getMessage(),
                    settings.settlements().pollIntervalMinutes());
            return false;
        });
        insight.ensure().exceptionally(e -> {
            LOG.warn("store {}: Insight report configuration not checked, checked again at the next start: {}",
                    settings.storeId(), Completions.cause(e).getMessage());
            return "failed";
        });
    }
}
