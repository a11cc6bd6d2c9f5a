package org.tillpay.dintero.emulator.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * {@code GET /v1/transactions} (API.md &sect;7.3): the caller's account's transactions, newest first, filtered by the
 * spec's parameters {@code id}, {@code session_id}, {@code status}, {@code payment_product_type} (each repeatable, any
 * value matches), {@code merchant_reference}, {@code merchant_reference_2}, paged with {@code limit} (1&ndash;100,
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
        int limit = limit(query);
        List<String> ids = values(query, "id");
        List<String> sessionIds = values(query, "session_id");
        List<String> statuses = values(query, "status");
        List<String> types = values(query, "payment_product_type");
        String reference = first(query, "merchant_reference");
        String reference2 = first(query, "merchant_reference_2");
        String startingAfter = first(query, "starting_after");
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
                    && (reference2 == null || reference2.equals(Json.text(tx.view(), "merchant_reference_2")))) {
                result.add(tx.view());
            }
        }
        return result;
    }

    private static int limit(List<Map.Entry<String, String>> query) {
        String value = first(query, "limit");
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ApiException.badRequest("limit must be an integer from 1 to " + MAX_LIMIT + ", was " + value);
    }

    private static boolean matches(List<String> wanted, String value) {
        return wanted.isEmpty() || wanted.contains(value);
    }

    private static List<String> values(List<Map.Entry<String, String>> query, String name) {
        return query.stream().filter(e -> e.getKey().equals(name)).map(Map.Entry::getValue).toList();
    }

    private static String first(List<Map.Entry<String, String>> query, String name) {
        List<String> values = values(query, name);
        return values.isEmpty() ? null : values.get(0);
    }
}
