package org.tillpay.dintero.emulator.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * {@code GET /v1/transactions} (API.md &sect;7.3): the caller's account's transactions, newest first, filtered by the
 * spec's parameters {@code id}, {@code session_id}, {@code status}, {@code payment_product_type} (each repeatable, any
 * value matches), {@code store_id} (repeatable), {@code merchant_reference}, {@code merchant_reference_2},
 * {@code captured_at.gte} and {@code refunded_at.gte} (a date or date-time: a successful CAPTURE or REFUND event at or
 * after it), paged with {@code limit} (1&ndash;100,
 * default 10) and {@code starting_after} (a transaction id: the ones after it in this order). Other filters of the
 * spec are accepted and ignored.
 */
final class TransactionList {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    private TransactionList() {
    }

    /**
     * Lists transactions.
     *
     * @param all every transaction, oldest first
     * @param accountId the caller's account
     * @param query the decoded query parameters
     * @return the transactions as {@code GET /v1/transactions/{id}} shows them
     * @throws ApiException 400 for a malformed {@code limit}
     */
    static ArrayNode list(Collection<TransactionRecord> all, String accountId, List<Map.Entry<String, String>> query) {
        int limit = QueryString.limit(query, DEFAULT_LIMIT, MAX_LIMIT);
        List<String> ids = QueryString.values(query, "id");
        List<String> sessionIds = QueryString.values(query, "session_id");
        List<String> statuses = QueryString.values(query, "status");
        List<String> types = QueryString.values(query, "payment_product_type");
        String reference = QueryString.value(query, "merchant_reference");
        String reference2 = QueryString.value(query, "merchant_reference_2");
        String startingAfter = QueryString.value(query, "starting_after");
        List<String> stores = QueryString.values(query, "store_id");
        Instant capturedFrom = instant(QueryString.value(query, "captured_at.gte"));
        Instant refundedFrom = instant(QueryString.value(query, "refunded_at.gte"));
        List<TransactionRecord> newestFirst = new ArrayList<>(all);
        java.util.Collections.reverse(newestFirst);
        ArrayNode result = Json.MAPPER.createArrayNode();
        boolean started = startingAfter == null;
        for (TransactionRecord tx : newestFirst) {
            if (!started) {
                started = tx.id.equals(startingAfter);
                continue;
            }
            if (result.size() >= limit) {
                break;
            }
            if (tx.account.accountId().equals(accountId) && matches(ids, tx.id) && matches(sessionIds, tx.sessionId)
                    && matches(statuses, tx.status) && matches(types, tx.paymentProductType())
                    && (reference == null || reference.equals(tx.merchantReference()))
                    && (reference2 == null || reference2.equals(Json.text(tx.view(), "merchant_reference_2")))
                    && matches(stores, tx.text("store", "id"))
                    && eventSince(tx, "CAPTURE", capturedFrom) && eventSince(tx, "REFUND", refundedFrom)) {
                result.add(tx.view());
            }
        }
        return result;
    }

    /** @return true without a bound, or when the transaction has a successful such event at or after it */
    private static boolean eventSince(TransactionRecord tx, String event, Instant from) {
        if (from == null) {
            return true;
        }
        for (JsonNode e : tx.view().path("events")) {
            if (event.equals(e.path("event").asText()) && e.path("success").asBoolean(true)
                    && !Instant.parse(e.path("created_at").asText()).isBefore(from)) {
                return true;
            }
        }
        return false;
    }

    /** @return the bound: a date (its start, UTC) or a date-time; null when absent */
    private static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("'" + value + "' is not a date or date-time");
        }
    }

    private static boolean matches(List<String> wanted, String value) {
        return wanted.isEmpty() || wanted.contains(value);
    }
}
