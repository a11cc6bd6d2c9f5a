package org.tillpay.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentStatus;
import org.tillpay.payment.api.StatusChange;

/**
 * A payment as recorded in the ledger.
 *
 * @param paymentId Tillpay's id
 * @param storeId the store
 * @param methodId the payment method
 * @param saleReference the host's sale reference
 * @param merchantReference the reference sent to the provider
 * @param currency ISO 4217 code
 * @param amountMinor total including VAT, minor units
 * @param vatAmountMinor VAT in the total, minor units
 * @param status the current status
 * @param sessionId the provider's session id, or null
 * @param sessionUrl the payment link, or null
 * @param transactionId the provider's transaction id, or null
 * @param paymentProduct what the customer paid with, or null
 * @param createdAt when recorded
 * @param updatedAt when last changed
 * @param expiresAt when the link stops being payable
 * @param version incremented on every change
 * @param history every status change, oldest first
 * @param parked true when the sale is parked "Awaiting payment"
 * @param deliveryAddress the Express delivery address, or null
 * @param capturedMinor how much was captured (successful captures), minor units
 * @param refundedMinor how much was refunded (successful refunds), minor units
 * @param remainderVoided true when what was not captured has been released (voided)
 * @param giftCardMinor the part of the authorized amount paid by gift card, minor units (each operation's own
 *        gift-card part is on the operation)
 * @param operations captures, refunds and voids, oldest first (empty when read without them)
 */
public record PaymentRecord(String paymentId, String storeId, String methodId, String saleReference,
        String merchantReference, String currency, long amountMinor, long vatAmountMinor, PaymentStatus status,
        String sessionId, String sessionUrl, String transactionId, String paymentProduct, Instant createdAt,
        Instant updatedAt, Instant expiresAt, long version, List<StatusChange> history, boolean parked,
        String deliveryAddress, long capturedMinor, long refundedMinor, boolean remainderVoided, long giftCardMinor,
        List<OperationRecord> operations) {

    /** Checks that nothing required is missing and copies the history and the operations. */
    public PaymentRecord {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(status, "status");
        history = List.copyOf(history);
        operations = List.copyOf(operations);
    }

    /** @return what may still be captured: nothing once cancelled or the remainder voided */
    public long capturableMinor() {
        return remainderVoided || status == PaymentStatus.CANCELLED ? 0 : amountMinor - capturedMinor;
    }

    /** @return what may still be refunded: captured and not yet refunded */
    public long refundableMinor() {
        return capturedMinor - refundedMinor;
    }

    /** @return the operation not settled yet, if any (at most one exists) */
    public java.util.Optional<OperationRecord> openOperation() {
        return operations.stream().filter(o -> !o.state().isSettled()).findFirst();
    }

    /** @return this record as the SPI's immutable handle */
    public PaymentHandle toHandle() {
        PaymentHandle.Builder b = PaymentHandle.builder().paymentId(paymentId).storeId(storeId).methodId(methodId)
                .saleReference(saleReference).amountMinor(amountMinor).currency(currency).status(status)
                .sessionId(sessionId).paymentUrl(sessionUrl).transactionId(transactionId)
                .paymentProduct(paymentProduct).createdAt(createdAt).expiresAt(expiresAt).parked(parked)
                .deliveryAddress(deliveryAddress).capturedMinor(capturedMinor).refundedMinor(refundedMinor)
                .giftCardMinor(giftCardMinor);
        history.forEach(b::addHistory);
        operations.forEach(o -> b.addOperation(o.toOperation()));
        return b.build();
    }
}
