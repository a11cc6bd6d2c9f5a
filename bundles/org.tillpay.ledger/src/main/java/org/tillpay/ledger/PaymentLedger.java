package org.tillpay.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;
import org.tillpay.payment.api.PaymentLine;
import org.tillpay.payment.api.PaymentStatus;

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
     * As {@link #attachSession(String, String, String, String, Instant)}, and writes the audit entry of the call
     * that made the session in the same transaction: one commit instead of two on the path of every link.
     *
     * @param paymentId the payment
     * @param sessionId the provider's session id
     * @param sessionUrl the link the customer pays at
     * @param detail what to note in the history (for example the SMS publish status), or null
     * @param at when
     * @param audit the audit entry of the session's creation
     * @return the outcome, with the payment as now recorded
     * @throws PaymentNotFoundException when there is no such payment
     * @since 1.5
     */
    TransitionResult attachSession(String paymentId, String sessionId, String sessionUrl, String detail, Instant at,
            AuditEntry audit);

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
     * Payments of a store whose link may exist at the provider without the store knowing it: no provider session is
     * recorded (the answer to creating it was lost, or the sale was cancelled before it came), the provider did not
     * refuse it ({@code FAILED}), and the link would still work after {@code expiringAfter}. Any status: a cancelled
     * one is watched too, so that a customer who pays it anyway is not charged.
     *
     * @param storeId the store
     * @param expiringAfter only payments whose link expires after this
     * @param limit at most this many, oldest first
     * @return the payments
     * @since 1.2
     */
    List<PaymentRecord> findWithoutSession(String storeId, Instant expiringAfter, int limit);

    /**
     * The latest payments, newest first, for lists such as the back office's: each filter is optional.
     *
     * @param storeId only this store, or null for all
     * @param status only this status, or null for any
     * @param saleReference only this sale, or null for any
     * @param limit at most this many (1 to 1,000)
     * @return the payments, with history and operations
     * @since 1.3
     */
    List<PaymentRecord> findLatest(String storeId, PaymentStatus status, String saleReference, int limit);

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
     * Records how much of the authorized amount the customer paid with a gift card, as the provider reports it.
     *
     * @param paymentId the payment
     * @param amountMinor the gift-card part, minor units
     * @return the payment as now recorded
     * @throws PaymentNotFoundException when there is no such payment
     */
    PaymentRecord recordGiftCardPart(String paymentId, long amountMinor);

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

    // ---- operations after payment (capture, refund, void) ----------------------------------------------------

    /**
     * @param paymentId the payment
     * @return the sale's lines as recorded with the payment, in order; empty for an unknown payment
     */
    List<PaymentLine> lines(String paymentId);

    /**
     * Records an operation in state {@code PENDING} before the provider is called, with the payment row locked so
     * that concurrent requests for one payment, on any node sharing the database, are serialised. Refused, with
     * nothing stored, when: another operation on the payment is not settled; a capture asks more than is left
     * reserved, or the payment is cancelled ("a cancelled order cannot be captured; the customer must place a new
     * order") or not paid; a refund asks more than was captured and not refunded; a void comes after a full capture
     * ("refund instead") or before payment; a line is unknown to the sale or asks more units than are left on it;
     * a capture or refund has no reference, or its reference was used by an earlier operation of the same kind on
     * the payment that did not fail. A void's amount is what was not captured: pass 0 to have it computed, any
     * other amount must equal it.
     *
     * @param operation the operation
     * @return the payment with the new operation
     * @throws OperationRefusedException naming the field at fault; nothing was stored
     * @throws PaymentNotFoundException when the payment is unknown
     */
    PaymentRecord beginOperation(NewOperation operation);

    /**
     * Marks a pending operation accepted by the provider for later completion (HTTP 202). An operation no longer
     * pending (for example already settled by a callback that came first) is left as it is.
     *
     * @param operationId the operation
     * @param eventRequestId the provider's {@code event-request-id}
     * @param at when
     * @return the payment as recorded afterwards
     * @throws IllegalArgumentException when the operation is unknown
     */
    PaymentRecord markOperationAccepted(String operationId, String eventRequestId, Instant at);

    /**
     * Marks a pending operation whose answer was lost (timeout, 5xx): it may or may not have happened, and the
     * payment must be read back before anything else is posted. Applies to a pending operation, or to an unknown one
     * (the detail is replaced); an accepted or settled operation is left as it is.
     *
     * @param operationId the operation
     * @param detail what happened
     * @param at when
     * @return the payment as recorded afterwards
     * @throws IllegalArgumentException when the operation is unknown
     */
    PaymentRecord markOperationUnknown(String operationId, String detail, Instant at);

    /**
     * Settles an operation, once: on success adds its amount to the captured or refunded total (a void releases the
     * remainder), and moves the payment to the reported status when the state machine allows it, with a history
     * entry. A reported status the state machine does not allow is logged and left; the operation is settled all the
     * same.
     *
     * @param settlement the outcome
     * @return {@code APPLIED} when the operation changed, {@code DUPLICATE} when it was already settled
     * @throws IllegalArgumentException when the operation is unknown
     */
    TransitionResult settleOperation(OperationSettlement settlement);

    /**
     * Records, once per provider event id, an operation made at the provider without Tillpay (back office), with
     * the same effect on the totals and status as a settled operation.
     *
     * @param operation what the provider reported
     * @return {@code APPLIED}, or {@code DUPLICATE} when the event is already recorded
     * @throws PaymentNotFoundException when the payment is unknown
     */
    TransitionResult recordBackOfficeOperation(BackOfficeOperation operation);

    /**
     * @param storeId the store
     * @param limit at most this many, oldest first
     * @return payments of the store with an operation not settled yet
     */
    List<PaymentRecord> findWithOpenOperations(String storeId, int limit);

    /**
     * Appends to the audit trail.
     *
     * @param entry the entry; must hold no secret
     */
    void audit(AuditEntry entry);

    /**
     * @param paymentId the payment
     * @return its audit trail, oldest first
     */
    List<AuditEntry> auditTrail(String paymentId);

    /**
     * Claims payments of a store for one poller round of one node, so that pollers of several nodes sharing the
     * database never work on the same payment at once. Of the given payments, those the node may take now are leased
     * to it until {@code now + lease}: payments whose lease is free or has run out (a node killed mid-round leaves
     * leases that run out, and another node then takes the work). A payment another node is claiming or changing at
     * this moment is skipped, not waited for. Claims on one payment by two nodes at once lease it to one of them.
     *
     * @param storeId the store; payments of other stores are never claimed
     * @param nodeId the claiming node (at most 100 characters), e.g. from the {@code tillpay.node.id} property
     * @param paymentIds the payments the poller would work on
     * @param lease how long the claim holds: longer than the round takes
     * @param now the time of the claim
     * @return the ids, among {@code paymentIds}, now leased to {@code nodeId}
     * @since 1.4
     */
    Set<String> claimForPolling(String storeId, String nodeId, Collection<String> paymentIds, Duration lease,
            Instant now);

    /**
     * Ends a node's leases when its round is done with the payments: each may be claimed again from the given
     * instant on (now or earlier: at once; later: not before, on any node, e.g. a parked sale read back less often).
     * A lease another node holds meanwhile (this node's ran out and was claimed) is left alone.
     *
     * @param storeId the store
     * @param nodeId the node that claimed them
     * @param claimableFrom per payment id, when it may be claimed again
     * @since 1.4
     */
    void releasePolling(String storeId, String nodeId, Map<String, Instant> claimableFrom);

    /**
     * The stores a poller has work for, in one query over all stores (so that thousands of idle stores cost one
     * query, not four each): those with a payment not yet in a final status ({@link #findPending}), a payment whose
     * link may exist without the ledger knowing it and still works after {@code expiringAfter}
     * ({@link #findWithoutSession}), an operation not yet settled ({@link #findWithOpenOperations}), or a stored
     * callback not yet processed ({@link #unprocessedCallbackHints}). A store not named has none of these.
     *
     * @param expiringAfter as for {@link #findWithoutSession}
     * @return the store ids, in no order
     * @since 1.5
     */
    Set<String> storesAwaitingProvider(Instant expiringAfter);
}
