package org.tillpay.dintero.emulator.internal;

/** A Dintero API error: rendered as {@code {"error":{"code","message"}}} with the given HTTP status. */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    /**
     * @param status the HTTP status
     * @param code the error code
     * @param message the human-readable message
     */
    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the error code */
    public String code() {
        return code;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, "BAD_REQUEST", message);
    }

    static ApiException unauthorized(String message) {
        return new ApiException(401, "UNAUTHORIZED", message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, "NOT_FOUND", message);
    }
}
