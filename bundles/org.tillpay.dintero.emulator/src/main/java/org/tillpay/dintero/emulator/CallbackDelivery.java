package org.tillpay.dintero.emulator;

import java.time.Instant;
import java.util.Objects;

/**
 * One attempt to deliver a callback to a merchant's {@code url.callback_url}, or, under a {@link CallbackMode} other
 * than {@code NORMAL}, the record that a callback was dropped or held instead.
 *
 * @param sessionId the session the callback is about
 * @param url the full URL called, with the emulator's query parameters appended
 * @param method {@code GET}, or {@code POST} when the callback URL asked for {@code method=POST}
 * @param attempt 1 for the first attempt, counting up on retries (1 for dropped and held records)
 * @param httpStatus the merchant's HTTP status, or 0 when no response arrived (always 0 unless {@code SENT})
 * @param error why no response arrived (timeout, connection refused, dropped, held, ...), or {@code null} when one did
 * @param at when the attempt was made (or the callback dropped or held), on the emulator's clock
 * @param outcome {@code SENT} for a real attempt, whatever its result; {@code DROPPED} or {@code HELD} when nothing
 *        was sent (since 1.1)
 */
public record CallbackDelivery(String sessionId, String url, String method, int attempt, int httpStatus, String error,
        Instant at, Outcome outcome) {

    /** What became of a callback. */
    public enum Outcome {
        /** The request was made (see {@link CallbackDelivery#httpStatus()} and {@link CallbackDelivery#error()}). */
        SENT,
        /** Dropped under {@link CallbackMode#DROP}; never sent. */
        DROPPED,
        /** Held under {@link CallbackMode#DELAY}; sent (and recorded again as {@code SENT}) once released. */
        HELD
    }

    /** Checks that nothing required is missing. */
    public CallbackDelivery {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(outcome, "outcome");
    }

    /**
     * A real attempt ({@link Outcome#SENT}), as recorded before 1.1.
     *
     * @param sessionId the session the callback is about
     * @param url the full URL called
     * @param method {@code GET} or {@code POST}
     * @param attempt the attempt number, from 1
     * @param httpStatus the merchant's HTTP status, or 0
     * @param error why no response arrived, or {@code null}
     * @param at when the attempt was made
     */
    public CallbackDelivery(String sessionId, String url, String method, int attempt, int httpStatus, String error,
            Instant at) {
        this(sessionId, url, method, attempt, httpStatus, error, at, Outcome.SENT);
    }

    /**
     * Whether Dintero would count this attempt as delivered: a request was sent and answered with a status that is
     * neither 100&ndash;101, 4xx nor 5xx.
     *
     * @return true when delivered
     */
    public boolean delivered() {
        return outcome == Outcome.SENT && httpStatus >= 102 && httpStatus < 400;
    }
}
