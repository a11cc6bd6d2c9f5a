package org.tillpay.dintero.emulator.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.emulator.Fault;
import org.tillpay.dintero.emulator.OperationMode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Capture, refund and void on transactions (API.md &sect;7.4): over HTTP (synchronous or, in
 * {@link OperationMode#ASYNC}, accepted and completed later), from the back office, and the captures the checkout
 * makes itself (auto-capture, Swish). Moves the money (totals, lines, the gift-card share first), appends the events,
 * sends the {@code report_event} callbacks and, next to each, publishes the {@code checkout_transaction} webhook
 * ({@link TransactionWebhook}) when a capture, refund or void ends, successful or failed: over HTTP with 200, at the
 * late completion of one accepted with 202 ({@link #completePending()}, not at the 202 itself), and from the back
 * office. The checkout's own captures and a session cancel's void are published by {@link Checkout}, with the payment
 * or the cancel. Not thread-safe: called with the {@link Emulator}'s lock held.
 */
final class TransactionOperations {

    /** The answer to an HTTP operation: status 200 or 202, the transaction, and whether the answer gets lost. */
    record Outcome(int status, ObjectNode transaction, String eventRequestId, boolean lost) {
    }

    /** An operation accepted under {@code ASYNC}. */
    private record Pending(String transactionId, OperationRules.Request request, long amount, String createdBy,
            String requestId, String failMessage) {
    }

    static final String BACKOFFICE = "backoffice";
    private static final String EMULATOR = "dintero-emulator";
    private static final Logger LOG = LoggerFactory.getLogger(TransactionOperations.class);

    private final Clock clock;
    private final CallbackSender callbacks;
    private final Hooks hooks;
    private final Map<String, SessionRecord> sessions;
    private final Map<String, TransactionRecord> transactions;
    private final GiftCards giftCards;
    private final Map<String, String> failNext = new HashMap<>();
    private final Set<String> loseNext = new HashSet<>();
    private final List<Pending> pending = new ArrayList<>();
    private OperationMode mode = OperationMode.SYNC;

    TransactionOperations(Clock clock, CallbackSender callbacks, Hooks hooks, Map<String, SessionRecord> sessions,
            Map<String, TransactionRecord> transactions, GiftCards giftCards) {
        this.clock = clock;
        this.callbacks = callbacks;
        this.hooks = hooks;
        this.sessions = sessions;
        this.transactions = transactions;
        this.giftCards = giftCards;
    }

    OperationMode mode() {
        return mode;
    }

    void mode(OperationMode newMode) {
        this.mode = java.util.Objects.requireNonNull(newMode, "mode");
        LOG.info("Emulator transaction operations are now {}", newMode);
    }

    void failNext(String transactionId, String message) {
        known(transactionId);
        failNext.put(transactionId, message == null || message.isBlank() ? "operation failed at the provider"
                : message);
    }

    void loseNext(String transactionId) {
        loseNext.add(known(transactionId).id);
    }

    /**
     * {@code POST /v1/transactions/{id}/capture|refund|void}.
     *
     * @param caller the authenticated caller; the transaction must be its account's (else 404)
     * @param transactionId the transaction id
     * @param kind the operation
     * @param body the raw request body
     * @param injected an {@link Fault.Kind#OPERATION_FAILURE} or {@link Fault.Kind#OPERATION_LATE} fault that struck
     *        the request (it fails with the fault's message; a late one is accepted with 202 whatever the mode), or
     *        null
     * @return the answer
     * @throws ApiException 404 or 400
     */
    Outcome http(Caller caller, String transactionId, OperationRules.Kind kind, byte[] body, Fault injected) {
        TransactionRecord tx = transactions.get(transactionId);
        if (tx == null || !tx.account.accountId().equals(caller.accountId())) {
            throw ApiException.notFound("transaction " + transactionId + " not found");
        }
        OperationRules.Request request = OperationRules.parse(kind, body);
        long amount;
        try {
            amount = OperationRules.check(tx, request);
        } catch (OperationRules.Rejected e) {
            LOG.info("{} of {} on transaction {} (account {}, session {}) rejected: {}", kind, request.amount(),
                    tx.id, caller.accountId(), tx.sessionId, e.getMessage());
            throw ApiException.badRequest(e.getMessage());
        }
        String failMessage = failNext.remove(tx.id);
        if (injected != null && injected.message() != null) {
            failMessage = injected.message();
        }
        boolean lost = loseNext.remove(tx.id);
        if (mode == OperationMode.ASYNC || (injected != null && injected.kind() == Fault.Kind.OPERATION_LATE)) {
            String requestId = Ids.uuid();
            ObjectNode accepted = tx.event(kind.initiate(), tx.status, amount, clock.instant(), caller.clientId(),
                    requestId);
            describe(accepted, request);
            reserve(tx, kind, amount, 1);
            pending.add(new Pending(tx.id, request, amount, caller.clientId(), requestId, failMessage));
            LOG.info("{} of {} on transaction {} (account {}, session {}) accepted for later, request id {}", kind,
                    amount, tx.id, caller.accountId(), tx.sessionId, requestId);
            return new Outcome(202, tx.view(), requestId, lost);
        }
        complete(tx, request, amount, caller.clientId(), null, failMessage, "OPERATION_FAILED");
        return new Outcome(200, tx.view(), null, lost);
    }

    /**
     * A back-office operation: same rules, synchronous, {@code created_by} {@value #BACKOFFICE}, no reference.
     *
     * @return the new event's id
     * @throws NoSuchElementException when the transaction is unknown
     * @throws IllegalArgumentException when the rules forbid it
     */
    String backoffice(String transactionId, OperationRules.Kind kind, long amount) {
        TransactionRecord tx = known(transactionId);
        if (kind != OperationRules.Kind.VOID && amount <= 0) {
            throw new IllegalArgumentException("amount must be positive, was " + amount);
        }
        OperationRules.Request request = new OperationRules.Request(kind, amount, null, null);
        long moved = OperationRules.check(tx, request);
        return complete(tx, request, moved, BACKOFFICE, null, null, null).path("id").asText();
    }

    /** Completes every pending operation, oldest first; see {@code DinteroEmulator#completePendingOperations()}. */
    int completePending() {
        List<Pending> due = new ArrayList<>(pending);
        pending.clear();
        due.forEach(this::completePending);
        return due.size();
    }

    /**
     * Completes one pending operation, if it is still pending (an {@link Fault.Kind#OPERATION_LATE} fault's own
     * completion, unless {@link #completePending()} came first).
     *
     * @param requestId the accepted event's request id
     * @return whether it was pending
     */
    boolean completePending(String requestId) {
        Pending due = pending.stream().filter(p -> p.requestId().equals(requestId)).findFirst().orElse(null);
        if (due == null) {
            return false;
        }
        pending.remove(due);
        completePending(due);
        return true;
    }

    private void completePending(Pending p) {
        TransactionRecord tx = transactions.get(p.transactionId());
        reserve(tx, p.request().kind(), p.amount(), -1);
        String failMessage = p.failMessage();
        String code = "OPERATION_FAILED";
        try {
            OperationRules.check(tx, p.request());
        } catch (OperationRules.Rejected e) {
            failMessage = e.getMessage();
            code = "OPERATION_REJECTED";
        }
        complete(tx, p.request(), p.amount(), p.createdBy(), p.requestId(), failMessage, code);
    }

    /**
     * Captures everything not captured yet, by the emulator itself (auto-capture, Swish): a {@code CAPTURE} event with
     * all the items. Sends no callback and publishes no webhook: the payment's, which follow, report it.
     *
     * @param tx the transaction
     * @return the event
     */
    ObjectNode captureAll(TransactionRecord tx) {
        long amount = tx.amount - tx.captured - tx.voided;
        OperationRules.Request request = new OperationRules.Request(OperationRules.Kind.CAPTURE, amount,
                tx.items().deepCopy(), null);
        ObjectNode event = tx.event("CAPTURE", tx.status, amount, clock.instant(), EMULATOR, Ids.uuid());
        describe(event, request);
        move(tx, request, amount, event);
        return event;
    }

    /**
     * Voids everything not captured, for a session cancel: a {@code VOID} event; the caller sends the callback and
     * publishes the webhook.
     *
     * @param tx the transaction, AUTHORIZED or INITIATED
     * @param createdBy the API client id
     * @return the event
     */
    ObjectNode voidRest(TransactionRecord tx, String createdBy) {
        long amount = tx.amount - tx.captured - tx.voided;
        ObjectNode event = tx.event("VOID", tx.status, amount, clock.instant(), createdBy, Ids.uuid());
        move(tx, new OperationRules.Request(OperationRules.Kind.VOID, amount, null, null), amount, event);
        return event;
    }

    private ObjectNode complete(TransactionRecord tx, OperationRules.Request request, long amount, String createdBy,
            String correlationId, String failMessage, String failCode) {
        Instant now = clock.instant();
        ObjectNode event = tx.event(request.kind().name(), tx.status, amount, now, createdBy, Ids.uuid());
        describe(event, request);
        if (correlationId != null) {
            event.put("correlation_request_id", correlationId);
        }
        if (failMessage != null) {
            TransactionRecord.failed(event, failCode, failMessage);
            LOG.info("{} of {} on transaction {} (account {}, session {}) failed: {}", request.kind(), amount, tx.id,
                    tx.account.accountId(), tx.sessionId, failMessage);
        } else {
            move(tx, request, amount, event);
            LOG.info("{} of {} on transaction {} (account {}, session {}) by {}: now {} (captured {}, refunded {}, "
                    + "voided {})", request.kind(), amount, tx.id, tx.account.accountId(), tx.sessionId, createdBy,
                    tx.status, tx.captured, tx.refunded, tx.voided);
        }
        SessionRecord session = sessions.get(tx.sessionId);
        CallbackPlanner.plan(session, tx.view(), session.view(), null, request.kind().name(),
                event.path("id").asText(), now).ifPresent(callbacks::schedule);
        TransactionWebhook.publish(hooks, tx);
        return event;
    }

    /** Moves the money of a successful operation and sets the event's and the transaction's status. */
    private void move(TransactionRecord tx, OperationRules.Request request, long amount, ObjectNode event) {
        GiftCards.Draw gift = tx.giftCard;
        long share = 0;
        String walletsTransactionId = gift == null ? null : gift.walletsTransactionId();
        switch (request.kind()) {
            case CAPTURE -> {
                spread(tx.lineCaptured, tx.lineAmounts, request, amount);
                tx.captured += amount;
                share = gift == null ? 0 : Math.min(amount, gift.amount() - tx.giftCaptured);
                tx.giftCaptured += share;
            }
            case REFUND -> {
                spread(tx.lineRefunded, tx.lineCaptured, request, amount);
                tx.refunded += amount;
                share = gift == null ? 0 : Math.min(amount, tx.giftCaptured - tx.giftRefunded);
                tx.giftRefunded += share;
                walletsTransactionId = Ids.uuid(); // a deposit back to the card
            }
            case VOID -> {
                tx.voided += amount;
                share = gift == null ? 0 : Math.max(0, gift.amount() - tx.giftCaptured);
            }
        }
        if (share > 0) {
            if (request.kind() != OperationRules.Kind.CAPTURE) {
                giftCards.credit(gift, share);
            }
            event.putArray("gift_cards").add(gift.view(share, walletsTransactionId));
        }
        tx.status = tx.moneyStatus();
        event.put("transaction_status", tx.status);
    }

    /**
     * Adds an operation's amounts to per-line totals: the items' amounts when sent, else the amount spread over the
     * lines in order, each up to what it has left ({@code limit} minus {@code into}).
     */
    private static void spread(Map<String, Long> into, Map<String, Long> limit, OperationRules.Request request,
            long amount) {
        if (request.items() != null) {
            for (JsonNode item : request.items()) {
                into.merge(item.path("line_id").asText(), item.path("amount").asLong(), Long::sum);
            }
            return;
        }
        long left = amount;
        for (Map.Entry<String, Long> line : limit.entrySet()) {
            long room = line.getValue() - into.getOrDefault(line.getKey(), 0L);
            long take = Math.min(Math.max(room, 0), left);
            if (take > 0) {
                into.merge(line.getKey(), take, Long::sum);
                left -= take;
            }
        }
    }

    private static void describe(ObjectNode event, OperationRules.Request request) {
        if (request.items() != null) {
            event.set("items", request.items().deepCopy());
        }
        if (request.reference() != null) {
            event.put("event_reference", request.reference());
        }
    }

    private static void reserve(TransactionRecord tx, OperationRules.Kind kind, long amount, int sign) {
        switch (kind) {
            case CAPTURE -> tx.pendingCapture += sign * amount;
            case REFUND -> tx.pendingRefund += sign * amount;
            case VOID -> tx.pendingVoid = sign > 0;
        }
    }

    private TransactionRecord known(String transactionId) {
        TransactionRecord tx = transactionId == null ? null : transactions.get(transactionId);
        if (tx == null) {
            throw new NoSuchElementException("transaction " + transactionId + " not found in emulator");
        }
        return tx;
    }
}
