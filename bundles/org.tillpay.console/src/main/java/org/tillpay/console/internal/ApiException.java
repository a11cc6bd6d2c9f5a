package org.tillpay.console.internal;

/**
 * A request the API refuses, answered as problem details (RFC 9457): its HTTP status, a type, a title, what went wrong
 * and, when a field of the request was refused, its name.
 */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The problem types the API answers with; their URIs name them. */
    enum Type {
        INVALID_REQUEST(400, "The request is not valid"),
        UNAUTHENTICATED(401, "Log in first"),
        FORBIDDEN(403, "Not allowed for your role"),
        CSRF(403, "Missing or wrong X-CSRF-Token"),
        NOT_FOUND(404, "Not found"),
        METHOD_NOT_ALLOWED(405, "Method not allowed"),
        PAYLOAD_TOO_LARGE(413, "The request body is too large"),
        UNSUPPORTED_MEDIA_TYPE(415, "Send application/json"),
        TOO_MANY_LOGINS(429, "Too many failed logins; try again later"),
        REFUSED(409, "The payment provider refused"),
        INTERNAL_ERROR(500, "Internal error"),
        PROVIDER_UNAVAILABLE(502, "The payment provider did not answer"),
        LEDGER_UNAVAILABLE(503, "The payment ledger's database did not answer; try again shortly");

        final int status;
        final String title;

        Type(int status, String title) {
            this.status = status;
            this.title = title;
        }

        /** @return the type's URI */
        String uri() {
            return "https://tillpay.org/problems/" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final Type type;
    private final String field;
    private final java.util.Map<String, String> headers;

    ApiException(Type type, String detail) {
        this(type, detail, null);
    }

    ApiException(Type type, String detail, String field) {
        this(type, detail, field, java.util.Map.of());
    }

    private ApiException(Type type, String detail, String field, java.util.Map<String, String> headers) {
        super(detail, null, false, false);
        this.type = type;
        this.field = field;
        this.headers = headers;
    }

    /**
     * @param wait how long the caller must wait, whole seconds
     * @return a 429 with that {@code Retry-After}; it does not say whether the user exists
     */
    static ApiException tooManyLogins(java.time.Duration wait) {
        return new ApiException(Type.TOO_MANY_LOGINS, "too many failed logins of this user name or from this"
                + " address; try again in " + wait.toSeconds() + " s", null,
                java.util.Map.of("Retry-After", Long.toString(wait.toSeconds())));
    }

    /**
     * @param detail what failed
     * @return a 503 with {@code Retry-After: 5}: the ledger's database did not answer (down or restarting), and
     *         nothing was half done, so the same request may be sent again
     */
    static ApiException ledgerUnavailable(String detail) {
        return new ApiException(Type.LEDGER_UNAVAILABLE, detail, null, java.util.Map.of("Retry-After", "5"));
    }

    /**
     * @param allowed the methods the path has
     * @return a 405 with the {@code Allow} header
     */
    static ApiException methodNotAllowed(java.util.List<String> allowed) {
        return new ApiException(Type.METHOD_NOT_ALLOWED, "use " + String.join(" or ", allowed), null,
                java.util.Map.of("Allow", String.join(", ", allowed)));
    }

    /**
     * The SPI's refusal as the API's: its field named as in the request's JSON (the SPI names the sale's options
     * {@code linkOptions.*} and a line's price {@code unitPrice}), its message without the field it starts with.
     *
     * @param e the SPI's refusal
     * @return a 400
     */
    static ApiException invalid(org.tillpay.payment.api.InvalidPaymentRequestException e) {
        String field = e.field().replaceFirst("^linkOptions\\.", "")
                .replaceFirst("\\.unitPrice$", ".unitPriceMinor");
        String message = e.getMessage();
        if (message.startsWith(e.field() + ": ")) {
            message = message.substring(e.field().length() + 2);
        }
        return new ApiException(Type.INVALID_REQUEST, message, field);
    }

    Type type() {
        return type;
    }

    /** @return headers the answer carries besides the problem ({@code Retry-After}, {@code Allow}) */
    java.util.Map<String, String> headers() {
        return headers;
    }

    /** @return the refused field, or null */
    String field() {
        return field;
    }
}
