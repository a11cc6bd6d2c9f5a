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
        int limit = QueryString.limit(query, DEFAULT_LIMIT, MAX_LIMIT);
        List<String> ids = QueryString.values(query, "id");
        List<String> sessionIds = QueryString.values(query, "session_id");
        List<String> statuses = QueryString.values(query, "status");
        List<String> types = QueryString.values(query, "payment_product_type");
        String reference = QueryString.value(query, "merchant_reference");
        String reference2 = QueryString.value(query, "merchant_reference_2");
        String startingAfter = QueryString.value(query, "starting_after");
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

    private static boolean matches(List<String> wanted, String value) {
        return wanted.isEmpty() || wanted.contains(value);
    }
}
