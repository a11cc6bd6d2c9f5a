package org.tillpay.dintero.internal.client;

/**
 * Dintero answered with an error, or could not be reached. {@link #status()} is 0 when no HTTP answer arrived.
 * The message is Dintero's own error message plus what we were doing; it never contains credentials.
 */
public final class DinteroCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    /**
     * @param status HTTP status, or 0 when there was no answer
     * @param code Dintero's error code, or null
     * @param message what went wrong
     * @param cause the underlying exception, or null
     */
    public DinteroCallException(int status, String code, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    /** @return HTTP status, or 0 when there was no answer */
    public int status() {
        return status;
    }

    /** @return Dintero's error code, or null */
    public String code() {
        return code;
    }

    /** @return true for a 4xx answer: the request was refused and repeating it will not help (except 401, 429) */
    public boolean isClientError() {
        return status >= 400 && status < 500;
    }

    /** @return true when the outcome is unknown or transient: no answer, or 5xx */
    public boolean isTransient() {
        return status == 0 || status >= 500;
    }
}
