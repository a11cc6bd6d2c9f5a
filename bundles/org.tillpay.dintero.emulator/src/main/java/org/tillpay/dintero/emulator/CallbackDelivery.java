package org.tillpay.dintero.emulator;

import java.time.Instant;
import java.util.Objects;

/**
 * One attempt to deliver a callback to a merchant's {@code url.callback_url}.
 *
 * @param sessionId the session the callback is about
 * @param url the full URL called, with the emulator's query parameters appended
 * @param method {@code GET}, or {@code POST} when the callback URL asked for {@code method=POST}
 * @param attempt 1 for the first attempt, counting up on retries
 * @param httpStatus the merchant's HTTP status, or 0 when no response arrived
 * @param error why no response arrived (timeout, connection refused, ...), or {@code null} when one did
 * @param at when the attempt was made
 */
public record CallbackDelivery(String sessionId, String url, String method, int attempt, int httpStatus, String error,
        Instant at) {

    /** Checks that nothing required is missing. */
    public CallbackDelivery {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(at, "at");
    }

    /**
     * Whether Dintero would count this attempt as delivered: a response whose status is neither 100&ndash;101,
     * 4xx nor 5xx.
     *
     * @return true when delivered
     */
    public boolean delivered() {
        return httpStatus >= 102 && httpStatus < 400;
    }
}
