package org.tillpay.dintero.emulator.internal;

import java.time.LocalDate;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.tillpay.dintero.emulator.DinteroSettlementsEmulator;
import org.tillpay.dintero.emulator.WebhookDelivery;
import org.tillpay.dintero.emulator.WebhookMode;

/**
 * The {@link DinteroSettlementsEmulator} part of the {@link Emulator}: delegates to its {@link Settlements} and
 * {@link Hooks}, which take the locks they need. A base class only to keep the emulator core's file short; its own
 * base, {@link InsightControl}, adds the Insight reports.
 */
abstract class PayoutControl extends InsightControl implements DinteroSettlementsEmulator {

    /** @param clock the emulator's clock */
    PayoutControl(Clock clock) {
        super(clock);
    }


    /** @return the emulator's settlements */
    abstract Settlements settlementBook();

    /** @return the emulator's webhook subscriptions */
    abstract Hooks hooks();

    @Override
    public List<String> settle(String accountId, LocalDate payoutDate) {
        return settlementBook().settle(accountId, payoutDate);
    }

    @Override
    public List<Map<String, Object>> settlements(String accountId) {
        return settlementBook().views(accountId);
    }

    @Override
    public void setSalesBuffer(long minorUnits) {
        settlementBook().salesBuffer(minorUnits);
    }

    @Override
    public long salesBuffer() {
        return settlementBook().salesBuffer();
    }

    @Override
    public void setWebhookMode(WebhookMode mode) {
        hooks().mode(mode);
    }

    @Override
    public WebhookMode webhookMode() {
        return hooks().mode();
    }

    @Override
    public List<WebhookDelivery> webhookDeliveries() {
        return hooks().deliveries();
    }
}
