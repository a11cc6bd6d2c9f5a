package org.tillpay.dintero.emulator.internal;

import java.util.HashSet;
import java.util.Set;
import java.util.function.ToLongFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * The rules of {@code POST /v1/transactions/{id}/capture}, {@code /refund} and {@code /void} (API.md &sect;7.4 and
 * FLOWS (c)): request shape, and what the transaction's status and amounts allow. Shared by the HTTP API, the
 * completion of asynchronous operations and the back office.
 */
final class OperationRules {

    /** The three operations. */
    enum Kind {
        CAPTURE, REFUND, VOID;

        /** @return the event name of the accepted (asynchronous) operation, for example {@code INITIATE_CAPTURE} */
        String initiate() {
            return "INITIATE_" + name();
        }
    }

    /**
     * An operation as asked for.
     *
     * @param kind what
     * @param amount the amount asked for (0 for a void: the remainder is computed)
     * @param items the items sent, or null
     * @param reference {@code capture_reference} or {@code refund_reference}, or null
     */
    record Request(Kind kind, long amount, ArrayNode items, String reference) {
    }

    /** A rule violation: 400 over HTTP, {@link IllegalArgumentException} for the back office. */
    static final class Rejected extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Rejected(String message) {
            super(message);
        }
    }

    /** Payment types whose uncaptured remainder can be voided after a partial capture (spec, void operation). */
    static final Set<String> VOID_AFTER_PARTIAL_CAPTURE = Set.of("payex.creditcard", "payex.mobilepay", "payex.vipps",
            "payex.applepay", "payex.clicktopay", "payex.googlepay", "vipps", "klarna.klarna", "klarna.billie");

    private static final Set<String> CAPTURABLE = Set.of("AUTHORIZED", "PARTIALLY_CAPTURED",
            "PARTIALLY_CAPTURED_REFUNDED");
    private static final Set<String> REFUNDABLE = Set.of("CAPTURED", "PARTIALLY_CAPTURED", "PARTIALLY_REFUNDED",
            "PARTIALLY_CAPTURED_REFUNDED");

    private OperationRules() {
    }

    /**
     * Reads a request body (a void takes none; whatever is sent is ignored).
     *
     * @param kind the operation
     * @param body the raw body
     * @return the request
     * @throws ApiException 400 for a malformed body, a missing or non-positive amount, or malformed items
     */
    static Request parse(Kind kind, byte[] body) {
        if (kind == Kind.VOID) {
            return new Request(kind, 0, null, null);
        }
        if (body.length == 0) {
            throw ApiException.badRequest("amount is required");
        }
        JsonNode json = Json.parse(body);
        if (!json.isObject()) {
            throw ApiException.badRequest("request body must be a JSON object");
        }
        JsonNode amount = json.get("amount");
        if (amount == null || !amount.isIntegralNumber()) {
            throw ApiException.badRequest("amount is required and must be an integer (minor units)");
        }
        if (amount.asLong() <= 0) {
            throw ApiException.badRequest("amount must be positive, was " + amount.asLong());
        }
        JsonNode items = json.get("items");
        if (items != null && !items.isNull()) {
            if (!items.isArray()) {
                throw ApiException.badRequest("items must be an array");
            }
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                if (!item.isObject() || Json.text(item, "line_id") == null || !item.path("amount").isIntegralNumber()
                        || item.path("amount").asLong() < 0) {
                    throw ApiException.badRequest("items[" + i + "] needs a line_id and a non-negative integer amount");
                }
            }
        }
        String reference = Json.text(json, kind == Kind.CAPTURE ? "capture_reference" : "refund_reference");
        return new Request(kind, amount.asLong(), items == null || items.isNull() ? null : (ArrayNode) items.deepCopy(),
                reference);
    }

    /**
     * Checks an operation against the transaction, counting amounts reserved by pending asynchronous operations.
     *
     * @param tx the transaction
     * @param r the request
     * @return the amount the operation moves: the request's, or for a void the uncaptured remainder
     * @throws Rejected naming the rule broken
     */
    static long check(TransactionRecord tx, Request r) {
        if (tx.pendingVoid) {
            throw new Rejected("transaction " + tx.id + " has a void in progress");
        }
        return switch (r.kind()) {
            case CAPTURE -> checkCapture(tx, r);
            case REFUND -> checkRefund(tx, r);
            case VOID -> checkVoid(tx);
        };
    }

    private static long checkCapture(TransactionRecord tx, Request r) {
        if (!CAPTURABLE.contains(tx.status)) {
            throw new Rejected("transaction " + tx.id + " cannot be captured: its status is " + tx.status);
        }
        long remaining = tx.amount - tx.captured - tx.voided - tx.pendingCapture;
        if (r.amount() > remaining) {
            throw new Rejected("capture amount " + r.amount() + " exceeds the remaining authorized amount "
                    + remaining);
        }
        checkItems(tx, r, line -> tx.lineAmounts.get(line) - tx.lineCaptured.getOrDefault(line, 0L), "capture");
        if (tx.paymentProductType().startsWith("collector.")) {
            if (r.items() == null) {
                if (r.amount() != remaining) {
                    throw new Rejected("Walley (collector) captures must be whole item lines: send the items");
                }
            } else {
                for (JsonNode item : r.items()) {
                    String line = item.path("line_id").asText();
                    if (tx.lineCaptured.getOrDefault(line, 0L) > 0 || item.path("amount").asLong()
                            != tx.lineAmounts.get(line)) {
                        throw new Rejected("Walley (collector) captures must be whole item lines: line " + line
                                + " is " + tx.lineAmounts.get(line) + " and must be captured whole, once");
                    }
                }
            }
        }
        return r.amount();
    }

    private static long checkRefund(TransactionRecord tx, Request r) {
        if (!REFUNDABLE.contains(tx.status)) {
            throw new Rejected("transaction " + tx.id + " cannot be refunded: its status is " + tx.status);
        }
        long refundable = tx.captured - tx.refunded - tx.pendingRefund;
        if (r.amount() > refundable) {
            throw new Rejected("refund amount " + r.amount() + " exceeds the captured amount not yet refunded "
                    + refundable);
        }
        checkItems(tx, r, line -> tx.lineCaptured.getOrDefault(line, 0L) - tx.lineRefunded.getOrDefault(line, 0L),
                "refund");
        return r.amount();
    }

    private static long checkVoid(TransactionRecord tx) {
        if (tx.pendingCapture > 0 || tx.pendingRefund > 0) {
            throw new Rejected("transaction " + tx.id + " has an operation in progress; void it when it is done");
        }
        switch (tx.status) {
            case "AUTHORIZED":
                return tx.amount - tx.captured - tx.voided;
            case "PARTIALLY_CAPTURED":
                if (!VOID_AFTER_PARTIAL_CAPTURE.contains(tx.paymentProductType())) {
                    throw new Rejected("void after a partial capture is not supported for payment type "
                            + tx.paymentProductType() + "; only for " + VOID_AFTER_PARTIAL_CAPTURE.stream().sorted()
                            .toList());
                }
                return tx.amount - tx.captured - tx.voided;
            case "CAPTURED", "PARTIALLY_REFUNDED", "REFUNDED":
                throw new Rejected("transaction " + tx.id + " is " + tx.status
                        + ": it is captured in full, so it cannot be voided; refund instead");
            default:
                throw new Rejected("transaction " + tx.id + " cannot be voided: its status is " + tx.status);
        }
    }

    private static void checkItems(TransactionRecord tx, Request r, ToLongFunction<String> left, String what) {
        if (r.items() == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        long sum = 0;
        for (int i = 0; i < r.items().size(); i++) {
            JsonNode item = r.items().get(i);
            String line = item.path("line_id").asText();
            if (!tx.lineAmounts.containsKey(line)) {
                throw new Rejected("items[" + i + "].line_id " + line + " is not a line of transaction " + tx.id);
            }
            if (!seen.add(line)) {
                throw new Rejected("items[" + i + "].line_id " + line + " is given twice");
            }
            long amount = item.path("amount").asLong();
            if (amount > left.applyAsLong(line)) {
                throw new Rejected("items[" + i + "].amount " + amount + " exceeds what line " + line
                        + " has left to " + what + " (" + left.applyAsLong(line) + ")");
            }
            sum += amount;
        }
        if (sum != r.amount()) {
            throw new Rejected("the items' amounts sum to " + sum + ", not to amount " + r.amount());
        }
    }
}
