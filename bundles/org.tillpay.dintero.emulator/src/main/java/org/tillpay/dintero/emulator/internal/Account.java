package org.tillpay.dintero.emulator.internal;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An emulated merchant test account with its API client, callback signing secret and payment profiles.
 *
 * @param accountId {@code T} + 8 digits
 * @param clientId the API client id (Basic auth user on the token endpoint)
 * @param clientSecret the API client secret
 * @param signatureSecret the secret callbacks are signed with; empty when callbacks are not signed
 * @param profileIds the payment profile ids sessions may use
 * @param scopes the scopes granted to the API client (for example {@code admin:insight}); empty: every scope (the
 *        emulator's default, so that a client configured without scopes may call every endpoint)
 */
public record Account(String accountId, String clientId, String clientSecret, String signatureSecret,
        List<String> profileIds, List<String> scopes) {

    private static final Pattern TEST_ACCOUNT = Pattern.compile("T\\d{8}");
    private static final Pattern SCOPE = Pattern.compile("[a-z_]+:[a-z_]+");

    /**
     * An account whose client has every scope.
     *
     * @param accountId {@code T} + 8 digits
     * @param clientId the API client id
     * @param clientSecret the API client secret
     * @param signatureSecret the callback signing secret; empty when callbacks are not signed
     * @param profileIds the payment profile ids sessions may use
     */
    public Account(String accountId, String clientId, String clientSecret, String signatureSecret,
            List<String> profileIds) {
        this(accountId, clientId, clientSecret, signatureSecret, profileIds, List.of());
    }

    /**
     * Validates the account; each message names the offending configuration field.
     *
     * @throws IllegalArgumentException when a field is missing or malformed
     */
    public Account {
        if (accountId == null || accountId.isBlank()) {
            throw new IllegalArgumentException("account.id is required");
        }
        if (accountId.startsWith("P")) {
            throw new IllegalArgumentException("account.id " + accountId
                    + " is a production account; the emulator serves test accounts (T + 8 digits) only");
        }
        if (!TEST_ACCOUNT.matcher(accountId).matches()) {
            throw new IllegalArgumentException("account.id must be T followed by 8 digits, was " + accountId);
        }
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("client.id is required (account " + accountId + ")");
        }
        if (clientSecret == null || clientSecret.isEmpty()) {
            throw new IllegalArgumentException("client.secret is required (account " + accountId + ")");
        }
        signatureSecret = signatureSecret == null ? "" : signatureSecret;
        profileIds = profileIds == null ? List.of() : profileIds.stream().map(String::trim)
                .filter(p -> !p.isEmpty()).distinct().toList();
        if (profileIds.isEmpty()) {
            throw new IllegalArgumentException("profile.ids must name at least one profile (account " + accountId
                    + ")");
        }
        scopes = scopes == null ? List.of() : scopes.stream().map(String::trim).filter(p -> !p.isEmpty())
                .distinct().toList();
        for (String scope : scopes) {
            if (!SCOPE.matcher(scope).matches()) {
                throw new IllegalArgumentException("scopes must be comma-separated scopes such as admin:insight, was "
                        + scope + " (account " + accountId + ")");
            }
        }
    }

    /** @return whether callbacks for this account carry a {@code Dintero-Signature} */
    public boolean signsCallbacks() {
        return !signatureSecret.isEmpty();
    }

    /** Secrets are never shown. */
    @Override
    public String toString() {
        return "Account[accountId=" + accountId + ", clientId=" + clientId + ", clientSecret=***, signatureSecret="
                + (signsCallbacks() ? "***" : "(none)") + ", profileIds=" + profileIds + ", scopes="
                + (scopes.isEmpty() ? "(all)" : scopes) + "]";
    }
}
