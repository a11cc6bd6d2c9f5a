package org.tillpay.dintero.api.operations;

import java.util.List;
import java.util.Objects;

/**
 * A Dintero payment profile: which payment methods the sessions made from it offer.
 *
 * @param profileId the profile's id
 * @param description what it is for, possibly empty
 * @param paymentMethods the methods it enables ({@code vipps}, {@code card}, ...), in Tillpay's names
 */
public record PaymentProfile(String profileId, String description, List<String> paymentMethods) {

    /** Checks the fields and copies the list. */
    public PaymentProfile {
        Objects.requireNonNull(profileId, "profileId");
        description = description == null ? "" : description;
        paymentMethods = List.copyOf(paymentMethods);
    }
}
