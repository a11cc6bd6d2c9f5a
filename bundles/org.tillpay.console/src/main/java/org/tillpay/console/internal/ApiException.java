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
        UNSUPPORTED_MEDIA_TYPE(415, "Send application/json"),
        REFUSED(409, "The payment provider refused"),
        PROVIDER_UNAVAILABLE(502, "The payment provider did not answer");

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

    ApiException(Type type, String detail) {
        this(type, detail, null);
    }

    ApiException(Type type, String detail, String field) {
        super(detail, null, false, false);
        this.type = type;
        this.field = field;
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

    /** @return the refused field, or null */
    String field() {
        return field;
    }
}
