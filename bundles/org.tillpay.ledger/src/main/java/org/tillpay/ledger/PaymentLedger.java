package org.tillpay.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The durable record of payments. Every method runs in its own database transaction and either commits all it
 * writes or nothing. Status changes follow {@link PaymentTransitions}: impossible ones are refused, repeated ones
 * (same provider event id, or the status the payment already has) change nothing.
 */
@ProviderType
public interface PaymentLedger {

    /**
     * Records a new payment in status {@code CREATED}, with its lines and a first history entry.
     *
     * @param payment the payment to record
     * @throws DuplicatePaymentException when the store already has a payment with that merchant reference
     *         or the payment id is taken
     */
    void create(NewPayment payment);

    /**
     * @param paymentId Tillpay's payment id
     * @return the payment with its history, or empty
     */
    Optional<PaymentRecord> find(String paymentId);

    /**
     * @param storeId the store
     * @param sessionId the provider's session id
     * @return the store's payment with that session, or empty
     */
    Optional<PaymentRecord> findBySession(String storeId, String sessionId);

    /**
     * @param storeId the store
     * @param merchantReference the reference sent to the provider
     * @return the store's payment with that merchant reference, or empty
     */
    Optional<PaymentRecord> findByMerchantReference(String storeId, String merchantReference);

    /**
     * Records the provider session made for a payment and moves it from {@code CREATED} to {@code LINK_SENT}.
     * Repeating it with the same session id changes nothing.
     *
     * @param paymentId the payment
     * @param sessionId the provider's session id
     * @param sessionUrl the link the customer pays at
     * @param detail what to note in the history (for example the SMS publish status), or null
     * @param at when
     * @return the outcome, with the payment as now recorded
     * @throws PaymentNotFoundException when there is no such payment
     */
    TransitionResult attachSession(String paymentId, String sessionId, String sessionUrl, String detail, Instant at);

    /**
     * Applies a status change reported by the provider (callback, poller, read-back), under a row lock so that
     * concurrent reports of the same payment are applied one at a time, across nodes sharing the database.
     *
     * @param change the change
     * @return the outcome, with the payment as now recorded
     * @throws PaymentNotFoundException when there is no such payment
     */
    TransitionResult transition(StatusUpdate change);

    /**
     * Payments of a store that are not in a terminal status, oldest first.
     *
     * @param storeId the store
     * @param limit at most this many
     * @return the pending payments
     */
    List<PaymentRecord> findPending(String storeId, int limit);

    /**
     * Parks a sale "Awaiting payment" or takes it back to the till. Changes no status.
     *
     * @param paymentId the payment
     * @param parked the new flag
     * @return the payment as now recorded
     * @throws PaymentNotFoundException when there is no such payment
     */
    PaymentRecord setParked(String paymentId, boolean parked);

    /**
     * Records the delivery address the customer gave in an Express checkout, once: a later call changes nothing.
     *
     * @param paymentId the payment
     * @param address the address, one line per field
     * @return the payment as now recorded
     * @throws PaymentNotFoundException when there is no such payment
     */
    PaymentRecord recordDeliveryAddress(String paymentId, String address);

    /**
     * Stores a verified callback durably before it is answered, so that it is processed even if this node stops
     * right after answering.
     *
     * @param hint the callback, without id
     * @return the hint as stored, with its id
     * @throws PaymentNotFoundException when the hint's payment does not exist
     */
    CallbackHint addCallbackHint(CallbackHint hint);

    /**
     * @param storeId the store
     * @param limit at most this many
     * @return the store's callbacks not yet processed, oldest first
     */
    List<CallbackHint> unprocessedCallbackHints(String storeId, int limit);

    /**
     * @param hintId a hint's id
     * @param at when it was processed
     */
    void markCallbackHintProcessed(long hintId, Instant at);
}
