package org.tillpay.dintero.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * What an injected fault does to a request (or an outgoing callback) that a {@link FaultRule} matches. Immutable;
 * made by the static factories. Faults that answer in Dintero's place ({@link Kind#SERVER_ERROR},
 * {@link Kind#TOO_MANY_REQUESTS}) and faults at {@link Stage#BEFORE_WORK} leave nothing behind at the emulator; faults
 * at {@link Stage#AFTER_WORK} let the request do its work first (the emulator's records show it, exactly as on a
 * normal answer) and then lose or delay the answer.
 *
 * @since 1.7
 */
public final class Fault {

    /** The kinds of fault. */
    public enum Kind {
        /** The request waits first (a fixed delay or a random one in a range), then is served normally. */
        LATENCY,
        /** An HTTP 5xx error answer ({@code {"error":{...}}}) instead of doing the work. */
        SERVER_ERROR,
        /** HTTP 429 with {@code Retry-After} (seconds) instead of doing the work. */
        TOO_MANY_REQUESTS,
        /**
         * The answer is held longer than a client waits: at {@link Stage#BEFORE_WORK} the request is held, then the
         * connection is closed without an answer and without doing the work; at {@link Stage#AFTER_WORK} the work is
         * done at once, then its answer is held and sent late.
         */
        TIMEOUT,
        /**
         * The connection is closed without an HTTP answer (no status line): before the work, or after the work (the
         * answer is lost).
         */
        RESET,
        /** An outgoing callback is sent after an extra delay (on its own; not held for release). */
        CALLBACK_DELAY,
        /** An outgoing callback is never sent (recorded as {@link CallbackDelivery.Outcome#DROPPED}). */
        CALLBACK_DROP,
        /** An outgoing callback is sent twice, concurrently. */
        CALLBACK_DUPLICATE,
        /**
         * A capture, refund or void fails at the payment provider, as with
         * {@link DinteroEmulator#failNextOperation(String, String)}: a final event with {@code success:false}.
         */
        OPERATION_FAILURE,
        /**
         * A capture, refund or void is accepted with 202 whatever the {@link OperationMode}, and completes on its own
         * after a delay (successfully, or failing with a message), as
         * {@link DinteroEmulator#completePendingOperations()} would complete it.
         */
        OPERATION_LATE
    }

    /** When, relative to the request's work, a {@link Kind#TIMEOUT} or {@link Kind#RESET} strikes. */
    public enum Stage {
        /** Before the work: nothing happens at the emulator. */
        BEFORE_WORK,
        /** After the work: the emulator did it and recorded it; only the answer is lost or late. */
        AFTER_WORK
    }

    private final Kind kind;
    private final int status;
    private final Duration minDelay;
    private final Duration maxDelay;
    private final Stage stage;
    private final String message;

    private Fault(Kind kind, int status, Duration minDelay, Duration maxDelay, Stage stage, String message) {
        this.kind = kind;
        this.status = status;
        this.minDelay = minDelay;
        this.maxDelay = maxDelay;
        this.stage = stage;
        this.message = message;
    }

    /**
     * Added latency: the request waits, then is served normally.
     *
     * @param delay how long, zero or positive
     * @return the fault
     */
    public static Fault latency(Duration delay) {
        return latency(delay, delay);
    }

    /**
     * Added latency drawn uniformly between two bounds (from the rule's seeded random).
     *
     * @param min the shortest delay, zero or positive
     * @param max the longest delay, at least {@code min}
     * @return the fault
     */
    public static Fault latency(Duration min, Duration max) {
        notNegative(min, "min");
        notNegative(max, "max");
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("latency max " + max + " is shorter than min " + min);
        }
        return new Fault(Kind.LATENCY, 0, min, max, Stage.BEFORE_WORK, null);
    }

    /**
     * An HTTP 5xx answer instead of doing the work; the body is {@code {"error":{"code","message"}}}.
     *
     * @param status 500 to 599, for example 500, 502 or 503
     * @return the fault
     */
    public static Fault serverError(int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("a server error is 500 to 599, was " + status);
        }
        return new Fault(Kind.SERVER_ERROR, status, Duration.ZERO, Duration.ZERO, Stage.BEFORE_WORK, null);
    }

    /**
     * HTTP 429 with {@code Retry-After: <seconds>} instead of doing the work.
     *
     * @param retryAfterSeconds the {@code Retry-After} value, zero or more
     * @return the fault
     */
    public static Fault tooManyRequests(int retryAfterSeconds) {
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("Retry-After must not be negative, was " + retryAfterSeconds);
        }
        return new Fault(Kind.TOO_MANY_REQUESTS, 429, Duration.ofSeconds(retryAfterSeconds),
                Duration.ofSeconds(retryAfterSeconds), Stage.BEFORE_WORK, null);
    }

    /**
     * Holds the request longer than a client waits ({@link Kind#TIMEOUT}).
     *
     * @param hold how long, positive: longer than the client's timeout
     * @param stage {@link Stage#BEFORE_WORK}: hold, then close without an answer, nothing done;
     *        {@link Stage#AFTER_WORK}: do the work, hold the answer, then send it
     * @return the fault
     */
    public static Fault timeout(Duration hold, Stage stage) {
        notNegative(hold, "hold");
        return new Fault(Kind.TIMEOUT, 0, hold, hold, Objects.requireNonNull(stage, "stage"), null);
    }

    /**
     * Closes the connection without an HTTP answer ({@link Kind#RESET}); the client sees an {@code IOException}.
     *
     * @param stage before the work (nothing done) or after it (done, answer lost)
     * @return the fault
     */
    public static Fault reset(Stage stage) {
        return new Fault(Kind.RESET, 0, Duration.ZERO, Duration.ZERO, Objects.requireNonNull(stage, "stage"), null);
    }

    /**
     * Delays an outgoing callback by a duration on top of its {@code delay_callback}; for
     * {@link FaultRule.Route#CALLBACK} rules.
     *
     * @param delay the extra delay, zero or positive
     * @return the fault
     */
    public static Fault callbackDelay(Duration delay) {
        notNegative(delay, "delay");
        return new Fault(Kind.CALLBACK_DELAY, 0, delay, delay, Stage.BEFORE_WORK, null);
    }

    /** @return a fault that drops an outgoing callback; for {@link FaultRule.Route#CALLBACK} rules */
    public static Fault callbackDrop() {
        return new Fault(Kind.CALLBACK_DROP, 0, Duration.ZERO, Duration.ZERO, Stage.BEFORE_WORK, null);
    }

    /** @return a fault that sends an outgoing callback twice; for {@link FaultRule.Route#CALLBACK} rules */
    public static Fault callbackDuplicate() {
        return new Fault(Kind.CALLBACK_DUPLICATE, 0, Duration.ZERO, Duration.ZERO, Stage.BEFORE_WORK, null);
    }

    /**
     * Makes a capture, refund or void fail at the payment provider; for
     * {@link FaultRule.Route#TRANSACTION_OPERATION} rules.
     *
     * @param message the event's error message
     * @return the fault
     */
    public static Fault operationFailure(String message) {
        return new Fault(Kind.OPERATION_FAILURE, 0, Duration.ZERO, Duration.ZERO, Stage.AFTER_WORK,
                text(message));
    }

    /**
     * Accepts a capture, refund or void with 202 and completes it on its own after a delay; for
     * {@link FaultRule.Route#TRANSACTION_OPERATION} rules.
     *
     * @param completeAfter how long after the 202 it completes, zero or positive
     * @param failureMessage null to complete successfully, else the message it fails with
     * @return the fault
     */
    public static Fault operationLate(Duration completeAfter, String failureMessage) {
        notNegative(completeAfter, "completeAfter");
        return new Fault(Kind.OPERATION_LATE, 0, completeAfter, completeAfter, Stage.AFTER_WORK,
                failureMessage == null ? null : text(failureMessage));
    }

    /** @return what the fault does */
    public Kind kind() {
        return kind;
    }

    /** @return the HTTP status answered ({@link Kind#SERVER_ERROR}, 429), else 0 */
    public int status() {
        return status;
    }

    /**
     * @return the shortest latency, the hold of a timeout, the {@code Retry-After}, the callback delay or the late
     *         completion's delay; zero for the other kinds
     */
    public Duration minDelay() {
        return minDelay;
    }

    /** @return the longest latency; equal to {@link #minDelay()} for every other kind */
    public Duration maxDelay() {
        return maxDelay;
    }

    /** @return the {@code Retry-After} seconds of {@link Kind#TOO_MANY_REQUESTS}, else 0 */
    public int retryAfterSeconds() {
        return kind == Kind.TOO_MANY_REQUESTS ? (int) minDelay.getSeconds() : 0;
    }

    /** @return whether the request's work is done ({@link Stage#AFTER_WORK}) or not ({@link Stage#BEFORE_WORK}) */
    public Stage stage() {
        return stage;
    }

    /**
     * @return whether the emulator does the request's work despite the fault: true for latency, for after-work
     *         timeouts and resets and for the operation faults; false for error answers and before-work faults
     */
    public boolean workDone() {
        return kind == Kind.LATENCY || stage == Stage.AFTER_WORK;
    }

    /** @return the failure message of the operation faults, or null */
    public String message() {
        return message;
    }

    private static void notNegative(Duration d, String name) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or positive, was " + d);
        }
    }

    private static String text(String message) {
        return message == null || message.isBlank() ? "operation failed at the provider" : message;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fault f && kind == f.kind && status == f.status && minDelay.equals(f.minDelay)
                && maxDelay.equals(f.maxDelay) && stage == f.stage && Objects.equals(message, f.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, status, minDelay, maxDelay, stage, message);
    }

    /** @return a short description, for example {@code SERVER_ERROR 503} or {@code RESET AFTER_WORK} */
    @Override
    public String toString() {
        return switch (kind) {
            case LATENCY -> "LATENCY " + ms(minDelay) + (maxDelay.equals(minDelay) ? "" : "-" + ms(maxDelay));
            case SERVER_ERROR -> "SERVER_ERROR " + status;
            case TOO_MANY_REQUESTS -> "TOO_MANY_REQUESTS Retry-After " + retryAfterSeconds();
            case TIMEOUT -> "TIMEOUT " + ms(minDelay) + " " + stage;
            case RESET -> "RESET " + stage;
            case CALLBACK_DELAY -> "CALLBACK_DELAY " + ms(minDelay);
            case OPERATION_FAILURE -> "OPERATION_FAILURE \"" + message + "\"";
            case OPERATION_LATE -> "OPERATION_LATE " + ms(minDelay)
                    + (message == null ? "" : " failing \"" + message + "\"");
            default -> kind.name();
        };
    }

    private static String ms(Duration d) {
        return d.toMillis() + "ms";
    }
}
