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
 * @param partnerId the partner account this merchant chose (config {@code partner.id}); empty when none. A partner is
 *        just an account that other accounts name here
 * @param signupReference shown as {@code applicant.signup_reference} in the management settings; may be empty
 * @param companyName shown as {@code company.business_name}; may be empty
 * @param organizationNumber shown as {@code company.organization_number}; may be empty
 * @param active whether the account is active (an inactive merchant cannot be reached through its partner)
 */
public record Account(String accountId, String clientId, String clientSecret, String signatureSecret,
        List<String> profileIds, List<String> scopes, String partnerId, String signupReference, String companyName,
        String organizationNumber, boolean active) {

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
     * An active account without partner or company details.
     *
     * @param accountId {@code T} + 8 digits
     * @param clientId the API client id
     * @param clientSecret the API client secret
     * @param signatureSecret the callback signing secret; empty when callbacks are not signed
     * @param profileIds the payment profile ids sessions may use
     * @param scopes the client's scopes; empty for every scope
     */
    public Account(String accountId, String clientId, String clientSecret, String signatureSecret,
            List<String> profileIds, List<String> scopes) {
        this(accountId, clientId, clientSecret, signatureSecret, profileIds, scopes, "", "", "", "", true);
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
        partnerId = partnerId == null ? "" : partnerId.trim();
        if (!partnerId.isEmpty() && (!TEST_ACCOUNT.matcher(partnerId).matches() || partnerId.equals(accountId))) {
            throw new IllegalArgumentException("partner.id must be another test account id (T followed by 8 digits), "
                    + "was " + partnerId + " (account " + accountId + ")");
        }
        signupReference = signupReference == null ? "" : signupReference.trim();
        companyName = companyName == null ? "" : companyName.trim();
        organizationNumber = organizationNumber == null ? "" : organizationNumber.trim();
    }

    /**
     * A copy with partner and company details.
     *
     * @param partner the partner account id, empty for none
     * @param signup the signup reference
     * @param company the company's business name
     * @param organization the organization number
     * @param isActive whether the account is active
     * @return the copy
     */
    public Account withPartner(String partner, String signup, String company, String organization,
            boolean isActive) {
        return new Account(accountId, clientId, clientSecret, signatureSecret, profileIds, scopes, partner, signup,
                company, organization, isActive);
    }

    /**
     * @param secret the callback signing secret
     * @return a copy that signs callbacks with it
     */
    public Account withSignatureSecret(String secret) {
        return new Account(accountId, clientId, clientSecret, secret, profileIds, scopes, partnerId, signupReference,
                companyName, organizationNumber, active);
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
                + (scopes.isEmpty() ? "(all)" : scopes) + (partnerId.isEmpty() ? "" : ", partnerId=" + partnerId)
                + (active ? "" : ", inactive") + "]";
    }
}
