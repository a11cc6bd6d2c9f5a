package org.tillpay.dintero.emulator.internal;

import java.util.List;

/**
 * Who made an authenticated API request.
 *
 * @param accountId the account the bearer token was issued for
 * @param clientId the API client it was issued to
 * @param scopes the client's scopes; empty for every scope ({@link Account#scopes()})
 */
record Caller(String accountId, String clientId, List<String> scopes) {

    /**
     * Checks that the client holds one of the scopes an endpoint accepts (the spec's {@code x-scopes}).
     *
     * @param anyOf the accepted scopes
     * @throws ApiException 403 {@code FORBIDDEN} naming them when it holds none
     */
    void requireScope(String... anyOf) {
        if (!scopes.isEmpty() && List.of(anyOf).stream().noneMatch(scopes::contains)) {
            throw new ApiException(403, "FORBIDDEN", "the access token lacks the scope for this operation; "
                    + "it needs one of " + String.join(", ", anyOf));
        }
    }
}
