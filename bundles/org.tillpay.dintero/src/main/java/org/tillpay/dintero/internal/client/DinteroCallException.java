package org.tillpay.dintero.internal.client;

/**
 * Dintero answered with an error, or could not be reached. {@link #status()} is 0 when no HTTP answer arrived.
 * The message is Dintero's own error message plus what we were doing; it never contains credentials.
 * {@link #retryAfter()} carries Dintero's {@code Retry-After} (429, 503); {@link #notSent()} is true when Tillpay
 * refused the call itself (the store's circuit breaker is open, or a queue is full): nothing reached Dintero.
 */
public final class DinteroCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient java.time.Duration retryAfter;
    private final boolean notSent;

    /**
     * @param status HTTP status, or 0 when there was no answer
     * @param code Dintero's error code, or null
     * @param message what went wrong
     * @param cause the underlying exception, or null
     */
    public DinteroCallException(int status, String code, String message, Throwable cause) {
        this(status, code, message, cause, null, false);
    }

    /**
     * @param status HTTP status, or 0 when there was no answer
     * @param code Dintero's error code, or null
     * @param message what went wrong
     * @param cause the underlying exception, or null
     * @param retryAfter how long Dintero asked us to wait ({@code Retry-After}), or null
     * @param notSent true when the call was refused before it was sent
     */
    DinteroCallException(int status, String code, String message, Throwable cause, java.time.Duration retryAfter,
            boolean notSent) {
        super(message, cause);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
        this.notSent = notSent;
    }

    /**
     * A call Tillpay did not send: nothing happened at Dintero, so even a payment call may be made again later.
     *
     * @param message what refused it and why, naming the store
     * @param retryAfter when it may help to try again, or null
     * @return the failure (status 0, transient)
     */
    static DinteroCallException notSent(String message, java.time.Duration retryAfter) {
        return new DinteroCallException(0, null, message, null, retryAfter, true);
    }

    /** @return how long Dintero asked us to wait before the next try ({@code Retry-After} on 429 or 503), if it did */
    public java.util.Optional<java.time.Duration> retryAfter() {
        return java.util.Optional.ofNullable(retryAfter);
    }

    /**
     * @return true when Tillpay refused the call before sending it (open circuit breaker, full queue): Dintero did
     *         nothing, unlike a call that got no answer
     */
    public boolean notSent() {
        return notSent;
    }

    /** @return HTTP status, or 0 when there was no answer */
    public int status() {
        return status;
    }

    /** @return Dintero's error code, or null */
    public String code() {
        return code;
    }

    /**
     * @return true for a 4xx answer: Dintero refused the request and did nothing; repeating it will not help (except
     *         401, and 429 after {@link #retryAfter()})
     */
    public boolean isClientError() {
        return status >= 400 && status < 500;
    }

    /** @return true when the outcome is unknown or transient: no answer, or 5xx */
    public boolean isTransient() {
        return status == 0 || status >= 500;
    }
}
