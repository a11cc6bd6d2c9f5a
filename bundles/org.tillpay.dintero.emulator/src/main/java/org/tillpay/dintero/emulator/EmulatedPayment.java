package org.tillpay.dintero.emulator;

import java.util.Objects;

/**
 * The outcome of a customer paying a session on the emulated hosted page.
 *
 * @param sessionId the paid session
 * @param transactionId the transaction created for it ({@code <account id>.<base62>})
 * @param status the transaction status right after paying: {@code AUTHORIZED}, or {@code CAPTURED} when the session
 *        asked for {@code configuration.auto_capture} or the method captures at once (Swish), or {@code ON_HOLD} for
 *        {@link DinteroEmulator#payOnHold(String, String)}
 * @param paymentProduct the transaction's {@code payment_product}, for example {@code vipps} or {@code dintero_psp}
 * @param paymentProductType the transaction's {@code payment_product_type}, for example {@code vipps} or
 *        {@code dintero_psp.creditcard}
 * @param redirectUrl where the customer's browser is sent: the session's {@code url.return_url} with
 *        {@code transaction_id}, {@code merchant_reference} and {@code session_id} appended
 */
public record EmulatedPayment(String sessionId, String transactionId, String status, String paymentProduct,
        String paymentProductType, String redirectUrl) {

    /** Checks that nothing is missing. */
    public EmulatedPayment {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(paymentProduct, "paymentProduct");
        Objects.requireNonNull(paymentProductType, "paymentProductType");
        Objects.requireNonNull(redirectUrl, "redirectUrl");
    }
}
