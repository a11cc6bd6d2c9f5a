package org.tillpay.dintero.api.onboarding;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which merchant and store to onboard.
 *
 * @param merchantAccountId the merchant's Dintero account id (it chose this partner when it signed up)
 * @param storeId the store id the POS uses
 * @param storeName the store's name, shown to customers; may be empty
 * @param signupReference the reference the merchant signed up with (the ERP's customer id), checked against the
 *        account's {@code applicant.signup_reference}; null to skip the check
 * @param accountingNumber the store's accounting number for Dintero payments
 * @param paymentMethods the methods the store offers ({@code vipps}, {@code card}, ...)
 * @param testSale true to finish with a test sale (test accounts only)
 */
public record OnboardingRequest(String merchantAccountId, String storeId, String storeName, String signupReference,
        String accountingNumber, List<String> paymentMethods, boolean testSale) {

    private static final Pattern ACCOUNT = Pattern.compile("[TP][0-9]{8}");
    private static final Pattern STORE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /**
     * Checks the request.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public OnboardingRequest {
        if (merchantAccountId == null || !ACCOUNT.matcher(merchantAccountId).matches()) {
            throw new IllegalArgumentException("merchantAccountId: must be T or P and 8 digits, was '"
                    + merchantAccountId + "'");
        }
        if (storeId == null || !STORE.matcher(storeId).matches()) {
            throw new IllegalArgumentException("storeId: letters, digits, '.', '_' and '-', was '" + storeId + "'");
        }
        if (accountingNumber == null || accountingNumber.isBlank()) {
            throw new IllegalArgumentException("accountingNumber: required");
        }
        Objects.requireNonNull(paymentMethods, "paymentMethods");
        if (paymentMethods.isEmpty()) {
            throw new IllegalArgumentException("paymentMethods: name at least one");
        }
        paymentMethods = List.copyOf(paymentMethods);
        storeName = storeName == null ? "" : storeName.strip();
        signupReference = signupReference == null || signupReference.isBlank() ? null : signupReference.strip();
    }
}
