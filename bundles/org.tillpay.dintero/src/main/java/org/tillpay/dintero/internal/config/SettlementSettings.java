package org.tillpay.dintero.internal.config;

import java.util.Optional;

/**
 * How a store fetches Dintero's settlements (payouts): how often, how far back, and the secret of its webhook
 * subscriptions ({@code settlement_add}, and {@code checkout_transaction}, which hints at payments).
 *
 * @param pollIntervalMinutes minutes between scheduled fetches; 0 turns the schedule off
 * @param lookbackDays each fetch asks for settlements created this many days before the last fetch, so late ones
 *        are not missed
 * @param webhookSecret the HMAC-SHA1 secret of the webhook subscription; empty for no webhook
 */
public record SettlementSettings(int pollIntervalMinutes, int lookbackDays, Optional<Secret> webhookSecret) {

    static SettlementSettings from(DinteroStoreConfig c) {
        if (c.settlement_poll_interval_minutes() < 0 || c.settlement_poll_interval_minutes() > 10080) {
            throw new InvalidStoreConfigException("settlement.poll.interval.minutes",
                    "must be between 0 (off) and 10080 (a week), was " + c.settlement_poll_interval_minutes());
        }
        if (c.settlement_lookback_days() < 1 || c.settlement_lookback_days() > 366) {
            throw new InvalidStoreConfigException("settlement.lookback.days",
                    "must be between 1 and 366, was " + c.settlement_lookback_days());
        }
        String secret = c.webhook_secret() == null ? "" : c.webhook_secret().strip();
        if (!secret.isEmpty() && secret.length() < 16) {
            throw new InvalidStoreConfigException("webhook.secret", "must have at least 16 characters (it signs"
                    + " Dintero's webhooks), or be empty for no webhook");
        }
        return new SettlementSettings(c.settlement_poll_interval_minutes(), c.settlement_lookback_days(),
                secret.isEmpty() ? Optional.empty() : Optional.of(Secret.of(secret)));
    }

    @Override
    public String toString() {
        return "SettlementSettings[every " + pollIntervalMinutes + " min, " + lookbackDays + " days back, webhook "
                + webhookSecret.map(Secret::masked).orElse("off") + "]";
    }
}
