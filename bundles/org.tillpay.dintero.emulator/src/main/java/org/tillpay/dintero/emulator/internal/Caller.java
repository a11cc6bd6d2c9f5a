package org.tillpay.dintero.emulator.internal;

/**
 * Who made an authenticated API request.
 *
 * @param accountId the account the bearer token was issued for
 * @param clientId the API client it was issued to
 */
record Caller(String accountId, String clientId) {
}
