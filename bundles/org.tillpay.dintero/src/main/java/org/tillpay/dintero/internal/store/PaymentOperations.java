package org.tillpay.dintero.internal.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.internal.client.Completions;
import org.tillpay.dintero.internal.client.DinteroApi;
import org.tillpay.dintero.internal.client.DinteroCallException;
import org.tillpay.dintero.internal.client.DinteroJson;
import org.tillpay.dintero.internal.client.OperationAnswer;
import org.tillpay.ledger.NewOperation;
import org.tillpay.ledger.OperationRecord;
import org.tillpay.ledger.OperationRefusedException;
import org.tillpay.ledger.OperationSettlement;
import org.tillpay.ledger.PaymentLedger;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.payment.api.InvalidPaymentRequestException;
import org.tillpay.payment.api.OperationKind;
import org.tillpay.payment.api.OperationRequest;
import org.tillpay.payment.api.OperationState;
import org.tillpay.payment.api.PaymentFailedException;
import org.tillpay.payment.api.PaymentLine;
import org.tillpay.payment.api.PaymentStatus;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Capture, refund and void from the POS (FLOWS.md (c)). Each operation is checked, then written to the ledger
 * ({@code PENDING}, with the payment row locked, so operations on one payment never overlap on any node) before
 * Dintero is called, and settled from Dintero's answer:
 * <ul>
 * <li>200: the transaction's event for the operation settles it (an event with {@code success: false} fails it);</li>
 * <li>202: the operation waits ({@code ACCEPTED}) for the event whose {@code correlation_request_id} is the
 * {@code event-request-id}, from a callback or the poller;</li>
 * <li>4xx: Dintero refused; nothing moved, never retried;</li>
 * <li>not sent (the store's circuit breaker is open, or a queue is full): {@code FAILED} at once, nothing moved;</li>
 * <li>no answer (timeout, 5xx): the operation is {@code UNKNOWN} and the transaction is read back at once and by the
 * poller; nothing is posted again for the payment until its event is found or it is known not to have happened.</li>
 * </ul>
 */
final class PaymentOperations {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentOperations.class);

    /** Payment types whose uncaptured rest Dintero can void after a partial capture (API.md &sect;7.4). */
    static final Set<String> VOID_AFTER_PARTIAL_CAPTURE = Set.of("payex.creditcard", "payex.mobilepay",
            "payex.vipps", "payex.applepay", "payex.clicktopay", "payex.googlepay", "vipps", "klarna.klarna",
            "klarna.billie");

    /** How long an operation Dintero never answered may stay open before a read-back without its event fails it. */
    static final Duration UNANSWERED_GRACE = Duration.ofMinutes(2);

    /** The answer to capturing a cancelled order. */
    static final String CANCELLED_CAPTURE = "a cancelled order cannot be captured; the customer must place a new order";

    private final DinteroApi api;
    private final PaymentLedger ledger;
    private final OperationSync sync;
    private final OperationAudit audit;
    private final Clock clock;

    PaymentOperations(DinteroApi api, PaymentLedger ledger, OperationSync sync, OperationAudit audit, Clock clock) {
        this.api = api;
        this.ledger = ledger;
        this.sync = sync;
        this.audit = audit;
        this.clock = clock;
    }

    CompletableFuture<PaymentRecord> capture(PaymentRecord payment, OperationRequest request) {
        return run(OperationKind.CAPTURE, payment, request);
    }

    CompletableFuture<PaymentRecord> refund(PaymentRecord payment, OperationRequest request) {
        return run(OperationKind.REFUND, payment, request);
    }

    CompletableFuture<PaymentRecord> voidRest(PaymentRecord payment, String requestedBy) {
        return run(OperationKind.VOID, payment, OperationRequest.builder().requestedBy(requestedBy).build());
    }

    private CompletableFuture<PaymentRecord> run(OperationKind kind, PaymentRecord payment, OperationRequest request) {
        String what = kind.name().toLowerCase(java.util.Locale.ROOT);
        if (kind == OperationKind.CAPTURE && payment.status() == PaymentStatus.CANCELLED) {
            throw new InvalidPaymentRequestException("paymentId", CANCELLED_CAPTURE);
        }
        if (payment.transactionId() == null || !payment.status().isPaid() && payment.status() != PaymentStatus.CANCELLED) {
            throw new InvalidPaymentRequestException("paymentId", "payment " + payment.paymentId() + " of sale "
                    + payment.saleReference() + " is " + payment.status() + ": there is nothing to " + what);
        }
        if (kind != OperationKind.VOID && request.reference().isEmpty()) {
            throw new InvalidPaymentRequestException("reference", "a " + what + " needs the "
                    + (kind == OperationKind.CAPTURE ? "receipt" : "return receipt") + " number as its reference");
        }
        if (kind == OperationKind.VOID && payment.capturableMinor() == 0 && payment.capturedMinor() > 0) {
            throw new InvalidPaymentRequestException("paymentId", "payment " + payment.paymentId() + " is fully"
                    + " captured: it cannot be cancelled; refund it instead");
        }
        if (kind == OperationKind.VOID && payment.capturedMinor() > 0
                && !VOID_AFTER_PARTIAL_CAPTURE.contains(payment.paymentProduct())) {
            throw new InvalidPaymentRequestException("paymentId", "after a partial capture Dintero can release the"
                    + " rest only for " + new java.util.TreeSet<>(VOID_AFTER_PARTIAL_CAPTURE) + "; this payment was"
                    + " made with " + payment.paymentProduct() + ", so let the rest lapse");
        }
        List<PaymentLine> saleLines = ledger.lines(payment.paymentId());
        OperationItems items = kind == OperationKind.VOID ? new OperationItems(payment.capturableMinor(), List.of())
                : OperationItems.resolve(kind, request, payment, saleLines);
        String operationId = UUID.randomUUID().toString();
        try {
            ledger.beginOperation(new NewOperation(operationId, payment.paymentId(), kind,
                    request.reference().orElse(null), items.amountMinor(), items.lines(), request.reason().orElse(null),
                    request.requestedBy(), clock.instant()));
        } catch (OperationRefusedException refused) {
            throw new InvalidPaymentRequestException(refused.field(), refused.getMessage());
        }
        LOG.info("store {} sale {}: {} {} {} of payment {} recorded, asking Dintero (by {})", payment.storeId(),
                payment.saleReference(), what, request.reference().orElse(""), items.amountMinor(),
                payment.paymentId(), request.requestedBy());
        return call(kind, payment.transactionId(), body(kind, request, items, saleLines))
                .handle((answer, failure) -> failure == null
                        ? answered(operationId, payment, answer, request.requestedBy())
                        : notDone(operationId, payment, Completions.cause(failure), request.requestedBy()))
                .thenCompose(f -> f);
    }

    private CompletableFuture<OperationAnswer> call(OperationKind kind, String transactionId, ObjectNode body) {
        switch (kind) {
            case CAPTURE:
                return api.capture(transactionId, body);
            case REFUND:
                return api.refund(transactionId, body);
            default:
                return api.voidTransaction(transactionId);
        }
    }

    private static ObjectNode body(OperationKind kind, OperationRequest request, OperationItems items,
            List<PaymentLine> saleLines) {
        if (kind == OperationKind.VOID) {
            return null;
        }
        ObjectNode body = DinteroJson.MAPPER.createObjectNode();
        body.put("amount", items.amountMinor());
        body.put(kind == OperationKind.CAPTURE ? "capture_reference" : "refund_reference", request.reference().get());
        request.reason().filter(r -> kind == OperationKind.REFUND).ifPresent(r -> body.put("reason", r));
        if (!items.lines().isEmpty()) {
            body.set("items", items.dinteroItems(saleLines));
        }
        return body;
    }

    /** Dintero answered 200 or 202: settle from its events, or wait for the final event. */
    private CompletableFuture<PaymentRecord> answered(String operationId, PaymentRecord payment, OperationAnswer answer,
            String requestedBy) {
        PaymentRecord now = ledger.find(payment.paymentId()).orElseThrow();
        OperationRecord op = operation(now, operationId);
        audit.record(payment, op, answer.accepted() ? "accepted 202" : "ok 200", null, requestedBy);
        if (answer.accepted()) {
            now = ledger.markOperationAccepted(operationId, answer.eventRequestId(), clock.instant());
        }
        PaymentRecord after = sync.apply(now, answer.transaction(), op.kind().name().toLowerCase(java.util.Locale.ROOT));
        return outcome(operationId, after, answer.accepted() ? null : "Dintero answered 200 but its transaction shows"
                + " no event for the operation");
    }

    /**
     * Dintero refused (4xx: nothing happened), Tillpay did not send the call (nothing happened), or Dintero did not
     * answer (the operation may have happened).
     */
    private CompletableFuture<PaymentRecord> notDone(String operationId, PaymentRecord payment, Throwable cause,
            String requestedBy) {
        OperationRecord op = operation(payment.paymentId(), operationId);
        if (cause instanceof DinteroCallException call && call.isClientError()) {
            audit.record(payment, op, "refused " + call.status() + ": " + call.getMessage(), null, requestedBy);
            ledger.settleOperation(new OperationSettlement(operationId, OperationState.FAILED, null, 0, null,
                    "dintero", call.getMessage(), clock.instant()));
            boolean credentials = call.status() == 401 || call.status() == 403;
            return CompletableFuture.failedFuture(new PaymentFailedException(credentials
                    ? PaymentFailedException.Reason.UNAUTHORIZED : PaymentFailedException.Reason.REJECTED,
                    call.getMessage(), null));
        }
        if (cause instanceof DinteroCallException call && call.notSent()) {
            // Tillpay refused to send it (the store's circuit breaker is open, or a queue is full): Dintero did
            // nothing, so the operation is over at once and may be tried again, with no read-back to wait for.
            audit.record(payment, op, "not sent: " + call.getMessage(), null, requestedBy);
            ledger.settleOperation(new OperationSettlement(operationId, OperationState.FAILED, null, 0, null,
                    "tillpay", "not sent to Dintero: " + call.getMessage(), clock.instant()));
            LOG.warn("store {} sale {}: {} {} of payment {} not sent to Dintero: {}", payment.storeId(),
                    payment.saleReference(), op.kind(), op.reference(), payment.paymentId(), call.getMessage());
            return CompletableFuture.failedFuture(new PaymentFailedException(PaymentFailedException.Reason.UNAVAILABLE,
                    call.getMessage(), null));
        }
        audit.record(payment, op, "no answer: " + cause.getMessage(), null, requestedBy);
        ledger.markOperationUnknown(operationId, cause.getMessage(), clock.instant());
        LOG.warn("store {} sale {}: no answer to {} {} of payment {}; reading the transaction back before anything"
                + " else: {}", payment.storeId(), payment.saleReference(), op.kind(), op.reference(),
                payment.paymentId(), cause.getMessage());
        return readBack(payment, "read-back").thenCompose(after -> outcome(operationId, after, null));
    }

    /**
     * Reads the payment's transaction back and settles its open operations from the events.
     *
     * @param payment the payment (its transaction id)
     * @param source what asks, for the history
     * @return the payment as recorded afterwards
     */
    CompletableFuture<PaymentRecord> readBack(PaymentRecord payment, String source) {
        // read again once the answer is in: the payment may have moved on while Dintero was asked
        return api.getTransaction(payment.transactionId())
                .thenApply(tx -> sync.apply(ledger.find(payment.paymentId()).orElseThrow(), tx, source));
    }

    /**
     * The poller's turn for a payment with an open operation: reads the transaction back; an operation still without
     * its event {@link #UNANSWERED_GRACE} after it was asked for, and never accepted by Dintero, did not happen at
     * Dintero and is settled as failed, so that staff may try again.
     *
     * @param payment the payment
     * @return the payment as recorded afterwards
     */
    CompletableFuture<PaymentRecord> resolveOpen(PaymentRecord payment) {
        return readBack(payment, "poller").thenApply(after -> {
            Instant cutoff = clock.instant().minus(UNANSWERED_GRACE);
            for (OperationRecord op : after.operations()) {
                boolean unanswered = op.state() == OperationState.UNKNOWN || op.state() == OperationState.PENDING;
                if (unanswered && op.createdAt().isBefore(cutoff)) {
                    String detail = "no event for it at Dintero " + UNANSWERED_GRACE.toMinutes()
                            + " minutes after it was asked for: it did not happen, nothing moved";
                    ledger.settleOperation(new OperationSettlement(op.operationId(), OperationState.FAILED, null, 0,
                            null, "poller", detail, clock.instant()));
                    audit.record(after, op, "not done: " + detail, null, "poller");
                    LOG.warn("store {} sale {}: {} {} of payment {} settled as not done: {}", after.storeId(),
                            after.saleReference(), op.kind(), op.reference(), after.paymentId(), detail);
                }
            }
            return ledger.find(payment.paymentId()).orElseThrow();
        });
    }

    /** Completes with the payment when the operation succeeded or waits for Dintero; fails when it did not happen. */
    private CompletableFuture<PaymentRecord> outcome(String operationId, PaymentRecord after, String unmatched) {
        OperationRecord op = operation(after, operationId);
        switch (op.state()) {
            case SUCCEEDED:
            case ACCEPTED:
                return CompletableFuture.completedFuture(after);
            case FAILED:
                return CompletableFuture.failedFuture(new PaymentFailedException(PaymentFailedException.Reason.REJECTED,
                        "Dintero did not " + op.kind().name().toLowerCase(java.util.Locale.ROOT) + " payment "
                                + after.paymentId() + ": " + op.detail(), null));
            default:
                if (unmatched != null) {
                    ledger.markOperationUnknown(operationId, unmatched, clock.instant());
                }
                return CompletableFuture.failedFuture(new CompletionException(new PaymentFailedException(
                        PaymentFailedException.Reason.UNAVAILABLE, "Dintero did not answer; the "
                                + op.kind().name().toLowerCase(java.util.Locale.ROOT) + " of payment "
                                + after.paymentId() + " is being checked, and nothing else is sent for it until it"
                                + " is known", null)));
        }
    }

    private OperationRecord operation(String paymentId, String operationId) {
        return operation(ledger.find(paymentId).orElseThrow(), operationId);
    }

    private static OperationRecord operation(PaymentRecord payment, String operationId) {
        return payment.operations().stream().filter(o -> o.operationId().equals(operationId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("operation " + operationId + " is not recorded"));
    }
}
