package org.tillpay.payment.api;

import java.time.Duration;

/** How long the customer has to pay a payment link. */
public enum LinkExpiry {
    /** One day. */
    ONE_DAY(Duration.ofDays(1)),
    /** One week. */
    ONE_WEEK(Duration.ofDays(7)),
    /** One month, counted as 30 days. */
    ONE_MONTH(Duration.ofDays(30));

    private final Duration duration;

    LinkExpiry(Duration duration) {
        this.duration = duration;
    }

    /** @return how long the link stays payable */
    public Duration duration() {
        return duration;
    }
}
