package org.tillpay.dintero.emulator;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Control API for the emulator's settlements (payouts, API.md &sect;10.1) and webhooks (API.md &sect;8), registered as
 * an OSGi service by the emulator bundle next to {@link DinteroEmulator} (the same object implements both; in tests
 * {@code EmulatorServer.settlements()}).
 *
 * <p>{@link #settle(String, LocalDate)} plays the payment providers' part: it pays out what the emulator captured and
 * refunded, so that a POS's reconciliation (FLOWS.md (e)) can run locally over
 * {@code GET /v1/accounts/{aid}/settlements}, the attachments and the {@code settlement_add} webhook. The emulator's
 * README documents the fee table, the attachment formats and every decision where Dintero is unconfirmed.
 * Besides {@code settlement_add}, the emulator publishes {@code checkout_transaction} (the transaction's short form)
 * whenever a payment creates a transaction or a capture, refund, void or Walley review changes it (over HTTP, at the
 * late completion of an accepted operation, or from the back office); {@link #setWebhookMode(WebhookMode)} applies to
 * it too. All methods are thread-safe; returned values are immutable snapshots.
 *
 * @since 1.3
 */
@ProviderType
public interface DinteroSettlementsEmulator {

    /** The default card sales buffer: 5000 NOK, in minor units. */
    long DEFAULT_SALES_BUFFER = 500_000L;

    /**
     * Pays out every successful {@code CAPTURE} and {@code REFUND} event of the account's transactions not settled
     * yet: one settlement per payment provider ({@code payment_product}: {@code vipps}, {@code payex},
     * {@code klarna}, {@code collector}, {@code dintero_psp}, {@code swish}), with {@code amounts[]} per currency
     * ({@code amount = capture - refund - fee}, fees from the README's table, refunds without fee), status
     * {@code paid}, or {@code postponed} when a currency's net amount is negative or, for {@code dintero_psp}, below
     * the {@linkplain #setSalesBuffer(long) sales buffer}; and its attachments (Dintero's CSV and JSON report, the
     * provider's CSV). Gift-card shares ({@code dintero.wallets}) have no payout and are left out. Each transaction
     * covered gains {@code settlements.events[]} (one entry per settled event) and its {@code settlement_status}
     * becomes {@code SETTLED}, or {@code PARTIALLY_SETTLED} while some of its captures or refunds are not settled.
     * Every active webhook subscription of the account with event {@code settlement_add} is then notified, once per
     * new settlement.
     *
     * @param accountId the account, for example {@code T12345678}
     * @param payoutDate the payout date ({@code settled_at}); null for today on the emulator's clock (UTC)
     * @return the new settlements' ids, in the order created; empty when there was nothing to settle
     * @throws java.util.NoSuchElementException when the account is not configured
     */
    List<String> settle(String accountId, LocalDate payoutDate);

    /**
     * The account's settlements, oldest first, each exactly as an item of {@code GET /v1/accounts/{aid}/settlements}
     * shows it, plus {@code created_at}.
     *
     * @param accountId the account
     * @return the settlements as nested maps and lists; empty when none
     */
    List<Map<String, Object>> settlements(String accountId);

    /**
     * Sets the card sales buffer: a {@code dintero_psp} settlement whose net amount (in any currency) is below it is
     * created with {@code payment_status} {@code postponed}. Applies to later {@link #settle} calls.
     *
     * @param minorUnits the buffer in minor units, zero or more; 0 turns it off; {@link #DEFAULT_SALES_BUFFER} unless
     *        set
     * @throws IllegalArgumentException when negative
     */
    void setSalesBuffer(long minorUnits);

    /**
     * The card sales buffer.
     *
     * @return the buffer in minor units
     */
    long salesBuffer();

    /**
     * Sets how webhook deliveries scheduled from now on are treated (lost or duplicated).
     *
     * @param mode the mode; {@link WebhookMode#NORMAL} restores normal delivery
     */
    void setWebhookMode(WebhookMode mode);

    /**
     * The current webhook mode.
     *
     * @return the mode, {@link WebhookMode#NORMAL} unless set
     */
    WebhookMode webhookMode();

    /**
     * Every webhook delivery attempt so far (pings included), in the order made, including the records of deliveries
     * dropped under {@link WebhookMode#DROP}.
     *
     * @return the attempts
     */
    List<WebhookDelivery> webhookDeliveries();
}
