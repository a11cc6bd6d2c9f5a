package org.tillpay.dintero.emulator.internal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /v1/accounts/{aid}/settlements} (API.md &sect;10.1, spec {@code aid_settlements_list}): newest payout
 * first ({@code settled_at} descending, then {@code id} descending), filtered by {@code created_at.gte}/{@code .lte}
 * (dates, inclusive, UTC), {@code payment_provider} (repeatable, any matches), {@code payout_destination_id} and
 * {@code search} (part of the settlement id, case-insensitive); paged with {@code limit} (1&ndash;1000, default 10) and
 * the cursor pair {@code starting_after_id} + {@code starting_after_date} (the {@code settled_at} of the last item
 * seen): the page holds the items after that position in this order. {@code last_evaluated_key}
 * {@code {id, account_id, settled_at}} names the last item returned when more items follow; it is absent otherwise.
 */
final class SettlementList {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 1000;

    /** The list's order: newest payout first, then by id, descending. */
    private static final Comparator<Settlements.Stored> ORDER = Comparator
            .comparing(Settlements.Stored::settledAt).thenComparing(Settlements.Stored::id).reversed();

    private SettlementList() {
    }

    /**
     * One page.
     *
     * @param own the account's settlements
     * @param accountId the account, for {@code last_evaluated_key}
     * @param query the decoded query parameters
     * @return {@code {"items":[...], "last_evaluated_key":{...}}}
     * @throws ApiException 400 for a malformed limit or date, or only one of the two cursors
     */
    static ObjectNode page(List<Settlements.Stored> own, String accountId, List<Map.Entry<String, String>> query) {
        int limit = QueryString.limit(query, DEFAULT_LIMIT, MAX_LIMIT);
        String afterId = QueryString.value(query, "starting_after_id");
        LocalDate afterDate = date(query, "starting_after_date");
        if ((afterId == null) != (afterDate == null)) {
            throw ApiException.badRequest("starting_after_id and starting_after_date must be used together");
        }
        LocalDate from = date(query, "created_at.gte");
        LocalDate to = date(query, "created_at.lte");
        List<String> providers = QueryString.values(query, "payment_provider");
        String destination = QueryString.value(query, "payout_destination_id");
        String search = QueryString.value(query, "search");
        List<Settlements.Stored> matching = own.stream().filter(s -> {
            LocalDate created = LocalDate.ofInstant(s.createdAt(), ZoneOffset.UTC);
            return (from == null || !created.isBefore(from)) && (to == null || !created.isAfter(to))
                    && (providers.isEmpty() || providers.contains(s.provider()))
                    && (destination == null || destination.equals(Json.text(s.item(), "payout_destination_id")))
                    && (search == null || s.id().toLowerCase(java.util.Locale.ROOT)
                            .contains(search.trim().toLowerCase(java.util.Locale.ROOT)))
                    && (afterId == null || after(s, afterDate, afterId));
        }).sorted(ORDER).toList();
        ObjectNode page = Json.object();
        ArrayNode items = page.putArray("items");
        matching.stream().limit(limit).forEach(s -> items.add(s.item().deepCopy()));
        if (matching.size() > limit) {
            Settlements.Stored last = matching.get(limit - 1);
            ObjectNode key = page.putObject("last_evaluated_key");
            key.put("id", last.id());
            key.put("account_id", accountId);
            key.put("settled_at", last.settledAt().toString());
        }
        return page;
    }

    /** Whether a settlement comes after the cursor position in {@link #ORDER}. */
    private static boolean after(Settlements.Stored s, LocalDate date, String id) {
        int byDate = s.settledAt().compareTo(date);
        return byDate < 0 || byDate == 0 && s.id().compareTo(id) < 0;
    }

    private static LocalDate date(List<Map.Entry<String, String>> query, String name) {
        String value = QueryString.value(query, name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be a date (yyyy-mm-dd), was " + value);
        }
    }
}
