package org.tillpay.dintero.emulator.testing;

/**
 * One disagreement between an HTTP exchange and Dintero's OpenAPI spec.
 *
 * @param direction {@code REQUEST} or {@code RESPONSE}
 * @param method the HTTP method
 * @param path the spec path the exchange was mapped to, for example {@code /v1/sessions-profile}
 * @param status the response status, 0 for request violations
 * @param key the validator's message key, for example {@code validation.response.body.schema.required}
 * @param message the validator's message
 */
public record ContractViolation(String direction, String method, String path, int status, String key,
        String message) {

    @Override
    public String toString() {
        return direction + " " + method + " " + path + (status == 0 ? "" : " -> " + status) + ": [" + key + "] "
                + message;
    }
}
