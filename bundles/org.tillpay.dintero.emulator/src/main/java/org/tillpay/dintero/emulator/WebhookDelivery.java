package org.tillpay.dintero.emulator;

import java.time.Instant;
import java.util.Objects;

/**
 * One attempt to deliver a webhook event to a subscription's {@code config.url} (Hooks API, API.md &sect;8), or, under
 * {@link WebhookMode#DROP}, the record that a delivery was dropped instead.
 *
 * @param accountId the account the subscription belongs to
 * @param subscriptionId the subscription's id ({@code hid})
 * @param event the event, for example {@code settlement_add} or {@code ping}
 * @param eventDelivery the delivery's GUID (header {@code event-delivery}); the same on every attempt and copy
 * @param url the URL posted to
 * @param attempt 1 for the first attempt, counting up on retries (1 for dropped records)
 * @param httpStatus the receiver's HTTP status, or 0 when no response arrived (always 0 unless {@code SENT})
 * @param error why no response arrived (timeout, connection refused, dropped), or {@code null} when one did
 * @param at when the attempt was made (or the delivery dropped), on the emulator's clock
 * @param outcome {@code SENT} for a real attempt, whatever its result; {@code DROPPED} when nothing was sent
 * @since 1.3
 */
public record WebhookDelivery(String accountId, String subscriptionId, String event, String eventDelivery, String url,
        int attempt, int httpStatus, String error, Instant at, Outcome outcome) {

    /** What became of a delivery attempt. */
    public enum Outcome {
        /** The request was made (see {@link WebhookDelivery#httpStatus()} and {@link WebhookDelivery#error()}). */
        SENT,
        /** Dropped under {@link WebhookMode#DROP}; never sent. */
        DROPPED
    }

    /** Checks that nothing required is missing. */
    public WebhookDelivery {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(eventDelivery, "eventDelivery");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(outcome, "outcome");
    }

    /**
     * Whether Dintero would count this attempt as delivered: a request was sent and answered with a 2xx status
     * (redirects count as failures and are not followed).
     *
     * @return true when delivered
     */
    public boolean delivered() {
        return outcome == Outcome.SENT && httpStatus >= 200 && httpStatus < 300;
    }
}
