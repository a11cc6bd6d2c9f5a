package org.tillpay.payment.api;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A payment method offered by one store, registered as an OSGi service by the bundle that implements it.
 * <p>
 * Each instance belongs to exactly one store. It is registered with the service properties
 * {@link #STORE_ID_PROPERTY} and {@link #METHOD_ID_PROPERTY}, so a host finds the Dintero method of store
 * {@code 012} with the filter {@code (&(tillpay.method.id=dintero)(tillpay.store.id=012))}.
 * The service disappears while the store's configuration is invalid.
 */
@ProviderType
public interface PaymentMethod {

    /** Service property holding the store id this method instance belongs to. */
    String STORE_ID_PROPERTY = "tillpay.store.id";

    /** Service property holding the method id, for example {@code dintero}. */
    String METHOD_ID_PROPERTY = "tillpay.method.id";

    /** @return the method id, for example {@code dintero}; also the {@link #METHOD_ID_PROPERTY} value */
    String methodId();

    /** @return the name a cashier sees on the tender button, for example {@code Dintero} */
    String displayName();

    /** @return the store this instance belongs to; also the {@link #STORE_ID_PROPERTY} value */
    String storeId();

    /** @return the store's accounting (ledger account) number for payments taken with this method */
    String accountingNumber();

    /** @return what this method can do for this store */
    Set<PaymentCapability> capabilities();

    /** @return the ways of paying this store offers its customers; a request may narrow them */
    Set<PaymentMethodChoice> enabledPaymentMethods();

    /**
     * The store's settings for display, for example in a shell listing. Secrets are masked; no value returned
     * here may ever contain a secret.
     *
     * @return an ordered, unmodifiable map of setting name to display value
     */
    Map<String, String> describeSettings();

    /**
     * Starts a payment: records it durably, then asks the payment provider for a payment link.
     * <p>
     * The request is checked against this store's settings before anything is stored or sent; a request that does
     * not fit is refused at once with an {@link InvalidPaymentRequestException} naming the field.
     *
     * @param request the payment to take; its store id must be this method's store id
     * @return completes with the handle once the provider has created the link, or exceptionally with a
     *         {@link PaymentFailedException} when the provider refused or could not be reached
     * @throws InvalidPaymentRequestException when the request does not fit this store
     */
    CompletionStage<PaymentHandle> startPayment(PaymentRequest request);

    /**
     * Reads a payment of this store from the ledger.
     *
     * @param paymentId the id from {@link PaymentHandle#paymentId()}
     * @return the payment as last recorded, or empty when this store has no such payment
     */
    Optional<PaymentHandle> findPayment(String paymentId);

    /**
     * Asks the provider for the payment's current state now (the cashier's "check status" button) and records any
     * change, notifying listeners as a callback would.
     *
     * @param paymentId the id from {@link PaymentHandle#paymentId()}
     * @return completes with the payment as now recorded
     */
    CompletionStage<PaymentHandle> refreshPayment(String paymentId);

    /**
     * Cancels a payment that is not paid yet, or whose authorization may still be voided (the cashier's "cancel"):
     * the provider's link stops working and an authorization is voided, so the customer is not charged. The sale
     * is then free again. A captured payment cannot be cancelled (it must be refunded).
     *
     * @param paymentId the id from {@link PaymentHandle#paymentId()}
     * @return completes with the payment as now recorded ({@link PaymentStatus#CANCELLED}), or exceptionally with a
     *         {@link PaymentFailedException} ({@code REJECTED} when it can no longer be cancelled)
     */
    CompletionStage<PaymentHandle> cancelPayment(String paymentId);

    /**
     * Cancels (voids) a paid payment for a named member of staff: an authorized payment is released in full; after a
     * partial capture the rest is released where the payment type allows it. A payment not paid yet is cancelled as by
     * {@link #cancelPayment(String)}.
     *
     * @param paymentId the id from {@link PaymentHandle#paymentId()}
     * @param requestedBy who asks, for the audit trail
     * @return completes with the payment as now recorded, or exceptionally with a {@link PaymentFailedException}
     * @throws InvalidPaymentRequestException before any provider call, naming the field, when the payment cannot be
     *         cancelled (for example because it is fully captured: refund it instead)
     */
    CompletionStage<PaymentHandle> cancelPayment(String paymentId, String requestedBy);

    /**
     * Captures reserved money: all that is left, or part of it by lines and/or amount; repeated while money remains.
     * The operation is recorded before the provider is asked, and never sent twice: after a lost answer the payment
     * is read back first.
     *
     * @param paymentId the id from {@link PaymentHandle#paymentId()}
     * @param request what to capture; its {@link OperationRequest#reference()} (the receipt number) is required
     * @return completes with the payment as now recorded (its last operation may still be
     *         {@link OperationState#ACCEPTED} when the provider finishes it later), or exceptionally with a
     *         {@link PaymentFailedException} when the provider refused it or did not answer
     * @throws InvalidPaymentRequestException before any provider call, naming the field, for example when more is
     *         asked than is left, the payment was cancelled, or a line is unknown to the sale
     */
    CompletionStage<PaymentHandle> capturePayment(String paymentId, OperationRequest request);

    /**
     * Refunds captured money: all of it, or part by lines and/or amount.
     *
     * @param paymentId the id from {@link PaymentHandle#paymentId()}
     * @param request what to refund; its {@link OperationRequest#reference()} (the return receipt number) is required
     * @return as for {@link #capturePayment(String, OperationRequest)}
     * @throws InvalidPaymentRequestException before any provider call, naming the field, for example when more is
     *         asked than was captured and not yet refunded
     */
    CompletionStage<PaymentHandle> refundPayment(String paymentId, OperationRequest request);

    /**
     * Parks the sale "Awaiting payment": the till is free for the next customer and the payment completes by
     * itself; listeners hear when it is paid, declined or expired. Parking only changes how often the provider is
     * asked; callbacks are handled either way.
     *
     * @param paymentId the id from {@link PaymentHandle#paymentId()}
     * @return the payment as now recorded
     * @throws PaymentFailedException ({@code NOT_FOUND}) when this store has no such payment
     */
    PaymentHandle parkPayment(String paymentId);

    /**
     * The payment link as a QR code, for the customer display.
     *
     * @param paymentId the id from {@link PaymentHandle#paymentId()}
     * @param sizePixels width and height of the image, 64 to 2048
     * @return a PNG image
     * @throws PaymentFailedException ({@code NOT_FOUND}) when the payment has no link
     * @throws IllegalArgumentException when the size is out of range
     */
    byte[] qrCodePng(String paymentId, int sizePixels);
}
